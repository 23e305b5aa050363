"""The “三公” expenses (sangong: overseas travel, official vehicles, official reception).

One home for their names: the table reader, the sentence readers, the checks, the
schema's enum and the pages all name the same components, and a printed variant
added here is understood everywhere.
"""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    """Which figure of a 三公 amount: the budget (预算数) or the actual (决算数); counts are
    actuals. The values are the published `phase` codes."""

    BUDGET = "budget"
    ACTUAL = "actual"

    @property
    def label_zh(self) -> str:
        return "预算" if self is Phase.BUDGET else "决算"


# Component code → the template's name (the published label).
COMPONENTS = {
    "total": "“三公”经费合计",
    "abroad": "因公出国（境）费",
    "vehicle": "公务用车购置及运行维护费",
    "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行维护费",
    "reception": "公务接待费",
}
# Count code → (the template's name, unit of the count).
COUNTS = {
    "abroad_groups": ("因公出国（境）团组", "count"),
    "abroad_persons": ("因公出国（境）人次", "person"),
    "vehicles_held": ("公务用车保有量", "vehicle"),
    "reception_batches": ("国内公务接待批次", "count"),
    "reception_persons": ("国内公务接待人次", "person"),
}
# The names departments print for each component besides the template's (plain strings;
# readers make them tolerant of spaces and bracket widths).
PRINTED_NAMES: dict[str, tuple[str, ...]] = {
    "abroad": (
        "因公出国（境）费",
        "因公出国(境)费",
        "因公出国（境）经费",
        "因公出国（境）",
        "因公出国(境)",
    ),
    "vehicle": ("公务用车购置及运行维护费", "公务用车购置及运行费", "公务用车购置和运行维护费"),
    "vehicle_purchase": ("公务用车购置费", "公务用车购置"),
    "vehicle_operation": (
        "公务用车运行维护费",
        "公务用车运行维护",
        "公务用车运行费",
        "公务用车运行",
    ),
    "reception": ("公务接待费",),
}
# A row label of the 三公 table (spaces removed) → component.
TABLE_ROW_NAMES = {
    "合计": "total",
    **{name: component for component, names in PRINTED_NAMES.items() for name in names},
}
