"""The resources of a disclosure's data package, in the order they are published.

Together with the resources_*.py modules this is the data dictionary (see
fields.py): every column is declared once and becomes the Table Schema, the
page headers and the dictionary page.
"""

from __future__ import annotations

from juesuan.registry.checks import CHECKS
from juesuan.registry.completeness import COMPLETENESS
from juesuan.registry.expenditure import EXPENDITURE_BY_ECONOMIC, EXPENDITURE_BY_FUNCTION, SANGONG
from juesuan.registry.facts import FACTS, VOCABULARY
from juesuan.registry.fields import ResourceSpec
from juesuan.registry.performance import PERFORMANCE_INDICATORS, PERFORMANCE_PROJECTS

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
