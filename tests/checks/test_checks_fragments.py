"""Each family of checks on small hand-written fragments: pass, rounding, fail, not_checkable.

Narrative fragments use the template's wording and go through the whole convert stage;
table-shaped inputs (classification rows, economic rows, self-evaluation tables) are
built directly, with the values a table would print.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from fragments import fragment_disclosure
from juesuan.checks.core import Meta as CheckMeta
from juesuan.checks.core import Term, amount_rounding, percent_check, share
from juesuan.checks.performance import performance_checks
from juesuan.checks.restated import restated_fact_checks
from juesuan.checks.sums import economic_checks, functional_checks, sangong_checks
from juesuan.domain.check_status import CheckStatus
from juesuan.extract.expenditure_by_economic import EconomicRow
from juesuan.extract.expenditure_by_function import FunctionItem
from juesuan.extract.narrative import Candidate
from juesuan.extract.performance.tables import PerformanceIndicator, PerformanceProject
from juesuan.extract.sangong import SangongRow

D = Decimal
HEAD = "某某县科学技术局2021年度部门决算\n第二部分 部门决算情况说明\n一、收入支出决算总体情况说明\n"
FIGURE = "2021年度收入总计100.00万元。\n"  # one figure of the template, so the text is a disclosure


def statuses(text: str) -> dict[str, str]:
    return {c.check_id: c.status for c in fragment_disclosure(HEAD + text).checks}


@pytest.mark.parametrize(
    ("carryover", "status"),
    [("10.00", "pass"), ("10.02", "rounding"), ("15.00", "fail")],
)
def test_total_identity(carryover, status):
    text = (
        "2021年度收入总计100.00万元，其中：本年收入合计90.00万元，"
        f"使用非财政拨款结余0.00万元，年初结转和结余{carryover}万元。\n"
    )
    assert statuses(text)["revenue.grand_total.parts"] == status


def test_total_identity_with_a_term_missing_is_not_checkable():
    text = "2021年度收入总计100.00万元，其中：本年收入合计90.00万元，年初结转和结余10.00万元。\n"
    d = fragment_disclosure(HEAD + text)
    check = next(c for c in d.checks if c.check_id == "revenue.grand_total.parts")
    assert check.status == CheckStatus.NOT_CHECKABLE and "使用非财政拨款结余" in check.note


@pytest.mark.parametrize(
    ("sme", "status"),
    [("14.06", "pass"), ("14.07", "rounding"), ("15.00", "fail")],
)
def test_procurement_bound(sme, status):
    text = (
        "（二）政府采购情况\n2021年度政府采购支出总额14.06万元，其中：政府采购货物支出7.10万元、"
        f"政府采购工程支出0.00万元、政府采购服务支出6.96万元。授予中小企业合同金额{sme}万元。\n"
    )
    found = statuses(text)
    assert found["procurement.sme.bound"] == status
    assert found["procurement.total.parts"] == "pass"
    assert found["procurement.small_micro.bound"] == "not_checkable"


@pytest.mark.parametrize(
    ("printed", "status"),
    [("75.00", "pass"), ("75.01", "rounding"), ("76.00", "fail")],
)
def test_stated_share(printed, status):
    text = (
        "三、支出决算情况说明\n本年支出200.00万元，其中：基本支出150.00万元，"
        f"占{printed}%；项目支出50.00万元，占25.00%。\n"
    )
    found = statuses(text)
    assert found["stated.share.L5"] == status
    assert found["stated.share.L5#2"] == "pass"


def test_share_of_an_unknown_base_is_not_checkable():
    text = FIGURE + "共涉及资金143.55万元，占一般公共预算项目支出总额的100.78%。\n"
    assert statuses(text)["stated.share.L5"] == "not_checkable"


@pytest.mark.parametrize(
    ("printed", "status"),
    [("2.54", "pass"), ("2.55", "rounding"), ("3.00", "fail")],
)
def test_stated_change(printed, status):
    text = f"机关运行经费支出22.23万元，比上年减少0.58万元，下降{printed}%，主要原因是：节约。\n"
    assert statuses(text)["stated.change.L4"] == status


def test_change_of_an_unnamed_amount_is_not_checkable():
    text = FIGURE + "其他事项与上年相比，增加5.00万元，增长10.00%。\n"
    assert statuses(text)["stated.change.L5"] == "not_checkable"


def test_change_refers_to_the_sentence_before():
    text = (
        "2021年度一般公共预算财政拨款支出58.64万元，占本年支出合计的99.47%。与上年相比，"
        "减少10.81万元，下降15.57%。\n"
    )
    assert statuses(text)["stated.change.L4"] == "pass"


@pytest.mark.parametrize(
    ("printed", "status"),
    [("-39.18", "pass"), ("-39.19", "rounding"), ("-40.00", "fail")],
)
def test_budget_deviation(printed, status):
    text = (
        FIGURE
        + f"年初预算数96.41万元，决算数58.64万元，预决算差异率{printed}%，主要原因是：压减。\n"
    )
    assert statuses(text)["stated.budget_deviation.L5"] == status


def test_zero_budget_rates():
    text = FIGURE + (
        "公务接待费全年预算数0.00万元，决算数0.00万元，预决算差异率0.00%。"
        "其他费用全年预算数0.00万元，决算数1.00万元，预决算差异率100.00%。\n"
    )
    found = statuses(text)
    assert found["stated.budget_deviation.L5"] == "pass"  # 0 of 0: no difference
    assert found["stated.budget_deviation.L5#2"] == "not_checkable"  # rate over a zero base


def _item(level, names, amount, code=None, **more):
    return FunctionItem(level, *names, code, "printed" if code else None, D(amount), **more)


def _gpb(value: str):
    from juesuan.extract.facts import Fact

    return [Fact("gpb.expenditure", D(value), "wan_yuan", "一般公共预算财政拨款支出", (), 0, 1)]


@pytest.mark.parametrize(
    ("total", "status"),
    [("606.93", "pass"), ("606.92", "rounding"), ("600.00", "fail")],
)
def test_items_sum_to_their_class(total, status):
    items = [
        _item("class", ("科学技术支出", None, None), total, share_pct=D("100.00")),
        _item("xiang", ("科学技术支出", "科学技术普及", "机构运行"), "359.88"),
        _item("xiang", ("科学技术支出", "科学技术普及", "科普活动"), "247.05"),
    ]
    found = {c.check_id: c.status for c in functional_checks(items, _gpb(total))}
    assert found["functional.narrative.科学技术支出.sum"] == status
    assert found["functional.narrative.classes.sum"] == "pass"


def test_class_sum_without_its_total_is_not_checkable():
    items = [_item("class", ("科学技术支出", None, None), "10.00")]
    found = {c.check_id: c.status for c in functional_checks(items, [])}
    assert found["functional.narrative.classes.sum"] == "not_checkable"


def test_table_item_basic_and_project_and_code_prefix():
    items = [
        _item(
            "class",
            ("科学技术支出", None, None),
            "538.43",
            "206",
            basic=D("398.98"),
            project=D("139.45"),
        ),
        _item("xiang", ("科学技术支出", "科学技术普及", "科普活动"), "98.80", "2060702"),
        FunctionItem(
            "xiang", "科学技术支出", "一般公共服务", "宗教事务", "2012345", "code_table", D("1")
        ),
    ]
    found = {c.check_id: c.status for c in functional_checks(items, [])}
    assert found["functional.table.206.basic_project"] == "pass"
    assert found["functional.code.2012345"] == "fail"


@pytest.mark.parametrize(
    ("head", "status"), [("36.30", "pass"), ("36.28", "rounding"), ("30.00", "fail")]
)
def test_economic_class_sums_its_lines(head, status):
    rows = [
        EconomicRow("302", "商品和服务支出", D(head), "公用经费", "302", 0, 1),
        EconomicRow("30201", "办公费", D("5.77"), "公用经费", "30201", 2, 3),
        EconomicRow("30299", "其他商品和服务支出", D("30.53"), "公用经费", "30299", 4, 5),
    ]
    found = {c.check_id: c.status for c in economic_checks(rows, [])}
    assert found["economic.302.sum"] == status
    assert found["economic.gpb.public_funds.sum"] == "not_checkable"  # 公用经费 not stated


def _sangong(item, phase, value, conflict=False):
    return SangongRow(item, phase, D(value), "wan_yuan", f"{item} {value}", 0, 1, conflict)


def test_sangong_sums_use_the_vehicle_parts_where_the_total_is_not_printed():
    rows = [
        _sangong("total", "budget", "6.53"),
        _sangong("abroad", "budget", "0.00"),
        _sangong("vehicle_purchase", "budget", "0.00"),
        _sangong("vehicle_operation", "budget", "6.53"),
        _sangong("reception", "budget", "0.00"),
        _sangong("total", "actual", "6.53"),
        _sangong("abroad", "actual", "1.00"),
        _sangong("vehicle", "actual", "6.53"),
        _sangong("reception", "actual", "0.00"),
        _sangong("vehicle_purchase", "actual", "0.00"),
        _sangong("vehicle_operation", "actual", "6.53"),
        _sangong("vehicle_operation", "actual", "6.50"),
    ]
    found = {c.check_id: c.status for c in sangong_checks(rows)}
    assert found["sangong.budget.total.parts"] == "pass"
    assert found["sangong.actual.total.parts"] == "fail"
    assert found["sangong.actual.vehicle.parts"] == "not_checkable"  # two 运行维护费 values


def test_narrative_against_table():
    narrative = [Candidate("gpb.public_funds", D("36.70"), "wan_yuan", 0, 5)]
    same = [Candidate("gpb.public_funds", D("36.70"), "wan_yuan", 9, 12, "表｜公用经费｜36.70")]
    other = [Candidate("gpb.public_funds", D("4.13"), "wan_yuan", 9, 12, "表｜公用经费｜4.13")]
    text = "公用经费36.70万元。表"
    assert restated_fact_checks(text, narrative, same)[0].status == CheckStatus.PASS
    check = restated_fact_checks(text, narrative, other)[0]
    assert (check.status, check.expected, check.actual) == ("fail", D("4.13"), D("36.70"))
    assert restated_fact_checks(text, narrative, []) == []  # stated once: nothing to compare


def _project(score, rate="100.00", funds_score="10"):
    return PerformanceProject(
        "P01",
        "project",
        "项目",
        None,
        None,
        D("10"),
        D("21.51"),
        D("21.51"),
        D(rate),
        None if score is None else D(score),
        None,
        None,
        "自评表",
        0,
        1,
        funds_weight=D("10"),
        funds_score=D(funds_score),
    )


def _indicator(row, weight, score):
    return PerformanceIndicator(
        "P01",
        row,
        "产出指标",
        "数量指标",
        f"指标{row}",
        D(weight),
        None,
        None,
        None,
        D(score),
        None,
        None,
        0,
        1,
    )


@pytest.mark.parametrize(
    ("score", "status"),
    [("99.14", "pass"), ("99.15", "rounding"), ("98.00", "fail"), (None, "not_checkable")],
)
def test_project_score_is_the_sum_of_its_parts(score, status):
    indicators = [_indicator(1, "50", "49.14"), _indicator(2, "40", "40")]
    found = {c.check_id: c.status for c in performance_checks([_project(score)], indicators)}
    assert found["performance.P01.score"] == status
    assert found["performance.P01.execution_rate"] == "pass"


def test_project_score_with_rows_missing_is_not_checkable():
    indicators = [_indicator(1, "50", "49.14")]  # weights 50 + 10 ≠ 100: a row was not read
    found = {c.check_id: c.status for c in performance_checks([_project("99.14")], indicators)}
    assert found["performance.P01.score"] == "not_checkable"


@pytest.mark.parametrize(
    ("rate", "status"), [("88.67", "pass"), ("88.70", "rounding"), ("95", "fail")]
)
def test_execution_rate(rate, status):
    project = PerformanceProject(
        "P06",
        "project",
        "项目",
        None,
        None,
        None,
        D("30"),
        D("26.6"),
        D(rate),
        None,
        None,
        None,
        "汇总表",
        0,
        1,
    )
    assert performance_checks([project], [])[0].status == status


def test_rounding_rule():
    assert amount_rounding(D("58.95")) == D("0.01")
    assert amount_rounding(D("97.6")) == D("0.05")
    assert amount_rounding(D("30")) == D("0.5")
    meta = CheckMeta("x", "shares", "x", "x")
    stated = Term("占比", D("0.005"), "占0.005%")
    parts = (Term("其他收入", D("0.38"), "0.38"), Term("本年收入", D("7851.22"), "7,851.22"))
    assert percent_check(meta, stated, parts, share).status == CheckStatus.PASS  # 0.00484 → 0.005
