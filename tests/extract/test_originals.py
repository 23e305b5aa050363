"""The converter on the two real 决算 PDFs, scored against the hand-read YAML.

Expected values are in tests/expected/originals/*.yaml, read by hand from the printed
pages (never from this converter). Precision must be 100%: every emitted fact equals a
statement the document prints for that key. Recall is asserted at what the converter
reaches today, so a change that loses a figure fails here. The PDFs are not in the
repository: every test skips when /work/shared/originals is absent.
"""

from __future__ import annotations

import pytest

from juesuan.disclosure import Disclosure
from read.originals import ORIGINALS, Score, convert_pdf, score

GHZY = ORIGINALS / "juesuan_2024_putuo_ghzy_draft.pdf"
SHGZB = ORIGINALS / "juesuan_2024_putuo_shgzb_draft.pdf"
pytestmark = pytest.mark.skipif(not GHZY.exists(), reason="real originals absent")

# keys read correctly / keys the YAML lists (measured: ghzy 36/36, shgzb 24/24)
RECALL = {GHZY.stem: 36, SHGZB.stem: 24}


@pytest.fixture(scope="module")
def converted() -> dict[str, tuple[Disclosure, Score]]:
    out = {}
    for pdf in (GHZY, SHGZB):
        disclosure = convert_pdf(pdf)
        out[pdf.stem] = (disclosure, score(pdf, disclosure))
    return out


@pytest.mark.parametrize("pdf", [GHZY, SHGZB], ids=["ghzy", "shgzb"])
def test_every_fact_is_a_printed_statement(converted, pdf) -> None:
    s = converted[pdf.stem][1]
    assert s.wrong_facts == []
    assert s.unexpected_facts == []


@pytest.mark.parametrize("pdf", [GHZY, SHGZB], ids=["ghzy", "shgzb"])
def test_recall_of_fact_keys(converted, pdf) -> None:
    s = converted[pdf.stem][1]
    assert s.facts_correct >= RECALL[pdf.stem], s.missing_keys
    assert s.recall >= 0.95


@pytest.mark.parametrize("pdf", [GHZY, SHGZB], ids=["ghzy", "shgzb"])
def test_function_rows_of_the_gpb_table(converted, pdf) -> None:
    # code + 合计 + 基本支出 + 项目支出 of every row; a blank cell stays None (shgzb).
    s = converted[pdf.stem][1]
    assert s.wrong_items == []
    assert s.items_read == s.items_correct == s.items_expected


@pytest.mark.parametrize("pdf", [GHZY, SHGZB], ids=["ghzy", "shgzb"])
def test_basic_expenditure_table_both_halves(converted, pdf) -> None:
    disclosure, s = converted[pdf.stem]
    assert s.wrong_economic == []
    assert s.economic_read == s.economic_correct == s.economic_expected == 65
    categories = {r.code[:3]: r.category for r in disclosure.economic}
    personnel, public = "人员经费", "公用经费"
    assert categories == {"301": personnel, "303": personnel, "302": public, "310": public}


def test_sangong_table_budget_and_actual(converted) -> None:
    s = converted[GHZY.stem][1]
    assert s.wrong_sangong == []
    assert s.sangong_correct == s.sangong_expected == 17  # 6 components × 2 phases + 5 counts


def test_empty_sangong_grid_with_a_note_states_nothing(converted) -> None:
    # shgzb p14: the grid's value row is blank and a 说明 says there was no 三公 spending.
    disclosure = converted[SHGZB.stem][0]
    assert disclosure.sangong == ()
    assert not [f for f in disclosure.facts if f.key.startswith("sangong.")]


def test_contradictions_are_flagged(converted) -> None:
    disclosure, s = converted[GHZY.stem]
    conflicting = {f.key for f in disclosure.facts if f.conflict}
    assert {"gpb.basic", "gpb.personnel"} <= conflicting
    # 210 卫生健康支出: 236.63 in the prose, 236.64 in the table — a failed restatement check
    assert "gpb.basic" not in s.missed_contradictions
    assert "expenditure_by_function 210 卫生健康支出 (class amount)" not in s.missed_contradictions
    assert s.contradictions_found >= 3
