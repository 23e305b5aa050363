"""What a format reader (PDF, Word, Excel, web page) hands the read stage.

Every extractor reads one normalised text in which a table row is one line of
tab-separated cells: that is how the seed exports already carry tables, so a
PDF's ruled grid or a Word table becomes text the extractors know, and nothing
after the read stage depends on the source format. What a text cannot carry —
the page a line was printed on and the box a cell was drawn in — rides beside
it as offset spans, so a value read at offsets (start, end) can still be
traced to 第8页 and its cell.

The text is already normalised (`normalize_text(text) == text`): readers pass
every line through `juesuan.read.normalize.normalize_text` before they measure
offsets, so the spans below stay true after the read stage.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import StrEnum


class SourceFormat(StrEnum):
    """The form a department published: detected from the bytes, not the file name."""

    TEXT = "text"
    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    HTML = "html"


@dataclass(frozen=True)
class Box:
    """Where a cell was drawn: 1-based page and pdfplumber's coordinates in points."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True)
class PageSpan:
    """The text of one printed page (or one spreadsheet sheet): [start, end) offsets."""

    number: int
    start: int
    end: int
    label: str = ""  # e.g. a sheet's name; empty for PDF pages


@dataclass(frozen=True)
class CellBox:
    """A table cell's text span in `LaidOut.text` and the box it was drawn in."""

    start: int
    end: int
    box: Box


@dataclass(frozen=True)
class LaidOut:
    """Text in reading order plus where each part of it sat in the original."""

    text: str
    source_format: SourceFormat
    pages: tuple[PageSpan, ...] = ()
    cells: tuple[CellBox, ...] = ()
    # One line per problem the public may see (Chinese first), e.g. a page with no text layer.
    notes: tuple[str, ...] = ()
    _page_starts: tuple[int, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_page_starts", tuple(p.start for p in self.pages))

    def page_at(self, offset: int) -> int | None:
        """The printed page number an offset of the text falls on (None for plain text)."""
        i = bisect.bisect_right(self._page_starts, offset) - 1
        if i < 0:
            return None
        page = self.pages[i]
        return page.number if offset < page.end or offset == page.start else None
