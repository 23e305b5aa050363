"""What the national template of a 部门决算公开 prescribes: its kinds, parts and tables.

One home for the template, because the reader (which part a heading or table is),
the completeness scorecard, the package (which parts exist) and the pages (their
labels) must agree on it; a part added here appears everywhere at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class DocumentKind(StrEnum):
    """What a source is; the string values are the published `document_kind` codes."""

    FINAL_ACCOUNTS = "final_accounts"
    # The summed accounts of many units of one level of government (镇本级汇总, 区本级汇总):
    # not one department's, so not to be ranked against one.
    AGGREGATE = "aggregate_final_accounts"
    # A page that publishes one part of the template alone: the 三公 page (often on its own
    # web page), the 政府采购 page.
    SANGONG = "sangong_final_accounts"
    AGGREGATE_SANGONG = "aggregate_sangong_final_accounts"
    PROCUREMENT = "procurement_final_accounts"
    PERFORMANCE = "performance_self_evaluation"
    # Recognised so that it is refused: a budget's figures must never be published as actuals.
    BUDGET = "budget"
    # Recognised so that it is refused: a news report (of a province's total, of a meeting)
    # is nobody's disclosure, whatever figures it quotes.
    NEWS = "news_report"


# The published kinds: code → (Chinese label, English label).
DOCUMENT_KINDS = {
    DocumentKind.FINAL_ACCOUNTS: ("部门（单位）决算公开说明", "Final accounts disclosure"),
    DocumentKind.AGGREGATE: (
        "本级汇总决算（多个单位合计）",
        "Aggregate final accounts of many units",
    ),
    DocumentKind.SANGONG: ("“三公”经费决算公开", "Three public expenses (三公) final accounts"),
    DocumentKind.AGGREGATE_SANGONG: (
        "本级汇总“三公”经费决算（多个单位合计）",
        "Aggregate three public expenses (三公) final accounts of many units",
    ),
    DocumentKind.PROCUREMENT: ("政府采购决算公开", "Government procurement final accounts"),
    DocumentKind.PERFORMANCE: ("整体支出绩效自评", "Performance self-evaluation"),
}
# The word a disclosure's title ends in, by kind (部门决算 for any other).
KIND_TITLES = {
    DocumentKind.AGGREGATE: "本级汇总决算",
    DocumentKind.SANGONG: "“三公”经费决算",
    DocumentKind.AGGREGATE_SANGONG: "本级汇总“三公”经费决算",
    DocumentKind.PROCUREMENT: "政府采购决算",
    DocumentKind.PERFORMANCE: "整体支出绩效自评",
}
# Kinds that publish the whole template: the core parts are expected of them.
WHOLE_TEMPLATE_KINDS = frozenset({DocumentKind.FINAL_ACCOUNTS, DocumentKind.AGGREGATE})


class PartStatus(StrEnum):
    """A template part in a text: there, declared empty by the department, said by the text
    to be attached or published separately (so not in this text, but not missing), or not
    found."""

    PRESENT = "present"
    EMPTY_DECLARED = "empty_declared"
    MISSING = "missing"
    REFERENCED = "referenced"


# Each status as the public reads it: (Chinese, English).
PART_STATUS_LABELS = {
    PartStatus.PRESENT: ("已公开", "present"),
    PartStatus.EMPTY_DECLARED: ("声明为空", "declared empty"),
    PartStatus.REFERENCED: ("另附（本文未含）", "attached separately"),
    PartStatus.MISSING: ("未见", "missing"),
}


class FoundBy(StrEnum):
    """What showed a template part to be in a text (the published `found_by` codes)."""

    TABLE = "table"
    FACT = "fact"
    SECTION = "section"
    STATEMENT = "statement"  # the department's statement that it has no such money
    PERFORMANCE_TABLE = "performance_table"
    REFERENCE = "reference"  # the text's word that the part is attached or published apart


class FunctionLevel(StrEnum):
    """The level of an item of the functional classification (功能分类科目): 类, 款, 项;
    the values are the published `level` codes."""

    CLASS = "class"
    KUAN = "kuan"
    XIANG = "xiang"


# Parts of the national template; which of them a text has tells how much of it we saw.
TEMPLATE_PARTS = {
    "收入支出决算总体情况": "收入支出决算总体情况",
    "收入决算情况": "收入决算情况",
    "支出决算情况": "支出决算情况",
    "财政拨款收入支出决算总体情况": "财政拨款收入支出决算总体情况",
    "一般公共预算财政拨款支出决算情况": "一般公共预算财政拨款支出决算",
    "一般公共预算财政拨款基本支出决算情况": "基本支出决算",
    "三公经费": "三公",
    "机关运行经费": "机关运行经费",
    "政府采购": "政府采购",
    "国有资产占用": "国有资产占用",
    "绩效": "绩效",
    "名词解释": "名词解释",
}


# The first parts every final-accounts disclosure must have; any missing means a truncated
# or partial text, so later stages must not call it consistent.
CORE_PARTS = 6


@dataclass(frozen=True, slots=True)
class Part:
    part_id: str
    label_zh: str
    label_en: str

    def __reduce__(self) -> tuple[Any, tuple[str, str, str]]:
        # Unpickled as the template's own Part where there is one: every disclosure scores
        # the same ~20 parts, and the build holds thousands of disclosures.
        return _known_part, (self.part_id, self.label_zh, self.label_en)


# The nine tables: code number → (label, English, title endings the template has used;
# quotes and spaces are removed before matching).
TEMPLATE_TABLES: dict[int, tuple[str, str, tuple[str, ...]]] = {
    1: ("收入支出决算总表", "Total revenue and expenditure", ("收入支出决算总表",)),
    2: ("收入决算表", "Revenue", ("收入决算表",)),
    3: ("支出决算表", "Expenditure", ("支出决算表",)),
    4: (
        "财政拨款收入支出决算总表",
        "Fiscal appropriation revenue and expenditure",
        ("财政拨款收入支出决算总表",),
    ),
    5: (
        "一般公共预算财政拨款支出决算表",
        "General public budget expenditure",
        ("一般公共预算财政拨款支出决算表",),
    ),
    6: (
        "一般公共预算财政拨款基本支出决算表",
        "General public budget basic expenditure",
        ("一般公共预算财政拨款基本支出决算表", "一般公共预算财政拨款基本支出决算明细表"),
    ),
    7: (
        "政府性基金预算财政拨款收入支出决算表",
        "Government fund budget",
        ("政府性基金预算财政拨款收入支出决算表", "政府性基金预算财政拨款支出决算表"),
    ),
    8: (
        "国有资本经营预算财政拨款支出决算表",
        "State capital operation budget",
        ("国有资本经营预算财政拨款收入支出决算表", "国有资本经营预算财政拨款支出决算表"),
    ),
    9: ("财政拨款“三公”经费支出决算表", "Three public expenses", ("三公经费支出决算表",)),
}
# Tables a department may leave empty by stating it has no such money: number → subject.
EMPTY_ALLOWED = {7: "政府性基金", 8: "国有资本经营"}

FACT_PARTS: tuple[tuple[Part, tuple[str, ...]], ...] = (
    (Part("sangong.abroad", "因公出国（境）费", "Official overseas travel"), ("sangong.abroad",)),
    (
        Part("sangong.vehicle_purchase", "公务用车购置费", "Official vehicle purchase"),
        ("sangong.vehicle_purchase",),
    ),
    (
        Part("sangong.vehicle_operation", "公务用车运行维护费", "Official vehicle operation"),
        ("sangong.vehicle_operation",),
    ),
    (Part("sangong.reception", "公务接待费", "Official reception"), ("sangong.reception",)),
    (
        Part("procurement.goods", "政府采购：货物", "Procurement: goods"),
        ("procurement.goods",),
    ),
    (
        Part("procurement.works", "政府采购：工程", "Procurement: works"),
        ("procurement.works",),
    ),
    (
        Part("procurement.services", "政府采购：服务", "Procurement: services"),
        ("procurement.services",),
    ),
    (
        Part("procurement.sme", "政府采购：授予中小企业份额", "Procurement: share to SMEs"),
        ("procurement.sme",),
    ),
)
# Narrative parts: a fact of the vocabulary, else a headed section with text under it.
SECTION_PARTS: tuple[tuple[Part, tuple[str, ...], str], ...] = (
    (
        Part("admin.operating_expenses", "机关运行经费", "Administrative operating expenses"),
        ("admin.operating_expenses",),
        "机关运行经费",
    ),
    (
        Part("assets", "国有资产占用情况", "State assets held"),
        (
            "assets.vehicles",
            "assets.vehicles_value",
            "assets.house_area",
            "assets.house_value",
            "assets.equipment_over_1m",
        ),
        "国有资产占用",
    ),
    (
        Part("performance", "预算绩效（绩效自评）", "Performance self-evaluation"),
        ("performance.projects_evaluated", "performance.overall_score"),
        "绩效",
    ),
    (Part("glossary", "名词解释", "Glossary"), (), "名词解释"),
)


def table_part(number: int) -> Part:
    zh, en, _ = TEMPLATE_TABLES[number]
    return Part(f"table.{number:02d}", f"公开{number:02d}表 {zh}", f"Table {number}: {en}")


PARTS: tuple[Part, ...] = (
    *(table_part(n) for n in TEMPLATE_TABLES),
    *(p for p, _ in FACT_PARTS),
    *(p for p, _, _ in SECTION_PARTS),
)

# A 部门整体支出绩效自评 is a document of its own: a basic-data table, the self-evaluation
# table (goals, indicators, scores) and a report. None of the 决算 tables applies to it.
# (part, title words of its table or headings). The scored table is also recognised by the
# overall evaluation the performance reader finds in it.
SELF_EVALUATION_SCORED_TABLE = "self_evaluation.scored_table"
SELF_EVALUATION_PARTS: tuple[tuple[Part, tuple[str, ...]], ...] = (
    (
        Part("self_evaluation.basic_data", "绩效评价基础数据表", "Basic data table"),
        ("基础数据表",),
    ),
    (
        Part(
            SELF_EVALUATION_SCORED_TABLE,
            "整体支出绩效自评表（目标、指标与得分）",
            "Self-evaluation table (goals, indicators, score)",
        ),
        ("绩效自评表", "绩效评价表"),
    ),
    (
        Part("self_evaluation.results", "整体支出绩效情况（自评报告）", "Performance achieved"),
        ("绩效情况", "绩效目标实现情况", "自评结论"),
    ),
    (
        Part(
            "self_evaluation.problems",
            "存在的问题和改进措施",
            "Problems found and measures to improve",
        ),
        ("存在的问题", "存在问题", "改进措施", "改进意见"),
    ),
)

# Every part any kind is scored against, in the order the pages list them.
ALL_PARTS: tuple[Part, ...] = (*PARTS, *(p for p, _ in SELF_EVALUATION_PARTS))
_PARTS_BY_VALUE = {p: p for p in ALL_PARTS}


def _known_part(part_id: str, label_zh: str, label_en: str) -> Part:
    """The Part of ALL_PARTS equal to the one described, or a new one (an older pickle)."""
    part = Part(part_id, label_zh, label_en)
    return _PARTS_BY_VALUE.get(part, part)


# The parts a kind that publishes one part alone is scored against (its own table and
# items), and a performance self-evaluation's own parts; every other kind is scored
# against all PARTS.
_SANGONG_PARTS = frozenset(
    {"table.09", *(p.part_id for p, _ in FACT_PARTS if p.part_id.startswith("sangong."))}
)
KIND_PARTS: dict[str, frozenset[str]] = {
    DocumentKind.SANGONG: _SANGONG_PARTS,
    DocumentKind.AGGREGATE_SANGONG: _SANGONG_PARTS,
    DocumentKind.PROCUREMENT: frozenset(
        p.part_id for p, _ in FACT_PARTS if p.part_id.startswith("procurement.")
    ),
    DocumentKind.PERFORMANCE: frozenset(p.part_id for p, _ in SELF_EVALUATION_PARTS),
}
# Kinds that publish one part of the 决算 template alone.
ONE_PART_KINDS = frozenset(
    {DocumentKind.SANGONG, DocumentKind.AGGREGATE_SANGONG, DocumentKind.PROCUREMENT}
)


def parts_of_kind(kind: str | None) -> tuple[Part, ...]:
    """The template parts a text of this kind should have, in template order."""
    own = KIND_PARTS.get(kind or "")
    if own is None:
        return PARTS
    return tuple(p for p in ALL_PARTS if p.part_id in own)


_CODE_NUMBER = re.compile(r"公开\s*0?(\d)\s*表")
_QUOTES = re.compile(r"[“”\"'‘’「」\s]")


def template_number(code: str | None, title: str) -> int | None:
    """Which of 公开01–09表 a table is: by its printed code, else by its title."""
    if code and (m := _CODE_NUMBER.search(code)) and int(m.group(1)) in TEMPLATE_TABLES:
        return int(m.group(1))
    plain = _QUOTES.sub("", title)
    matches = [
        (len(variant), n)
        for n, (_, _, titles) in TEMPLATE_TABLES.items()
        for variant in titles
        if plain.endswith(variant)
    ]
    return max(matches)[1] if matches else None


# How a budget (预算) and a final-accounts (决算) disclosure name themselves and their tables.
_BUDGET_MARKS = re.compile(r"预算(?:公开|说明)|部门预算|单位预算|预算表|预算总表|收支预算|预算情况")
_KIND_HEAD = 5000  # the cover, the contents and the first tables' titles


def is_budget(text: str) -> bool:
    """A 预算 (budget) disclosure, the sister document of a 决算: its cover, contents and table
    titles name it 预算 many times and 决算 seldom. Both mention the other (a 决算 compares with
    年初预算 and its cover form asks 是否编制部门预算; a budget cites last year's 决算), so
    counts over the head decide, never one word."""
    head = "".join(text[:_KIND_HEAD].split())
    budget = len(_BUDGET_MARKS.findall(head))
    return budget >= 5 and budget > 2 * head.count("决算")


# Why a budget is refused, for the one line the maintainer and the public see.
BUDGET_REFUSAL = (
    "这是预算公开（部门预算），不是决算：本门户只发布决算，预算数不能当作决算数发布 / "
    "a budget (预算), not final accounts: not published"
)


NEWS_REFUSAL = (
    "这是新闻报道，不是某个部门或单位的决算公开 / a news report, not a department's "
    "final-accounts disclosure: not published"
)


def budget_refusal(text: str) -> str | None:
    """The refusal for a budget's text, None for any other text (the PDF reader asks this
    before it parses tables: a budget is refused in a tenth of the time)."""
    return BUDGET_REFUSAL if is_budget(text) else None
