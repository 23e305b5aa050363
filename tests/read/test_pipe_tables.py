"""Tables flattened with | between cells: rows per line, cells per line, drifted labels.

Tables are invented; expected values are read by hand.
"""

from __future__ import annotations

from decimal import Decimal

from fragments import fragment_disclosure
from juesuan.extract.template_tables import sangong_cells
from juesuan.read.normalize import normalize_text
from juesuan.read.pipe_tables import find_pipe_tables

TITLE = (
    "某某县档案馆2023年度部门决算\n"
    "一、2023年度一般公共预算财政拨款“三公”经费支出决算表\n"
    "单位:万元\n"
)

CELL_PER_LINE_ROW_ENDS = TITLE + "\n".join(
    [
        "|",
        *("项 目 |", "预 算 数 |", "决 算 数 |", "|"),
        *("合 计 |", "20 |", "14.5 |", "|"),
        *("因公出国(境)费 |", "0 |", "0 |", "|"),
        *("公务接待费 |", "2 |", "1.3 |", "|"),
        *("公务用车购置及运行维护费 |", "18 |", "13.2 |", "|"),
        *("其中:公务用车运行维护费 |", "8 |", "5.7 |", "|"),
        *("公务用车购置费 |", "10 |", "7.5 |"),
    ]
)
CELL_PER_LINE_EMPTY_CELLS = TITLE + "\n".join(
    [
        *("项 目 |", "预 算 数 |", "决 算 数 |"),
        *("合 计 |", "6 |", "4.25 |"),
        *("因公出国(境)费 |", "|", "|"),
        *("公务接待费 |", "2 |", "0.75 |"),
        *("公务用车购置及运行维护费 |", "4 |", "3.5 |"),
        *("公务用车购置费 |", "|", "|"),
    ]
)
ROW_PER_LINE = TITLE + "\n".join(
    [
        "项 目 | 预 算 数 | 决 算 数 |",
        "合 计 | 3.6 | 2.9 |",
        "因公出国(境)费 | ||",
        "公务接待费 | 3.6 | 2.9 |",
        "2.5 | 1.1 | 公务用车购置及运行维护费",
        "公务用车购置费 |",
    ]
)


def _cells(text: str) -> dict[tuple[str, str], Decimal]:
    tables = find_pipe_tables(normalize_text(text))
    assert len(tables) == 1
    return {(c.component, c.phase): c.value for c in sangong_cells(tables[0])}


def test_one_cell_per_line_with_a_lone_bar_ending_each_row():
    assert _cells(CELL_PER_LINE_ROW_ENDS) == {
        ("total", "budget"): Decimal("20"),
        ("total", "actual"): Decimal("14.5"),
        ("abroad", "budget"): Decimal("0"),
        ("abroad", "actual"): Decimal("0"),
        ("reception", "budget"): Decimal("2"),
        ("reception", "actual"): Decimal("1.3"),
        ("vehicle", "budget"): Decimal("18"),
        ("vehicle", "actual"): Decimal("13.2"),
        ("vehicle_operation", "budget"): Decimal("8"),
        ("vehicle_operation", "actual"): Decimal("5.7"),
        ("vehicle_purchase", "budget"): Decimal("10"),
        ("vehicle_purchase", "actual"): Decimal("7.5"),
    }


def test_one_cell_per_line_with_a_lone_bar_for_each_empty_cell():
    assert _cells(CELL_PER_LINE_EMPTY_CELLS) == {
        ("total", "budget"): Decimal("6"),
        ("total", "actual"): Decimal("4.25"),
        ("reception", "budget"): Decimal("2"),
        ("reception", "actual"): Decimal("0.75"),
        ("vehicle", "budget"): Decimal("4"),
        ("vehicle", "actual"): Decimal("3.5"),
    }  # the empty cells are not zeros


def test_rows_per_line_with_collapsed_empty_cells_and_a_drifted_label():
    assert _cells(ROW_PER_LINE) == {
        ("total", "budget"): Decimal("3.6"),
        ("total", "actual"): Decimal("2.9"),
        ("reception", "budget"): Decimal("3.6"),
        ("reception", "actual"): Decimal("2.9"),
        ("vehicle", "budget"): Decimal("2.5"),
        ("vehicle", "actual"): Decimal("1.1"),
    }


def test_a_row_missing_a_cell_is_not_read():
    text = TITLE + "项 目 | 预 算 数 | 决 算 数 |\n合 计 | 5 | 4 |\n公务接待费 | 1.5 |\n"
    assert _cells(text) == {("total", "budget"): Decimal("5"), ("total", "actual"): Decimal("4")}


def test_a_total_with_meeting_and_training_fees_is_not_read():
    text = TITLE + "\n".join(
        [
            "项 目 | 预 算 数 | 决 算 数 |",
            "合 计 | 30 | 25 |",
            "公务接待费 | 2 | 1 |",
            "会议费 | 10 | 9 |",
            "培训费 | 18 | 15 |",
        ]
    )
    assert _cells(text) == {
        ("reception", "budget"): Decimal("2"),
        ("reception", "actual"): Decimal("1"),
    }


def test_next_years_budget_and_last_years_actual_columns_are_not_read():
    text = TITLE + "\n".join(
        [
            "项 目 | 2024年预算数 | 决 算 数 | 上年决算数 |",
            "合 计 | 9 | 7 | 8 |",
            "公务接待费 | 1 | 0.5 | 0.6 |",
        ]
    )
    assert _cells(text) == {
        ("total", "actual"): Decimal("7"),
        ("reception", "actual"): Decimal("0.5"),
    }


def test_an_ambiguous_cell_per_line_block_is_not_a_table():
    # read as row ends: rows of 2 and 3 cells; read as empty cells: a heading one cell wide
    text = "\n".join(["项 目 |", "决 算 数 |", "|", "合 计 |", "4 |", "5 |"]) + "\n"
    assert find_pipe_tables(text) == []


def test_the_table_gives_the_facts_of_a_whole_conversion():
    d = fragment_disclosure(CELL_PER_LINE_ROW_ENDS)
    facts = {f.key: f.value for f in d.facts}
    assert facts["sangong.total"] == Decimal("14.5")
    assert facts["sangong.budget_total"] == Decimal("20")
    assert facts["sangong.vehicle_operation"] == Decimal("5.7")
    assert facts["sangong.vehicle_purchase"] == Decimal("7.5")
