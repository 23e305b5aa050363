"""The fact vocabulary as published: one row per stated fact, and the vocabulary itself.

Part of the data dictionary (see fields.py).
"""

from __future__ import annotations

from typing import Any

from juesuan.domain.vocabulary import UNITS, load_vocabulary
from juesuan.registry.fields import EVIDENCE, Field, ResourceSpec, offsets, unit_field

FACT_KEY_PATTERN = r"^[a-z_]+\.[a-z0-9_]+$"


def _key(description: str, description_zh: str, constraints: dict[str, Any] | None = None) -> Field:
    """The `key` column: a vocabulary key, in the facts and in the vocabulary itself."""
    return Field(
        "key",
        "string",
        "指标",
        "Key",
        description,
        True,
        {**(constraints or {}), "pattern": FACT_KEY_PATTERN},
        description_zh,
        "value-kind:code",
    )


def _facts_spec() -> ResourceSpec:
    keys = list(load_vocabulary())
    return ResourceSpec(
        name="facts",
        title_zh="决算事实",
        title_en="Stated facts",
        description_zh=(
            "公开文本载明的词表中每一个标量数字，每个不同数值一行，附其所依据的原文句子或表格"
            "单元格。同一指标列出两个不同数值时有两行，均标为冲突。"
        ),
        description=(
            "Every scalar fact of the vocabulary that the disclosure states, one row per "
            "distinct value, with the sentence or table cell it was read from. A key with two "
            "different stated values has two rows, both flagged as a conflict."
        ),
        fields=(
            _key("Key of the fact vocabulary.", "指标词表中的键。", {"enum": keys}),
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
            unit_field(sorted(UNITS), "Unit code, see the vocabulary.", "单位代码，见指标词表。"),
            EVIDENCE,
            Field(
                "section",
                "string",
                "章节",
                "Section",
                "Path of the section headings above the evidence, joined with ' > '.",
                description_zh="依据所在的各级章节标题，以“ > ”连接。",
                source="@section_path",
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
        records="facts",
        foreign_keys=({"fields": "key", "reference": {"resource": "vocabulary", "fields": "key"}},),
    )


VOCABULARY = ResourceSpec(
    name="vocabulary",
    title_zh="指标词表",
    title_en="Fact vocabulary",
    description_zh=("指标编码（key）的受控词表，即本站的数据约定。"),
    description="The controlled vocabulary of fact keys (the portal's data contract).",
    fields=(
        _key("Stable dotted key.", "稳定的点分键名。"),
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
        unit_field(sorted(UNITS)),
        Field(
            "notes", "string", "说明", "Notes", "How the fact is read.", description_zh="读取方法。"
        ),
    ),
    primary_key=("key",),
)

FACTS = _facts_spec()
