"""The fact reader on fragments in wordings and layouts the seeds do not use."""

from __future__ import annotations

from decimal import Decimal

from fragments import facts_of
from juesuan.extract.facts import extract_facts
from juesuan.read.normalize import normalize_text
from juesuan.read.sections import SectionIndex, find_sections


def test_shared_total_wording():
    facts = facts_of("一、收入支出决算总体情况说明\n2023年度收、支总计均为1,234.56万元。")
    assert facts["revenue.grand_total"] == [Decimal("1234.56")]
    assert facts["expenditure.grand_total"] == [Decimal("1234.56")]


def test_pair_total_wording():
    facts = facts_of("2022年度收、支总计各是300.50,290.25万元。")
    assert facts["revenue.grand_total"] == [Decimal("300.50")]
    assert facts["expenditure.grand_total"] == [Decimal("290.25")]


def test_pdf_wrap_inside_label_and_unit():
    text = (
        "2023 年度收入总\n\n计 12.50 万元，其中：本年收入合计\n\n10.00 万\n元，"
        "使用非财政拨款结余 0.00 万元，"
        "年初结转和结\n\n余 2.50 万元。"
    )
    facts = facts_of(text)
    assert facts["revenue.grand_total"] == [Decimal("12.50")]
    assert facts["revenue.current_year"] == [Decimal("10.00")]
    assert facts["revenue.carryover_begin"] == [Decimal("2.50")]


def test_amounts_in_yuan_and_fullwidth_digits_are_converted_to_wan_yuan():
    facts = facts_of("本年支出合计１２３，４５６元，其中：基本支出１２３４５６元。")
    # full-width comma is not a thousands separator we accept: the first amount stays unread
    assert "expenditure.current_year" not in facts
    assert facts["expenditure.basic"] == [Decimal("12.3456")]


def test_amounts_in_yi_yuan():
    facts = facts_of("2024年度支出总计1.5亿元。")
    assert facts["expenditure.grand_total"] == [Decimal("15000")]


def test_labels_inside_longer_labels_are_not_read():
    text = (
        "2024年度财政拨款收入总计610.56万元，其中：年初财政拨款结转和结余0.00万元，"
        "本年财政拨款收入610.56万元。一般公共预算财政拨款基本支出363.51万元。"
        "与上年相比，上年收入总计500.00万元。"
    )
    facts = facts_of(text)
    assert "revenue.grand_total" not in facts
    assert "revenue.fiscal_appropriation" not in facts
    assert "expenditure.basic" not in facts
    assert "revenue.carryover_begin" not in facts


def test_two_values_for_one_key_are_both_kept_and_flagged():
    text = normalize_text("本年支出合计100.00万元。\n表中：本年支出合计：100.50万元。")
    facts = extract_facts(text, SectionIndex(find_sections(text)))
    rows = [f for f in facts if f.key == "expenditure.current_year"]
    assert [f.value for f in rows] == [Decimal("100.00"), Decimal("100.50")]
    assert all(f.conflict for f in rows)


def test_stray_characters_inside_a_number_leave_it_unread():
    facts = facts_of("本年收入合计1,2 34.5万元；本年支出合计—万元。")
    assert "revenue.current_year" not in facts
    assert "expenditure.current_year" not in facts


def test_page_markers_and_markup_are_removed():
    text = "**收入总计**<b>88.00</b>万元\n—5—\n支出总计88.00万元"
    facts = facts_of(text)
    assert facts["revenue.grand_total"] == [Decimal("88.00")]
    assert "—5—" not in normalize_text(text)
