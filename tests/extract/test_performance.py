"""Performance self-evaluation tables, against values read by hand.

The seeds' expectations come from tests/expected/NNN.yaml (written by people reading
the texts); the fragments below are in layouts and wordings the seeds do not use, with
their expected values read off the fragment itself.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from conftest import SEEDS
from juesuan.extract.performance.plain_text import with_plain_tables
from juesuan.extract.performance.tables import (
    PerformanceIndicator,
    PerformanceProject,
    read_performance,
)
from juesuan.read.normalize import normalize_text
from juesuan.read.source import read_source
from juesuan.read.tables import find_tables

EXPECTED = Path(__file__).parents[1] / "expected"
MONEY = ("initial_budget", "full_year_budget", "executed")

# Shapes the parser does not read yet: a fix shows up here as an unexpected pass.
NOT_READ = {
    ("002", "indicators"): "PDF text export: indicator cells split only by spaces are not read",
    ("003", "overall"): "the overall figures are printed in prose, not in a 整体支出绩效自评表",
}


def read(text: str) -> tuple[list[PerformanceProject], list[PerformanceIndicator]]:
    return read_performance(find_tables(normalize_text(text)))


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[str, list[PerformanceProject], list[PerformanceIndicator]]]:
    out = {}
    for seed, path in SEEDS.items():
        text = normalize_text(read_source(path).text)
        projects, indicators, _ = with_plain_tables(text, *read_performance(find_tables(text)))
        out[seed] = (text, projects, indicators)
    return out


def expected(seed: str) -> dict:
    return yaml.safe_load((EXPECTED / f"{seed}.yaml").read_text(encoding="utf-8"))


def printed(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def seeds_for(what: str) -> list:
    """Every seed; those whose shape is not read yet are expected to fail, strictly."""
    return [
        pytest.param(seed, marks=pytest.mark.xfail(strict=True, reason=NOT_READ[seed, what]))
        if (seed, what) in NOT_READ
        else seed
        for seed in sorted(SEEDS)
    ]


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


@pytest.mark.parametrize("seed", seeds_for("projects"))
def test_projects_match_the_hand_read_values(seeds, seed):
    want = expected(seed).get("performance_projects") or []
    text, projects, _ = seeds[seed]
    got = [p for p in projects if p.kind == "project"]
    assert [p.name for p in got] == [w["name"] for w in want]
    for project, w in zip(got, want, strict=True):
        assert [printed(getattr(project, k)) for k in MONEY] == [w[k] for k in MONEY], w["name"]
        assert printed(project.execution_rate) == w["execution_rate"].removesuffix("%")
        assert printed(project.score) == w["score"], w["name"]
        # the table read is the one the reader pointed at
        assert line_of(text, project.start) - 3 <= w["line"] <= line_of(text, project.end)


@pytest.mark.parametrize("seed", seeds_for("indicators"))
def test_indicator_rows_per_project(seeds, seed):
    want = expected(seed).get("performance_projects") or []
    _, projects, indicators = seeds[seed]
    got = [p for p in projects if p.kind == "project"]
    for project, w in zip(got, want, strict=True):
        rows = [i for i in indicators if i.project_id == project.project_id]
        assert len(rows) == (w["indicator_rows"] or 0), w["name"]


@pytest.mark.parametrize("seed", seeds_for("overall"))
def test_overall_evaluation_matches_the_hand_read_values(seeds, seed):
    want = expected(seed).get("overall_evaluation")
    text, projects, _ = seeds[seed]
    overall = [p for p in projects if p.kind == "overall"]
    if want is None:
        assert overall == []
        return
    assert [p.project_id for p in overall] == ["overall"]
    got = overall[0]
    for key in (*MONEY, "score"):
        assert printed(getattr(got, key)) == want[key], key
    assert line_of(text, got.start) - 3 <= want["line"] <= line_of(text, got.end)


def test_project_ids_are_stable_and_in_document_order(seeds):
    _, projects, _ = seeds["001"]
    assert [p.project_id for p in projects] == ["overall"] + [f"P{n:02d}" for n in range(1, 14)]
    assert [p.start for p in projects] == sorted(p.start for p in projects)


@pytest.mark.parametrize("seed", ["000", "001", "004"])
def test_indicator_weights_and_scores_add_up(seeds, seed):
    """The template gives 10 points to budget execution and 90 to the indicators, and the
    total is the sum of the parts: a cell read under the wrong column breaks either sum."""
    _, projects, indicators = seeds[seed]
    for project in projects:
        rows = [i for i in indicators if i.project_id == project.project_id]
        assert sum(i.weight for i in rows) == 90, project.name
        if project.score is not None:
            assert 0 <= project.score - sum(i.score for i in rows) <= 10, project.name


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_offsets_point_at_the_printed_table(seeds, seed):
    text, projects, indicators = seeds[seed]
    for project in projects:
        assert project.name is None or project.name in text[project.start : project.end]
    for row in indicators:
        assert row.level3 in text[row.start : row.end]
        assert format(row.weight, "f") in text[row.start : row.end]


def test_indicator_row_as_printed(seeds):
    # 001, 新建路灯（盏）: 10 | >=33盏 | =35盏 | 106% | 9.4 | 计划标准 | … | 因根据实地勘测…
    _, projects, indicators = seeds["001"]
    project = next(p for p in projects if p.name and p.name.startswith("2023年“为民办实事”"))
    assert project.competent_department == "昌吉回族自治州科学技术局"
    assert project.implementing_unit == "昌吉回族自治州科学技术局"
    assert project.evidence == f"项目支出绩效自评表｜项目名称｜{project.name}"
    assert project.goals and project.goals.startswith("为解决村民夜间出行难问题")
    assert project.outcome and project.outcome.startswith("截至2024年12月31日")
    row = next(i for i in indicators if i.level3 == "新建路灯（盏）")
    assert (row.project_id, row.row) == (project.project_id, 3)
    assert (row.level1, row.level2) == ("产出指标", "数量指标")  # filled down from row 1
    assert (row.weight, row.target, row.actual) == (Decimal(10), ">=33盏", "=35盏")
    assert (row.completion_rate, row.score, row.basis) == ("106%", Decimal("9.4"), "计划标准")
    assert row.deviation and row.deviation.startswith("因根据实地勘测需要比原计划多安装2盏")
    # a row without a deviation keeps it empty rather than taking a neighbour's text
    assert next(i for i in indicators if i.level3 == "购置动力耙").deviation is None


def test_empty_level_cell_keeps_the_row_whole(seeds):
    # 000 整体: 社会效益 | (empty 二级指标) | 全民科学素质不断提升 | … (lines 171-178) is one
    # row; the empty 二级 is not filled down from the 数量指标 of 履职效能 above it.
    _, _, indicators = seeds["000"]
    row = next(i for i in indicators if i.level3 == "全民科学素质不断提升")
    assert (row.level1, row.level2, row.weight, row.score) == ("社会效益", None, 20, 20)


def test_glued_total_score_and_unpercented_rate(seeds):
    # 004 prints 执行率 "98.25" without % and the heading after the table is glued to
    # the total score (99.8 + "2024年度零陵区科协整体支出绩效自评报告").
    _, projects, indicators = seeds["004"]
    (overall,) = projects
    assert (overall.execution_rate, overall.score) == (Decimal("98.25"), Decimal("99.8"))
    row = next(i for i in indicators if i.level3 == "受众人数")
    assert (row.level1, row.level2) == ("产出指标(50分)", "重点工作任务完成")
    assert (row.target, row.actual, row.weight, row.score) == ("≧2万人次", "25000", 10, 10)


TSV_PROJECT = """项目支出绩效自评表
单位：元
项目名称\t城区路灯维护
主管部门\t某某局\t实施单位\t某某中心
\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分
年度资金总额\t1,200,000.00\t1,500,000.00\t1,350,000.00\t10\t90.00%\t9.00
年度总体目标\t预期目标\t实际完成情况
\t维护路灯500盏\t维护路灯480盏
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施
产出指标\t数量指标\t维护路灯数量\t>=500盏\t480盏\t50\t48\t部分路段施工
\t\t维护及时率\t100%\t100%\t10\t10\t
效益指标\t社会效益指标\t群众夜间出行便利\t明显改善\t明显改善\t20\t20\t
满意度指标\t满意度指标\t群众满意度\t>=90%\t95%\t10\t10\t
总分\t100\t97
"""


def test_tab_separated_project_in_yuan_with_other_header_words():
    projects, indicators = read(TSV_PROJECT)
    (project,) = projects
    assert (project.project_id, project.kind, project.name) == ("P01", "project", "城区路灯维护")
    assert (project.competent_department, project.implementing_unit) == ("某某局", "某某中心")
    # 元 → 万元, exactly
    assert project.initial_budget == Decimal("120")
    assert project.full_year_budget == Decimal("150")
    assert project.executed == Decimal("135")
    assert (project.execution_rate, project.score) == (Decimal("90.00"), Decimal("97"))
    assert (project.goals, project.outcome) == ("维护路灯500盏", "维护路灯480盏")
    assert [i.level3 for i in indicators] == [
        "维护路灯数量",
        "维护及时率",
        "群众夜间出行便利",
        "群众满意度",
    ]
    first, second = indicators[:2]
    assert (first.target, first.actual, first.weight, first.score) == (">=500盏", "480盏", 50, 48)
    assert (first.deviation, first.completion_rate, first.basis) == ("部分路段施工", None, None)
    # empty merged cells under 一级/二级 are filled down
    assert (second.level1, second.level2, second.row) == ("产出指标", "数量指标", 2)
    assert second.deviation is None


def cell_per_line(total: str, third_row: bool) -> str:
    """A Word export, one cell per line: an empty cell is a line holding only the tab."""
    rows = [
        ["部门名称", "某某协会"],
        ["年度预算申请（万元）"],
        ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "100.00", "80.00", "72.00", "10", "90.00%", "9"],
        ["一级指标", "二级指标", "三级指标", "指标值", "实际值", "权重", "得分", "偏差原因"],
        ["产出指标", "数量指标", "培训人次", "≥100人次", "120人次", "50", "50", ""],
        ["", "", "培训合格率", "≥90%", "95%", "30", "30", ""],
    ]
    if third_row:  # the 指标值 cell is missing (merged away): the row can no longer be placed
        rows.append(["", "", "活动满意度", "很高", "10", "10", ""])
    rows.append(["总分", "100", total])
    lines = ["部门整体支出绩效自评表"]
    for row in rows:
        lines += [f"\t{cell}" for cell in row] + [""]
    return "\n".join(lines[:-1]) + "\n2025年自评报告\n"


def test_cell_per_line_overall_with_glued_total():
    projects, indicators = read(cell_per_line("89", third_row=False))
    (overall,) = projects
    assert (overall.project_id, overall.kind, overall.name) == ("overall", "overall", "某某协会")
    assert (overall.initial_budget, overall.full_year_budget) == (
        Decimal("100.00"),
        Decimal("80.00"),
    )
    assert (overall.executed, overall.execution_rate) == (Decimal("72.00"), Decimal("90.00"))
    # "89" + "2025年自评报告" is read as 89 because 9 + 50 + 30 = 89
    assert overall.score == Decimal("89")
    assert [(i.level3, i.weight, i.score) for i in indicators] == [
        ("培训人次", 50, 50),
        ("培训合格率", 30, 30),
    ]
    assert indicators[1].level1 == "产出指标"


def test_unplaceable_row_is_left_out_and_glued_total_not_guessed():
    projects, indicators = read(cell_per_line("99", third_row=True))
    # 活动满意度 lost its 指标值 cell and no longer fits under the header, so it is not read
    assert [i.level3 for i in indicators] == ["培训人次", "培训合格率"]
    # without that row the parts add up to 89, so "992025年…" cannot be split with certainty
    assert projects[0].score is None


SPLIT_SUMMARY = """部门（单位）项目支出自评汇总表
单位：万元
序号\t项目名称\t年初预算数\t全年预算数\t执行数\t执行率\t产出指标得分\t自评得分\t偏差原因
1\t甲项目\t10.00\t12.00\t11.40\t95.00%\t45\t96.5\t
2\t乙项目\t5.00\t5.00\t5.00\t100.00%\t50\t100%\t

3\t丙项目\t8.00\t8.00\t6.00\t75.00%\t40\t82\t进度滞后
合计\t\t23.00\t25.00\t22.40\t89.60%\t\t\t

下表为其他内容
甲\t乙\t丙
1\t2\t3
"""


def test_summary_split_by_a_blank_line_is_read_as_one():
    projects, indicators = read(SPLIT_SUMMARY)
    assert indicators == []
    assert [(p.project_id, p.name) for p in projects] == [
        ("P01", "甲项目"),
        ("P02", "乙项目"),
        ("P03", "丙项目"),
    ]
    third = projects[2]
    assert (third.initial_budget, third.full_year_budget, third.executed) == (
        Decimal("8.00"),
        Decimal("8.00"),
        Decimal("6.00"),
    )
    # two 得分 columns: the self-score is the 自评得分 one, not 产出指标得分
    assert (third.execution_rate, third.score) == (Decimal("75.00"), Decimal("82"))
    assert third.evidence == "部门（单位）项目支出自评汇总表｜项目名称｜丙项目"
    assert projects[1].score == Decimal("100")  # printed "100%" on a 100-point scale


def test_tables_without_a_self_evaluation_are_ignored():
    text = "收入决算表\n公开02表\n单位：万元\n项目\t本年收入合计\t财政拨款收入\n合计\t1.00\t1.00\n"
    assert read(text) == ([], [])


def sheet_rows(name_label: str, name: str, score: str | None) -> list[list[str]]:
    """An invented self-evaluation table's rows, one cell per line, without its title."""
    rows = [
        [name_label, name],
        ["资金（万元）"],
        ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "20.00", "20.00", "18.00", "10", "90.00%", "9"],
        ["一级指标", "二级指标", "三级指标", "指标值", "实际值", "权重", "得分"],
        ["产出指标", "数量指标", "巡查次数", "≥12次", "12次", "90", "88"],
    ]
    return rows + ([["总分", "100", score]] if score else [])


def cells_text(title: str, rows: list[list[str]]) -> str:
    lines = [title]
    for row in rows:
        lines += [f"\t{cell}" for cell in row] + [""]
    return "\n".join(lines) + "\n其他说明文字。\n"


def test_a_lost_title_does_not_merge_a_projects_total_into_the_units():
    # the unit's table prints no 总分; the project's title line under it is lost
    rows = sheet_rows("单位名称", "某某服务站", None) + sheet_rows("项目名称", "河道巡查", "97")
    projects, _ = read(cells_text("部门整体支出绩效自评表", rows))
    assert [(p.project_id, p.name, p.score) for p in projects] == [
        ("overall", "某某服务站", None),
        ("P01", "河道巡查", Decimal("97")),
    ]
    assert projects[1].executed == Decimal("18.00")


def test_an_untitled_table_is_the_units_only_by_its_own_labels():
    untitled = sheet_rows("主管部门", "某某局", "97")  # no name label: neither kind is stated
    assert read(cells_text("附件", untitled)) == ([], [])
    (unit,) = read(cells_text("附件", sheet_rows("部门名称", "某某局", "97")))[0]
    assert (unit.kind, unit.score) == ("overall", Decimal("97"))
