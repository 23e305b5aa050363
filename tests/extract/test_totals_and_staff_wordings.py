"""Totals, income/expenditure parts, staff and divisions in wordings beside the template's.

Every fragment is invented (departments and figures); the wordings are those real pages
use: 总收入/总支出, 收、支总计X万元 with no verb, numbered items (2.上级补助收入…),
万 without 元, a thousands separator followed by a space, staff per kind of post.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from fragments import facts_of
from juesuan.convert import convert_path

REALWORLD = Path(__file__).resolve().parents[3] / "shared" / "realworld"


def test_total_revenue_and_expenditure_worded_as_zong():
    facts = facts_of(
        "(一)本中心2022年度总收入312.40万元，其中本年收入300.00万元，较上年增加5.00万元。\n"
        "1.一般公共预算财政拨款收入290.00万元，为市本级财政当年拨付的资金。\n"
        "2.上级补助收入10.00万元，为上级单位拨付的补助。\n"
        "3.上年结转和结余12.40万元，为以前年度结转的资金。\n"
        "(二)本中心2022年度总支出312.40万元，其中本年支出305.10万元。"
    )
    assert facts["revenue.grand_total"] == [Decimal("312.40")]
    assert facts["revenue.current_year"] == [Decimal("300.00")]
    assert facts["revenue.superior_subsidy"] == [Decimal("10.00")]
    assert facts["revenue.carryover_begin"] == [Decimal("12.40")]
    assert facts["expenditure.grand_total"] == [Decimal("312.40")]
    assert facts["expenditure.current_year"] == [Decimal("305.10")]
    # only the 一般公共预算 part of the appropriation is stated
    assert "revenue.fiscal_appropriation" not in facts


def test_a_project_total_in_a_performance_report_is_not_the_units():
    facts = facts_of("五、部门绩效评价情况\n2022年度总支出76.20万元，项目完成率100%。")
    assert "expenditure.grand_total" not in facts
    # 总支出 not after a year is a project's or a fund's as often as the unit's
    facts = facts_of("(三)其他情况\n该项目年初预算80.00万元，总支出76.20万元。")
    assert "expenditure.grand_total" not in facts


def test_wan_alone_and_spaced_numbers_in_numbered_items():
    facts = facts_of(
        "4.经营收入 0.00 万，为非独立核算经营活动取得的收入。\n"
        "5.其他收入 3.60 万元，为其他来源的收入。\n"
        "6.使用非财政拨款结余(含专用结余)0.00 万元，主要是弥补收支缺口的资金。"
    )
    assert facts["revenue.business"] == [Decimal("0.00")]
    assert facts["revenue.other"] == [Decimal("3.60")]
    assert facts["revenue.non_fiscal_balance_used"] == [Decimal("0.00")]


def test_wan_alone_before_a_word_is_not_a_money_unit():
    facts = facts_of("其他收入 3 万人次。")
    assert "revenue.other" not in facts


def test_balance_used_worded_with_special_balance():
    facts = facts_of("此外，使用非财政拨款结余和专用结余1.25万元，年初结转和结余4.00万元。")
    assert facts["revenue.non_fiscal_balance_used"] == [Decimal("1.25")]
    assert facts["revenue.carryover_begin"] == [Decimal("4.00")]


def test_one_shared_total_without_a_verb():
    facts = facts_of(
        "二、收入支出决算总体情况说明\n2021年度收、支总计2,405.30万元，比上年增加3.00万元。"
    )
    assert facts["revenue.grand_total"] == [Decimal("2405.30")]
    assert facts["expenditure.grand_total"] == [Decimal("2405.30")]


def test_one_shared_fiscal_total_without_a_verb_is_the_appropriations():
    facts = facts_of("2021年度财政拨款收、支总计980.00万元。")
    assert facts["fiscal.revenue_total"] == [Decimal("980.00")]
    assert facts["fiscal.expenditure_total"] == [Decimal("980.00")]
    assert "revenue.grand_total" not in facts
    assert "expenditure.grand_total" not in facts


def test_expenditure_total_after_an_appropriation_revenue_total_is_the_appropriations():
    facts = facts_of(
        "(一)收入支出决算总体情况说明 2022 年度收入总计 640.00 万元，支出总计 640.00 万元。\n"
        "(四)财政拨款收入支出决算总体情况说明 2022 年度财政拨款收入总计 600.50 万元，"
        "支出总计 598.00 万元，与上年相比增加 2.00 万元。"
    )
    assert facts["revenue.grand_total"] == [Decimal("640.00")]
    assert facts["expenditure.grand_total"] == [Decimal("640.00")]
    assert facts["fiscal.revenue_total"] == [Decimal("600.50")]
    assert facts["fiscal.expenditure_total"] == [Decimal("598.00")]


def test_expenditure_total_after_a_general_budget_revenue_total_is_nobodys():
    facts = facts_of("2022年度一般公共预算财政拨款收入总计55.00万元，支出总计54.00万元。")
    assert "expenditure.grand_total" not in facts
    assert "fiscal.expenditure_total" not in facts


def test_revenue_parts_after_bao_kuo_and_the_initial_budget():
    facts = facts_of(
        "本年收入合计 88.00 万元；包括财政拨款收入 80.00 万 元(其中,一般公共预算 80.00 万元)。\n"
        "财政拨款支出年初预算数 75.5 万元，完成年初预算的 105.96%。\n"
        "一般公共预算财政拨款支出年初预算数 70.0 万元。"
    )
    assert facts["revenue.fiscal_appropriation"] == [Decimal("80.00")]
    assert facts["fiscal.initial_budget"] == [Decimal("75.5")]


def test_amounts_in_yuan_with_and_without_separators_and_a_spaced_separator():
    facts = facts_of(
        "2023年度收入总计1,234,500.00元，支出总计1234500元。本年收入合计1, 100.40万元。"
    )
    assert facts["revenue.grand_total"] == [Decimal("123.45")]
    assert facts["expenditure.grand_total"] == [Decimal("123.45")]
    assert facts["revenue.current_year"] == [Decimal("1100.40")]


def test_a_spaced_pair_of_integers_is_not_one_number():
    facts = facts_of("实有人数1, 234人。")
    assert "staff.total" not in facts


def test_divisions_worded_as_set_and_departments():
    assert facts_of("本单位设3个内设机构，分别为办公室、财务科、业务科。")["org.divisions"] == [
        Decimal("3")
    ]
    assert facts_of("本馆内设4个部门，分别为甲部、乙部、丙部、丁部。")["org.divisions"] == [
        Decimal("4")
    ]
    assert "org.divisions" not in facts_of("本局下设4个部门，均为独立法人。")


def test_staff_of_one_kind_of_post_is_the_units():
    facts = facts_of("(二)人员构成情况\n事业编制45人，实有人数41人。")
    assert facts["staff.authorized"] == [Decimal("45")]
    assert facts["staff.total"] == [Decimal("41")]
    facts = facts_of("某某县水文站全额事业编制12名，领导职数2名，内设机构3个。")
    assert facts["staff.authorized"] == [Decimal("12")]
    assert facts["org.divisions"] == [Decimal("3")]


def test_staff_of_several_kinds_of_post_are_parts():
    facts = facts_of("行政编制20人，实有人数18人；事业编制9人，实有人数7人。")
    assert "staff.authorized" not in facts
    assert "staff.total" not in facts


def test_staff_of_several_kinds_where_only_one_is_not_zero():
    facts = facts_of("行政编制0人，实有人数0人；事业编制120人，实有人数111人，学生人数900人。")
    assert facts["staff.authorized"] == [Decimal("120")]
    assert facts["staff.total"] == [Decimal("111")]


def test_staff_kinds_after_a_stated_total_are_parts():
    facts = facts_of("核定编制30人，其中：行政编制20人，实有人数19人；事业编制10人。")
    assert facts["staff.authorized"] == [Decimal("30")]
    assert "staff.total" not in facts


def test_a_kind_of_post_beside_another_count_states_nothing():
    facts = facts_of("行政编制15人，实有人数14人。另有事业单位编制6人。")
    assert "staff.authorized" not in facts
    assert "staff.total" not in facts


@pytest.mark.skipif(not (REALWORLD / "gold").is_dir(), reason="../shared/realworld absent")
def test_no_real_world_total_or_staff_figure_is_wrong():
    keys = ("revenue.", "expenditure.", "fiscal.", "staff.", "org.")
    for gold_path in sorted((REALWORLD / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text("utf-8"))["facts"]
        try:
            d = convert_path(REALWORLD / "texts" / f"{gold_path.stem}.txt")
        except Exception:  # refused excerpts state none of these
            continue
        for f in d.facts:
            if f.key.startswith(keys) and f.key in gold:
                assert f.value == Decimal(str(gold[f.key])), (gold_path.stem, f.key, f.value)


def test_pair_of_totals_separated_by_a_list_mark():
    facts = facts_of("2023年度收、支总计各为100.50、98.20万元。")
    assert facts["revenue.grand_total"] == [Decimal("100.50")]
    assert facts["expenditure.grand_total"] == [Decimal("98.20")]
