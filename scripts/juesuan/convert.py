"""One disclosure from raw file to extracted, checked content: the convert stage.

This is the typed boundary between reading and publishing: everything after it
(data package, pages) works on a `Disclosure` and never re-reads the source.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from juesuan.checks import CheckInput, CheckResult, run_checks, summary
from juesuan.extract.completeness import PartResult, scorecard
from juesuan.extract.expenditure_by_economic import EconomicRow, economic_rows
from juesuan.extract.expenditure_by_function import (
    FunctionItem,
    code_table,
    fill_codes,
    merge_items,
    narrative_items,
    table_items,
)
from juesuan.extract.facts import Fact, extract_facts
from juesuan.extract.narrative import Candidate, narrative_candidates
from juesuan.extract.performance.basic_data import basic_data_candidates
from juesuan.extract.performance.plain_text import with_plain_tables
from juesuan.extract.performance.tables import (
    PerformanceIndicator,
    PerformanceProject,
    read_performance,
)
from juesuan.extract.sangong import SangongRow, sangong_rows
from juesuan.extract.sangong_lists import actual_candidates, listed_amounts
from juesuan.extract.template_tables import table_candidates, unreadable_cells
from juesuan.extract.unreadable import cut_number_at_end, unreadable_amounts
from juesuan.read.identity import DisclosureMeta, resolve_metadata
from juesuan.read.normalize import normalize_text
from juesuan.read.sections import Section, SectionIndex, find_sections
from juesuan.read.source import RawSource, SourceError, read_source
from juesuan.read.tables import Table, find_tables

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


@dataclass(frozen=True)
class Disclosure:
    """A converted disclosure: metadata, facts with provenance, checks, and what was found."""

    source: RawSource
    text: str
    meta: DisclosureMeta
    sections: tuple[Section, ...]
    facts: tuple[Fact, ...]
    checks: tuple[CheckResult, ...]
    parts_found: tuple[str, ...]
    warnings: tuple[str, ...]
    tables: tuple[Table, ...] = ()
    expenditure_items: tuple[FunctionItem, ...] = ()
    economic: tuple[EconomicRow, ...] = ()
    sangong: tuple[SangongRow, ...] = ()
    projects: tuple[PerformanceProject, ...] = ()
    indicators: tuple[PerformanceIndicator, ...] = ()
    # Set when another source states the same department and year: both are published.
    name_suffix: str = ""

    # Computed once per object (the fields are frozen; dataclasses.replace makes a new
    # one): the build asks for them thousands of times, and pinyin and the scorecard's
    # text searches cost milliseconds.
    @cached_property
    def name(self) -> str:
        base = package_name(self.meta, self.source.sha256)
        return f"{base}-{self.name_suffix}" if self.name_suffix else base

    @cached_property
    def completeness(self) -> tuple[PartResult, ...]:
        """The completeness scorecard (completeness.score returns it as a list)."""
        return tuple(scorecard(self))

    @property
    def title(self) -> str:
        dept = self.meta.department or "未知部门"
        year = f"{self.meta.fiscal_year}年度" if self.meta.fiscal_year else "年度不详"
        kind = (
            "整体支出绩效自评"
            if self.meta.document_kind == "performance_self_evaluation"
            else "部门决算"
        )
        return f"{dept}{year}{kind}"

    @property
    def check_counts(self) -> dict[str, int]:
        """pass / rounding / fail / not_checkable counts, for the page badge."""
        return summary(self.checks)

    def fact(self, key: str) -> Fact | None:
        """The single stated value of `key`, or None when absent or conflicting."""
        found = [f for f in self.facts if f.key == key]
        return found[0] if len(found) == 1 else None


def package_name(meta: DisclosureMeta, source_sha256: str) -> str:
    """Stable ASCII name: year, pinyin initials of the department, and a short hash.

    The hash covers region, department and year, so the name survives re-exports of
    the same disclosure; without a department the source bytes are all we can name.
    """
    year = str(meta.fiscal_year) if meta.fiscal_year else "unknown-year"
    if not meta.department:
        return f"{year}-unknown-{source_sha256[:8]}"
    initials = "".join(lazy_pinyin(meta.department, style=Style.FIRST_LETTER, errors="ignore"))
    slug = "".join(ch for ch in initials.lower() if ch.isascii() and ch.isalnum())[:24] or "dept"
    region = meta.region
    identity = "|".join(
        [region.province or "", region.prefecture or "", region.county or "", meta.department, year]
    )
    return f"{year}-{slug}-{hashlib.sha1(identity.encode('utf-8')).hexdigest()[:6]}"


def _parts_found(text: str) -> tuple[str, ...]:
    flat = "".join(text.split())
    return tuple(part for part, marker in TEMPLATE_PARTS.items() if marker in flat)


def convert_source(raw: RawSource) -> Disclosure:
    """Raise SourceError when the text is not a disclosure; otherwise extract all we can."""
    text = normalize_text(raw.text)
    cut_notes = []
    if raw.truncated:
        cut_notes.append("the file ends inside a character (cut off?): that character is dropped")
    cut = cut_number_at_end(text)
    if cut is not None:  # no line end after it: digits may be missing, so it is not read
        cut_notes.append(
            f"the text ends in a number that may be cut short: “{text[cut:]}” not read"
        )
        text = text[:cut]
    meta = resolve_metadata(text, raw.sidecar)
    sections = find_sections(text)
    tables = find_tables(text)
    index = SectionIndex(sections)
    projects, indicators, plain_warnings = with_plain_tables(text, *read_performance(tables))
    overall = [
        Candidate(
            "performance.overall_score",
            p.score,
            "score",
            p.start,
            p.end,
            f"{p.evidence}｜总分｜{p.score}",
        )
        for p in projects
        if p.kind == "overall" and p.score is not None
    ]
    basic = basic_data_candidates(tables, meta.fiscal_year)
    table_statements = [*table_candidates(tables), *overall, *basic]
    listed = listed_amounts(text, meta.fiscal_year)
    narrative = list(narrative_candidates(text, lambda offset: " ".join(index.path_at(offset))))
    facts = extract_facts(
        text, index, extra=[*table_statements, *actual_candidates(listed)], narrative=narrative
    )
    stated_items = narrative_items(text)
    items = merge_items(stated_items, table_items(tables))
    items = fill_codes(items, code_table(items))
    if meta.document_kind is None or (not facts and len(sections) < 3):
        raise SourceError(
            raw.path,
            "not a final-accounts disclosure: no 决算/绩效自评 title and no figures of the "
            "national template",
        )
    parts = _parts_found(text)
    layout_notes = raw.layout.notes if raw.layout is not None else ()  # a reader's problems
    warnings = [*cut_notes, *layout_notes, *meta.notes, *plain_warnings]
    if meta.department is None:
        warnings.append("department not found in the text and no sidecar states it")
    if meta.fiscal_year is None:
        warnings.append("fiscal year not found in the text and no sidecar states it")
    warnings += unreadable_amounts(text, lambda offset: " ".join(index.path_at(offset)))
    warnings += [str(u) for u in unreadable_cells(tables)]
    if meta.document_kind == "final_accounts":
        missing = [p for p in list(TEMPLATE_PARTS)[:CORE_PARTS] if p not in parts]
        if missing:
            warnings.append("template sections missing (truncated?): " + "、".join(missing))
    disclosure = Disclosure(
        source=raw,
        text=text,
        meta=meta,
        sections=tuple(sections),
        facts=tuple(facts),
        checks=(),
        parts_found=parts,
        warnings=tuple(warnings),
        tables=tuple(tables),
        expenditure_items=tuple(items),
        economic=tuple(economic_rows(tables)),
        projects=tuple(projects),
        indicators=tuple(indicators),
        sangong=tuple(
            sangong_rows(
                text,
                lambda offset: " ".join(index.path_at(offset)),
                tuple(facts),
                tables,
                listed,
            )
        ),
    )
    said = [
        *narrative,
        *actual_candidates(listed),
    ]
    checks = run_checks(
        CheckInput(
            text=text,
            facts=disclosure.facts,
            narrative=said,
            table_statements=table_statements,
            items=disclosure.expenditure_items,
            narrative_items=stated_items,
            economic=disclosure.economic,
            sangong=disclosure.sangong,
            projects=disclosure.projects,
            indicators=disclosure.indicators,
        )
    )
    return replace(disclosure, checks=tuple(checks))


def convert_path(path: Path) -> Disclosure:
    return convert_source(read_source(path))
