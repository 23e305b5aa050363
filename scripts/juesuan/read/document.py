"""The read stage's one product: a `Document`, whatever format the department published.

Everything the extractors need is here — normalised text, its sections and tables,
the identity it states — and nothing about how it was read: a PDF, a Word file, a
workbook, a web page and a text export all become the same Document, so a new source
format never touches the extractors. Table cells carry their location: offsets into
the text always, and the page and box they were drawn in when the source was a PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from juesuan.read.identity import DisclosureMeta, resolve_metadata
from juesuan.read.layout import Box, LaidOut, SourceFormat
from juesuan.read.normalize import cut_number_at_end, normalize_text
from juesuan.read.pipe_tables import find_pipe_tables
from juesuan.read.sections import Section, SectionIndex, find_sections
from juesuan.read.source import RawSource
from juesuan.read.tables import Table, find_tables
from juesuan.read.unwrap import unwrap_prose


@dataclass(frozen=True)
class Document:
    """A disclosure as read: the text every extractor sees and its structure."""

    text: str
    meta: DisclosureMeta
    sections: tuple[Section, ...]
    tables: tuple[Table, ...]
    index: SectionIndex
    source_format: SourceFormat
    layout: LaidOut | None  # pages and cell boxes of a PDF, Word, Excel or web source
    notes: tuple[str, ...]  # what reading had to drop, for the warnings

    def section_path(self, offset: int) -> str:
        """The headings above an offset, joined: where a statement sits in the document."""
        return " ".join(self.index.path_at(offset))

    def page_at(self, offset: int) -> int | None:
        """The printed page an offset falls on (None for a text source)."""
        return self.layout.page_at(offset) if self.layout and self.layout.pages else None


def _with_boxes(tables: list[Table], layout: LaidOut | None) -> tuple[Table, ...]:
    """Each table cell with the box the reader saw it drawn in (matched by text offset)."""
    if layout is None or not layout.cells:
        return tuple(tables)
    boxes: dict[int, Box] = {c.start: c.box for c in layout.cells}
    return tuple(
        replace(
            table,
            rows=tuple(
                tuple(replace(cell, box=boxes.get(cell.start)) for cell in row)
                for row in table.rows
            ),
        )
        for table in tables
    )


def _all_tables(text: str) -> list[Table]:
    """Tab-separated and one-cell-per-line tables, and those printed with | between cells."""
    return sorted(find_tables(text) + find_pipe_tables(text), key=lambda t: t.start)


def read_document(raw: RawSource) -> Document:
    """Normalise the text, drop a number cut off by the end of the file, find its parts."""
    text = normalize_text(raw.text)
    if raw.layout is None:  # a text export: another tool may have wrapped its paragraphs
        text = unwrap_prose(text)
    notes = []
    if raw.truncated:
        notes.append(
            "文件在一个字符中间结束（被截断？），该字符已舍去 / "
            "the file ends inside a character (cut off?): that character is dropped"
        )
    if raw.layout is not None:  # what the PDF, Word, Excel or web-page reader could not read
        notes.extend(raw.layout.notes)
    cut = cut_number_at_end(text)
    if cut is not None:  # no line end after it: digits may be missing, so it is not read
        notes.append(
            f"文本以一个可能被截断的数字结束，“{text[cut:]}”未读取 / "
            f"the text ends in a number that may be cut short: “{text[cut:]}” not read"
        )
        text = text[:cut]
    sections = tuple(find_sections(text))
    return Document(
        text=text,
        meta=resolve_metadata(text, raw.sidecar),
        sections=sections,
        tables=_with_boxes(_all_tables(text), raw.layout),
        index=SectionIndex(list(sections)),
        source_format=raw.source_format,
        layout=raw.layout,
        notes=tuple(notes),
    )
