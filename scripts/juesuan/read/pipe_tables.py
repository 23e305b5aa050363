"""Tables flattened to text with `|` between cells, as web pages are often copied.

Two layouts are printed:
- one row per line: 合 计 | 1.8 | 1.52 | (an empty cell may be written ||, and a row label
  may drift to the end of its line: 1.8 | 1.52 | 合 计, which is moved back to the front);
- one cell per line, each ending in |: a line that is only | is then either an empty
  cell or the end of a row. Which one is decided by the shape: read either way, every
  row under the heading must be a label followed by amounts or empty cells, and as row
  ends all rows must have the same number of cells, as empty cells the heading's number.
  A block that fits neither reading (or both) is not a table.
Rows are kept as printed otherwise: a row with fewer cells than its heading says so, and
the readers do not guess which cell is missing.
"""

from __future__ import annotations

import re

from juesuan.read.tables import Cell, Table, _heading_above, _lines, split_cells

_NUMBER = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_MIN_LINES = 3


def _is_number(text: str) -> bool:
    return _NUMBER.fullmatch(text) is not None


def _cells(offset: int, line: str) -> list[Cell]:
    """The `|`-separated cells of one line; the empty cells outside the outer bars dropped."""
    cells = list(split_cells(offset, line, "|"))
    if line.rstrip().endswith("|"):
        cells.pop()
    if line.lstrip().startswith("|") and cells and not cells[0].text:
        cells.pop(0)
    return cells


def _is_row_line(line: str) -> bool:
    """A line that holds more than one cell: a bar with text on both sides."""
    inner = line.strip().strip("|")
    return "|" in inner and bool(inner.strip())


def _drifted_label_first(row: list[Cell]) -> list[Cell]:
    texts = [c.text for c in row]
    if len(row) >= 2 and _is_number(texts[0]) and texts[-1] and not _is_number(texts[-1]):
        return [row[-1], *row[:-1]]
    return row


def _rows_per_line(block: list[tuple[int, str]]) -> list[list[Cell]]:
    return [_drifted_label_first(_cells(off, line)) for off, line in block if line.strip()]


def _labelled(rows: list[list[Cell]]) -> bool:
    """Every row under the heading: a label, then amounts or empty cells."""
    for row in rows[1:]:
        if not row[0].text or _is_number(row[0].text):
            return False
        if any(c.text and not _is_number(c.text) for c in row[1:]):
            return False
    return True


def _row_ended(tokens: list[Cell]) -> list[list[Cell]] | None:
    rows: list[list[Cell]] = [[]]
    for token in tokens:
        if token.text:
            rows[-1].append(token)
        elif rows[-1]:
            rows.append([])
    rows = [r for r in rows if r]
    if len(rows) < 2 or len({len(r) for r in rows}) != 1 or len(rows[0]) < 2:
        return None
    return rows if _labelled(rows) else None


def _empty_cells(tokens: list[Cell]) -> list[list[Cell]] | None:
    labels = 0
    while labels < len(tokens) and tokens[labels].text and not _is_number(tokens[labels].text):
        labels += 1
    width = labels - 1  # the heading row, then the first row's label
    if width < 2 or len(tokens) % width:
        return None
    rows = [tokens[i : i + width] for i in range(0, len(tokens), width)]
    return rows if _labelled(rows) else None


def _cell_per_line(block: list[tuple[int, str]]) -> list[list[Cell]] | None:
    tokens = []
    for off, line in block:
        if not line.strip():
            continue
        text = line.strip().rstrip("|").strip()
        lead = line.index(text) if text else len(line) - len(line.lstrip())
        tokens.append(Cell(text, off + lead, off + lead + len(text)))
    ended, empty = _row_ended(tokens), _empty_cells(tokens)
    if (ended is None) == (empty is None):
        return None
    return ended or empty


def _blocks(lines: list[tuple[int, str]]) -> list[tuple[int, int]]:
    """(first, stop) line indexes of each run of lines with a bar (blank lines inside)."""
    out, i = [], 0
    while i < len(lines):
        if "|" not in lines[i][1]:
            i += 1
            continue
        j = i
        while j < len(lines) and ("|" in lines[j][1] or not lines[j][1].strip()):
            j += 1
        while not lines[j - 1][1].strip():
            j -= 1
        out.append((i, j))
        i = j
    return out


def find_pipe_tables(text: str) -> list[Table]:
    """Every table printed with `|` between its cells, in document order."""
    if "|" not in text:  # no bar, no block: most texts (splitting them into lines costs)
        return []
    lines = _lines(text)
    tables = []
    for first, stop in _blocks(lines):
        block = lines[first:stop]
        if sum(1 for _, line in block if line.strip()) < _MIN_LINES:
            continue
        if any(_is_row_line(line) for _, line in block):
            rows = _rows_per_line(block)
        else:
            rows = _cell_per_line(block)
        if not rows or len(rows) < 2:
            continue
        title, code, unit = _heading_above(lines, first)
        end = block[-1][0] + len(block[-1][1])
        tables.append(
            Table(title, code, unit, "pipe", tuple(tuple(r) for r in rows), block[0][0], end)
        )
    return tables
