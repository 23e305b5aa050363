"""Spending tables of a data package: by function (类/款/项), by economic class, and 三公.

Part of the data dictionary (see fields.py): every column is declared once
here and becomes the Table Schema, the page headers and the dictionary page.
"""

from __future__ import annotations

from juesuan.domain.sangong import COMPONENTS, COUNTS, Phase
from juesuan.domain.template import FunctionLevel
from juesuan.registry.fields import (
    Field,
    ResourceSpec,
    nonnegative_field,
    provenance,
    text_field,
    unit_field,
    wan_field,
)

CODE_PATTERN = r"^\d{3}(\d{2}){0,2}$"
ECONOMIC_CODE_PATTERN = r"^3\d{2}(\d{2})?$"
ITEM_ID_PATTERN = r"^F\d{3,}$"


EXPENDITURE_BY_FUNCTION = ResourceSpec(
    name="expenditure_by_function",
    title_zh="一般公共预算财政拨款支出（功能分类）",
    title_en="General public budget expenditure by function",
    description_zh=(
        "一般公共预算财政拨款支出的类、款、项，读自情况说明（具体情况、结构情况）和一般公"
        "共预算财政拨款支出决算表。`code_source` 说明科目编码是原文印出的，"
        "还是由其他公开文本对同名科目印出的编码补全的；`class_id` 指向该科目所"
        "属类的行（文本列出该类时）。"
    ),
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
            source="@item_id",
        ),
        Field(
            "level",
            "string",
            "层级",
            "Level",
            "class (类), kuan (款) or xiang (项).",
            True,
            {"enum": [level.value for level in FunctionLevel]},
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
            source="@class_id",
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
        wan_field(
            "basic", "基本支出", "Basic", "Basic expenditure part (tables only)", "其中基本支出"
        ),
        wan_field(
            "project",
            "项目支出",
            "Project",
            "Project expenditure part (tables only)",
            "其中项目支出",
        ),
        nonnegative_field(
            "share_pct",
            "占比",
            "Share (%)",
            "Stated share of the total, percent.",
            "占合计的比例（%，照录）。",
        ),
        wan_field(
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
        wan_field(
            "initial_budget",
            "年初预算数",
            "Initial budget",
            "Initial budget where stated",
            "年初预算数",
        ),
        text_field(
            "reason",
            "主要原因",
            "Stated reason",
            "主要原因 as printed.",
            "增减或差异的主要原因（照录）。",
        ),
        *provenance(),
    ),
    primary_key=("item_id",),
    records="expenditure_items",
    foreign_keys=({"fields": "class_id", "reference": {"resource": "", "fields": "item_id"}},),
)

EXPENDITURE_BY_ECONOMIC = ResourceSpec(
    name="expenditure_by_economic",
    title_zh="基本支出（经济分类）",
    title_en="Basic expenditure by economic classification",
    description_zh=("一般公共预算财政拨款基本支出决算明细表中列有金额的各行。"),
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
            "人员经费 or 公用经费, by the economic class (301, 303: 人员经费; 302, 307, "
            "309, 310, 399: 公用经费).",
            constraints={"enum": ["人员经费", "公用经费"]},
            description_zh="人员经费或公用经费，按经济分类（301、303 为人员经费；302、307、309、"
            "310、399 为公用经费）。",
        ),
        *provenance(),
    ),
    primary_key=("code",),
    records="economic",
)

SANGONG = ResourceSpec(
    name="sangong",
    title_zh="“三公”经费",
    title_en="Three public expenses (sangong)",
    description_zh=(
        "“三公”经费各组成部分的预算数与决算数，以及相关数量；同一组成部分列出两个不同数"
        "值时有两行，均标为冲突。"
    ),
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
            {"enum": [p.value for p in Phase]},
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
        unit_field(["wan_yuan", "count", "person", "vehicle"]),
        *provenance(),
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
    records="sangong",
)
