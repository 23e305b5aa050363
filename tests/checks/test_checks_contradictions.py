"""Two statements of one quantity that disagree: a class amount across two template tables,
and a completion rate stated against a budget of zero. Fragments in the template's
wordings, tables tab-separated as the seeds print them, through the whole convert stage."""

from __future__ import annotations

from decimal import Decimal

from fragments import fragment_disclosure
from juesuan.checks.across_tables import class_amount_checks
from juesuan.domain.check_status import CheckStatus
from juesuan.read.normalize import normalize_text
from juesuan.read.tables import find_tables

D = Decimal
HEAD = "某某县水利局2023年度部门决算\n第二部分 部门决算情况说明\n一、收入支出决算总体情况说明\n"
FIGURE = "2023年度收入总计165.70万元。\n"  # one figure of the template, so the text is a disclosure

# 公开01表 with 行次 columns; 公开03表 by class. 教育支出 agrees, 社会保障和就业支出 does not,
# 农林水支出 is printed in the 总表 only (the 支出决算表 has no row for it).
ALL_FUNDS = """收入支出决算总表
公开01表
单位：万元
收入\t\t\t支出\t\t
项目\t行次\t决算数\t项目\t行次\t决算数
一、一般公共预算财政拨款收入\t1\t165.70\t一、一般公共服务支出\t32\t
\t2\t\t五、教育支出\t36\t120.50
\t3\t\t八、社会保障和就业支出\t39\t30.20
\t4\t\t十二、农林水支出\t43\t15.00
本年收入合计\t27\t165.70\t本年支出合计\t58\t165.70
总计\t31\t165.70\t总计\t62\t165.70

支出决算表
公开03表
单位：万元
项目\t\t本年支出合计\t基本支出\t项目支出
功能分类科目编码\t科目名称\t\t\t
合计\t\t150.71\t110.71\t40.00
205\t教育支出\t120.50\t80.50\t40.00
20502\t普通教育\t120.50\t80.50\t40.00
208\t社会保障和就业支出\t30.21\t30.21\t
20805\t行政事业单位养老支出\t30.21\t30.21\t
"""

# 公开04表 without 行次: the 一般公共预算财政拨款 column is compared, never 合计 (which also
# holds 政府性基金). 城乡社区支出 agrees there; 卫生健康支出 does not.
GPB = """财政拨款收入支出决算总表
公开04表
单位：万元
收入\t\t支出\t\t\t
项目\t决算数\t项目\t合计\t一般公共预算财政拨款\t政府性基金预算财政拨款
一、一般公共预算财政拨款\t52.36\t九、卫生健康支出\t12.36\t12.36\t
二、政府性基金预算财政拨款\t10.00\t十一、城乡社区支出\t50.00\t40.00\t10.00
本年收入合计\t62.36\t本年支出合计\t62.36\t52.36\t10.00

一般公共预算财政拨款支出决算表
公开05表
单位：万元
项目\t\t合计\t基本支出\t项目支出
功能分类科目编码\t科目名称\t\t\t
210\t卫生健康支出\t12.35\t12.35\t0.00
21011\t行政事业单位医疗\t12.35\t12.35\t0.00
212\t城乡社区支出\t40.00\t0.00\t40.00
21208\t国有土地使用权出让收入安排的支出\t40.00\t0.00\t40.00
合计\t\t52.35\t12.35\t40.00
"""


def _checks(text: str) -> dict[str, object]:
    d = fragment_disclosure(HEAD + FIGURE + text)
    return {c.check_id: c for c in d.checks if c.check_id.startswith("functional.tables.")}


def test_a_class_with_two_amounts_in_the_all_funds_tables_fails_with_both_cells():
    found = _checks(ALL_FUNDS)
    assert found["functional.tables.205.all_funds"].status == CheckStatus.PASS
    check = found["functional.tables.208.all_funds"]
    assert check.status == CheckStatus.FAIL
    assert [(t.key, t.value) for t in check.terms] == [("208", D("30.20")), ("208", D("30.21"))]
    assert (
        check.terms[0].evidence
        == "公开01表 收入支出决算总表｜八、社会保障和就业支出｜决算数｜30.20"
    )
    assert (
        check.terms[1].evidence
        == "公开03表 支出决算表｜208 社会保障和就业支出｜本年支出合计｜30.21"
    )
    assert (check.expected, check.actual, check.tolerance) == (D("30.20"), D("30.21"), 0)
    assert "30.20" in check.note and "30.21" in check.note
    # printed in the 总表 only: nothing to compare, no check
    assert not [k for k in found if "农林水" in k or ".213." in k]


def test_the_gpb_column_of_the_fiscal_summary_is_compared_not_its_total():
    found = _checks(GPB)
    assert found["functional.tables.212.gpb"].status == CheckStatus.PASS  # 40.00 = 40.00
    check = found["functional.tables.210.gpb"]
    assert check.status == CheckStatus.FAIL
    assert sorted(t.value for t in check.terms) == [D("12.35"), D("12.36")]
    assert check.terms[0].evidence.endswith("九、卫生健康支出｜一般公共预算财政拨款｜12.36")
    # the all-funds pair is not stated here: no all-funds check
    assert not [k for k in found if k.endswith(".all_funds")]


def test_same_class_same_amount_in_both_tables_passes():
    same = ALL_FUNDS.replace("30.21", "30.20").replace("150.71", "150.70")
    found = _checks(same)
    assert {c.status for c in found.values()} == {CheckStatus.PASS}
    assert set(found) == {"functional.tables.205.all_funds", "functional.tables.208.all_funds"}


def test_amounts_printed_to_other_precisions_differ_by_rounding_only():
    # the 总表 in 元 (to the 元), the 支出决算表 in 万元 (to 0.01 万元)
    text = ALL_FUNDS.replace("单位：万元\n收入", "单位：元\n收入", 1)
    text = text.replace("\t120.50\n", "\t1204960\n").replace("\t30.20\n", "\t302140\n")
    found = {c.check_id: c for c in class_amount_checks(find_tables(normalize_text(text)))}
    assert found["functional.tables.205.all_funds"].status == CheckStatus.ROUNDING
    assert found["functional.tables.208.all_funds"].status == CheckStatus.ROUNDING
    text = text.replace("\t302140\n", "\t302200\n")  # 30.22 against 30.21
    found = {c.check_id: c for c in class_amount_checks(find_tables(normalize_text(text)))}
    assert found["functional.tables.208.all_funds"].status == CheckStatus.FAIL


def _rates(text: str) -> list:
    d = fragment_disclosure(HEAD + FIGURE + "（三）一般公共预算财政拨款支出决算具体情况\n" + text)
    return [c for c in d.checks if c.family == "budget_rates"]


def test_a_completion_rate_of_a_zero_initial_budget_fails_with_the_sentence():
    sentence = (
        "一般公共预算财政拨款支出年初预算为0万元，全年预算为50.00万元，"
        "支出决算为48.00万元，完成年初预算的96.00%。"
    )
    # Where no other kind of 财政拨款 exists, this 年初预算 is the fiscal.initial_budget.
    none_other = "本单位无政府性基金预算财政拨款收入，无国有资本经营预算财政拨款收入。\n"
    (check,) = _rates(
        sentence + "决算数小于预算数的主要原因：人员经费支出数小于预算数。\n" + none_other
    )
    assert check.status == CheckStatus.FAIL
    terms = {t.name: t for t in check.terms}
    budget = next(t for t in check.terms if t.value == 0)
    assert budget.key == "fiscal.initial_budget"
    assert budget.evidence == sentence
    assert terms["完成预算（%）"].value == D("96.00")
    assert terms["决算数"].value == D("48.00")
    assert terms["全年预算数"].value == D("50.00")  # kept beside it: 48.00 ÷ 50.00 = 96%
    assert check.expected == D("96.00") and check.actual is None


def test_a_completion_rate_of_its_own_zero_budget_fails():
    (check,) = _rates("公务接待费年初预算为0.00万元，支出决算为1.20万元，完成年初预算的100.00%。\n")
    assert check.status == CheckStatus.FAIL


def test_a_zero_budget_without_a_rate_is_no_contradiction():
    text = (
        "一般公共预算财政拨款支出年初预算为0万元，全年预算为50.00万元，支出决算为48.00万元。"
        "决算数小于预算数的主要原因：人员经费支出数小于预算数。\n"
    )
    d = fragment_disclosure(HEAD + FIGURE + "（三）一般公共预算财政拨款支出决算具体情况\n" + text)
    assert not [c for c in d.checks if c.status == CheckStatus.FAIL]


def test_the_initial_budget_is_the_base_of_a_rate_of_the_initial_budget():
    # 48.00 ÷ 40.00 = 120%: of the 年初预算, not of the 全年预算 printed next to the 决算
    (check,) = _rates(
        "一般公共预算财政拨款支出年初预算为40.00万元，全年预算为50.00万元，"
        "支出决算为48.00万元，完成年初预算的120.00%。\n"
    )
    assert check.status == CheckStatus.PASS
    assert [t.value for t in check.terms][:3] == [D("120.00"), D("40.00"), D("48.00")]
    # a zero budget and a zero actual printed as 0%: no difference, as before
    (check,) = _rates("公务接待费年初预算为0.00万元，支出决算为0.00万元，完成年初预算的0.00%。\n")
    assert check.status == CheckStatus.PASS
