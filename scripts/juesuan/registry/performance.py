"""Performance self-evaluation tables of a data package: projects and their indicators.

Part of the data dictionary (see fields.py).
"""

from __future__ import annotations

from juesuan.registry.fields import (
    Field,
    ResourceSpec,
    nonnegative_field,
    offsets,
    printed_field,
    provenance,
    text_field,
    wan_field,
)

PROJECT_ID_PATTERN = r"^(P\d{2,}|overall(-\d{2,})?)$"


def _project_id(description: str, description_zh: str) -> Field:
    """The `project_id` column, the key of a project and the link of its indicators."""
    return Field(
        "project_id",
        "string",
        "项目编号",
        "Project id",
        description,
        True,
        {"pattern": PROJECT_ID_PATTERN},
        description_zh,
        "activity:generic:project:code",
    )


PERFORMANCE_PROJECTS = ResourceSpec(
    name="performance_projects",
    title_zh="绩效自评项目",
    title_en="Performance self-evaluation: projects",
    description_zh=(
        "每张项目支出绩效自评表（每个项目一行）、项目支出自评汇总表的每一行，以及单位的整"
        "体支出绩效自评表（类型 `overall`）。"
    ),
    description=(
        "Every 项目支出绩效自评表 (one row per project), each row of a 项目支出自评汇总表, and "
        "the unit's 整体支出绩效自评表 (kind `overall`)."
    ),
    fields=(
        _project_id(
            "P01… in document order; `overall` for the unit as a whole.",
            "按文中顺序编号 P01…；单位整体为 overall。",
        ),
        Field(
            "kind",
            "string",
            "类型",
            "Kind",
            "project or overall.",
            True,
            {"enum": ["project", "overall"]},
            "project：项目；overall：单位整体支出。",
        ),
        printed_field("name", "项目名称", "Name", column_type="activity:generic:project:label"),
        printed_field(
            "competent_department",
            "主管部门",
            "Competent department",
            column_type="administrative-classification:generic:level1:label",
        ),
        printed_field(
            "implementing_unit",
            "实施单位",
            "Implementing unit",
            column_type="administrative-classification:generic:level2:label",
        ),
        wan_field("initial_budget", "年初预算数", "Initial budget", "Initial budget", "年初预算数"),
        wan_field(
            "full_year_budget",
            "全年预算数",
            "Full-year budget",
            "Adjusted full-year budget",
            "全年预算数",
        ),
        Field(
            "executed",
            "number",
            "全年执行数",
            "Executed",
            "Executed amount (万元).",
            description_zh="全年执行数（万元）。",
            column_type="value",
        ),
        nonnegative_field(
            "execution_rate",
            "执行率",
            "Execution rate (%)",
            "As printed, percent.",
            "预算执行率（%，照录）。",
        ),
        nonnegative_field("score", "总分", "Score", "Total self-evaluation score.", "自评总分。"),
        text_field(
            "goals",
            "预期目标",
            "Goals",
            "年度总体目标: 预期目标.",
            "年度总体目标中的预期目标（照录）。",
        ),
        text_field(
            "outcome",
            "实际完成情况",
            "Outcome",
            "年度总体目标: 实际完成情况.",
            "年度总体目标中的实际完成情况（照录）。",
        ),
        *provenance(),
    ),
    primary_key=("project_id",),
    records="projects",
)

PERFORMANCE_INDICATORS = ResourceSpec(
    name="performance_indicators",
    title_zh="绩效指标",
    title_en="Performance self-evaluation: indicators",
    description_zh=("绩效自评表中每一个指标行（带权重的三级指标）。"),
    description="Every indicator row (三级指标 with a weight) of the self-evaluation tables.",
    fields=(
        _project_id("See performance_projects.", "所属项目编号，见 performance_projects。"),
        Field(
            "row",
            "integer",
            "行号",
            "Row",
            "1-based within the project.",
            True,
            {"minimum": 1},
            "项目内的行号（从 1 起）。",
        ),
        printed_field("level1", "一级指标", "Level-1 indicator"),
        printed_field("level2", "二级指标", "Level-2 indicator"),
        printed_field("level3", "三级指标", "Level-3 indicator"),
        nonnegative_field(
            "weight",
            "分值（权重）",
            "Weight",
            "Points the indicator is worth.",
            "指标分值（权重）。",
        ),
        printed_field("target", "年度指标值", "Target"),
        printed_field("actual", "实际完成值", "Actual"),
        printed_field("completion_rate", "完成率", "Completion rate"),
        nonnegative_field("score", "得分", "Score", "Points scored.", "指标得分。"),
        printed_field("basis", "指标值设定依据", "Basis"),
        printed_field(
            "deviation", "偏差原因分析", "Deviation note", "偏差原因分析及改进措施（照录）。"
        ),
        *offsets(),
    ),
    primary_key=("project_id", "row"),
    records="indicators",
    foreign_keys=(
        {
            "fields": "project_id",
            "reference": {"resource": "performance_projects", "fields": "project_id"},
        },
    ),
)
