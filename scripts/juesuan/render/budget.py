"""Budget against actual: 年初预算 → 决算 and the execution rate, wherever the text pairs them.

A disclosure states its 年初预算 for 财政拨款 and for the 三公 total, and for many
functional items; the page puts each beside its 决算 with 决算/年初预算 (完成率), and
flags the items that ran furthest over and under their budget. Rates come from the
exact stated amounts, half-up to one decimal; a zero budget has no rate.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from juesuan.disclosure import Disclosure
from juesuan.domain.amounts import execution_rate, format_decimal
from juesuan.domain.key_figures import BUDGET_PAIRS
from juesuan.extract.expenditure_by_function import FunctionItem

OVER = "over"
UNDER = "under"
RUN_LABELS = {
    OVER: "▲ 超出年初预算最多 / largest over-run",
    UNDER: "▼ 低于年初预算最多 / largest under-run",
}


def rate_text(rate: Decimal | None) -> str:
    return "" if rate is None else f"{format_decimal(rate)}%"


def budget_figure_rows(d: Disclosure, anchors: dict[str, str]) -> list[dict[str, str]]:
    """年初预算 → 决算 (完成率) of each pair whose budget the text states; each amount links
    to the row of the page that shows its sentence (`anchors`: sentence → row)."""
    rows = []
    for pair in BUDGET_PAIRS:
        budget, actual = d.fact(pair.budget_key), d.fact(pair.actual_key)
        if budget is None:
            continue
        rate = execution_rate(budget.value, actual.value if actual else None)
        rows.append(
            {
                "label": pair.label_zh,
                "label_en": pair.label_en,
                "budget": format_decimal(budget.value),
                "actual": format_decimal(actual.value) if actual else "未读到",
                "rate": rate_text(rate) or "—",
                "budget_anchor": anchors.get(budget.evidence, ""),
                "actual_anchor": anchors.get(actual.evidence, "") if actual else "",
            }
        )
    return rows


@dataclass(frozen=True)
class Run:
    """An item's 决算 minus its 年初预算."""

    index: int  # position in d.expenditure_items
    item: FunctionItem
    difference: Decimal


def _runs(items: tuple[FunctionItem, ...]) -> list[Run]:
    return [
        Run(n, i, i.amount - i.initial_budget)
        for n, i in enumerate(items)
        if i.amount is not None and i.initial_budget is not None
    ]


def largest_runs(items: tuple[FunctionItem, ...]) -> dict[int, str]:
    """Index of the item furthest over its budget → OVER, furthest under → UNDER (by 万元)."""
    runs = _runs(items)
    flagged: dict[int, str] = {}
    over = max((r for r in runs if r.difference > 0), key=lambda r: r.difference, default=None)
    under = min((r for r in runs if r.difference < 0), key=lambda r: r.difference, default=None)
    if over is not None:
        flagged[over.index] = OVER
    if under is not None:
        flagged[under.index] = UNDER
    return flagged


def run_summary(items: tuple[FunctionItem, ...]) -> list[str]:
    """One sentence per flagged item: name, 年初预算 → 决算, difference and rate."""
    lines = []
    for index, kind in sorted(largest_runs(items).items(), key=lambda kv: kv[1]):
        i = items[index]
        assert i.amount is not None and i.initial_budget is not None
        name = " / ".join(n for n in i.names if n)
        difference = i.amount - i.initial_budget
        sign = "+" if difference > 0 else ""
        rate = rate_text(execution_rate(i.initial_budget, i.amount))
        lines.append(
            f"{RUN_LABELS[kind]}：{name}，年初预算 {format_decimal(i.initial_budget)} → 决算 "
            f"{format_decimal(i.amount)} 万元（{sign}{format_decimal(difference)} 万元"
            + (f"，完成率 {rate}" if rate else "")
            + "）"
        )
    return lines
