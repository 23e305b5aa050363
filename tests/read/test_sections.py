"""Headings are lines of prose, never table rows whose first cell is numbered like one."""

from __future__ import annotations

from juesuan.read.sections import find_sections


def test_a_table_row_numbered_like_a_heading_is_not_a_section():
    text = (
        "第二部分 2024年度部门决算表\n"
        "一、收入支出决算总表\n"
        "收入\t\t支出\t\n"
        "一、一般公共预算财政拨款收入\t812.40\t一、一般公共服务支出\t96.10\n"
        "二、政府性基金预算财政拨款收入\t\t二、外交支出\t\n"
        "二、收入决算表\n"
    )
    titles = [s.title for s in find_sections(text)]
    assert titles == ["第二部分 2024年度部门决算表", "一、收入支出决算总表", "二、收入决算表"]


def test_seed_facts_read_from_a_table_sit_under_the_table_part(seed_disclosures):
    # 003 公开01表: 本年收入合计 741.64 is printed under 第二部分 2024年度部门决算表
    d = seed_disclosures["003"]
    assert all("\t" not in s.title for s in d.sections)
    fact = next(f for f in d.facts if f.key == "revenue.current_year")
    assert fact.section == ("第二部分 2024年度部门决算表",)
