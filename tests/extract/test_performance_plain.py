"""Performance self-evaluation tables printed as plain text (PDF text exports).

The 002 fragments are lines copied from sources/002_f0243ef9e14cabee.txt (line numbers
given); the other fragments are written by hand in wrap layouts the seed does not use.
Expected values are read off the fragments.
"""

from __future__ import annotations

from decimal import Decimal

from conftest import SEEDS
from juesuan.convert import convert_path
from juesuan.extract.performance.plain_text import read_plain_performance, with_plain_tables
from juesuan.read.normalize import normalize_text

# 002 lines 362-382 and 506-510: the overall table's head, funds rows and 总分 row.
OVERALL_002 = (
    " 部门（单位）整体支出绩效目标自评表（2023 年度）\n\n部门（单\n\n位）名称\n科学技术协会\n\n"
    "部门资\n\n金（万\n\n元）\n\n资金来源 年初预算数 全年预算数 全年执行数 分值权重 执行率 得分\n\n"
    "年度总资金 96.41 97.6 58.95 10 60.4% 6.04\n\n其中:中央安\n\n排（万元）\n0 20 0 - - -\n"
    "度\n\n满意度指标 受益人群满意度 >=95% 十四五规划 95% 10 10\n\n总分 73.59 分\n"
)
# 002 lines 511-540, 560-572 and 643-653: the project table without most indicator rows.
PROJECT_002 = (
    " 项目支出绩效自评表\n\n(2023 年度)\n\n项目名称 科普工作人员补助\n\n"
    "主管部门 科学技术协会 实施单位 科学技术协会\n\n项目资金\n\n（万元）\n\n"
    "年初预算数 全年预算数 全年执行数 分值 执行率 得分\n\n"
    "年度资金总额 1.44 1.44 1.13 10 78.47% 7.85 分\n\n其中：当年财政拨\n\n款\n"
    "1.44 1.44 1.13 — — —\n\n其他资金 0 — — —\n\n年度\n\n总体\n\n目标\n\n预期目标 实际完成情况\n"
    "一级\n\n指标\n\n二级指\n\n标\n三级指标 年度指标值\n\n实际完\n\n成值\n分值 得分\n"
    "满意度\n\n指标\n受益群众满意度 >=95% =95% 10 10\n\n总分 100\n94.20\n\n分\n\n"
    "十二、其他需说明的事项\n"
)


def plain(text: str):
    return read_plain_performance(normalize_text(text), [])


def test_overall_table_of_002():
    (table,) = plain(OVERALL_002)
    got = table.project
    assert (got.kind, got.name) == ("overall", "科学技术协会")
    assert (got.initial_budget, got.full_year_budget, got.executed) == (
        Decimal("96.41"),
        Decimal("97.6"),
        Decimal("58.95"),
    )
    assert (got.execution_rate, got.score) == (Decimal("60.4"), Decimal("73.59"))
    assert (
        got.evidence
        == "部门（单位）整体支出绩效目标自评表（2023 年度）｜部门（单位）名称｜科学技术协会"
    )
    assert OVERALL_002[got.start : got.end].startswith("部门（单位）整体支出")
    assert OVERALL_002[got.start : got.end].endswith("总分 73.59 分")


def test_project_table_of_002_with_its_score_split_over_three_lines():
    (table,) = plain(PROJECT_002)
    got = table.project
    assert (got.kind, got.name) == ("project", "科普工作人员补助")
    assert (got.competent_department, got.implementing_unit) == ("科学技术协会", "科学技术协会")
    assert (got.initial_budget, got.full_year_budget, got.executed) == (
        Decimal("1.44"),
        Decimal("1.44"),
        Decimal("1.13"),
    )
    # 总分 100 / 94.20 / 分: the weight, then the score marked 分
    assert (got.execution_rate, got.score) == (Decimal("78.47"), Decimal("94.20"))
    assert (got.goals, got.outcome) == (None, None)  # two texts with no mark between them
    assert table.indicators_unread
    assert PROJECT_002[got.start : got.end].endswith("94.20\n\n分")


# By hand: the name and the unit wrap, the header breaks inside 全年执行数, 得分 sits on a
# line of its own, the funds label shares the header's line, and 总分 prints no 分.
OTHER_WRAPS = """二、项目支出绩效自评表（2024年度）
项目名称 乡村道路
养护补助
主管部门 某某县交通运输局
实施单位 某某县公路
养护中心
项目资金（万元） 年初预算数 全年预算数 全年执
行数 分值 执行率
得分
年度资金总额 20.00 18.50 18.50 10 100% 10
其中：财政拨款 20.00 18.50 18.50 — — —
总分 100 98
"""


def test_other_wrap_points_are_read_by_structure():
    (table,) = plain(OTHER_WRAPS)
    got = table.project
    assert (got.name, got.competent_department) == ("乡村道路养护补助", "某某县交通运输局")
    assert got.implementing_unit == "某某县公路养护中心"
    assert (got.initial_budget, got.full_year_budget, got.executed) == (
        Decimal("20.00"),
        Decimal("18.50"),
        Decimal("18.50"),
    )
    assert (got.execution_rate, got.score) == (Decimal("100"), Decimal("98"))
    assert not table.indicators_unread  # no indicator block printed


def test_funds_row_with_a_missing_value_is_not_guessed():
    # one of the six values is missing: which one cannot be known, so none is read
    text = OTHER_WRAPS.replace("18.50 18.50 10 100% 10", "18.50 18.50 100% 10")
    (table,) = plain(text)
    got = table.project
    assert (got.initial_budget, got.full_year_budget, got.executed) == (None, None, None)
    assert got.execution_rate is None
    assert (got.name, got.score) == ("乡村道路养护补助", Decimal("98"))


def test_amounts_without_a_printed_unit_stay_unread():
    (table,) = plain(OTHER_WRAPS.replace("项目资金（万元）", "项目资金"))
    got = table.project
    assert (got.initial_budget, got.executed) == (None, None)
    assert (got.execution_rate, got.implementing_unit) == (Decimal("100"), "某某县公路养护中心")


def test_a_title_mentioned_in_prose_is_not_a_table():
    text = "具体项目自评情况附项目支出绩效自评表。\n年初预算数 全年预算数 全年执行数\n"
    assert plain(text) == []
    # a title line followed by prose, then another part's table: not this table's header
    text = (
        "项目支出绩效自评表\n本单位未开展项目支出绩效自评。\n十二、其他需说明的事项\n"
        "年初预算数 全年预算数 全年执行数 分值 执行率 得分\n年度资金总额 1 1 1 10 100% 10\n"
    )
    assert plain(text) == []


def test_plain_projects_join_the_others_in_document_order():
    text = normalize_text(OVERALL_002 + PROJECT_002)
    projects, indicators, warnings = with_plain_tables(text, [], [])
    assert [(p.project_id, p.kind) for p in projects] == [
        ("overall", "overall"),
        ("P01", "project"),
    ]
    assert indicators == []
    # the overall fragment prints no indicator block; the project's is left unread
    (warning,) = warnings
    assert warning.startswith(
        "项目支出绩效自评表｜项目名称｜科普工作人员补助：以纯文本印出的绩效指标行未读取"
    )


def test_002_overall_score_fact_comes_from_the_total_row_and_warnings_are_recorded():
    d = convert_path(SEEDS["002"])
    fact = d.fact("performance.overall_score")
    assert fact is not None and fact.value == Decimal("73.59")
    assert d.text[fact.start : fact.end].endswith("总分 73.59 分")
    assert sum("indicator rows printed as plain text" in w for w in d.warnings) == 2


def test_a_lost_title_does_not_give_the_next_tables_total_to_the_unit():
    unit_without_total = OVERALL_002[: OVERALL_002.index("总分")]
    project_without_title = PROJECT_002[PROJECT_002.index("(2023 年度)") :]
    (table,) = plain(unit_without_total + "\n" + project_without_title)
    assert (table.project.kind, table.project.executed) == ("overall", Decimal("58.95"))
    assert table.project.score is None  # the project's 总分 94.20 is not the unit's
