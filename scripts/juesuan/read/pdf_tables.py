"""Ruled PDF tables as rows of cells, shaped like the tab rows of a text export.

pdfplumber finds the grid from the drawn lines; a merged cell comes back once,
at its first column and row, and `None` where it spans. This module keeps that
shape (a spanned column is an empty cell, as in the seed exports), joins a
subject name wrapped over several lines inside its cell, and — where the
template prints the functional code over three columns 类 | 款 | 项 — joins
them into the 3/5/7-digit code the extractors know (208 | 05 | 01 → 2080501).
A blank cell stays blank: it is never read as 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from juesuan.read.normalize import normalize_text

_AMOUNT = re.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$|^-?\d{1,3}(?:,\d{3})+$")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_TOTAL = re.compile(r"^(?:合计|总计|小计)$")
_SPACE = re.compile(r"\s+")
_MAX_HEADER_ROWS = 5
_CJK = re.compile(r"[\u4e00-\u9fff]")

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass(frozen=True)
class GridCell:
    """A cell's text (wrapped lines joined) and the box it was drawn in; box None = spanned."""

    text: str
    box: BBox | None


@dataclass(frozen=True)
class GridTable:
    """One ruled table on one page, cells on pdfplumber's column grid."""

    page: int
    bbox: BBox
    rows: tuple[tuple[GridCell, ...], ...]
    header_rows: int
    code_columns: tuple[int, int, int] | None  # the 类, 款, 项 columns, when printed apart

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0


def _cell_text(raw: str | None) -> str:
    """Lines of one cell joined: wrapped Chinese joins directly, Latin words with a space."""
    if not raw:
        return ""
    parts = [p.strip() for p in raw.split("\n") if p.strip()]
    text = ""
    for part in parts:
        if (
            text
            and text[-1].isascii()
            and text[-1].isalnum()
            and part[0].isascii()
            and (part[0].isalnum())
        ):
            text += " "
        text += part
    return normalize_text(_SPACE.sub(" ", text)).replace("\t", " ").replace("\n", " ").strip()


def page_tables(page: object, number: int) -> list[GridTable]:
    """The ruled tables of a pdfplumber page, top to bottom."""
    found = page.find_tables()  # type: ignore[attr-defined]
    tables = []
    for table in found:
        rows = table.rows
        texts = table.extract()
        grid = tuple(
            tuple(
                GridCell(_cell_text(text) if box is not None else "", box)
                for box, text in zip(row.cells, row_texts, strict=False)
            )
            for row, row_texts in zip(rows, texts, strict=False)
        )
        if len(grid) < 2 or len(grid[0]) < 2:
            continue
        header = _header_rows(grid)
        tables.append(
            GridTable(number, tuple(table.bbox), grid, header, _code_columns(grid[:header]))
        )
    return sorted(tables, key=lambda t: (t.bbox[1], t.bbox[0]))


def _is_data_row(row: tuple[GridCell, ...]) -> bool:
    """A row with an amount or a code, or a 合计 label with no headings beside it."""
    texts = [c.text for c in row]
    if any(_AMOUNT.match(t) or _CODE.match(t) for t in texts):
        return True
    labels = [i for i, t in enumerate(texts) if _TOTAL.match("".join(t.split()))]
    words = [i for i, t in enumerate(texts) if _CJK.search(t)]
    return bool(labels) and labels[0] < 2 and words == labels[:1]


def _header_rows(grid: tuple[tuple[GridCell, ...], ...]) -> int:
    """Leading rows before the first row with an amount, a code or a 合计 (at most five)."""
    for index, row in enumerate(grid[: _MAX_HEADER_ROWS + 1]):
        if _is_data_row(row):
            return index
    # No amounts at all (an empty template table): its heading rows are those with text.
    filled = 0
    for row in grid[:_MAX_HEADER_ROWS]:
        if not any(c.text for c in row):
            break
        filled += 1
    return max(filled, 1)


def _code_columns(header: tuple[tuple[GridCell, ...], ...]) -> tuple[int, int, int] | None:
    """The three adjacent columns headed 类, 款, 项, if the header has them."""
    for row in header:
        labels = ["".join(c.text.split()) for c in row]
        for i in range(len(labels) - 2):
            if labels[i : i + 3] == ["类", "款", "项"]:
                return (i, i + 1, i + 2)
    return None


def _union(boxes: list[BBox]) -> BBox | None:
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def shaped_rows(
    table: GridTable, code_columns: tuple[int, int, int] | None, inherited: list[str]
) -> list[tuple[GridCell, ...]]:
    """Rows with the 类/款/项 columns collapsed into one code cell.

    `inherited` carries the last 类 and 款 seen (across a page break too): a row that
    prints only 款 and 项 under a 类 printed above belongs to that 类, as the grid shows.
    """
    if code_columns is None:
        return list(table.rows)
    a, b, c = code_columns
    out = []
    for index, row in enumerate(table.rows):
        parts = [row[a].text, row[b].text, row[c].text] if c < len(row) else ["", "", ""]
        boxes = [row[i].box for i in (a, b, c) if c < len(row) and row[i].box is not None]
        cell = _code_cell(parts, index < table.header_rows, inherited)
        merged = GridCell(cell, _union(boxes))
        out.append((*row[:a], merged, *row[c + 1 :]))
    return out


def _code_cell(parts: list[str], header: bool, inherited: list[str]) -> str:
    compact = ["".join(p.split()) for p in parts]
    if header:
        return "科目编码" if compact == ["类", "款", "项"] else "".join(p for p in parts if p)
    lei, kuan, xiang = compact
    if not (lei.isdigit() or kuan.isdigit() or xiang.isdigit()):
        return "".join(p for p in parts if p)  # 合计 spanning the code columns
    if lei.isdigit() and len(lei) == 3:
        inherited[:] = [lei, ""]
    elif not lei and inherited and inherited[0]:
        lei = inherited[0]
    if kuan.isdigit() and len(kuan) == 2:
        inherited[1:] = [kuan]
    elif not kuan and xiang and len(inherited) > 1 and inherited[1]:
        kuan = inherited[1]
    code = lei + kuan + xiang
    return code if _CODE.match(code) else " ".join(p for p in compact if p)


def combined_header(
    rows: list[tuple[GridCell, ...]], grid: list[tuple[GridCell, ...]]
) -> list[str] | None:
    """One heading per column naming every level above it (收入/决算数), when the header has
    two or more levels; a merged heading counts for each column its box spans."""
    if len(rows) < 2:
        return None
    width = len(rows[0])
    starts = _column_starts(grid)
    chains: list[list[str]] = [[] for _ in range(width)]
    for row in rows:
        for j, cell in enumerate(row):
            if not cell.text or cell.box is None:
                continue
            for k in range(j, width):
                if k > j and (row[k].box is not None or starts[k] >= cell.box[2] - 1):
                    break
                if not chains[k] or chains[k][-1] != cell.text:
                    chains[k].append(cell.text)
    if not any(len(chain) >= 2 for chain in chains):
        return None
    return ["/".join(chain) for chain in chains]


def _column_starts(rows: list[tuple[GridCell, ...]]) -> list[float]:
    width = len(rows[0])
    starts = [float("inf")] * width
    for row in rows:
        for j, cell in enumerate(row):
            if cell.box is not None:
                starts[j] = min(starts[j], cell.box[0])
    return starts
