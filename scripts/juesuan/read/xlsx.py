"""Read an Excel (.xlsx) disclosure: each sheet one table, in workbook order.

Departments publish the national template's tables as one sheet each (公开01表 …),
a title and unit above the grid and a note below it. Sheets are streamed
(openpyxl's read-only mode) so a sheet of a million rows costs no more than the
row cap: the first rows are read and a note says the rest was not.

A sheet becomes lines the extractors already know: the title and note rows
(one cell, above or below the grid) as plain lines, every grid row as one line
of tab-separated cells, all padded to the grid's width. A merged cell's value
sits in its first cell and the cells it covers are empty — as in the seed text
exports. Numbers are written as the sheet shows them (its number format's
decimals), never rounded beyond that and never filled in when blank.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from openpyxl import load_workbook

from juesuan.read.errors import SourceError
from juesuan.read.layout import LaidOut, SourceFormat
from juesuan.read.lines import LineText
from juesuan.read.ooxml import open_package

MAX_ROWS_PER_SHEET = 10_000  # a template sheet has under 200 rows
MAX_ROWS = 50_000  # all sheets together
MAX_COLUMNS = 100  # a template table has under 20 columns
_DECIMALS = re.compile(r"[0#?]\.([0#?]+)")


def read_xlsx(data: bytes, path: Path | str) -> LaidOut:
    """The workbook's text; a damaged or oversized file raises SourceError."""
    open_package(data, path, "Excel (.xlsx)", streamed=("xl/worksheets/",)).close()
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (KeyError, ValueError, TypeError, OSError, zipfile.BadZipFile) as exc:
        raise SourceError(
            path, f"Excel (.xlsx) 文件无法打开 (not a readable .xlsx: {exc})"
        ) from exc
    out = LineText(SourceFormat.XLSX)
    rows_read = 0
    try:
        for sheet in workbook.worksheets:
            if sheet.sheet_state != "visible":
                out.notes.append(
                    f"隐藏的工作表“{sheet.title}”未读取 (hidden sheet {sheet.title!r} not read)"
                )
                continue
            if (sheet.max_column or 0) > MAX_COLUMNS:
                out.notes.append(
                    f"工作表“{sheet.title}”第 {MAX_COLUMNS} 列以后未读取 "
                    f"(sheet {sheet.title!r}: columns after {MAX_COLUMNS} not read)"
                )
            budget = min(MAX_ROWS_PER_SHEET, MAX_ROWS - rows_read)
            if budget <= 0:
                out.notes.append(
                    f"工作簿超过 {MAX_ROWS} 行，工作表“{sheet.title}”及以后未读取 "
                    f"(more than {MAX_ROWS} rows: sheet {sheet.title!r} and later not read)"
                )
                break
            rows, cut = _sheet_rows(sheet, budget)
            rows_read += len(rows)
            if cut:
                out.notes.append(
                    f"工作表“{sheet.title}”超过 {budget} 行，其后未读取 "
                    f"(sheet {sheet.title!r}: more than {budget} rows, the rest not read)"
                )
            out.start_page(sheet.title)
            _lay_out_sheet(rows, out)
            out.end_page()
            out.line("")
    except (KeyError, ValueError, TypeError, zipfile.BadZipFile) as exc:
        raise SourceError(path, f"Excel (.xlsx) 工作表已损坏 (damaged worksheet: {exc})") from exc
    finally:
        workbook.close()
    return out.laid_out()


def _sheet_rows(sheet, budget: int) -> tuple[list[list[str]], bool]:
    """The sheet's rows as cell texts (trailing empty cells dropped), at most `budget`."""
    sheet.reset_dimensions()  # a stated A1:XFD1048576 must not pad every row
    rows: list[list[str]] = []
    for row in sheet.iter_rows(max_col=MAX_COLUMNS):
        if len(rows) >= budget:
            return rows, True
        cells = [_cell_text(c.value, getattr(c, "number_format", "General")) for c in row]
        while cells and not cells[-1]:
            cells.pop()
        rows.append(cells)
    return rows, False


def _lay_out_sheet(rows: list[list[str]], out: LineText) -> None:
    """Title/note rows as lines, the grid (rows of two or more filled cells and all rows
    between them) as tab rows of one width, leading empty columns left out."""
    grid = [i for i, cells in enumerate(rows) if sum(1 for c in cells if c) >= 2]
    if not grid:
        for cells in rows:
            out.line(" ".join(c for c in cells if c))
        return
    first, last = grid[0], grid[-1]
    body = rows[first : last + 1]
    width = max(len(cells) for cells in body)
    left = min(
        (next(i for i, c in enumerate(cells) if c) for cells in body if any(cells)), default=0
    )
    for i, cells in enumerate(rows):
        if first <= i <= last:
            out.row((cells + [""] * (width - len(cells)))[left:width])
        else:
            out.line(" ".join(c for c in cells if c))


def _cell_text(value: object, number_format: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return _number_text(value, number_format or "General")
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _number_text(value: int | float, number_format: str) -> str:
    """A number as the sheet shows it: the format's decimals (and %), else as stored."""
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:  # inf or nan from a broken formula cache
        return str(value)
    section = number_format.split(";")[0]
    if section in ("General", "@", "") or not re.search(r"[0#?]", section):
        return _plain(number)
    suffix = ""
    if "%" in section:
        number, suffix = number * 100, "%"
    match = _DECIMALS.search(section)
    places = len(match.group(1)) if match else 0
    shown = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if match and "#" in match.group(1):  # optional digits: trailing zeros not shown
        required = match.group(1).count("0")
        text = format(shown, "f").rstrip("0")
        decimals = len(text.split(".")[1]) if "." in text else 0
        if decimals < required:
            text = format(shown.quantize(Decimal(1).scaleb(-required)), "f")
        return text.rstrip(".") + suffix
    return format(shown, "f") + suffix


def _plain(number: Decimal) -> str:
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
