"""The arithmetic checks as published: one row per identity, share, rate or repeated figure.

Part of the data dictionary (see fields.py).
"""

from __future__ import annotations

from juesuan.domain.check_status import CheckStatus
from juesuan.registry.fields import Field, ResourceSpec

CHECK_FAMILIES = [
    "totals",
    "bounds",
    "functional",
    "codes",
    "economic",
    "sangong",
    "shares",
    "changes",
    "budget_rates",
    "narrative_vs_table",
    "conflicting_values",
    "performance",
]

# What a family checks, as a reader is told how many of them passed (the page lists the
# checks that did not pass one by one; the passing ones are counted by family here and
# listed in checks.csv).
FAMILY_TITLES = {
    "totals": "合计与分项 totals",
    "bounds": "部分不超过整体 bounds",
    "functional": "功能分类类款项之和 functional sums",
    "codes": "科目编码 codes",
    "economic": "经济分类之和 economic sums",
    "sangong": "“三公”经费 sangong",
    "shares": "占比 shares",
    "changes": "比上年增减 changes",
    "budget_rates": "预决算差异与完成率 budget rates",
    "narrative_vs_table": "说明与表格一致 narrative vs table",
    "conflicting_values": "同一数字各处一致 repeated figures",
    "performance": "绩效自评 performance",
}

CHECKS = ResourceSpec(
    name="checks",
    title_zh="勾稽检查",
    title_en="Arithmetic checks",
    description_zh=(
        "全国模板的每一个恒等式、文中列出的每一个占比、增减率和预决算差异率，以及说明与表"
        "格都列出的每一个数字，均按公开文本所列金额核对。`not_checkable`（"
        "无法检查）表示有一项未载明或未能读取，绝不等于通过。`terms` 列出每一项的"
        "数值及其原文句子或单元格，可据以重算；与 facts.csv（同一 key）或 "
        "expenditure_by_function.csv（同一编码）某行依据相同的，不再重复句子，而以 `in` 指明该表。"
    ),
    description=(
        "Every identity of the national template, every stated share, change and budget rate, "
        "and every figure printed both in the narrative and in a table, checked against the "
        "amounts the disclosure states. `not_checkable` means a term was not stated or could "
        "not be read; it is never a pass. `terms` lists each term with its value and the "
        "sentence or cell it was read from, so the arithmetic can be redone from the source; a "
        "term whose sentence is that of a facts.csv row (same key) or an "
        "expenditure_by_function.csv row (same code) names that table in `in` instead."
    ),
    fields=(
        Field(
            "check_id",
            "string",
            "检查编号",
            "Check id",
            "Stable id: family, subject and, for printed percentages, the source line (L22); "
            "#2, #3 … number further checks of the same line.",
            True,
        ),
        Field(
            "family",
            "string",
            "检查类别",
            "Family",
            "totals (sums of the template), bounds (a part at most its whole), functional "
            "(类/款/项 sums), codes, economic (经济分类 sums), sangong, shares (占…%), changes "
            "(比上年增减…%), budget_rates (预决算差异率, 完成预算的…%), narrative_vs_table, "
            "conflicting_values (one figure stated with different values, always fail), "
            "performance (scores, execution rates).",
            True,
            {"enum": CHECK_FAMILIES},
        ),
        Field("description_zh", "string", "检查内容", "Description (zh)", "What is checked.", True),
        Field("description_en", "string", "检查说明", "Description (en)", "What is checked.", True),
        Field(
            "status",
            "string",
            "结果",
            "Status",
            "pass: holds as printed; rounding: off by no more than the rounding of its terms "
            "(0.01 万元 per amount printed to 2 decimals, both sides counted; for a percentage, "
            "the printed percentage's half unit after the amounts' rounding); fail; "
            "not_checkable: a term is not stated, contradicted or the base of a rate is zero or "
            "unknown. A bound (≤) passes when it holds; narrative vs table allows no rounding.",
            True,
            {"enum": [s.value for s in CheckStatus]},
        ),
        Field(
            "expected",
            "number",
            "应为",
            "Expected",
            "The stated value: the total, the printed percentage, or the bound of a ≤ check "
            "(万元, percent or points).",
        ),
        Field(
            "actual",
            "number",
            "实为",
            "Actual",
            "What the other terms give: the sum, the computed percentage, the bounded part.",
        ),
        Field(
            "difference",
            "number",
            "差额",
            "Difference",
            "actual − expected (percentage points for percentages).",
        ),
        Field(
            "tolerance",
            "number",
            "允许尾差",
            "Tolerance",
            "The rounding allowed: the sum of the terms' rounding, or the printed "
            "percentage's half unit.",
            constraints={"minimum": 0},
        ),
        Field(
            "terms",
            "string",
            "各项及依据",
            "Terms with evidence",
            "JSON array, one object per term: name, key (vocabulary key or code, may be empty), "
            "value (decimal string, null when not read) and either evidence (the sentence or "
            'table cell as printed, or why it is missing) or in: "facts" or '
            '"expenditure_by_function" when the evidence is that of the row of that table '
            "with the term's key (facts.key) or code (expenditure_by_function.code).",
            True,
            description_zh=(
                "JSON 数组，每项一个对象：name、key（词表键或科目编码，可为空）、"
                "value（小数字符串，未读到为 null），以及 evidence（原文句子或单元格，"
                "或缺失原因）；依据与 facts.csv（同一 key）或 expenditure_by_function.csv"
                "（同一 code）某行相同时，以 in 指明该表，不重复句子。"
            ),
            source="@terms",
        ),
        Field(
            "note", "string", "说明", "Note", "Why a check is not checkable, or what it assumed."
        ),
    ),
    primary_key=("check_id",),
    records="checks",
)
