"""Which parts of the standard disclosure a text contains: the completeness scorecard.

Presence is read from what the convert stage found — template tables by their
code (公开05表) or title, facts of the vocabulary, headed sections with text
under them, self-evaluation tables — so a new disclosure is scored the same way
as the seeds. A department that states it has no 政府性基金 / 国有资本经营
money has nothing to put in those tables; its statement counts as the part
(`empty_declared`). A heading with nothing under it (a table of contents, a
blank section) is not the part.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from juesuan.read.sections import Section

if TYPE_CHECKING:  # convert.py imports this module: a Disclosure caches its scorecard
    from juesuan.convert import Disclosure

PRESENT, EMPTY_DECLARED, MISSING = "present", "empty_declared", "missing"


@dataclass(frozen=True)
class Part:
    part_id: str
    label_zh: str
    label_en: str


@dataclass(frozen=True)
class PartResult:
    part: Part
    status: str  # present / empty_declared / missing
    found_by: str | None  # table / fact / section / statement / performance_table
    evidence: str
    start: int | None

    @property
    def counts(self) -> bool:
        return self.status != MISSING


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
# Fewer characters than this under a heading is a blank or table-of-contents section.
MIN_SECTION_TEXT = 20


def table_part(number: int) -> Part:
    zh, en, _ = TEMPLATE_TABLES[number]
    return Part(f"table.{number:02d}", f"公开{number:02d}表 {zh}", f"Table {number}: {en}")


PARTS: tuple[Part, ...] = (
    *(table_part(n) for n in TEMPLATE_TABLES),
    *(p for p, _ in FACT_PARTS),
    *(p for p, _, _ in SECTION_PARTS),
)

_CODE_NUMBER = re.compile(r"公开\s*0?(\d)\s*表")
_QUOTES = re.compile(r"[“”\"'‘’「」\s]")


def _template_number(code: str | None, title: str) -> int | None:
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


# Up to this many characters of the sentence are kept before what states it.
_LEAD = 30


@cache
def _statement_patterns(subject: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(what states it, the sentence around that) for `subject`."""
    # PDF exports wrap lines mid-sentence, so the sentence may run over line breaks.
    core = (
        rf"(?:(?:无|没有)[^。\n]{{0,8}}{subject}[^。]{{0,60}}|{subject}[^。]{{0,40}}"
        rf"(?:为空表|无数据)[^。]{{0,20}})"
    )
    return re.compile(core), re.compile(rf"[^。\n]{{0,{_LEAD}}}{core}")


def _empty_statement(text: str, subject: str) -> re.Match[str] | None:
    """A sentence saying the department has none of `subject` or that its table is empty."""
    core, sentence = _statement_patterns(subject)
    # The sentence pattern, searched from the start, would try its lead of up to 30
    # characters at every offset (~1.5 ms a text); a match starts at most that lead
    # before the first statement, so the search starts there and finds the same match.
    first = core.search(text)
    return sentence.search(text, max(0, first.start() - _LEAD)) if first else None


def _section_with_text(d: Disclosure, marker: str) -> Section | None:
    for section in d.sections:
        if marker not in section.title:
            continue
        heading_end = d.text.find("\n", section.start)
        body = d.text[heading_end if heading_end != -1 else section.end : section.end]
        if len("".join(body.split())) >= MIN_SECTION_TEXT:
            return section
    return None


def _table_results(d: Disclosure) -> Iterator[PartResult]:
    found = {}
    for table in d.tables:
        number = _template_number(table.code, table.title)
        if number is not None and number not in found:
            found[number] = table
    for number in TEMPLATE_TABLES:
        part = table_part(number)
        table = found.get(number)
        subject = EMPTY_ALLOWED.get(number)
        statement = _empty_statement(d.text, subject) if subject else None
        if statement:
            evidence = " ".join(statement.group(0).split())
            if table is not None:
                evidence = f"{' '.join(x for x in (table.code, table.title) if x)}｜{evidence}"
            yield PartResult(part, EMPTY_DECLARED, "statement", evidence, statement.start())
        elif table is not None:
            where = " ".join(x for x in (table.code, table.title) if x)
            yield PartResult(part, PRESENT, "table", where, table.start)
        else:
            yield PartResult(part, MISSING, None, "", None)


def _fact_evidence(d: Disclosure, keys: tuple[str, ...]) -> PartResult | None:
    for key in keys:
        for fact in d.facts:
            if fact.key == key:
                return PartResult(Part("", "", ""), PRESENT, "fact", fact.evidence, fact.start)
    return None


def score(d: Disclosure) -> list[PartResult]:
    """Every part of the standard disclosure with its status and where it was found.

    Computed once per disclosure (Disclosure.completeness); a new list on every call.
    """
    return list(d.completeness)


def scorecard(d: Disclosure) -> list[PartResult]:
    """What `score` returns, computed: call `score`, which computes it once."""
    results = list(_table_results(d))
    for part, keys in FACT_PARTS:
        hit = _fact_evidence(d, keys)
        if hit is None and part.part_id.startswith("sangong."):
            component = part.part_id.split(".", 1)[1]
            row = next((r for r in d.sangong if r.item == component), None)
            if row is not None:
                hit = PartResult(part, PRESENT, "fact", row.evidence, row.start)
        results.append(
            PartResult(part, PRESENT, "fact", hit.evidence, hit.start)
            if hit
            else PartResult(part, MISSING, None, "", None)
        )
    for part, keys, marker in SECTION_PARTS:
        hit = _fact_evidence(d, keys)
        if hit:
            results.append(PartResult(part, PRESENT, "fact", hit.evidence, hit.start))
        elif part.part_id == "performance" and d.projects:
            p = d.projects[0]
            results.append(PartResult(part, PRESENT, "performance_table", p.evidence, p.start))
        elif section := _section_with_text(d, marker):
            results.append(PartResult(part, PRESENT, "section", section.title, section.start))
        else:
            results.append(PartResult(part, MISSING, None, "", None))
    return results


def present_count(results: list[PartResult]) -> int:
    return sum(r.counts for r in results)
