"""The resources of a disclosure's data package, in the order they are published.

Together with the resources_*.py modules this is the data dictionary (see
fields.py): every column is declared once and becomes the Table Schema, the
page headers and the dictionary page.
"""

from __future__ import annotations

from .fields import ResourceSpec
from .resources_checks import CHECKS
from .resources_completeness import COMPLETENESS
from .resources_expenditure import EXPENDITURE_BY_ECONOMIC, EXPENDITURE_BY_FUNCTION, SANGONG
from .resources_facts import FACTS, VOCABULARY
from .resources_performance import PERFORMANCE_INDICATORS, PERFORMANCE_PROJECTS

RESOURCES: tuple[ResourceSpec, ...] = (
    FACTS,
    EXPENDITURE_BY_FUNCTION,
    EXPENDITURE_BY_ECONOMIC,
    SANGONG,
    PERFORMANCE_PROJECTS,
    PERFORMANCE_INDICATORS,
    COMPLETENESS,
    CHECKS,
    VOCABULARY,
)
