"""The data dictionary: one registry of every published field.

Table Schemas, the column headers of pages and the data-dictionary docs are all
generated from here, so a field's title or constraint cannot differ between the
CSV a researcher downloads and the page a citizen reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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
    source: str | None = None

    @property
    def getter(self) -> str:
        """How the row writer (package/rows.py) takes this column's value from a record:
        `source` is a dotted attribute path ("start", "part.part_id") or "@name", a named
        accessor of the writer for a derived column (a row id, a link, a page); by default
        the record's attribute of the column's own name."""
        return self.source or self.name

    @property
    def all_constraints(self) -> dict[str, Any]:
        constraints = dict(self.constraints)
        if self.required:
            constraints["required"] = True
        return constraints

    def to_schema(self, described: bool = True) -> dict[str, Any]:
        """The field's Table Schema; `described=False` leaves out its description, which
        the data dictionary publishes once instead of every disclosure package repeating it
        (a fifth of a package's bytes)."""
        constraints = self.all_constraints
        out: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "title": f"{self.title_zh} / {self.title_en}",
        }
        if described:
            out["description"] = (
                f"{self.description_zh} / {self.description}"
                if self.description_zh
                else self.description
            )
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
    # The attribute of a converted disclosure that holds the table's records (one row each);
    # None for a table not written from a disclosure's records (the vocabulary, the catalogue).
    records: str | None = None
    # The description in Chinese, shown first on the data dictionary page.
    description_zh: str = ""

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    @property
    def columns(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        """The field of column `name`."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no column {name!r}")

    def table_schema(self, described: bool = True) -> dict[str, Any]:
        """The Table Schema; `described=False`: without the fields' descriptions."""
        schema: dict[str, Any] = {"fields": [f.to_schema(described) for f in self.fields]}
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


PAGE = Field(
    "page",
    "integer",
    "页码",
    "Page",
    "Page of the original file (PDF page, Word page break, Excel sheet) the evidence is on; "
    "empty for a text source.",
    False,
    {"minimum": 1},
    "依据所在的原始文件页码（PDF 页、Word 分页、Excel 工作表序号）；文本来源为空。",
    source="@page",
)


def offsets() -> tuple[Field, Field, Field]:
    """Where a value was read: character offsets into the normalised text and, for a PDF,
    Word, Excel or web page, the page of the original (provenance a reader can follow)."""
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
            source="start",
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
            source="end",
        ),
        PAGE,
    )


def provenance() -> tuple[Field, ...]:
    """The evidence and its offsets: what every extracted row carries."""
    return (EVIDENCE, *offsets())


def text_field(
    name: str, zh: str, en: str, description: str, description_zh: str, **kw: Any
) -> Field:
    return Field(name, "string", zh, en, description, description_zh=description_zh, **kw)


def printed_field(
    name: str, zh: str, en: str, description_zh: str | None = None, **kw: Any
) -> Field:
    """A text column copied from the source as printed (照录)."""
    return text_field(name, zh, en, "As printed.", description_zh or f"{zh}（照录）。", **kw)


def wan_field(name: str, zh: str, en: str, description: str, description_zh: str) -> Field:
    """An amount in 万元; the unit is appended to both descriptions."""
    return Field(
        name,
        "number",
        zh,
        en,
        f"{description} (万元).",
        description_zh=f"{description_zh}（万元）。",
    )


def nonnegative_field(name: str, zh: str, en: str, description: str, description_zh: str) -> Field:
    """A number that cannot be negative (a share, a rate, a score)."""
    return Field(
        name,
        "number",
        zh,
        en,
        description,
        constraints={"minimum": 0},
        description_zh=description_zh,
    )


def unit_field(
    units: list[str], description: str = "Unit code.", description_zh: str = "单位代码。"
) -> Field:
    """The required `unit` column, restricted to `units` (unit codes of the vocabulary)."""
    return Field(
        "unit", "string", "单位", "Unit", description, True, {"enum": units}, description_zh
    )
