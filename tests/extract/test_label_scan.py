"""Label rules run only where their label occurs: the same matches as a full scan.

`CompiledRule.finditer` tries a rule's pattern only at its label and at year ends
just before it (a speed-up); these tests compare it with the plain
`pattern.finditer` on every seed and on fragments that exercise each way a
match can start, so a start it failed to try would show as a missing match.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from fragments import facts_of
from juesuan.extract.label_rules import COMPILED_RULES, SANGONG_TOTAL, matches_at_labels, year_ends
from juesuan.extract.narrative import (
    _PAIR_LABEL_SEARCH,
    _PAIR_TOTAL,
    _SANGONG_BUDGET,
    _SHARED_TOTAL,
)
from juesuan.read.normalize import normalize_text
from juesuan.read.source import read_source

SOURCES = sorted((Path(__file__).resolve().parents[2] / "sources").glob("*.txt"))
FRAGMENTS = [
    # subject between year and label; 年度 after the digit
    "2024年区科协基本支出为124.88万元，2024年度区科协项目支出为3.00万元。",
    # labels overlapping each other (本年收入合计 / 收入合计), a phrase start before each
    "其中：本年收入合计10.00万元，收入合计9.00万元。本年收入8.00万元",
    # a label inside another (本年 收入合计 ⊃ 收入合计) that only the inner one can start
    "单位本年 收入合计10.00万元。",
    # label wrapped by a PDF line break, label starting with whitespace (“三公”)
    "2023 年度收入总\n\n计 12.50 万元。\n “三公”经费支出 5.00 万元；三公经费6.00万元",
    # a match ending right where the next could start
    "实有人数30人实有人数31人，在职人员20人退休人员5人",
    # 三公 budget and actual, with the optional words and a space before 三
    "。一般公共预算财政拨款“三公”经费支出全年预算数6.53万元，决算数6.53万元；"
    "\n 三公经费预算为2.60万元，决算为2.46万元",
    # the 三公 label's optional words, a quote and a run of spaces before its core; a 三 that
    # is no core; a core right after another
    "一般公共预算财政拨款“  \n 三公”经费12.00万元，财政拨款三三公经费1.00万元；"
    "一般公共预算\t“三 公”经费为2.00万元三公经费3.00万元",
    # the paired totals, with and without 财政拨款, wrapped, one inside the other's words
    "收、支总计均为741.64万元。财政拨款收、支总计各是10.00、9.00万元；财政拨\n款收支总计8.00万元",
    # labels stated back to back and one inside another's words
    "本年支出合计本年支出合计支出合计5万元；上缴上级支出上缴上级支出1万元；年初预算数年初预算数",
]


def _spans(compiled, text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in compiled.finditer(text, year_ends(text))]


def _scanned(compiled, text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in compiled.pattern.finditer(text)]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name[:3])
def test_label_scan_finds_what_a_full_scan_finds_on_the_seeds(path: Path):
    text = normalize_text(read_source(path).text)
    found = 0
    for compiled in COMPILED_RULES:
        assert _spans(compiled, text) == _scanned(compiled, text), compiled.rule.key
        found += len(_scanned(compiled, text))
    assert found > 20  # the seeds state many labelled figures


@pytest.mark.parametrize("text", FRAGMENTS)
def test_label_scan_finds_what_a_full_scan_finds_on_fragments(text: str):
    text = normalize_text(text)
    for compiled in COMPILED_RULES:
        assert _spans(compiled, text) == _scanned(compiled, text), compiled.rule.key


@pytest.mark.parametrize("text", [*FRAGMENTS, *(read_source(p).text for p in SOURCES)])
def test_sangong_budget_scan_finds_what_a_full_scan_finds(text: str):
    text = normalize_text(text)
    found = [m.span() for m in matches_at_labels(_SANGONG_BUDGET, SANGONG_TOTAL.label, text, None)]
    assert found == [m.span() for m in _SANGONG_BUDGET.finditer(text)]


def _every_start(pattern, text: str) -> list[int]:
    """Every offset the pattern matches at, by a search from each start found + 1."""
    out, found = [], pattern.search(text)
    while found:
        out.append(found.start())
        found = pattern.search(text, found.start() + 1)
    return out


@pytest.mark.parametrize("text", [*FRAGMENTS, *(read_source(p).text for p in SOURCES)])
def test_label_starts_are_every_offset_a_label_matches_at(text: str):
    text = normalize_text(text)
    for search in (*(c.label for c in COMPILED_RULES), _PAIR_LABEL_SEARCH):
        assert search.starts(text) == _every_start(search.pattern, text), search.pattern.pattern
    for search in (SANGONG_TOTAL.label, _PAIR_LABEL_SEARCH):
        if len(text) < 1000:  # the reference itself, offset by offset
            every = [p for p in range(len(text)) if search.pattern.match(text, p)]
            assert _every_start(search.pattern, text) == every


@pytest.mark.parametrize("text", [*FRAGMENTS, *(read_source(p).text for p in SOURCES)])
def test_paired_totals_scan_finds_what_a_full_scan_finds(text: str):
    text = normalize_text(text)
    for pattern in (_SHARED_TOTAL, _PAIR_TOTAL):
        found = [m.span() for m in matches_at_labels(pattern, _PAIR_LABEL_SEARCH, text, None)]
        assert found == [m.span() for m in pattern.finditer(text)]


def test_year_ends_are_where_a_subject_may_start():
    text = "2024年区科协，2023年度本单位，年度，12年"
    assert year_ends(text) == [5, 14, 15, 25]


def test_overlapping_labels_and_a_subject_after_the_year_are_read():
    facts = facts_of("2024年区科协基本支出为124.88万元。其中：本年收入合计10.00万元。")
    assert facts["expenditure.basic"] == [Decimal("124.88")]
    assert facts["revenue.current_year"] == [Decimal("10.00")]
