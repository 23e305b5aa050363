"""The converter on the two real 决算 PDFs, scored against the hand-read YAML.

Expected values are in tests/expected/originals/*.yaml, read by hand from the printed
pages (never from this converter). Precision must be 100%: every emitted fact equals a
statement the document prints for that key. Recall is asserted at what the converter
reaches today, so a change that loses a figure fails here. The PDFs are not in the
repository: every test skips when /work/shared/originals is absent.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from juesuan.disclosure import Disclosure
from juesuan.domain.check_status import CheckStatus
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


@pytest.mark.parametrize("pdf", [GHZY, SHGZB], ids=["ghzy", "shgzb"])
def test_every_contradiction_of_the_yaml_is_found(converted, pdf) -> None:
    s = converted[pdf.stem][1]
    assert s.missed_contradictions == []
    assert s.contradictions_found == s.contradictions_expected  # ghzy 4/4, shgzb 1/1


def _check(disclosure: Disclosure, check_id: str):
    return next(c for c in disclosure.checks if c.check_id == check_id)


def test_a_class_amount_differing_between_two_tables_fails_with_both_cells(converted) -> None:
    disclosure = converted[GHZY.stem][0]
    # 212 城乡社区支出, all funds: 3845.25 in the 收入支出决算总表, 3845.24 in the 支出决算表
    check = _check(disclosure, "functional.tables.212.all_funds")
    assert check.status == CheckStatus.FAIL
    assert [(t.key, str(t.value)) for t in check.terms] == [("212", "3845.25"), ("212", "3845.24")]
    assert "收入支出决算总表｜十一、城乡社区支出｜决算数｜3845.25" in check.terms[0].evidence
    assert "支出决算表｜212 城乡社区支出｜本年支出合计｜3845.24" in check.terms[1].evidence
    # 210 卫生健康支出: 236.63 in both 总表, 236.64 in both tables by class
    for scope in ("all_funds", "gpb"):
        check = _check(disclosure, f"functional.tables.210.{scope}")
        assert check.status == CheckStatus.FAIL
        assert sorted(str(t.value) for t in check.terms) == ["236.63", "236.64"]
    # 212 in 一般公共预算财政拨款: 3832.36 in both the 财政拨款总表 and the table by class
    assert _check(disclosure, "functional.tables.212.gpb").status == CheckStatus.PASS
    for code in ("208", "220", "221"):
        assert _check(disclosure, f"functional.tables.{code}.all_funds").status == CheckStatus.PASS


def test_no_class_amount_contradiction_in_shgzb(converted) -> None:
    disclosure = converted[SHGZB.stem][0]
    across = [c for c in disclosure.checks if c.check_id.startswith("functional.tables.")]
    assert len(across) == 8  # 201, 208, 210, 221 × all funds, 一般公共预算财政拨款
    assert {c.status for c in across} == {CheckStatus.PASS}


def test_a_completion_rate_of_a_zero_initial_budget_fails(converted) -> None:
    disclosure = converted[SHGZB.stem][0]
    # “年初预算为 0 万元，全年预算为321.02 万元，支出决算为 307.82 万元，完成年初预算的 95.89%”
    rates = [c for c in disclosure.checks if c.check_id.startswith("stated.budget_completion")]
    assert [c.status for c in rates] == [CheckStatus.FAIL]
    terms = {t.key or t.name: t for t in rates[0].terms}
    assert terms["fiscal.initial_budget"].value == 0
    assert terms["完成预算（%）"].value == Decimal("95.89")
    assert "年初预算为 0 万元" in terms["fiscal.initial_budget"].evidence
    assert "完成年初预算的 95.89%" in terms["fiscal.initial_budget"].evidence
