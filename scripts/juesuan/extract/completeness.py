"""Which parts of the standard disclosure a text contains: the completeness scorecard.

Presence is read from what the convert stage found — template tables by their
code (公开05表) or title, facts of the vocabulary, headed sections with text
under them, self-evaluation tables — so a new disclosure is scored the same way
as the seeds. A department that states it has no 政府性基金 / 国有资本经营
money has nothing to put in those tables; its statement counts as the part
(`empty_declared`). A heading with nothing under it (a table of contents, a
blank section) is not the part. A text is scored against its kind's own parts: a page
that publishes the 三公 accounts alone is not "missing" 公开01–08表, and a 部门整体支出绩效
自评 is scored on its basic-data table, its self-evaluation table and its report, not on
the 决算 tables.

A text that says its tables are attached or published apart (部门决算报表（见附表）,
详见附件, 另行公开) has not left them out: a table it does not print is `referenced`, which
is not missing and not present either — the tables were not in what we read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from juesuan.domain.template import (
    EMPTY_ALLOWED,
    FACT_PARTS,
    SECTION_PARTS,
    SELF_EVALUATION_PARTS,
    SELF_EVALUATION_SCORED_TABLE,
    TEMPLATE_TABLES,
    FoundBy,
    Part,
    PartStatus,
    parts_of_kind,
    table_part,
    template_number,
)
from juesuan.infra.by_fields import ByFields
from juesuan.read.sections import Section

if TYPE_CHECKING:
    from juesuan.extract.facts import Fact
    from juesuan.extract.performance.tables import PerformanceProject
    from juesuan.extract.sangong import SangongRow
    from juesuan.read.tables import Table


@dataclass(frozen=True, slots=True)
class PartResult(ByFields):
    part: Part
    status: PartStatus
    found_by: FoundBy | None
    evidence: str
    start: int | None

    @property
    def counts(self) -> bool:
        """In the score: present, or declared empty by the department."""
        return self.status in (PartStatus.PRESENT, PartStatus.EMPTY_DECLARED)

    @property
    def missing(self) -> bool:
        """Not found and not said to be elsewhere (a referenced part is not missing)."""
        return self.status == PartStatus.MISSING


@dataclass(frozen=True)
class ScoredText:
    """What the scorecard reads: the extract stage's findings for one text."""

    text: str
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    facts: tuple[Fact, ...]
    sangong: tuple[SangongRow, ...]
    projects: tuple[PerformanceProject, ...]
    kind: str | None = None  # the document kind: which parts it is scored against


# Fewer characters than this under a heading is a blank or table-of-contents section.
MIN_SECTION_TEXT = 20


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


def _section_with_text(d: ScoredText, marker: str) -> Section | None:
    for section in d.sections:
        if marker not in section.title:
            continue
        heading_end = d.text.find("\n", section.start)
        body = d.text[heading_end if heading_end != -1 else section.end : section.end]
        if len("".join(body.split())) >= MIN_SECTION_TEXT:
            return section
    return None


# Words saying something is attached or published apart from this text.
_ELSEWHERE = re.compile(
    r"见附表|见附件|附后|另附|另行(?:公开|公布|发布|附)|单独(?:公开|公布|发布)|附件\s*\d*\s*[:：]"
)
# Words naming the set of accounts tables (not one table of another kind).
_TABLE_SET = re.compile(r"决算(?:报)?表|报表|公开表|公开\s*0?\d\s*表")
_QUOTES = re.compile(r"[“”\"'‘’「」《》\s]")
_LINE_WORDS = 80  # longer lines are prose paragraphs, where a passing 见附表 says nothing
_NEAR = 30  # the tables' name stands this close to the words that send the reader elsewhere


# Every wording of _ELSEWHERE has one of these: a line with none of them is not read.
_ELSEWHERE_CHARACTERS = "附另单"
# What str.splitlines ends a line at, besides \n.
_OTHER_LINE_ENDS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _lines_with(text: str, characters: str) -> Iterator[tuple[int, str]]:
    """(offset, line) of the lines of text.splitlines(keepends=True) holding one of
    `characters`, in order: found from each such character (a few a text) rather than by
    walking the thousands of lines, where \n alone ends lines."""
    if any(end in text for end in _OTHER_LINE_ENDS):
        offset = 0
        for line in text.splitlines(keepends=True):
            if any(c in line for c in characters):
                yield offset, line
            offset += len(line)
        return
    hits = []
    for c in characters:
        at = text.find(c)
        while at != -1:
            hits.append(at)
            at = text.find(c, at + 1)
    done = 0
    for at in sorted(hits):
        if at < done:
            continue  # on the line yielded last
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        done = len(text) if end == -1 else end + 1
        yield start, text[start:done]


def _referenced_tables(text: str) -> tuple[dict[int, tuple[str, int]], tuple[str, int] | None]:
    """Tables the text says are attached or published apart: (named table → (line, start),
    the first line that refers to the accounts tables as a whole, if any). Only a short
    line (a heading, a list entry, one sentence) where the tables' name stands next to the
    words of elsewhere counts."""
    named: dict[int, tuple[str, int]] = {}
    whole: tuple[str, int] | None = None
    for start, line in _lines_with(text, _ELSEWHERE_CHARACTERS):
        words = line.strip()
        if not words or len(words) > _LINE_WORDS:
            continue
        plain = _QUOTES.sub("", words)
        near = [
            plain[max(0, m.start() - _NEAR) : m.end() + _NEAR] for m in _ELSEWHERE.finditer(plain)
        ]
        if not near:
            continue
        at = start + line.index(words)
        numbers = {
            n
            for n, (_, _, titles) in TEMPLATE_TABLES.items()
            for title in titles
            if any(title in window for window in near)
        }
        for n in numbers:
            named.setdefault(n, (words, at))
        if not numbers and whole is None and any(_TABLE_SET.search(w) for w in near):
            whole = (words, at)
    return named, whole


def _table_results(d: ScoredText) -> Iterator[PartResult]:
    named, whole = _referenced_tables(d.text)
    found = {}
    for table in d.tables:
        number = template_number(table.code, table.title)
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
            yield PartResult(
                part, PartStatus.EMPTY_DECLARED, FoundBy.STATEMENT, evidence, statement.start()
            )
        elif table is not None:
            where = " ".join(x for x in (table.code, table.title) if x)
            yield PartResult(part, PartStatus.PRESENT, FoundBy.TABLE, where, table.start)
        elif reference := named.get(number, whole):
            words, at = reference
            yield PartResult(part, PartStatus.REFERENCED, FoundBy.REFERENCE, words, at)
        else:
            yield PartResult(part, PartStatus.MISSING, None, "", None)


def _fact_evidence(d: ScoredText, keys: tuple[str, ...]) -> PartResult | None:
    for key in keys:
        for fact in d.facts:
            if fact.key == key:
                return PartResult(
                    Part("", "", ""), PartStatus.PRESENT, FoundBy.FACT, fact.evidence, fact.start
                )
    return None


def scorecard(d: ScoredText) -> list[PartResult]:
    """Every part the text's kind should have, with its status and where it was found."""
    results = list(_table_results(d))
    for part, keys in FACT_PARTS:
        hit = _fact_evidence(d, keys)
        if hit is None and part.part_id.startswith("sangong."):
            component = part.part_id.split(".", 1)[1]
            row = next((r for r in d.sangong if r.item == component), None)
            if row is not None:
                hit = PartResult(part, PartStatus.PRESENT, FoundBy.FACT, row.evidence, row.start)
        results.append(
            PartResult(part, PartStatus.PRESENT, FoundBy.FACT, hit.evidence, hit.start)
            if hit
            else PartResult(part, PartStatus.MISSING, None, "", None)
        )
    for part, keys, marker in SECTION_PARTS:
        hit = _fact_evidence(d, keys)
        if hit:
            results.append(
                PartResult(part, PartStatus.PRESENT, FoundBy.FACT, hit.evidence, hit.start)
            )
        elif part.part_id == "performance" and d.projects:
            p = d.projects[0]
            results.append(
                PartResult(part, PartStatus.PRESENT, FoundBy.PERFORMANCE_TABLE, p.evidence, p.start)
            )
        elif section := _section_with_text(d, marker):
            results.append(
                PartResult(part, PartStatus.PRESENT, FoundBy.SECTION, section.title, section.start)
            )
        else:
            results.append(PartResult(part, PartStatus.MISSING, None, "", None))
    results += _self_evaluation_results(d)
    own = {p.part_id for p in parts_of_kind(d.kind)}
    return [r for r in results if r.part.part_id in own]


def _self_evaluation_results(d: ScoredText) -> Iterator[PartResult]:
    """A performance self-evaluation's own parts: its tables by title, its report's parts by
    a heading with text under it; the scored table also by the overall evaluation read."""
    for part, words in SELF_EVALUATION_PARTS:
        table = next((t for t in d.tables if any(w in t.title for w in words)), None)
        overall = next((p for p in d.projects if p.kind == "overall"), None)
        section = next((s for w in words if (s := _section_with_text(d, w)) is not None), None)
        if table is not None:
            yield PartResult(part, PartStatus.PRESENT, FoundBy.TABLE, table.title, table.start)
        elif part.part_id == SELF_EVALUATION_SCORED_TABLE and overall is not None:
            yield PartResult(
                part, PartStatus.PRESENT, FoundBy.PERFORMANCE_TABLE, overall.evidence, overall.start
            )
        elif section is not None:
            where = section.title
            yield PartResult(part, PartStatus.PRESENT, FoundBy.SECTION, where, section.start)
        else:
            yield PartResult(part, PartStatus.MISSING, None, "", None)


def present_count(results: list[PartResult]) -> int:
    return sum(r.counts for r in results)


def referenced_count(results: list[PartResult]) -> int:
    return sum(r.status == PartStatus.REFERENCED for r in results)
