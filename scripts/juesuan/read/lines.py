"""Build a reader's text line by line, measuring offsets only after normalising.

Every format reader (Word, Excel, web page) ends in the same text: paragraphs as
lines and each table row as one line of tab-separated cells. Cells and wrapped
lines are folded here so that a tab or a line end inside a cell can never split
a row, and offsets are counted on the normalised line, so they stay true.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from juesuan.read.layout import LaidOut, PageSpan, SourceFormat
from juesuan.read.normalize import normalize_text

_BREAKS = re.compile(r"[\t\r\n\f\v]")
# Characters between which a wrap inserts nothing: CJK ideographs and full-width marks.
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


def join_wrapped(pieces: Iterable[str]) -> str:
    """One line from pieces a layout wrapped (a cell's paragraphs, a <br> in a cell).

    Chinese is written without spaces, so a wrap between two wide characters joins
    them directly; elsewhere it becomes one space, as it reads. Spaces inside a piece
    (an indented cell) are kept as printed; a tab or line end becomes a space.
    """
    pieces = list(pieces)
    if len(pieces) == 1:  # one paragraph: as printed, even if only spaces
        return _BREAKS.sub(" ", pieces[0])
    kept = [_BREAKS.sub(" ", p) for p in pieces if p.strip()]
    if len(kept) <= 1:
        return kept[0] if kept else ""
    out = kept[0].rstrip()
    for piece in kept[1:]:
        piece = piece.strip()
        if not (_WIDE.match(out[-1]) and _WIDE.match(piece[0])):
            out += " "
        out += piece
    return out


class LineText:
    """A text growing line by line, with page (or sheet) spans."""

    def __init__(self, source_format: SourceFormat) -> None:
        self._format = source_format
        self._lines: list[str] = []
        self._length = 0
        self._pages: list[PageSpan] = []
        self._page_start: int | None = None
        self._page_label = ""
        self.notes: list[str] = []

    @property
    def length(self) -> int:
        return self._length

    def line(self, text: str) -> None:
        """A paragraph; line ends inside it stay line ends, tabs become spaces (a tab
        outside a table would read as a row)."""
        text = normalize_text(text).replace("\t", " ")
        for part in text.split("\n"):
            self._append(part)

    def row(self, cells: Iterable[str]) -> None:
        """One table row: each cell folded onto one line, cells joined by tabs."""
        folded = [join_wrapped(normalize_text(c).split("\n")) for c in cells]
        line = "\t".join(folded)
        normal = normalize_text(line)
        if normal != line:  # e.g. a lone “- 3 -” cell reads as a page marker
            normal = " ".join(normal.split("\n"))
        self._append(normal)

    def start_page(self, label: str = "") -> None:
        self.end_page()
        self._page_start = self._length
        self._page_label = label

    def end_page(self) -> None:
        if self._page_start is not None:
            number = len(self._pages) + 1
            self._pages.append(PageSpan(number, self._page_start, self._length, self._page_label))
            self._page_start = None

    def _append(self, line: str) -> None:
        self._lines.append(line)
        self._length += len(line) + 1

    def laid_out(self) -> LaidOut:
        self.end_page()
        text = "".join(line + "\n" for line in self._lines)
        return LaidOut(
            text=text,
            source_format=self._format,
            pages=tuple(self._pages),
            notes=tuple(self.notes),
        )
