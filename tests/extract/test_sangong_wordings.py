"""“三公” totals, budgets, receptions and vehicles held in wordings besides the template's.

Fragments are invented (departments and figures); expected values are read by hand.
"""

from __future__ import annotations

from decimal import Decimal

from fragments import fragment_disclosure
from juesuan.extract.sangong_wordings import about_other_year, sangong_wording_candidates
from juesuan.read.normalize import normalize_text


def _read(text: str, year: int | None = 2023, titles: str = "") -> dict[str, list[Decimal]]:
    out: dict[str, list[Decimal]] = {}
    for c in sangong_wording_candidates(normalize_text(text), lambda _: titles, year):
        out.setdefault(c.key, []).append(c.value)
    return out


def test_actual_then_the_budget_it_completes_and_not_the_items_budgets():
    text = (
        "某某区档案馆2023年度“三公”经费财政拨款支出决算为7.45万元，完成全年预算9.8万元的76%，"
        "比上年决算数减少0.5万元。其中：因公出国（境）费支出决算为0万元，完成全年预算0万元的0%；"
        "公务用车购置及运行维护费支出决算为6.1万元，完成全年预算9.8万元的62.2%。"
    )
    assert _read(text) == {
        "sangong.total": [Decimal("7.45")],
        "sangong.budget_total": [Decimal("9.8")],
    }


def test_total_wordings():
    cases = {
        "2023年度财政拨款安排的“三公”经费支出决算总额为 3.26 万元，比预算减少1万元。": "3.26",
        "2023年度“三公”经费决算汇总数为15.2万元。": "15.2",
        "2023年度一般公共预算财政拨款“三公”经费合计支出4.4万元。": "4.4",
        "本年度全年开支“三公”经费2.75万元，较上年有所下降。": "2.75",
        "2023年实际支出“三公经费”决算为8.1万元。": "8.1",
        "2023年“三公”经费11.06万元。": "11.06",
    }
    for text, value in cases.items():
        assert _read(text).get("sangong.total") == [Decimal(value)], text


def test_budget_then_actual_with_year_start_budget_in_yuan():
    text = "某某县侨联2023年度“三公”经费支出年初预算为36000.00元，支出决算为28,500.00元。"
    assert _read(text) == {
        "sangong.budget_total": [Decimal("3.6")],
        "sangong.total": [Decimal("2.85")],
    }


def test_actual_then_year_start_budget_with_a_subject_after_the_year():
    text = "2023年度本单位财政拨款安排的“三公”经费支出6.3万元，年初预算为7万元，差值为0.7万元。"
    assert _read(text) == {
        "sangong.total": [Decimal("6.3")],
        "sangong.budget_total": [Decimal("7")],
    }


def test_a_total_with_meeting_and_training_fees_is_not_the_sangong_total():
    text = (
        "2023年度“三公”经费（含会议费、培训费）支出决算为20.5万元。"
        "2023年度“三公”经费及会议费、培训费合计支出30万元。"
    )
    assert "sangong.total" not in _read(text)


def test_next_years_budget_and_last_years_actual_are_not_read():
    text = (
        "2024年“三公”经费预算为9万元，2023年度“三公”经费支出决算为6.2万元。"
        "上年“三公”经费支出决算为7万元。"
    )
    assert _read(text) == {"sangong.total": [Decimal("6.2")]}


def test_the_year_is_the_last_one_named_before_the_statement():
    text = "与2022年相比，2023年度“三公”经费支出5万元。"
    start = text.index("“三公")
    assert not about_other_year(text, start, 2023)
    assert about_other_year(text, start, 2024)


def test_totals_only_under_a_sangong_heading_or_none():
    text = "其中：“三公”经费支出1.2万元。"
    assert _read(text, titles="三、项目支出情况") == {}
    assert _read(text, titles="七、“三公”经费支出情况") == {"sangong.total": [Decimal("1.2")]}
    assert _read(text, titles="") == {"sangong.total": [Decimal("1.2")]}


def test_receptions_in_either_order_and_with_a_note_between():
    cases = {
        "2023年某某局国内公务接待共12批次（其中外事接待1批次），96人次（其中外事接待3人次）。": (
            12,
            96,
        ),
        "国内公务接待批次为30个，接待人次为210人。": (30, 210),
        "全年公务接待来宾85人次、共9批次。": (9, 85),
        "公务接待人次为40人，接待批次为6个。": (6, 40),
    }
    for text, (batches, persons) in cases.items():
        got = _read(text)
        assert got["sangong.reception_batches"] == [Decimal(batches)], text
        assert got["sangong.reception_persons"] == [Decimal(persons)], text


def test_foreign_guests_and_last_years_receptions_are_not_the_count():
    text = "外事公务接待2批次，8人次。上年公务接待10批次，50人次。"
    assert _read(text) == {}


def test_vehicles_held_on_a_page_without_headings():
    got = _read("公务用车购置数0辆，公务用车保有量为4辆。")
    assert got == {"sangong.vehicles_held": [Decimal("4")]}
    assert _read("公务用车保有量为4辆。", titles="八、国有资产占用情况") == {}


def test_a_zero_written_in_words_is_not_read():
    assert _read("本年度没有因公出国（境）支出，无公务接待。") == {}


STANDALONE_PAGE = """某某镇人民政府2023年度“三公”经费决算情况说明
2023年度“三公”经费财政拨款支出决算为12.36万元，完成全年预算15万元的82.4%。其中：因公出国（境）费支出决算为0万元，完成全年预算0万元的0%；公务用车购置及运行维护费支出决算为10.2万元，完成全年预算12万元的85%。
国内公务接待共18批次，120人次。公务用车保有量为3辆。
"""


def test_a_whole_conversion_keeps_one_value_per_key():
    d = fragment_disclosure(STANDALONE_PAGE)
    facts: dict[str, set[Decimal]] = {}
    for f in d.facts:
        facts.setdefault(f.key, set()).add(f.value)
    assert facts["sangong.total"] == {Decimal("12.36")}
    assert facts["sangong.budget_total"] == {Decimal("15")}
    assert facts["sangong.reception_batches"] == {Decimal("18")}
    assert facts["sangong.reception_persons"] == {Decimal("120")}
    assert facts["sangong.vehicles_held"] == {Decimal("3")}
