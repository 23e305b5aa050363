"""The data dictionary: one registry of every published field.

Table Schemas, the column headers of pages and the data-dictionary docs are all
generated from here, so a field's title or constraint cannot differ between the
CSV a researcher downloads and the page a citizen reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .vocabulary import UNITS, load_vocabulary


@dataclass(frozen=True)
class Field:
    """One column of a published CSV.

    `description` is English, `description_zh` Chinese; both go into the Table
    Schema. `column_type` is a Fiscal Data Package columnType id (budget
    taxonomy, https://specs.frictionlessdata.io/taxonomies/fiscal/budgets.json),
    set only where one of its ids says what the column is, so that fiscal tools
    read our amounts, codes and phases without guessing.
    """

    name: str
    type: str  # Frictionless Table Schema type
    title_zh: str
    title_en: str
    description: str
    required: bool = False
    constraints: dict[str, Any] = field(default_factory=dict)
    description_zh: str = ""
    column_type: str | None = None

    @property
    def all_constraints(self) -> dict[str, Any]:
        constraints = dict(self.constraints)
        if self.required:
            constraints["required"] = True
        return constraints

    def to_schema(self) -> dict[str, Any]:
        constraints = self.all_constraints
        description = self.description
        if self.description_zh:
            description = f"{self.description_zh} / {self.description}"
        out: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "title": f"{self.title_zh} / {self.title_en}",
            "description": description,
        }
        if self.column_type:
            out["columnType"] = self.column_type
        if self.type == "number":
            out["bareNumber"] = True
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class ResourceSpec:
    """A published table: its fields, keys and bilingual title."""

    name: str
    title_zh: str
    title_en: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[dict[str, Any], ...] = ()

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def table_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"fields": [f.to_schema() for f in self.fields]}
        if self.primary_key:
            schema["primaryKey"] = list(self.primary_key)
        if self.foreign_keys:
            schema["foreignKeys"] = [dict(fk) for fk in self.foreign_keys]
        return schema


EVIDENCE = Field(
    "evidence",
    "string",
    "依据",
    "Evidence",
    "The sentence or table cell the value was read from, as printed.",
    True,
    description_zh="读取该数值的原文句子或表格单元格（照录）。",
)


def offsets() -> tuple[Field, Field]:
    """Where a value was read: character offsets into the normalised text (provenance)."""
    return (
        Field(
            "char_start",
            "integer",
            "起始位置",
            "Start offset",
            "Offset of the match in the normalised text.",
            True,
            {"minimum": 0},
            "依据在规范化文本中的起始字符位置。",
        ),
        Field(
            "char_end",
            "integer",
            "结束位置",
            "End offset",
            "End offset (exclusive) of the match in the normalised text.",
            True,
            {"minimum": 0},
            "依据在规范化文本中的结束字符位置（不含）。",
        ),
    )


FACT_KEY_PATTERN = r"^[a-z_]+\.[a-z0-9_]+$"


def _facts_spec() -> ResourceSpec:
    keys = list(load_vocabulary())
    return ResourceSpec(
        name="facts",
        title_zh="决算事实",
        title_en="Stated facts",
        description=(
            "Every scalar fact of the vocabulary that the disclosure states, one row per "
            "distinct value, with the sentence or table cell it was read from. A key with two "
            "different stated values has two rows, both flagged as a conflict."
        ),
        fields=(
            Field(
                "key",
                "string",
                "指标",
                "Key",
                "Key of the fact vocabulary.",
                True,
                {"enum": keys, "pattern": FACT_KEY_PATTERN},
                "指标词表中的键。",
                "value-kind:code",
            ),
            Field(
                "value",
                "number",
                "数值",
                "Value",
                "Value in the unit of the `unit` column (amounts converted to 万元).",
                True,
                description_zh="按 unit 列的单位记录的数值（金额统一折算为万元）。",
                column_type="value",
            ),
            Field(
                "unit",
                "string",
                "单位",
                "Unit",
                "Unit code, see the vocabulary.",
                True,
                {"enum": sorted(UNITS)},
                "单位代码，见指标词表。",
            ),
            EVIDENCE,
            Field(
                "section",
                "string",
                "章节",
                "Section",
                "Path of the section headings above the evidence, joined with ' > '.",
                description_zh="依据所在的各级章节标题，以“ > ”连接。",
            ),
            *offsets(),
            Field(
                "conflict",
                "boolean",
                "数值冲突",
                "Conflict",
                "True when the disclosure states another value for the same key.",
                True,
                description_zh="同一指标在公开文本中另有不同数值时为 true。",
            ),
        ),
        primary_key=("key", "value"),
        foreign_keys=({"fields": "key", "reference": {"resource": "vocabulary", "fields": "key"}},),
    )


VOCABULARY = ResourceSpec(
    name="vocabulary",
    title_zh="指标词表",
    title_en="Fact vocabulary",
    description="The controlled vocabulary of fact keys (the portal's data contract).",
    fields=(
        Field(
            "key",
            "string",
            "指标",
            "Key",
            "Stable dotted key.",
            True,
            {"pattern": FACT_KEY_PATTERN},
            "稳定的点分键名。",
            "value-kind:code",
        ),
        Field(
            "label_zh",
            "string",
            "中文名称",
            "Chinese label",
            "Label as in the template.",
            True,
            description_zh="模板中的中文名称。",
            column_type="value-kind:label",
        ),
        Field(
            "label_en",
            "string",
            "英文名称",
            "English label",
            "English label.",
            True,
            description_zh="英文名称。",
        ),
        Field(
            "unit",
            "string",
            "单位",
            "Unit",
            "Unit code.",
            True,
            {"enum": sorted(UNITS)},
            "单位代码。",
        ),
        Field(
            "notes", "string", "说明", "Notes", "How the fact is read.", description_zh="读取方法。"
        ),
    ),
    primary_key=("key",),
)

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
    "performance",
]

CHECKS = ResourceSpec(
    name="checks",
    title_zh="勾稽检查",
    title_en="Arithmetic checks",
    description=(
        "Every identity of the national template, every stated share, change and budget rate, "
        "and every figure printed both in the narrative and in a table, checked against the "
        "amounts the disclosure states. `not_checkable` means a term was not stated or could "
        "not be read; it is never a pass. `terms` lists each term with its value and the "
        "sentence or cell it was read from, so the arithmetic can be redone from the source."
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
            {"enum": ["pass", "rounding", "fail", "not_checkable"]},
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
            "value (decimal string, null when not read) and evidence (the sentence or table "
            "cell as printed, or why it is missing).",
            True,
        ),
        Field(
            "note", "string", "说明", "Note", "Why a check is not checkable, or what it assumed."
        ),
    ),
    primary_key=("check_id",),
)

FACTS = _facts_spec()
