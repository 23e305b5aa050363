"""Table resources of a data package beyond facts: classifications, 三公, performance.

Part of the data dictionary (see fields.py): every column is declared once
here and becomes the Table Schema, the page headers and the dictionary page.
"""

from __future__ import annotations

from .fields import CHECKS, EVIDENCE, FACTS, VOCABULARY, Field, ResourceSpec, offsets
from .sangong import COMPONENTS, COUNTS

CODE_PATTERN = r"^\d{3}(\d{2}){0,2}$"
ECONOMIC_CODE_PATTERN = r"^3\d{2}(\d{2})?$"
ITEM_ID_PATTERN = r"^F\d{3,}$"
PROJECT_ID_PATTERN = r"^(P\d{2,}|overall(-\d{2,})?)$"


def _provenance() -> tuple[Field, ...]:
    return (EVIDENCE, *offsets())


def _wan(name: str, zh: str, en: str, description: str, description_zh: str) -> Field:
    return Field(
        name,
        "number",
        zh,
        en,
        f"{description} (万元).",
        description_zh=f"{description_zh}（万元）。",
    )


def _text(name: str, zh: str, en: str, description: str, description_zh: str) -> Field:
    return Field(name, "string", zh, en, description, description_zh=description_zh)


EXPENDITURE_BY_FUNCTION = ResourceSpec(
    name="expenditure_by_function",
    title_zh="一般公共预算财政拨款支出（功能分类）",
    title_en="General public budget expenditure by function",
    description=(
        "Classes (类), sections (款) and items (项) of general-public-budget appropriation "
        "spending, from the narrative (具体情况, 结构情况) and the 一般公共预算财政拨款支出决算表. "
        "`code_source` says whether the national code was printed or filled from the code table "
        "of other disclosures that print it for the same names. `class_id` points at the row of "
        "the item's class (类) when the disclosure states the class itself."
    ),
    fields=(
        Field(
            "item_id",
            "string",
            "序号",
            "Row id",
            "Stable within the package.",
            True,
            {"pattern": ITEM_ID_PATTERN},
            "包内稳定的行编号。",
            "budget-line-id",
        ),
        Field(
            "level",
            "string",
            "层级",
            "Level",
            "class (类), kuan (款) or xiang (项).",
            True,
            {"enum": ["class", "kuan", "xiang"]},
            "科目层级：类、款或项。",
        ),
        Field(
            "class_id",
            "string",
            "所属类",
            "Class row",
            "item_id of the class (类) row this row belongs to; empty when the disclosure "
            "does not state the class as a row of its own.",
            constraints={"pattern": ITEM_ID_PATTERN},
            description_zh="本行所属“类”级科目所在行的序号；公开文本未单列该类时为空。",
        ),
        Field(
            "code",
            "string",
            "科目编码",
            "Code",
            "National functional classification code (类 3 digits, 款 5, 项 7).",
            constraints={"pattern": CODE_PATTERN},
            description_zh="政府收支分类科目（支出功能分类）编码：类 3 位、款 5 位、项 7 位。",
            column_type="functional-classification:generic:code",
        ),
        Field(
            "code_source",
            "string",
            "编码来源",
            "Code source",
            "printed or code_table.",
            constraints={"enum": ["printed", "code_table"]},
            description_zh="printed：原文印有编码；code_table：按其他公开文本的同名科目补全。",
        ),
        Field(
            "class_name",
            "string",
            "类",
            "Class",
            "类 name as printed.",
            True,
            description_zh="类级科目名称（照录）。",
            column_type="functional-classification:generic:level1:label",
        ),
        Field(
            "kuan_name",
            "string",
            "款",
            "Section (kuan)",
            "款 name as printed.",
            description_zh="款级科目名称（照录）。",
            column_type="functional-classification:generic:level2:label",
        ),
        Field(
            "xiang_name",
            "string",
            "项",
            "Item (xiang)",
            "项 name as printed.",
            description_zh="项级科目名称（照录）。",
            column_type="functional-classification:generic:level3:label",
        ),
        Field(
            "amount",
            "number",
            "决算数",
            "Amount",
            "Actual expenditure (万元).",
            description_zh="支出决算数（万元）。",
            column_type="value",
        ),
        _wan("basic", "基本支出", "Basic", "Basic expenditure part (tables only)", "其中基本支出"),
        _wan(
            "project",
            "项目支出",
            "Project",
            "Project expenditure part (tables only)",
            "其中项目支出",
        ),
        Field(
            "share_pct",
            "number",
            "占比",
            "Share (%)",
            "Stated share of the total, percent.",
            constraints={"minimum": 0},
            description_zh="占合计的比例（%，照录）。",
        ),
        _wan(
            "change",
            "比上年增减",
            "Change vs prior year",
            "Signed change vs prior year",
            "比上年增减额",
        ),
        Field(
            "change_pct",
            "number",
            "增减率",
            "Change (%)",
            "Signed change vs prior year, %.",
            description_zh="比上年增减率（%）。",
        ),
        _wan(
            "initial_budget",
            "年初预算数",
            "Initial budget",
            "Initial budget where stated",
            "年初预算数",
        ),
        _text(
            "reason",
            "主要原因",
            "Stated reason",
            "主要原因 as printed.",
            "增减或差异的主要原因（照录）。",
        ),
        *_provenance(),
    ),
    primary_key=("item_id",),
    foreign_keys=({"fields": "class_id", "reference": {"resource": "", "fields": "item_id"}},),
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
            "Economic classification code (301…, 30101…).",
            True,
            {"pattern": ECONOMIC_CODE_PATTERN},
            "支出经济分类科目编码（3 位类、5 位款）。",
            "economic-classification:generic:code",
        ),
        Field(
            "name",
            "string",
            "科目名称",
            "Name",
            "As printed.",
            True,
            description_zh="科目名称（照录）。",
            column_type="economic-classification:generic:label",
        ),
        Field(
            "amount",
            "number",
            "决算数",
            "Amount",
            "Actual (万元).",
            True,
            description_zh="决算数（万元）。",
            column_type="value",
        ),
        Field(
            "category",
            "string",
            "类别",
            "Category",
            "人员经费 or 公用经费 block of the table.",
            constraints={"enum": ["人员经费", "公用经费"]},
            description_zh="所在表块：人员经费或公用经费。",
        ),
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
            "“三公”经费组成部分或相关数量。",
            "value-kind:code",
        ),
        Field(
            "phase",
            "string",
            "预算/决算",
            "Phase",
            "budget (全年预算数) or actual (决算数).",
            True,
            {"enum": ["budget", "actual"]},
            "budget：全年预算数；actual：决算数。",
            "phase:id",
        ),
        Field(
            "value",
            "number",
            "数值",
            "Value",
            "万元 for amounts; count for counts.",
            True,
            {"minimum": 0},
            "金额为万元，数量为个数。",
            "value",
        ),
        Field(
            "unit",
            "string",
            "单位",
            "Unit",
            "Unit code.",
            True,
            {"enum": ["wan_yuan", "count", "person", "vehicle"]},
            "单位代码。",
        ),
        *_provenance(),
        Field(
            "conflict",
            "boolean",
            "数值冲突",
            "Conflict",
            "Another value is stated too.",
            True,
            description_zh="公开文本另述不同数值时为 true。",
        ),
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
            {"pattern": PROJECT_ID_PATTERN},
            "按文中顺序编号 P01…；单位整体为 overall。",
            "activity:generic:project:code",
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
        Field(
            "name",
            "string",
            "项目名称",
            "Name",
            "As printed.",
            description_zh="项目名称（照录）。",
            column_type="activity:generic:project:label",
        ),
        Field(
            "competent_department",
            "string",
            "主管部门",
            "Competent department",
            "As printed.",
            description_zh="主管部门（照录）。",
            column_type="administrative-classification:generic:level1:label",
        ),
        Field(
            "implementing_unit",
            "string",
            "实施单位",
            "Implementing unit",
            "As printed.",
            description_zh="实施单位（照录）。",
            column_type="administrative-classification:generic:level2:label",
        ),
        _wan("initial_budget", "年初预算数", "Initial budget", "Initial budget", "年初预算数"),
        _wan(
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
        Field(
            "execution_rate",
            "number",
            "执行率",
            "Execution rate (%)",
            "As printed, percent.",
            constraints={"minimum": 0},
            description_zh="预算执行率（%，照录）。",
        ),
        Field(
            "score",
            "number",
            "总分",
            "Score",
            "Total self-evaluation score.",
            constraints={"minimum": 0},
            description_zh="自评总分。",
        ),
        _text(
            "goals",
            "预期目标",
            "Goals",
            "年度总体目标: 预期目标.",
            "年度总体目标中的预期目标（照录）。",
        ),
        _text(
            "outcome",
            "实际完成情况",
            "Outcome",
            "年度总体目标: 实际完成情况.",
            "年度总体目标中的实际完成情况（照录）。",
        ),
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
        Field(
            "project_id",
            "string",
            "项目编号",
            "Project id",
            "See performance_projects.",
            True,
            {"pattern": PROJECT_ID_PATTERN},
            "所属项目编号，见 performance_projects。",
            "activity:generic:project:code",
        ),
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
        _text("level1", "一级指标", "Level-1 indicator", "As printed.", "一级指标（照录）。"),
        _text("level2", "二级指标", "Level-2 indicator", "As printed.", "二级指标（照录）。"),
        _text("level3", "三级指标", "Level-3 indicator", "As printed.", "三级指标（照录）。"),
        Field(
            "weight",
            "number",
            "分值（权重）",
            "Weight",
            "Points the indicator is worth.",
            constraints={"minimum": 0},
            description_zh="指标分值（权重）。",
        ),
        _text("target", "年度指标值", "Target", "As printed.", "年度指标值（照录）。"),
        _text("actual", "实际完成值", "Actual", "As printed.", "实际完成值（照录）。"),
        _text("completion_rate", "完成率", "Completion rate", "As printed.", "完成率（照录）。"),
        Field(
            "score",
            "number",
            "得分",
            "Score",
            "Points scored.",
            constraints={"minimum": 0},
            description_zh="指标得分。",
        ),
        _text("basis", "指标值设定依据", "Basis", "As printed.", "指标值设定依据（照录）。"),
        _text(
            "deviation",
            "偏差原因分析",
            "Deviation note",
            "As printed.",
            "偏差原因分析及改进措施（照录）。",
        ),
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

PART_STATUSES = ["present", "empty_declared", "missing"]

COMPLETENESS = ResourceSpec(
    name="completeness",
    title_zh="公开完整性",
    title_en="Completeness scorecard",
    description=(
        "Which parts of the standard disclosure the text contains: the nine tables 公开01–09表, "
        "the four 三公 components, 机关运行经费, 政府采购 by goods/works/services with the SME "
        "share, 国有资产占用, 绩效自评 and 名词解释. `empty_declared`: the department states it "
        "has nothing to report (e.g. 政府性基金 table 为空表); it counts as present."
    ),
    fields=(
        Field(
            "part_id",
            "string",
            "部分编号",
            "Part id",
            "Stable id of the part of the standard disclosure.",
            True,
            {"pattern": r"^[a-z_]+(\.[a-z0-9_]+)?$"},
            "标准公开内容中该部分的稳定编号。",
        ),
        Field(
            "label_zh",
            "string",
            "部分名称",
            "Part (zh)",
            "Name of the part in the national template.",
            True,
            description_zh="该部分在全国统一模板中的名称。",
        ),
        Field(
            "label_en",
            "string",
            "英文名称",
            "Part (en)",
            "English name of the part.",
            True,
            description_zh="该部分的英文名称。",
        ),
        Field(
            "status",
            "string",
            "状态",
            "Status",
            "present; empty_declared (stated to be empty: counts as present); missing.",
            True,
            {"enum": PART_STATUSES},
            "present：已公开；empty_declared：声明无此内容（视为已公开）；missing：未见。",
        ),
        Field(
            "found_by",
            "string",
            "识别方式",
            "Found by",
            "table, fact, section, statement or performance table; empty when missing.",
            constraints={"enum": ["table", "fact", "section", "statement", "performance_table"]},
            description_zh="识别依据的类型：表格、事实、章节、声明或绩效自评表；未见时为空。",
        ),
        Field(
            "evidence",
            "string",
            "依据",
            "Evidence",
            "Where the part was found: table title, sentence or section heading.",
            description_zh="在何处找到：表格标题、原文句子或章节标题。",
        ),
        Field(
            "char_start",
            "integer",
            "起始位置",
            "Start offset",
            "Offset of the evidence in the normalised text.",
            constraints={"minimum": 0},
            description_zh="依据在规范化文本中的起始字符位置。",
        ),
    ),
    primary_key=("part_id",),
)

RESOURCES: tuple[ResourceSpec, ...] = (
    FACTS,
    EXPENDITURE_BY_FUNCTION,
    EXPENDITURE_BY_ECONOMIC,
    SANGONG,
    PERFORMANCE_PROJECTS,
    PERFORMANCE_INDICATORS,
    COMPLETENESS,
    CHECKS,
    VOCABULARY,
)
