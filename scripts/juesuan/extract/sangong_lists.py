"""“三公” budget and actual stated as lists: “三公”经费预算支出：因公出国（境）费支出0万元，….

Performance self-evaluations often write the three components as one list per
phase and year rather than as the template's budget-vs-actual sentences:
"2024年度“三公”经费预算支出：…。“三公”经费决算支出：…。2023年度“三公”经费决算支出：…".
The phase (预算/决算) and year are stated once, at the head of the list, and a
list without a year continues the year of the list before it on the same line.
A list is only read when its year is the disclosure's fiscal year (or no year is
named anywhere on the line); last year's list is never read as this year's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from juesuan.domain.amounts import MONEY_UNIT, NUMBER, parse_number, to_wan_yuan
from juesuan.domain.sangong import Phase
from juesuan.extract.label_rules import COMPONENT_LABELS
from juesuan.extract.narrative import Candidate

_HEAD = re.compile(
    r"(?P<prior>上\s*年\s*度?|去\s*年\s*度?|同\s*期)?\s*(?:(?P<year>\d{4})\s*年\s*度?)?\s*"
    r"[“\"”]?\s*三\s*公\s*[”\"“]?\s*经\s*费\s*(?:支\s*出\s*)?(?P<phase>预\s*算|决\s*算)\s*"
    r"(?:数\s*)?(?:支\s*出\s*)?(?:情\s*况\s*)?[：:]"
)
# What may stand before the 三 of a list head: year, 上年度/同期, quotes, spaces.
_HEAD_LEAD = re.compile(r'[上去同年度期\d\s“"”]')
_ITEM = {
    component: re.compile(
        rf"(?<![\u4e00-\u9fff]){label}\s*(?:支\s*出)?\s*(?:为|是)?\s*(?P<a>{NUMBER})\s*"
        rf"(?P<unit>{MONEY_UNIT})"
    )
    for component, label in COMPONENT_LABELS.items()
    if component != "total"
}


@dataclass(frozen=True)
class ListedAmount:
    """One component's amount read from a phased list, with the list's phase."""

    component: str  # a key of sangong.COMPONENTS
    phase: Phase
    value: Decimal
    start: int
    end: int


def _list_end(text: str, start: int, next_head: int | None) -> int:
    stop = text.find("。", start)
    stop = len(text) if stop == -1 else stop
    line_end = text.find("\n", start)
    if line_end != -1:
        stop = min(stop, line_end)
    return stop if next_head is None else min(stop, next_head)


def list_heads(text: str) -> list[re.Match[str]]:
    """`_HEAD.finditer(text)`, tried only before each 三.

    Its optional lead (year, 上年度, quotes, spaces) makes the regex engine try every
    offset of the text (~3 ms); a head starts in the run of lead characters right
    before the first 三 at or after its start, so only that run is tried.
    """
    heads: list[re.Match[str]] = []
    done = 0
    while (san := text.find("三", done)) != -1:
        lead = san
        while lead > done and _HEAD_LEAD.match(text, lead - 1):
            lead -= 1
        head = next(filter(None, (_HEAD.match(text, at) for at in range(lead, san + 1))), None)
        if head is not None:
            heads.append(head)
        done = head.end() if head is not None else san + 1
    return heads


def listed_amounts(text: str, fiscal_year: int | None) -> list[ListedAmount]:
    """Every component amount of a phased list that is about `fiscal_year`."""
    heads = list_heads(text)
    out: list[ListedAmount] = []
    year_on_line: dict[int, int] = {}
    for i, head in enumerate(heads):
        line = text.rfind("\n", 0, head.start()) + 1
        if head.group("year"):
            year_on_line[line] = int(head.group("year"))
        year = int(head.group("year")) if head.group("year") else year_on_line.get(line)
        if head.group("prior") or (year is not None and year != fiscal_year):
            continue
        phase = Phase.BUDGET if "预" in head.group("phase") else Phase.ACTUAL
        following = heads[i + 1].start() if i + 1 < len(heads) else None
        end = _list_end(text, head.end(), following)
        for component, pattern in _ITEM.items():
            found = list(pattern.finditer(text, head.end(), end))
            if len(found) != 1:  # absent, or stated twice in one list: not readable
                continue
            m = found[0]
            value = parse_number(m.group("a"))
            if value is not None:
                out.append(
                    ListedAmount(
                        component, phase, to_wan_yuan(value, m.group("unit")), m.start(), m.end()
                    )
                )
    return out


def actual_candidates(listed: list[ListedAmount]) -> list[Candidate]:
    """The actuals as facts of the vocabulary (sangong.abroad, …)."""
    return [
        Candidate(f"sangong.{x.component}", x.value, "wan_yuan", x.start, x.end)
        for x in listed
        if x.phase == Phase.ACTUAL
    ]
