"""Find the tables of a disclosure and their titles, whatever the export layout.

Two layouts carry tables in text exports:
- tab-separated rows (web pages, spreadsheets): one row per line, cells split by tabs;
- one cell per line (Word exports): each cell on its own tab-indented line, rows
  separated by blank lines; a line without the tab continues the cell above, and a
  line that is only the tab is an empty cell (not a row break), so that a row keeps
  its cells in their columns.
A table's title, code (公开05表) and unit (单位：万元) are read from the few lines
above it, because that is where the national template prints them. Every cell
keeps its offsets in the normalised text, so a value read from a table can be
quoted and located like a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate
from operator import attrgetter
from typing import Any

from juesuan.infra.by_fields import ByFields
from juesuan.read.layout import Box

_CODE = re.compile(r"公开\s*(\d{1,2})\s*表")
_UNIT = re.compile(r"单位\s*[:：]\s*(万元|元|亿元)")
_MARKUP_CELL = re.compile(r"^[#>\s]*|[\s*]+$")
_CELL_LINE = re.compile(r"\t[^\t]*(?:(?<=\S)\t[\t ]*)?")
# The lines _CELL_LINE fullmatches, found in the whole text by one scan: its tab first (a
# literal the regex engine scans for), a line start before it and a line end after it.
_CELL_LINES = re.compile(r"\t(?<![^\n]\t)[^\t\n]*(?:(?<=\S)\t[\t ]*)?(?![^\n])")


@dataclass(frozen=True, slots=True)
class Cell(ByFields):
    text: str
    start: int
    end: int
    # Where the cell was drawn (page and box), when the source was a PDF; see read/document.py.
    box: Box | None = None


@dataclass(frozen=True, slots=True)
class Table(ByFields):
    """A table: rows of cells, plus what the lines above it say it is."""

    title: str
    code: str | None  # e.g. "公开05表"
    unit: str | None  # 万元 / 元 / 亿元 as printed
    layout: str  # "tsv" or "cell_per_line"
    rows: tuple[tuple[Cell, ...], ...]
    start: int
    end: int

    def texts(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled as its fields with the cells' fields in flat tuples: one call per table
        instead of one per cell (pickling a disclosure's tables was a third of storing it)."""
        cells = [c for row in self.rows for c in row]
        boxes = tuple(map(_BOX, cells))
        return _table, (
            self.title,
            self.code,
            self.unit,
            self.layout,
            tuple(map(len, self.rows)),
            tuple(map(_TEXT, cells)),
            tuple(map(_START, cells)),
            tuple(map(_END, cells)),
            boxes if any(boxes) else None,
            self.start,
            self.end,
        )


_TEXT, _START, _END, _BOX = (attrgetter(name) for name in ("text", "start", "end", "box"))


def _table(
    title: str,
    code: str | None,
    unit: str | None,
    layout: str,
    widths: tuple[int, ...],
    texts: tuple[str, ...],
    starts: tuple[int, ...],
    ends: tuple[int, ...],
    boxes: tuple[Box | None, ...] | None,
    start: int,
    end: int,
) -> Table:
    """The table Table.__reduce__ describes."""
    cells = [
        Cell(text, s, e, boxes[i] if boxes is not None else None)
        for i, (text, s, e) in enumerate(zip(texts, starts, ends, strict=True))
    ]
    rows, at = [], 0
    for width in widths:
        rows.append(tuple(cells[at : at + width]))
        at += width
    return Table(title, code, unit, layout, tuple(rows), start, end)


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) of every line of the text."""
    lines = text.split("\n")
    starts = accumulate((len(line) + 1 for line in lines), initial=0)  # one more than lines
    return list(zip(starts, lines, strict=False))


def _is_cell_line(line: str) -> bool:
    """One tab-indented cell; Word may leave a tab after the cell's text, never inside it."""
    # startswith first: most lines are prose, and every match starts with the tab.
    return line.startswith("\t") and _CELL_LINE.fullmatch(line) is not None


def _cell_flags(text: str, lines: list[tuple[int, str]]) -> list[bool]:
    """_is_cell_line of each of `lines` (the text's), by one scan instead of one per line."""
    index = {offset: i for i, (offset, _) in enumerate(lines)}
    flags = [False] * len(lines)
    for m in _CELL_LINES.finditer(text):
        flags[index[m.start()]] = True
    return flags


def _is_tsv(line: str, cell: bool | None = None) -> bool:
    """A row of tab-separated cells; `cell`: _is_cell_line(line), where known."""
    tabs = line.count("\t")
    if not (tabs >= 2 or (tabs == 1 and not line.startswith("\t"))):
        return False
    return not (_is_cell_line(line) if cell is None else cell)


def split_cells(offset: int, line: str, separator: str = "\t") -> tuple[Cell, ...]:
    """The cells of one table line, each with its offsets in the text (stripped of spaces)."""
    cells, start = [], offset
    for part in line.split(separator):
        stripped = part.strip()
        lead = len(part) - len(part.lstrip())
        cells.append(Cell(stripped, start + lead, start + lead + len(stripped)))
        start += len(part) + 1
    return tuple(cells)


def _heading_above(lines: list[tuple[int, str]], index: int) -> tuple[str, str | None, str | None]:
    """Title, code and unit printed in the (up to 8) non-empty lines above line `index`."""
    title, code, unit, seen = "", None, None, 0
    for _, line in reversed(lines[max(0, index - 16) : index]):
        stripped = _MARKUP_CELL.sub("", line)
        if not stripped:
            continue
        seen += 1
        if seen > 8 or (_is_tsv(line) and not title):
            break
        if code is None and (m := _CODE.search(stripped)):
            code = f"公开{int(m.group(1)):02d}表"
        if unit is None and (m := _UNIT.search(stripped)):
            unit = m.group(1)
        if not title and stripped.endswith("表") and not _CODE.fullmatch(stripped):
            title = stripped
        if title and code:
            break
    return title, code, unit


def _tsv_tables(lines: list[tuple[int, str]], cells: list[bool]) -> list[Table]:
    tables, i = [], 0
    while i < len(lines):
        if not _is_tsv(lines[i][1], cells[i]):
            i += 1
            continue
        j = i
        while j < len(lines) and _is_tsv(lines[j][1], cells[j]):
            j += 1
        rows = tuple(split_cells(off, line) for off, line in lines[i:j])
        if len(rows) >= 2:
            title, code, unit = _heading_above(lines, i)
            end = lines[j - 1][0] + len(lines[j - 1][1])
            tables.append(Table(title, code, unit, "tsv", rows, lines[i][0], end))
        i = j
    return tables


def _cell_rows(
    lines: list[tuple[int, str]], i: int, cells: list[bool]
) -> tuple[list[list[Cell]], int]:
    """Rows of a one-cell-per-line block starting at line i; returns (rows, next line)."""
    rows: list[list[Cell]] = []
    current: list[Cell] = []
    j = i
    while j < len(lines):
        offset, line = lines[j]
        if cells[j]:
            text = line.strip()
            lead = len(line) - len(line.lstrip()) if text else 1
            current.append(Cell(text, offset + lead, offset + lead + len(text)))
        elif not line.strip():
            if any(map(_TEXT, current)):  # a row of empty cells says nothing
                rows.append(current)
            current = []
            # the block ends at a blank line followed by prose
            nxt = next((ln for _, ln in lines[j + 1 : j + 6] if ln.strip()), "")
            if nxt and not nxt.startswith("\t"):
                j += 1
                break
        elif current:  # continuation of the cell above (a line break inside a cell)
            last = current[-1]
            joined = (last.text + line.strip()).strip()
            current[-1] = Cell(joined, last.start, offset + len(line.rstrip()))
        else:
            break
        j += 1
    if any(map(_TEXT, current)):
        rows.append(current)
    return rows, j


def _cell_tables(lines: list[tuple[int, str]], cells: list[bool]) -> list[Table]:
    tables, i = [], 0
    while i < len(lines):
        if not cells[i]:
            i += 1
            continue
        rows, j = _cell_rows(lines, i, cells)
        # A row that is only a title ("…表") starts a new table.
        groups: list[tuple[str, list[list[Cell]]]] = []
        title, _, _ = _heading_above(lines, i)
        for row in rows:
            texts = [c.text for c in row if c.text]
            if len(texts) == 1 and texts[0].endswith("表") and len(texts[0]) <= 40:
                groups.append((texts[0], []))
            elif groups:
                groups[-1][1].append(row)
            else:
                groups.append((title, [row]))
        for group_title, group_rows in groups:
            if len(group_rows) >= 2:
                start = group_rows[0][0].start
                end = group_rows[-1][-1].end
                tables.append(
                    Table(
                        group_title,
                        None,
                        None,
                        "cell_per_line",
                        tuple(tuple(r) for r in group_rows),
                        start,
                        end,
                    )
                )
        i = max(j, i + 1)
    return tables


def find_tables(text: str) -> list[Table]:
    """All tables in document order."""
    lines = _lines(text)
    cells = _cell_flags(text, lines)
    return sorted(_tsv_tables(lines, cells) + _cell_tables(lines, cells), key=lambda t: t.start)
