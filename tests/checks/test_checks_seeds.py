"""Check outcomes on the seeds, each confirmed by reading the source text (line numbers below).

Every check that does not pass as printed is listed here with what the text prints;
a new fail or rounding on a seed — or one of these disappearing — fails the suite.
"""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from conftest import SEEDS
from juesuan.convert import convert_path
from juesuan.domain.check_status import CheckStatus

D = Decimal

# seed → check_id → (status, expected, actual), read from the text:
NOT_PASSING = {
    # 000 l.32 科学技术支出(类)606.92; items l.35-38 3.50+359.88+79.00+164.55 = 606.93;
    # with 其他支出 3.64 (l.39) the items give 610.57 vs 一般公共预算财政拨款支出 610.56 (l.30).
    "000": {
        "functional.narrative.科学技术支出.sum": ("rounding", D("606.92"), D("606.93")),
        "functional.narrative.items.sum": ("rounding", D("610.56"), D("610.57")),
    },
    # 001 l.34 支出总计8,065.31 vs 7,890.98+0.00+174.32 = 8,065.30; l.59-60 基本支出528.33 vs
    # 人员经费487.18 + 公用经费41.16 = 528.34; l.47-48 classes 7,828.53+22.32 = 7,850.85 and
    # items l.50-57 sum to 7,850.85, vs 一般公共预算财政拨款支出 7,850.84 (l.45).
    "001": {
        "expenditure.grand_total.parts": ("rounding", D("8065.31"), D("8065.30")),
        "gpb.basic.parts": ("rounding", D("528.33"), D("528.34")),
        "functional.narrative.classes.sum": ("rounding", D("7850.84"), D("7850.85")),
        "functional.narrative.items.sum": ("rounding", D("7850.84"), D("7850.85")),
    },
    "002": {},
    # 003 公开05表 l.259-263: 210 卫生健康支出 31.83 vs 6.97+9.32+15.53 = 31.82, so the 项 rows
    # sum to 741.63 vs 741.64; 公开06表 l.279-305: 301 433.53 vs its 款 433.52, 302 36.28 vs 36.30.
    "003": {
        "functional.table.21011.sum": ("rounding", D("31.83"), D("31.82")),
        "functional.table.items.sum": ("rounding", D("741.64"), D("741.63")),
        "economic.301.sum": ("rounding", D("433.53"), D("433.52")),
        "economic.302.sum": ("rounding", D("36.28"), D("36.30")),
    },
    # 004 基础数据表 l.22-25 其中：公用经费 2024年决算数 4.13;
    # narrative l.358/363 公用经费36.70万元.
    "004": {"restated.gpb.public_funds": ("fail", D("4.13"), D("36.70"))},
}


@pytest.fixture(scope="module")
def checks():
    return {
        seed: {c.check_id: c for c in convert_path(path).checks} for seed, path in SEEDS.items()
    }


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_only_the_confirmed_checks_fail_or_round(checks, seed):
    found = {
        check_id: (c.status, c.expected, c.actual)
        for check_id, c in checks[seed].items()
        if c.status in (CheckStatus.FAIL, CheckStatus.ROUNDING)
    }
    assert found == NOT_PASSING[seed]


def test_rounding_difference_is_reported_with_its_sign(checks):
    basic = checks["001"]["gpb.basic.parts"]
    assert basic.difference == D("0.01") and basic.tolerance == D("0.03")
    names = [t.name for t in basic.terms]
    assert names == ["一般公共预算财政拨款基本支出", "人员经费", "公用经费"]
    assert "人员经费487.18万元" in basic.terms[1].evidence.replace(" ", "")


def test_a_contradicted_term_is_not_checkable_never_pass(checks):
    # 004: 公用经费 4.13 (table) and 36.70 (narrative) — 基本支出 = 人员 + 公用 cannot be checked.
    basic = checks["004"]["gpb.basic.parts"]
    assert basic.status == CheckStatus.NOT_CHECKABLE and basic.actual is None
    assert "数值冲突" in next(t.evidence for t in basic.terms if t.key == "gpb.public_funds")


def test_stated_shares_and_changes_are_checked(checks):
    # 000 l.24: 基本支出363.51万元，占57.44% of 本年支出632.84 → 57.441 → pass.
    share = checks["000"]["stated.share.L24"]
    assert (share.status, share.expected) == ("pass", D("57.44"))
    assert [t.value for t in share.terms] == [D("57.44"), D("363.51"), D("632.84")]
    # 002 l.75-77: 收入支出总体 减少14.45万元，下降19.69% against 收入总计 58.95 (l.65).
    change = checks["002"]["stated.change.L77"]
    assert (change.status, change.expected) == ("pass", D("-19.69"))
    # 003 l.366: 收、支总计各减少70.14万元，下降8.64% (741.64 this year).
    assert checks["003"]["stated.change.L366"].status == CheckStatus.PASS
    # 001 l.42: 年初预算数544.67万元，决算数7,850.84万元，预决算差异率1341.39%.
    assert checks["001"]["stated.budget_deviation.L42"].status == CheckStatus.PASS
    # 003 l.452: “三公”经费支出预算为2.60万元，支出决算为2.46万元，完成预算的94.62%.
    assert checks["003"]["stated.budget_completion.L452"].status == CheckStatus.PASS


def test_a_new_item_has_no_growth_rate(checks):
    # 001 l.53: 科技人才队伍建设 378.00, 比上年决算增加378.00万元，增长100.00% — last year 0.
    change = checks["001"]["functional.科学技术支出/基础研究/科技人才队伍建设.change"]
    assert change.status == CheckStatus.NOT_CHECKABLE


def test_narrative_and_table_agree_on_003(checks):
    # 003 states most values twice: 公开05表 l.259 and narrative l.428 give 行政单位医疗 6.97.
    assert checks["003"]["restated.functional.2101101"].status == CheckStatus.PASS
    assert checks["003"]["restated.gpb.personnel"].status == CheckStatus.PASS


def test_performance_scores_and_rates(checks):
    # 001 P01: 总分 99.14 = 资金 10 + indicators 89.14; 执行率 100.00% of 21.51.
    assert checks["001"]["performance.P01.score"].status == CheckStatus.PASS
    assert checks["001"]["performance.P01.execution_rate"].status == CheckStatus.PASS
    # 003 汇总表 l.579: 全年预算数 30, 执行数 26.6, 执行率 88.67%.
    assert checks["003"]["performance.P06.execution_rate"].status == CheckStatus.PASS
    # 000 整体支出绩效自评表 has no 总分 row.
    assert checks["000"]["performance.overall.score"].status == CheckStatus.NOT_CHECKABLE


def test_terms_are_json_with_evidence(checks):
    from juesuan.package.rows import rows as spec_rows
    from juesuan.registry.checks import CHECKS

    rows = spec_rows(CHECKS, tuple(checks["000"].values()))
    for row in rows:
        terms = json.loads(row["terms"])
        assert terms and all({"name", "key", "value", "evidence"} <= set(t) for t in terms)
