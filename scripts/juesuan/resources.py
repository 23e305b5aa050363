"""Table resources of a data package beyond facts: classifications, 三公, performance.

Part of the data dictionary (see fields.py): every column is declared once
here and becomes the Table Schema, the page headers and the dictionary page.
"""

from __future__ import annotations

from .fields import CHECKS, EVIDENCE, FACTS, VOCABULARY, Field, ResourceSpec, offsets
from .sangong import COMPONENTS, COUNTS

CODE_PATTERN = r"^\d{3}(\d{2}){0,2}$"


def _provenance() -> tuple[Field, ...]:
    return (EVIDENCE, *offsets())


def _wan(name: str, zh: str, en: str, description: str) -> Field:
    return Field(name, "number", zh, en, f"{description} (万元).")


EXPENDITURE_BY_FUNCTION = ResourceSpec(
    name="expenditure_by_function",
    title_zh="一般公共预算财政拨款支出（功能分类）",
    title_en="General public budget expenditure by function",
    description=(
        "Classes (类), sections (款) and items (项) of general-public-budget appropriation "
        "spending, from the narrative (具体情况, 结构情况) and the 一般公共预算财政拨款支出决算表. "
        "`code_source` says whether the national code was printed or filled from the code table "
        "of other disclosures that print it for the same names."
    ),
    fields=(
        Field("item_id", "string", "序号", "Row id", "Stable within the package.", True),
        Field(
            "level",
            "string",
            "层级",
            "Level",
            "class (类), kuan (款) or xiang (项).",
            True,
            {"enum": ["class", "kuan", "xiang"]},
        ),
        Field(
            "code",
            "string",
            "科目编码",
            "Code",
            "National functional classification code.",
            constraints={"pattern": CODE_PATTERN},
        ),
        Field(
            "code_source",
            "string",
            "编码来源",
            "Code source",
            "printed or code_table.",
            constraints={"enum": ["printed", "code_table"]},
        ),
        Field("class_name", "string", "类", "Class", "类 name as printed.", True),
        Field("kuan_name", "string", "款", "Section (kuan)", "款 name as printed."),
        Field("xiang_name", "string", "项", "Item (xiang)", "项 name as printed."),
        _wan("amount", "决算数", "Amount", "Actual expenditure"),
        _wan("basic", "基本支出", "Basic", "Basic expenditure part (tables only)"),
        _wan("project", "项目支出", "Project", "Project expenditure part (tables only)"),
        Field("share_pct", "number", "占比", "Share (%)", "Stated share of the total, percent."),
        _wan("change", "比上年增减", "Change vs prior year", "Signed change vs prior year"),
        Field("change_pct", "number", "增减率", "Change (%)", "Signed change vs prior year, %."),
        _wan("initial_budget", "年初预算数", "Initial budget", "Initial budget where stated"),
        Field("reason", "string", "主要原因", "Stated reason", "主要原因 as printed."),
        *_provenance(),
    ),
    primary_key=("item_id",),
)

EXPENDITURE_BY_ECONOMIC = ResourceSpec(
    name="expenditure_by_economic",
    title_zh="基本支出（经济分类）",
    title_en="Basic expenditure by economic classification",
    description="Lines of the 一般公共预算财政拨款基本支出决算明细表 with a stated amount.",
    fields=(
        Field(
            "code",
            "string",
            "经济分类科目编码",
            "Code",
            "Economic classification code.",
            True,
            {"pattern": r"^3\d{2}(\d{2})?$"},
        ),
        Field("name", "string", "科目名称", "Name", "As printed.", True),
        Field("amount", "number", "决算数", "Amount", "Actual (万元).", True),
        Field("category", "string", "类别", "Category", "人员经费 or 公用经费 block of the table."),
        *_provenance(),
    ),
    primary_key=("code",),
)

SANGONG = ResourceSpec(
    name="sangong",
    title_zh="“三公”经费",
    title_en="Three public expenses (sangong)",
    description=(
        "Budget and actual of each 三公 component and the related counts; a component with two "
        "different stated values has two rows, both flagged."
    ),
    fields=(
        Field(
            "item",
            "string",
            "项目",
            "Item",
            "Component or count.",
            True,
            {"enum": [*COMPONENTS, *COUNTS]},
        ),
        Field(
            "phase",
            "string",
            "预算/决算",
            "Phase",
            "budget (全年预算数) or actual (决算数).",
            True,
            {"enum": ["budget", "actual"]},
        ),
        Field("value", "number", "数值", "Value", "万元 for amounts; count for counts.", True),
        Field(
            "unit",
            "string",
            "单位",
            "Unit",
            "Unit code.",
            True,
            {"enum": ["wan_yuan", "count", "person", "vehicle"]},
        ),
        *_provenance(),
        Field("conflict", "boolean", "数值冲突", "Conflict", "Another value is stated too.", True),
    ),
    primary_key=("item", "phase", "value"),
)

PERFORMANCE_PROJECTS = ResourceSpec(
    name="performance_projects",
    title_zh="绩效自评项目",
    title_en="Performance self-evaluation: projects",
    description=(
        "Every 项目支出绩效自评表 (one row per project), each row of a 项目支出自评汇总表, and "
        "the unit's 整体支出绩效自评表 (kind `overall`)."
    ),
    fields=(
        Field(
            "project_id",
            "string",
            "项目编号",
            "Project id",
            "P01… in document order; `overall` for the unit as a whole.",
            True,
        ),
        Field(
            "kind",
            "string",
            "类型",
            "Kind",
            "project or overall.",
            True,
            {"enum": ["project", "overall"]},
        ),
        Field("name", "string", "项目名称", "Name", "As printed."),
        Field("competent_department", "string", "主管部门", "Competent department", "As printed."),
        Field("implementing_unit", "string", "实施单位", "Implementing unit", "As printed."),
        _wan("initial_budget", "年初预算数", "Initial budget", "Initial budget"),
        _wan("full_year_budget", "全年预算数", "Full-year budget", "Adjusted full-year budget"),
        _wan("executed", "全年执行数", "Executed", "Executed amount"),
        Field("execution_rate", "number", "执行率", "Execution rate (%)", "As printed, percent."),
        Field(
            "score",
            "number",
            "总分",
            "Score",
            "Total self-evaluation score.",
            constraints={"minimum": 0},
        ),
        Field("goals", "string", "预期目标", "Goals", "年度总体目标: 预期目标."),
        Field("outcome", "string", "实际完成情况", "Outcome", "年度总体目标: 实际完成情况."),
        *_provenance(),
    ),
    primary_key=("project_id",),
)

PERFORMANCE_INDICATORS = ResourceSpec(
    name="performance_indicators",
    title_zh="绩效指标",
    title_en="Performance self-evaluation: indicators",
    description="Every indicator row (三级指标 with a weight) of the self-evaluation tables.",
    fields=(
        Field("project_id", "string", "项目编号", "Project id", "See performance_projects.", True),
        Field("row", "integer", "行号", "Row", "1-based within the project.", True, {"minimum": 1}),
        Field("level1", "string", "一级指标", "Level-1 indicator", "As printed."),
        Field("level2", "string", "二级指标", "Level-2 indicator", "As printed."),
        Field("level3", "string", "三级指标", "Level-3 indicator", "As printed."),
        Field("weight", "number", "分值（权重）", "Weight", "Points the indicator is worth."),
        Field("target", "string", "年度指标值", "Target", "As printed."),
        Field("actual", "string", "实际完成值", "Actual", "As printed."),
        Field("completion_rate", "string", "完成率", "Completion rate", "As printed."),
        Field("score", "number", "得分", "Score", "Points scored."),
        Field("basis", "string", "指标值设定依据", "Basis", "As printed."),
        Field("deviation", "string", "偏差原因分析", "Deviation note", "As printed."),
        *offsets(),
    ),
    primary_key=("project_id", "row"),
    foreign_keys=(
        {
            "fields": "project_id",
            "reference": {"resource": "performance_projects", "fields": "project_id"},
        },
    ),
)

RESOURCES: tuple[ResourceSpec, ...] = (
    FACTS,
    EXPENDITURE_BY_FUNCTION,
    EXPENDITURE_BY_ECONOMIC,
    SANGONG,
    PERFORMANCE_PROJECTS,
    PERFORMANCE_INDICATORS,
    CHECKS,
    VOCABULARY,
)
