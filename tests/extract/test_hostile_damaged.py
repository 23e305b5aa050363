"""Hostile input, extraction stage: damaged disclosures give values only where unambiguous.

The damage is done here to real seed text: a download cut off inside a table or
inside a character, a section printed twice, a figure stated with two amounts,
amounts with stray characters. Whatever is read must be a value a person reads
in the text (tests/expected); what cannot be read is named in the reading notes.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import seed_text
from expectations import expected_pairs
from fragments import fragment_disclosure
from juesuan.convert import convert_path
from juesuan.package.rows import resource_rows
from juesuan.registry.facts import FACTS
from juesuan.render.charts import disclosure_charts

# 003 公开01表, the 收入 side of the 总计 row: 741.64 as printed
TOTAL_ROW = "<b>总计</b>\t31\t741.64\t<b>总计</b>\t62\t741.64"
# 003 公开04表, the 支出 side of the 总计 row: 合计 then 一般公共预算财政拨款
FISCAL_TOTAL = "<b>总计</b>\t<b>64</b>\t<b>741.64</b>\t<b>741.64</b>"


def pairs(d) -> set[tuple[str, Decimal]]:
    return {(f.key, f.value) for f in d.facts}


def test_text_cut_off_mid_table_reads_no_shortened_number():
    text = seed_text("003")
    cut = text.index(TOTAL_ROW) + len("<b>总计</b>\t31\t741")  # …总计 31 741| (.64 lost)
    d = fragment_disclosure(text[:cut], "damaged.txt")
    assert pairs(d) <= expected_pairs("003")  # 741 would be a wrong value
    assert ("revenue.current_year", Decimal("741.64")) in pairs(d)  # the row above the cut
    assert "revenue.grand_total" not in {f.key for f in d.facts}
    assert any(
        w.startswith("文本以一个可能被截断的数字结束")
        and w.endswith("the text ends in a number that may be cut short: “741” not read")
        for w in d.warnings
    )


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
def test_file_cut_off_inside_a_character_is_read_up_to_the_cut(tmp_path, encoding):
    text = seed_text("003")
    data = text.encode(encoding)
    # cut inside the first character of the 名词解释 part (a multi-byte character)
    at = len(text[: text.index("名词解释", 1000)].encode(encoding)) + (
        3 if encoding == "utf-16" else 1
    )
    path = tmp_path / "cut.txt"
    path.write_bytes(data[:at])
    d = convert_path(path)
    assert d.source.truncated
    assert pairs(d) <= expected_pairs("003")
    assert ("fiscal.expenditure_total", Decimal("741.64")) in pairs(d)
    assert d.warnings[0].startswith("文件在一个字符中间结束")
    assert "the file ends inside a character (cut off?)" in d.warnings[0]


def test_a_section_printed_twice_reads_each_value_once_without_conflict():
    text = seed_text("000")
    start = text.index("一、收入支出决算总体情况说明")
    end = text.index("二、收入决算情况说明")
    d = fragment_disclosure(text[:end] + text[start:end] + text[end:], "damaged.txt")
    assert pairs(d) == expected_pairs("000")
    assert not any(f.conflict for f in d.facts)


def test_two_amounts_for_one_figure_are_both_kept_flagged_and_not_drawn():
    text = seed_text("000")
    assert ("expenditure.basic", Decimal("363.51")) in expected_pairs("000")
    end = text.index("二、收入决算情况说明")
    d = fragment_disclosure(
        text[:end] + "另据统计，基本支出365.00万元。\n" + text[end:], "damaged.txt"
    )
    basic = [f for f in d.facts if f.key == "expenditure.basic"]
    assert [(f.value, f.conflict) for f in basic] == [
        (Decimal("365.00"), True),
        (Decimal("363.51"), True),
    ]
    assert d.fact("expenditure.basic") is None  # neither is chosen
    chart = next(c for c in disclosure_charts(d) if c.chart_id == "expenditure-structure")
    assert "expenditure.basic" not in set(chart.data.frame["key"])
    assert "基本支出" in chart.data.missing
    rows = [r for r in resource_rows(FACTS, d) if r["key"] == "expenditure.basic"]
    assert [(r["value"], r["conflict"]) for r in rows] == [("365.00", "true"), ("363.51", "true")]


STRAY = ["1,2 34.5", "—", "-", "/", "65 8.30"]


@pytest.mark.parametrize("printed", STRAY)
def test_a_stated_amount_with_stray_characters_is_reported_not_guessed(printed):
    text = seed_text("000").replace("收入总计658.30万元", f"收入总计{printed}万元", 1)
    d = fragment_disclosure(text, "damaged.txt")
    assert "revenue.grand_total" not in {f.key for f in d.facts}
    assert pairs(d) == expected_pairs("000") - {("revenue.grand_total", Decimal("658.30"))}
    assert (
        f"revenue.grand_total not read from “收入总计{printed}万元”: “{printed}” is not a number"
        in ("\n".join(d.warnings))
    )


@pytest.mark.parametrize("printed", [*STRAY, ""])
def test_an_unreadable_table_cell_is_not_replaced_by_its_neighbour(printed):
    """The 合计 cell holds garbage (or nothing); 700.00 in the next column is another figure."""
    damaged = f"<b>总计</b>\t<b>64</b>\t{printed}\t<b>700.00</b>"
    d = fragment_disclosure(seed_text("003").replace(FISCAL_TOTAL, damaged, 1), "damaged.txt")
    fiscal = [(f.value, f.evidence) for f in d.facts if f.key == "fiscal.expenditure_total"]
    # only the narrative's own statement remains
    assert fiscal == [(Decimal("741.64"), "2024年度财政拨款收、支总计均为741.64万元。")]
    notes = [w for w in d.warnings if "fiscal.expenditure_total not read" in w]
    where = f"公开04表 财政拨款收入支出决算总表｜总计｜支出｜{printed}"
    if printed:
        assert notes == [
            f"{where}：“{printed}”不是数字，未读取 / "
            f"fiscal.expenditure_total not read from {where}: “{printed}” is not a number"
        ]
    else:
        assert notes == []  # a blank cell states nothing
