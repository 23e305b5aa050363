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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from juesuan.domain.amounts import budget_and_actual, budget_then_actual
from juesuan.domain.sangong import COMPONENTS, COUNTS, Phase
from juesuan.extract.facts import Fact, evidence_at
from juesuan.extract.label_rules import (
    COMPONENT_LABELS,
    CoreLabelSearch,
    component_after_non_han,
    matches_at_labels,
)
from juesuan.extract.sangong_lists import ListedAmount
from juesuan.extract.template_tables import sangong_cells
from juesuan.infra.by_fields import ByFields
from juesuan.read.tables import Table

_PAIRS = {
    c: re.compile(component_after_non_han(c) + budget_then_actual()) for c in COMPONENT_LABELS
}
# Where the total's label starts: before each 三公经费 (label_rules.CoreLabelSearch); its
# pattern is tried there only, since its optional first words defeat a literal scan.
_TOTAL_LABEL = CoreLabelSearch(
    re.compile(COMPONENT_LABELS["total"]),
    re.compile(r"三\s*公\s*[”\"]?\s*经\s*费"),
    len("一般公共预算财政拨款“"),
    '一财“"三',  # or a space: COMPONENT_LABELS["total"]'s first characters
)
_ABROAD_COUNTS = re.compile(
    r"团\s*组\s*(?P<a>\d+)\s*个\s*[，,、]?\s*(?:因\s*公\s*出\s*国\s*[（(]\s*境\s*[）)]|累\s*计|共)?"
    r"\s*(?P<b>\d+)\s*人\s*次"
)


@dataclass(frozen=True, slots=True)
class SangongRow(ByFields):
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


def _listed_budgets(text: str, listed: Iterable[ListedAmount]) -> Iterator[SangongRow]:
    """Budgets of the phased lists (their actuals are facts already)."""
    for x in listed:
        if x.phase == Phase.BUDGET:
            evidence = evidence_at(text, x.start, x.end)
            yield SangongRow(x.component, x.phase, x.value, "wan_yuan", evidence, x.start, x.end)


def _table_rows(tables: list[Table]) -> Iterator[SangongRow]:
    """Budget and actual per component as the 三公 table prints them."""
    for table in tables:
        for cell in sangong_cells(table):
            phase = Phase(cell.phase)
            evidence = (
                f"{table.code or ''} {table.title}｜{COMPONENTS[cell.component]}"
                f"｜{phase.label_zh}数｜{cell.cell.text}"
            ).strip()
            yield SangongRow(
                cell.component,
                phase,
                cell.value,
                "wan_yuan",
                evidence,
                cell.cell.start,
                cell.cell.end,
            )


def _sentence_pairs(text: str, sections_at) -> Iterator[SangongRow]:
    """预算数X，决算数Y sentences of each component, under a 三公 heading."""
    for component, pattern in _PAIRS.items():
        if component == "total":
            found = matches_at_labels(pattern, _TOTAL_LABEL, text, None)
        else:
            found = pattern.finditer(text)
        for m in found:
            if not _in_sangong_section(sections_at, m.start()):
                continue
            evidence = evidence_at(text, m.start(), m.end())
            for phase, value in zip(Phase, budget_and_actual(m), strict=True):
                if value is not None:
                    yield SangongRow(
                        component, phase, value, "wan_yuan", evidence, m.start(), m.end()
                    )


def _abroad_counts(text: str, sections_at) -> Iterator[SangongRow]:
    """Overseas groups and persons (团组N个、M人次), under a 三公 heading."""
    for m in _ABROAD_COUNTS.finditer(text):
        if _in_sangong_section(sections_at, m.start()):
            evidence = evidence_at(text, m.start(), m.end())
            for item, group in (("abroad_groups", "a"), ("abroad_persons", "b")):
                count = Decimal(m.group(group))
                unit = COUNTS[item][1]
                yield SangongRow(item, Phase.ACTUAL, count, unit, evidence, m.start(), m.end())


def _fact_rows(facts: tuple[Fact, ...]) -> Iterator[SangongRow]:
    """The 三公 facts already read (sangong.budget_total is the total's budget)."""
    for fact in facts:
        if not fact.key.startswith("sangong."):
            continue
        item = fact.key.removeprefix("sangong.")
        phase = Phase.BUDGET if item == "budget_total" else Phase.ACTUAL
        item = "total" if item == "budget_total" else item
        yield SangongRow(item, phase, fact.value, fact.unit, fact.evidence, fact.start, fact.end)


def sangong_rows(
    text: str,
    sections_at,
    facts: tuple[Fact, ...],
    tables: list[Table],
    listed: Iterable[ListedAmount] = (),
) -> list[SangongRow]:
    """Every 三公 budget, actual and count the text states, from every place the template
    states them; `listed` are the phased lists' amounts (sangong_lists)."""
    return _dedupe(
        [
            *_listed_budgets(text, listed),
            *_table_rows(tables),
            *_sentence_pairs(text, sections_at),
            *_abroad_counts(text, sections_at),
            *_fact_rows(facts),
        ]
    )


def _dedupe(rows: list[SangongRow]) -> list[SangongRow]:
    order = list(COMPONENTS) + list(COUNTS)
    kept: dict[tuple[str, Phase, Decimal], SangongRow] = {}
    for row in sorted(rows, key=lambda r: r.start):
        kept.setdefault((row.item, row.phase, row.value), row)
    per_slot: dict[tuple[str, Phase], int] = {}
    for item, phase, _ in kept:
        per_slot[(item, phase)] = per_slot.get((item, phase), 0) + 1
    out = [replace(r, conflict=per_slot[(r.item, r.phase)] > 1) for r in kept.values()]
    return sorted(out, key=lambda r: (order.index(r.item), r.phase, r.start))
