"""Word's one-cell-per-line tables: every cell keeps its column, empty ones included.

The fragments are copied from the seeds (000 lines 161-188, 001 lines 1150-1158); the
expected rows are read off the fragment: a line holding only the tab is an empty cell,
and a blank line ends the row.
"""

from __future__ import annotations

from juesuan.extract.performance.cells import header_roles
from juesuan.extract.performance.rows import align
from juesuan.read.normalize import normalize_text
from juesuan.read.tables import Cell, find_tables

# 000, 单位整体支出绩效自评表: 一级 | 二级 | 三级 | 预期指标值 | 依据 | 分值权重 | 实际 | 得分
OVERALL_ROWS_000 = (
    "\n\t\n\t\n\t昌吉州科协全媒体宣传活动次数\n\t>=1次\n\t州科协2024年工作计划\n\t15\n\t1次\n\t15\n"
    "\n\t社会效益\n\t\n\t全民科学素质不断提升\n\t不断提升\n\t州科协2024年工作计划\n\t20\n"
    "\t达到预期指标\n\t20\n"
    "\n\t服务对象满意度\n\t社会效益指标\n\t社会居民满意度\n\t>=90百分之百\n\t全民科学素质纲要\n"
    "\t5\n\t90\n\t5\n\n"
)
HEADER_000 = (
    "一级指标",
    "二级指标",
    "三级指标",
    "预期指标值",
    "指标值设定依据",
    "分值权重",
    "实际完成指标值",
    "得分",
)

# 001, a 项目支出绩效自评表: the 实际完成情况 cell ends with a stray tab.
GOALS_ROW_001 = (
    "\n\t年度总体目标\n\t预期目标\n\t实际完成情况\n\n\t\n"
    "\t2024年该项目计划至少完成1套项目前期报告编制。专家验收合格率达到100%，资金使用合规率达到"
    "100%。通过该项目的实施，推进重点项目建设，为经济社会发展提供决策参考。报告使用人员满意度不低于90%。\n"
    "\t截至2024年12月31日，该项目实际完成项目前期报告编制数量1篇，得到专家普遍认可，按时报送州发改委，"
    "推进了昌吉州重点项目建设，为经济社会发展提供了决策参考。\t\n\n"
)


def test_an_empty_cell_is_a_cell_not_a_row_break():
    (table,) = find_tables(normalize_text(OVERALL_ROWS_000))
    rows = table.texts()
    assert rows[0][:3] == ["", "", "昌吉州科协全媒体宣传活动次数"]
    # the 二级指标 cell of 社会效益 is empty: the row stays whole, 8 cells in 8 columns
    assert rows[1] == [
        "社会效益",
        "",
        "全民科学素质不断提升",
        "不断提升",
        "州科协2024年工作计划",
        "20",
        "达到预期指标",
        "20",
    ]
    assert [len(row) for row in rows] == [8, 8, 8]


def test_a_whole_row_is_read_in_its_columns():
    (table,) = find_tables(normalize_text(OVERALL_ROWS_000))
    header = header_roles(tuple(Cell(text, 0, 0) for text in HEADER_000))
    placed = align(table.rows[1], header)
    assert placed is not None
    by_role = {header[col]: cell.text for col, cell in placed.items()}
    assert (by_role["level1"], by_role["level2"], by_role["level3"]) == (
        "社会效益",
        "",
        "全民科学素质不断提升",
    )
    assert (by_role["weight"], by_role["score"]) == ("20", "20")


def test_a_cell_ending_with_a_tab_is_its_own_cell():
    (table,) = find_tables(normalize_text(GOALS_ROW_001))
    header, row = table.texts()
    assert header == ["年度总体目标", "预期目标", "实际完成情况"]
    assert len(row) == 3
    assert row[0] == ""
    assert row[1].startswith("2024年该项目计划至少完成1套") and row[1].endswith("不低于90%。")
    assert row[2].startswith("截至2024年12月31日") and row[2].endswith("提供了决策参考。")
