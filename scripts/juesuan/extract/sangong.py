"""The “三公” expenses (sangong: overseas travel, official vehicles, official reception).

Budget and actual per component come from three places that the template
provides: the 三公 table (公开09表), the budget-vs-actual sentences
(…全年预算数X万元，决算数Y万元) and the actuals already read as facts. Counts
(vehicles held, overseas groups and persons, reception batches and persons)
come from the narrative. Two different values for one component and phase are
both kept and flagged, as for facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from juesuan.domain.amounts import budget_and_actual, budget_then_actual
from juesuan.domain.sangong import COMPONENTS, COUNTS, Phase
from juesuan.extract.facts import Fact, evidence_at
from juesuan.extract.label_rules import COMPONENT_LABELS
from juesuan.extract.sangong_lists import ListedAmount
from juesuan.extract.template_tables import sangong_cells
from juesuan.read.tables import Table

_PAIRS = {
    c: re.compile(r"(?<![\u4e00-\u9fff])" + label + budget_then_actual())
    for c, label in COMPONENT_LABELS.items()
}
_ABROAD_COUNTS = re.compile(
    r"团\s*组\s*(?P<a>\d+)\s*个\s*[，,、]?\s*(?:因\s*公\s*出\s*国\s*[（(]\s*境\s*[）)]|累\s*计|共)?"
    r"\s*(?P<b>\d+)\s*人\s*次"
)


@dataclass(frozen=True)
class SangongRow:
    item: str  # a component of COMPONENTS or a count of COUNTS
    phase: Phase  # counts: actual
    value: Decimal
    unit: str
    evidence: str
    start: int
    end: int
    conflict: bool = False


def _in_sangong_section(sections_at, offset: int) -> bool:
    return "三公" in sections_at(offset)


def sangong_rows(
    text: str,
    sections_at,
    facts: tuple[Fact, ...],
    tables: list[Table],
    listed: Iterable[ListedAmount] = (),
) -> list[SangongRow]:
    """`listed` are the phased lists' amounts (sangong_lists); their actuals are facts too."""
    rows: list[SangongRow] = [
        SangongRow(
            x.component,
            x.phase,
            x.value,
            "wan_yuan",
            evidence_at(text, x.start, x.end),
            x.start,
            x.end,
        )
        for x in listed
        if x.phase == Phase.BUDGET
    ]
    for table in tables:
        for cell in sangong_cells(table):
            rows.append(
                SangongRow(
                    cell.component,
                    Phase(cell.phase),
                    cell.value,
                    "wan_yuan",
                    f"{table.code or ''} {table.title}｜{COMPONENTS[cell.component]}"
                    f"｜{Phase(cell.phase).label_zh}数｜"
                    f"{cell.cell.text}".strip(),
                    cell.cell.start,
                    cell.cell.end,
                )
            )
    for component, pattern in _PAIRS.items():
        for m in pattern.finditer(text):
            if not _in_sangong_section(sections_at, m.start()):
                continue
            for phase, value in zip(Phase, budget_and_actual(m), strict=True):
                if value is not None:
                    rows.append(
                        SangongRow(
                            component,
                            phase,
                            value,
                            "wan_yuan",
                            evidence_at(text, m.start(), m.end()),
                            m.start(),
                            m.end(),
                        )
                    )
    for m in _ABROAD_COUNTS.finditer(text):
        if _in_sangong_section(sections_at, m.start()):
            for item, group in (("abroad_groups", "a"), ("abroad_persons", "b")):
                rows.append(
                    SangongRow(
                        item,
                        Phase.ACTUAL,
                        Decimal(m.group(group)),
                        COUNTS[item][1],
                        evidence_at(text, m.start(), m.end()),
                        m.start(),
                        m.end(),
                    )
                )
    for fact in facts:
        if not fact.key.startswith("sangong."):
            continue
        item = fact.key.removeprefix("sangong.")
        phase = Phase.BUDGET if item == "budget_total" else Phase.ACTUAL
        item = "total" if item == "budget_total" else item
        rows.append(
            SangongRow(item, phase, fact.value, fact.unit, fact.evidence, fact.start, fact.end)
        )
    return _dedupe(rows)


def _dedupe(rows: list[SangongRow]) -> list[SangongRow]:
    order = list(COMPONENTS) + list(COUNTS)
    kept: dict[tuple[str, Phase, Decimal], SangongRow] = {}
    for row in sorted(rows, key=lambda r: r.start):
        kept.setdefault((row.item, row.phase, row.value), row)
    per_slot: dict[tuple[str, Phase], int] = {}
    for item, phase, _ in kept:
        per_slot[(item, phase)] = per_slot.get((item, phase), 0) + 1
    out = [
        SangongRow(**{**r.__dict__, "conflict": per_slot[(r.item, r.phase)] > 1})
        for r in kept.values()
    ]
    return sorted(out, key=lambda r: (order.index(r.item), r.phase, r.start))
