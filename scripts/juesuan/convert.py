"""One disclosure from raw file to extracted, checked content: the convert stage.

`convert_source` runs four named steps — read, extract, check, assemble — so each
can be read, timed and tested on its own; only this module builds a `Disclosure`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from juesuan.checks import CheckInput, CheckResult, run_checks
from juesuan.disclosure import Disclosure
from juesuan.domain.template import BUDGET_REFUSAL, CORE_PARTS, TEMPLATE_PARTS, DocumentKind
from juesuan.extract.completeness import ScoredText, scorecard
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
from juesuan.extract.sangong_lists import ListedAmount, actual_candidates, listed_amounts
from juesuan.extract.template_tables import table_candidates, unreadable_cells
from juesuan.extract.unreadable import cut_number_at_end, unreadable_amounts
from juesuan.read.identity import DisclosureMeta, resolve_metadata
from juesuan.read.normalize import normalize_text
from juesuan.read.sections import Section, SectionIndex, find_sections
from juesuan.read.source import RawSource, SourceError, read_source
from juesuan.read.tables import Table, find_tables


@dataclass(frozen=True)
class ReadText:
    """The read step's result: the text every extractor sees and its structure."""

    text: str
    meta: DisclosureMeta
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    index: SectionIndex
    notes: tuple[str, ...]  # what reading had to drop, for the warnings

    def section_path(self, offset: int) -> str:
        return " ".join(self.index.path_at(offset))


@dataclass(frozen=True)
class Extracted:
    """The extract step's result; the statements are kept for the checks to compare."""

    facts: tuple[Fact, ...]
    items: tuple[FunctionItem, ...]
    stated_items: tuple[FunctionItem, ...]
    economic: tuple[EconomicRow, ...]
    sangong: tuple[SangongRow, ...]
    projects: tuple[PerformanceProject, ...]
    indicators: tuple[PerformanceIndicator, ...]
    narrative: tuple[Candidate, ...]
    table_statements: tuple[Candidate, ...]
    listed: tuple[ListedAmount, ...]
    notes: tuple[str, ...]


def read_text(raw: RawSource) -> ReadText:
    """Normalise the text, drop a number cut off by the end of the file, find its parts."""
    text = normalize_text(raw.text)
    notes = []
    if raw.truncated:
        notes.append("the file ends inside a character (cut off?): that character is dropped")
    if raw.layout is not None:  # what the PDF, Word, Excel or web-page reader could not read
        notes.extend(raw.layout.notes)
    cut = cut_number_at_end(text)
    if cut is not None:  # no line end after it: digits may be missing, so it is not read
        notes.append(f"the text ends in a number that may be cut short: “{text[cut:]}” not read")
        text = text[:cut]
    sections = tuple(find_sections(text))
    return ReadText(
        text=text,
        meta=resolve_metadata(text, raw.sidecar),
        sections=sections,
        tables=tuple(find_tables(text)),
        index=SectionIndex(list(sections)),
        notes=tuple(notes),
    )


def _overall_scores(projects: list[PerformanceProject]) -> list[Candidate]:
    return [
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


def extract(read: ReadText) -> Extracted:
    """Every fact, item and row the text states, each with the sentence or cell it came from."""
    text, tables = read.text, list(read.tables)
    projects, indicators, plain_notes = with_plain_tables(text, *read_performance(tables))
    table_statements = [
        *table_candidates(tables),
        *_overall_scores(projects),
        *basic_data_candidates(tables, read.meta.fiscal_year),
    ]
    listed = listed_amounts(text, read.meta.fiscal_year)
    narrative = list(narrative_candidates(text, read.section_path))
    facts = tuple(
        extract_facts(
            text,
            read.index,
            extra=[*table_statements, *actual_candidates(listed)],
            narrative=narrative,
        )
    )
    stated_items = narrative_items(text)
    items = merge_items(stated_items, table_items(tables))
    return Extracted(
        facts=facts,
        items=tuple(fill_codes(items, code_table(items))),
        stated_items=tuple(stated_items),
        economic=tuple(economic_rows(tables)),
        sangong=tuple(sangong_rows(text, read.section_path, facts, tables, listed)),
        projects=tuple(projects),
        indicators=tuple(indicators),
        narrative=tuple(narrative),
        table_statements=tuple(table_statements),
        listed=tuple(listed),
        notes=tuple(plain_notes),
    )


def check(read: ReadText, found: Extracted) -> tuple[CheckResult, ...]:
    """Arithmetic and restatement checks over what was read."""
    return tuple(
        run_checks(
            CheckInput(
                text=read.text,
                facts=found.facts,
                narrative=[*found.narrative, *actual_candidates(list(found.listed))],
                table_statements=list(found.table_statements),
                items=found.items,
                narrative_items=list(found.stated_items),
                economic=found.economic,
                sangong=found.sangong,
                projects=found.projects,
                indicators=found.indicators,
            )
        )
    )


def _parts_found(text: str) -> tuple[str, ...]:
    flat = "".join(text.split())
    return tuple(part for part, marker in TEMPLATE_PARTS.items() if marker in flat)


def _warnings(read: ReadText, found: Extracted, parts: tuple[str, ...]) -> tuple[str, ...]:
    meta = read.meta
    warnings = [*read.notes, *meta.notes, *found.notes]
    if meta.department is None:
        warnings.append("department not found in the text and no sidecar states it")
    if meta.fiscal_year is None:
        warnings.append("fiscal year not found in the text and no sidecar states it")
    warnings += unreadable_amounts(read.text, read.section_path)
    warnings += [str(u) for u in unreadable_cells(list(read.tables))]
    if meta.document_kind == DocumentKind.FINAL_ACCOUNTS:
        missing = [p for p in list(TEMPLATE_PARTS)[:CORE_PARTS] if p not in parts]
        if missing:
            warnings.append("template sections missing (truncated?): " + "、".join(missing))
    return tuple(warnings)


def assemble(
    raw: RawSource, read: ReadText, found: Extracted, checks: tuple[CheckResult, ...]
) -> Disclosure:
    parts = _parts_found(read.text)
    scored = ScoredText(
        read.text, read.sections, read.tables, found.facts, found.sangong, found.projects
    )
    return Disclosure(
        source=raw,
        text=read.text,
        meta=read.meta,
        sections=read.sections,
        facts=found.facts,
        checks=checks,
        parts_found=parts,
        warnings=_warnings(read, found, parts),
        tables=read.tables,
        expenditure_items=found.items,
        economic=found.economic,
        projects=found.projects,
        indicators=found.indicators,
        sangong=found.sangong,
        completeness=tuple(scorecard(scored)),
    )


def _refuse_unless_disclosure(raw: RawSource, read: ReadText, found: Extracted) -> None:
    if read.meta.document_kind == DocumentKind.BUDGET:
        raise SourceError(raw.path, BUDGET_REFUSAL)
    if read.meta.document_kind is None or (not found.facts and len(read.sections) < 3):
        # What the format reader could not read (a scanned page, a cap) is the likelier cause.
        why = "；".join(raw.layout.notes[:2]) + " | " if raw.layout and raw.layout.notes else ""
        raise SourceError(
            raw.path,
            f"{why}不是决算公开：既无决算或绩效自评标题，也无全国模板的数字 / not a "
            "final-accounts disclosure: no 决算/绩效自评 title and no figures of the national "
            "template",
        )


def convert_source(raw: RawSource) -> Disclosure:
    """Raise SourceError when the text is not a disclosure; otherwise extract all we can."""
    read = read_text(raw)
    found = extract(read)
    _refuse_unless_disclosure(raw, read, found)
    return assemble(raw, read, found, check(read, found))


def convert_path(path: Path) -> Disclosure:
    return convert_source(read_source(path))
