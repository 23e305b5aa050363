"""Printed lines of a PDF page, and which of them are page furniture or wrapped prose.

A PDF has no paragraphs: only runs of glyphs at positions, in whatever order the
producing software wrote them (a page number may come first, a footer mid-page).
So lines are rebuilt from positions (pdfium's text rectangles, grouped by the
band they share), running headers, footers and page numbers are recognised by
where they sit and that they repeat, and a paragraph is rebuilt by joining a
line to the previous one only when that one ran to the right margin and this
one starts at the left margin — never by content order, so the second half of
a wrapped sentence cannot come before its first half.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium

from juesuan.read.normalize import normalize_text

# Top and bottom bands (share of the page height) where running furniture is printed.
_FURNITURE_BAND = 0.08
_PAGE_NUMBER = re.compile(
    r"^[\s\-—–]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*/\s*(?:共\s*)?\d{1,4}\s*页?)?[\s\-—–]*$"
)
_HEADING = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])"
)
_ASCII_END = re.compile(r"[A-Za-z0-9]$")
_ASCII_START = re.compile(r"^[A-Za-z0-9]")


@dataclass(frozen=True)
class TextLine:
    """One printed line: its text and box in pdfplumber's coordinates (top from page top)."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    # pdfium's character stream: a piece that follows the previous piece with no space
    # between them (not even one pdfium generated for a gap) continues its word.
    joined: bool = False
    order: int = -1  # the rectangle's place in pdfium's stream (pieces only)

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


def page_lines(page: pdfium.PdfPage, number: int) -> list[TextLine]:
    """The page's text lines, top to bottom, each read left to right."""
    textpage = page.get_textpage()
    try:
        height = page.get_height()
        stream = textpage.get_text_range()
        cursor = 0
        pieces: list[TextLine] = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            raw = textpage.get_text_bounded(left, bottom, right, top)
            joined, cursor = _follows_directly(stream, raw, cursor)
            text = normalize_text(raw).replace("\n", " ").replace("\t", " ")
            if text.strip():
                pieces.append(
                    TextLine(number, left, height - top, right, height - bottom, text, joined, i)
                )
    finally:
        textpage.close()
    return _group_into_lines(pieces)


def _follows_directly(stream: str, raw: str, cursor: int) -> tuple[bool, int]:
    """Whether a rectangle's text follows the one before it in pdfium's character
    stream with nothing between them, and the stream position after it.

    pdfium splits a run of glyphs into rectangles where the producer wrote them as
    separate text objects — wide digits often come one object each ("9" "9.94%",
    "202" "4"). Where the gap was wide enough pdfium puts a generated space in the
    stream; where there is neither a real nor a generated space the two pieces are
    one word, and must not be parted by a space (that would make "99.94" read as
    "9 9.94").
    """
    core = raw.strip()
    if not core:
        return False, cursor
    found = stream.find(core, cursor, cursor + len(core) + 64)
    if found == -1:
        return False, cursor
    return (cursor > 0 and found == cursor), found + len(core)


def _one_word(previous: TextLine | None, piece: TextLine) -> bool:
    return piece.joined and previous is not None and previous.order == piece.order - 1


def _group_into_lines(pieces: list[TextLine]) -> list[TextLine]:
    """Pieces whose vertical extents overlap by half the smaller height form one line."""
    lines: list[list[TextLine]] = []
    for piece in sorted(pieces, key=lambda p: (p.top, p.x0)):
        for group in reversed(lines[-3:]):
            top = min(p.top for p in group)
            bottom = max(p.bottom for p in group)
            overlap = min(bottom, piece.bottom) - max(top, piece.top)
            if overlap >= 0.5 * min(bottom - top, piece.height):
                group.append(piece)
                break
        else:
            lines.append([piece])
    out = []
    for group in lines:
        group.sort(key=lambda p: p.x0)
        text = ""
        previous: TextLine | None = None
        for piece in group:
            part = piece.text
            if (
                text
                and not text.endswith(" ")
                and not _one_word(previous, piece)
                and _ASCII_END.search(text)
                and (_ASCII_START.search(part))
            ):
                text += " "
            text += part
            previous = piece
        text = re.sub(r"[ ]{2,}", " ", text).strip()
        if text:
            out.append(
                TextLine(
                    group[0].page,
                    min(p.x0 for p in group),
                    min(p.top for p in group),
                    max(p.x1 for p in group),
                    max(p.bottom for p in group),
                    text,
                )
            )
    return out


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", "".join(text.split()))


def drop_furniture(
    pages: dict[int, list[TextLine]], heights: dict[int, float]
) -> dict[int, list[TextLine]]:
    """Drop page numbers and running headers/footers: lines in the top or bottom band that
    are a page number, or whose text (digits aside) recurs in that band on 3+ pages."""
    banded: Counter[tuple[str, str]] = Counter()
    for number, lines in pages.items():
        seen = set()
        for line in lines:
            band = _band(line, heights[number])
            if band:
                seen.add((band, _furniture_key(line.text)))
        banded.update(seen)
    repeat = 3 if len(pages) >= 4 else len(pages) + 1
    kept: dict[int, list[TextLine]] = {}
    for number, lines in pages.items():
        kept[number] = [
            line
            for line in lines
            if not (
                (band := _band(line, heights[number]))
                and (
                    _PAGE_NUMBER.match(line.text)
                    or banded[(band, _furniture_key(line.text))] >= repeat
                )
            )
        ]
    return kept


def _band(line: TextLine, height: float) -> str:
    if line.bottom <= height * _FURNITURE_BAND:
        return "top"
    if line.top >= height * (1 - _FURNITURE_BAND):
        return "bottom"
    return ""


@dataclass(frozen=True)
class Margins:
    """Where body lines of pages of one width start and end."""

    left: float
    right: float


def margins(lines: list[TextLine]) -> Margins:
    """The usual left edge (most frequent start) and right edge (80th percentile end) of
    body lines: the first line of a paragraph is indented and its last line is short,
    so neither extreme would do."""
    body = [line for line in lines if len(line.text) >= 8] or lines
    if not body:
        return Margins(0.0, 0.0)
    starts = Counter(round(line.x0 / 3) for line in body)
    left = starts.most_common(1)[0][0] * 3
    ends = sorted(line.x1 for line in body)
    right = ends[min(len(ends) - 1, int(len(ends) * 0.8))]
    return Margins(left, right)


def continues(previous: TextLine, line: TextLine, edges: dict[int, Margins]) -> bool:
    """Whether `line` is the wrapped rest of `previous`'s sentence."""
    if _HEADING.match(line.text) or _PAGE_NUMBER.match(line.text):
        return False
    before, here = edges[previous.page], edges[line.page]
    size = min(previous.height, line.height)
    ran_to_edge = previous.x1 >= before.right - 1.5 * size
    at_margin = line.x0 <= here.left + 0.8 * size
    if previous.page == line.page:
        gap = line.top - previous.bottom
        if gap > 3 * size or gap < -0.5 * size:
            return False
    return ran_to_edge and at_margin


def joiner(previous: str, line: str) -> str:
    """What goes between two joined lines: nothing in Chinese, a space between Latin words."""
    return " " if _ASCII_END.search(previous) and _ASCII_START.search(line) else ""
