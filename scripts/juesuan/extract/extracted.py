"""Everything a document states, found by every extractor: the extract stage's product.

Each extractor reads the `Document` the read stage made (text, sections, tables with
their cells' places), never the source file, so a new source format changes nothing
here. Statements are kept beside the facts chosen from them, for the checks to compare.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from juesuan.domain.template import DocumentKind
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
from juesuan.extract.sangong_wordings import sangong_wording_candidates
from juesuan.extract.template_tables import table_candidates
from juesuan.read.document import Document


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


# A page that publishes one part of the template alone is, all of it, under that part's
# heading even where it prints none: the readers that keep to a part's section see it so.
_SUBJECT_OF_KIND = {
    DocumentKind.SANGONG: "“三公”经费",
    DocumentKind.AGGREGATE_SANGONG: "“三公”经费",
    DocumentKind.PROCUREMENT: "政府采购",
}


def _subject_path(doc: Document) -> Callable[[int], str]:
    subject = _SUBJECT_OF_KIND.get(doc.meta.document_kind or "")
    if subject is None:
        return doc.section_path
    return lambda offset: f"{subject} {doc.section_path(offset)}".strip()


def extract(doc: Document) -> Extracted:
    """Every fact, item and row the text states, each with the sentence or cell it came from."""
    text, tables = doc.text, list(doc.tables)
    projects, indicators, plain_notes = with_plain_tables(text, *read_performance(tables))
    table_statements = [
        *table_candidates(tables),
        *_overall_scores(projects),
        *basic_data_candidates(tables, doc.meta.fiscal_year),
    ]
    listed = listed_amounts(text, doc.meta.fiscal_year)
    section_path = _subject_path(doc)
    narrative = list(narrative_candidates(text, section_path))
    facts = tuple(
        extract_facts(
            text,
            doc.index,
            extra=[
                *table_statements,
                *actual_candidates(listed),
                *sangong_wording_candidates(text, section_path, doc.meta.fiscal_year),
            ],
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
        sangong=tuple(sangong_rows(text, section_path, facts, tables, listed)),
        projects=tuple(projects),
        indicators=tuple(indicators),
        narrative=tuple(narrative),
        table_statements=tuple(table_statements),
        listed=tuple(listed),
        notes=tuple(plain_notes),
    )
