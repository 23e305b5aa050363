"""Resources of the portal-wide package: a catalogue and every disclosure's rows combined.

Part of the data dictionary (see fields.py): the combined tables reuse the
per-disclosure fields unchanged and add one `package` column, so a column
means the same thing in a disclosure's package and in the portal's.
"""

from __future__ import annotations

from juesuan.domain.key_figures import CATALOGUE as CATALOGUE_USE
from juesuan.domain.key_figures import figures_for
from juesuan.domain.template import DOCUMENT_KINDS
from juesuan.registry.completeness import COMPLETENESS
from juesuan.registry.expenditure import EXPENDITURE_BY_FUNCTION, SANGONG
from juesuan.registry.facts import FACTS
from juesuan.registry.fields import Field, ResourceSpec, text_field
from juesuan.registry.performance import PERFORMANCE_PROJECTS

# Disclosure packages are named YYYY-slug-hash or unknown-year-…: never a bare word.
PORTAL_NAME = "portal"
# year-slug-hash, and -sourcehash for a second source of one department and year
PACKAGE_PATTERN = r"^(\d{4}|unknown-year)-[a-z0-9]+-[0-9a-f]{6,8}(-[0-9a-f]{8})?$"

PACKAGE = Field(
    "package",
    "string",
    "数据包",
    "Package",
    "Name of the disclosure's data package (datapackages/NAME/).",
    True,
    {"pattern": PACKAGE_PATTERN},
    "该公开文本的数据包名称（datapackages/NAME/）。",
    source="@package",
)
_TO_CATALOGUE = {"fields": "package", "reference": {"resource": "catalogue", "fields": "package"}}

# Key totals shown in the catalogue, one column each (domain/key_figures.py).
CATALOGUE_TOTALS = figures_for(CATALOGUE_USE)
LEVELS = ["province", "prefecture", "county"]


def _count(name: str, zh: str, en: str, description: str, description_zh: str) -> Field:
    return Field(name, "integer", zh, en, description, True, {"minimum": 0}, description_zh)


CATALOGUE = ResourceSpec(
    name="catalogue",
    title_zh="公开目录",
    title_en="Catalogue of disclosures",
    description_zh=(
        "每份已发布的公开文本一行：部门、地区、行政级别、年度、文本类型、主要合计数（未载"
        "明或前后不一致时为空），以及未通过的勾稽检查项数。"
    ),
    description=(
        "One row per published disclosure: department, region, administrative level, fiscal "
        "year, document kind, key totals (empty when not stated or stated twice differently), "
        "and how many arithmetic checks failed."
    ),
    fields=(
        PACKAGE,
        text_field("title", "标题", "Title", "Title of the disclosure.", "公开文本标题。"),
        text_field(
            "department",
            "部门",
            "Department",
            "Issuing department, as printed.",
            "发布部门（照录）。",
            column_type="administrative-classification:generic:label",
        ),
        text_field("province", "省", "Province", "Province-level region.", "省级行政区。"),
        text_field("prefecture", "市", "Prefecture", "Prefecture-level region.", "地级行政区。"),
        text_field("county", "县", "County", "County-level region.", "县级行政区。"),
        text_field(
            "level",
            "层级",
            "Level",
            "Lowest administrative level named in the region: province, prefecture or county.",
            "地区所示的最低行政层级：省、市或县。",
            constraints={"enum": LEVELS},
        ),
        Field(
            "fiscal_year",
            "integer",
            "年度",
            "Fiscal year",
            "Fiscal year (the calendar year in China).",
            constraints={"minimum": 1990, "maximum": 2100},
            description_zh="决算年度（中国财政年度即公历年）。",
            column_type="date:fiscal-year",
        ),
        text_field(
            "document_kind",
            "文本类型",
            "Document kind",
            "; ".join(f"{code}: {en}" for code, (_, en) in DOCUMENT_KINDS.items()) + ".",
            "；".join(f"{code}：{zh}" for code, (zh, _) in DOCUMENT_KINDS.items()) + "。",
            constraints={"enum": sorted(DOCUMENT_KINDS)},
        ),
        *(
            Field(
                f.column,
                "number",
                f.label_zh,
                f.title_en,
                f"`{f.key}` as stated ({f.unit_zh}); empty when not stated or stated twice "
                "differently.",
                description_zh=f"{f.label_zh}（{f.unit_zh}）；未公开或前后不一致时为空。",
            )
            for f in CATALOGUE_TOTALS
        ),
        _count("facts", "事实数", "Facts", "Rows of the facts resource.", "事实表行数。"),
        _count("checks", "检查数", "Checks", "Rows of the checks resource.", "勾稽检查项数。"),
        _count(
            "checks_failed",
            "不一致检查数",
            "Checks failed",
            "Checks with status fail.",
            "结果为 fail（不一致）的检查项数。",
        ),
        _count(
            "parts_present",
            "已公开部分",
            "Parts present",
            "Parts of the standard disclosure present or declared empty.",
            "标准公开内容中已公开（含声明为空）的部分数。",
        ),
        _count(
            "parts_referenced",
            "另附部分",
            "Parts attached separately",
            "Parts the text says are attached or published separately: not in this text, "
            "not missing, not counted as present.",
            "文本说明另附或另行公开、本文未含的部分数：不算缺失，也不计为已公开。",
        ),
        _count(
            "parts_total",
            "应公开部分",
            "Parts total",
            "Parts scored: those of the document's own kind.",
            "计分的部分总数（按文本类型的应有部分）。",
        ),
        text_field(
            "source_sha256",
            "原文哈希",
            "Source SHA-256",
            "SHA-256 of the raw source file.",
            "原始文件的 SHA-256。",
            constraints={"pattern": r"^[0-9a-f]{64}$"},
            required=True,
        ),
    ),
    primary_key=("package",),
)

RANKING = ResourceSpec(
    name="completeness_ranking",
    title_zh="公开完整性排名",
    title_en="Completeness ranking",
    description_zh=(
        "按所含应公开部分的数量排名（并列同名次）。只在同一文本类型、同一年度之内排名："
        "名次按（document_kind, fiscal_year）分组，不同类型或不同年度的文本互不比较。"
        "`missing` 列出未见部分的编号；`referenced` 列出文本说明另附、本文未含的部分，"
        "不算缺失。"
    ),
    description=(
        "Disclosures ranked by the number of their kind's parts they contain (ties share a "
        "rank), within one document kind and one fiscal year only: ranks restart for each "
        "(document_kind, fiscal_year), and texts of different kinds or years are never "
        "compared. `missing` lists the part ids not found; `referenced` those the text says "
        "are attached separately (not missing)."
    ),
    fields=(
        Field(
            "rank",
            "integer",
            "名次",
            "Rank",
            "1 = most complete among the texts of the same kind and year.",
            True,
            {"minimum": 1},
            "名次（1 为同类型、同年度中最完整）。",
        ),
        PACKAGE,
        *(f for f in CATALOGUE.fields if f.name in ("department", "fiscal_year", "document_kind")),
        *(
            f
            for f in CATALOGUE.fields
            if f.name in ("parts_present", "parts_referenced", "parts_total")
        ),
        Field(
            "share_pct",
            "number",
            "完整度",
            "Completeness (%)",
            "parts_present / parts_total, percent, two decimals.",
            True,
            {"minimum": 0, "maximum": 100},
            "已公开部分占比（%，保留两位小数）。",
        ),
        text_field(
            "missing",
            "缺失部分",
            "Missing parts",
            "Part ids not found, separated by ';'.",
            "未找到的部分编号，以“;”分隔。",
        ),
        text_field(
            "referenced",
            "另附部分",
            "Parts attached separately",
            "Part ids the text says are attached or published separately, separated by ';'.",
            "文本说明另附或另行公开的部分编号，以“;”分隔。",
        ),
    ),
    primary_key=("package",),
    foreign_keys=(_TO_CATALOGUE,),
)


def combined(spec: ResourceSpec, description: str) -> ResourceSpec:
    """`spec` with a leading `package` column; keys extended by it and tied to the catalogue."""
    return ResourceSpec(
        name=spec.name,
        title_zh=f"{spec.title_zh}（全部公开）",
        title_en=f"{spec.title_en} (all disclosures)",
        description=description,
        fields=(PACKAGE, *spec.fields),
        primary_key=("package", *spec.primary_key),
        foreign_keys=(_TO_CATALOGUE,),
        records=spec.records,
    )


PORTAL_FACTS = combined(FACTS, "Every stated fact of every disclosure (long format).")
# The class link (class_id → item_id) is checked in each disclosure's package: frictionless
# treats a composite key with one empty part as a dangling reference, so it is not repeated here.
PORTAL_ITEMS = combined(
    EXPENDITURE_BY_FUNCTION, "Every expenditure item (类/款/项) with its code, of every disclosure."
)
PORTAL_SANGONG = combined(SANGONG, "Every 三公 row of every disclosure.")
PORTAL_PROJECTS = combined(
    PERFORMANCE_PROJECTS, "Every self-evaluated project (and overall evaluation)."
)
PORTAL_COMPLETENESS = combined(COMPLETENESS, "The completeness scorecard of every disclosure.")

PORTAL_RESOURCES: tuple[ResourceSpec, ...] = (
    CATALOGUE,
    RANKING,
    PORTAL_FACTS,
    PORTAL_ITEMS,
    PORTAL_SANGONG,
    PORTAL_PROJECTS,
    PORTAL_COMPLETENESS,
)
