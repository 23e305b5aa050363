"""The controlled vocabulary of scalar facts: the portal's public data contract.

The vocabulary ships inside the package (``data/facts.csv``, a byte copy of the
project's spec) so that an installed ``juesuan`` needs nothing outside itself,
and every data package republishes it as its ``vocabulary`` resource.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Concept:
    """One fact a disclosure may state, e.g. ``revenue.grand_total`` (收入总计)."""

    key: str
    label_zh: str
    label_en: str
    unit: str
    notes: str


@dataclass(frozen=True)
class Unit:
    """A unit of measure; ``code`` is what the CSVs carry, ``zh`` what pages print."""

    code: str
    zh: str
    en: str


UNITS: dict[str, Unit] = {
    u.code: u
    for u in (
        Unit("wan_yuan", "万元", "10,000 yuan"),
        Unit("person", "人", "persons"),
        Unit("count", "个", "count"),
        Unit("vehicle", "辆", "vehicles"),
        Unit("square_metre", "平方米", "square metres"),
        Unit("unit", "台（套）", "units"),
        Unit("score", "分", "points"),
    )
}


# The parts the template sums into 本年收入合计 and 本年支出合计, in the template's order:
# the identities check them, stated shares are shares of their total, a chart shows them.
REVENUE_PARTS = (
    "revenue.fiscal_appropriation",
    "revenue.superior_subsidy",
    "revenue.public_service",
    "revenue.business",
    "revenue.affiliate_remittance",
    "revenue.other",
)
EXPENDITURE_PARTS = (
    "expenditure.basic",
    "expenditure.project",
    "expenditure.remit_superior",
    "expenditure.business",
    "expenditure.affiliate_subsidy",
)


def vocabulary_csv_text() -> str:
    """The vocabulary exactly as shipped, for republishing byte for byte."""
    return resources.files("juesuan").joinpath("data/facts.csv").read_text(encoding="utf-8")


@cache
def load_vocabulary() -> dict[str, Concept]:
    """Concepts by key, in the order of the spec (that order is the page order too)."""
    rows = csv.DictReader(vocabulary_csv_text().splitlines())
    concepts = {
        row["key"]: Concept(
            key=row["key"],
            label_zh=row["label_zh"],
            label_en=row["label_en"],
            unit=row["unit"],
            notes=row.get("notes") or "",
        )
        for row in rows
    }
    unknown = {c.unit for c in concepts.values()} - UNITS.keys()
    if unknown:
        raise ValueError(f"facts.csv uses units with no definition: {sorted(unknown)}")
    return concepts
