"""Read a PDF disclosure into the text the extractors know (`LaidOut`).

Every page is triaged first with pdfium, which is fast: its text lines, how
many drawn paths it has and whether it holds images. Only a page with text
and enough drawn paths to be a ruled grid is handed to pdfplumber's table
finder, which costs ~0.1 s a page — that keeps a 25-page disclosure near one
second instead of ~4. A page with images but no text layer is a scan: it is
named in a note and nothing is read from it (no OCR guesses).

Hostile input is refused with one line naming the file (not a PDF, encrypted,
damaged beyond repair, no pages, too large) and reading stops at a time
budget, so one file can never stall a build.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from juesuan.read.errors import SourceError
from juesuan.read.layout import Box, CellBox, LaidOut, PageSpan, SourceFormat
from juesuan.read.pdf_prose import (
    Margins,
    TextLine,
    continues,
    drop_furniture,
    joiner,
    margins,
    page_lines,
)
from juesuan.read.pdf_tables import GridCell, GridTable, combined_header, page_tables, shaped_rows

MAX_PDF_BYTES = 100 * 1024 * 1024
MAX_PAGES = 5000
TIME_BUDGET_S = 20.0  # the build allows 30 s a file; leave room for what follows reading
GRID_PATHS = 8  # fewer drawn paths than this cannot make a ruled table worth parsing


@dataclass
class _Page:
    number: int
    width: float
    height: float
    lines: list[TextLine] = field(default_factory=list)
    tables: list[GridTable] = field(default_factory=list)
    paths: int = 0
    scan: bool = False


def read_pdf(
    data: bytes, path: Path | str, refuse: Callable[[str], str | None] | None = None
) -> LaidOut:
    """The PDF's text in reading order, its tables as tab rows, with pages and cell boxes.

    `refuse(text)` sees the text of every page before any table is parsed (the costly part)
    and may name a reason to stop there, e.g. that the document is a budget."""
    deadline = time.monotonic() + TIME_BUDGET_S
    if len(data) > MAX_PDF_BYTES:
        raise SourceError(
            path, f"PDF过大（{len(data) // 2**20} MB，上限 {MAX_PDF_BYTES // 2**20} MB）"
        )
    if b"%PDF-" not in data[:1024]:
        raise SourceError(path, "不是PDF文件（文件开头没有 %PDF- 标记）")
    doc = _open(data, path)
    notes: list[str] = []
    try:
        count = len(doc)
        if count == 0:
            raise SourceError(path, "PDF没有任何页面")
        if count > MAX_PAGES:
            raise SourceError(path, f"PDF页数过多（{count}页，上限{MAX_PAGES}页）")
        pages = _triage(doc, count, deadline, notes)
    finally:
        doc.close()
    if refuse is not None:
        problem = refuse("\n".join(line.text for page in pages for line in page.lines))
        if problem:
            raise SourceError(path, problem)
    _find_tables(data, pages, deadline, notes)
    return _lay_out(pages, notes)


def _open(data: bytes, path: Path | str) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise SourceError(path, "PDF已加密，需要密码才能读取") from None
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_SUCCESS:
            # pdfium refuses a document whose page tree is empty without naming an error.
            raise SourceError(path, "PDF没有任何页面（页面目录为空或无法读取）") from None
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_SECURITY:
            raise SourceError(path, "PDF使用了不支持的加密方式，无法读取") from None
        raise SourceError(path, f"PDF已损坏，无法打开（{exc}）") from None


def _triage(doc: pdfium.PdfDocument, count: int, deadline: float, notes: list[str]) -> list[_Page]:
    """Each page's lines, drawn-path count and scan status, read with pdfium only."""
    pages: list[_Page] = []
    scans: list[int] = []
    for index in range(count):
        if time.monotonic() > deadline:
            notes.append(f"第{index + 1}页起未读取：超过读取时间上限（{TIME_BUDGET_S:.0f}秒）")
            break
        number = index + 1
        try:
            page = doc[index]
        except pdfium.PdfiumError:
            notes.append(f"第{number}页已损坏，未读取")
            continue
        try:
            width, height = page.get_size()
            info = _Page(number, width, height)
            images = 0
            for obj in page.get_objects(max_depth=2):
                if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
                    info.paths += 1
                elif obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                    images += 1
            info.lines = page_lines(page, number)
            if not info.lines and images:
                info.scan = True
                scans.append(number)
            pages.append(info)
        finally:
            page.close()
    notes.extend(_scan_notes(scans))
    return pages


def _scan_notes(scans: list[int]) -> list[str]:
    """One note per run of consecutive scanned pages (2,000 scanned pages make one line)."""
    runs: list[list[int]] = []
    for number in scans:
        if runs and runs[-1][1] == number - 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return [
        f"第{a}页没有文字层（可能是扫描件），未读取"
        if a == b
        else f"第{a}–{b}页没有文字层（可能是扫描件），未读取"
        for a, b in runs
    ]


def _find_tables(data: bytes, pages: list[_Page], deadline: float, notes: list[str]) -> None:
    """Ruled tables from pdfplumber, only on pages with text and enough drawn paths."""
    candidates = [p for p in pages if p.lines and p.paths >= GRID_PATHS]
    if not candidates:
        return
    import pdfplumber  # imported here: a text-only PDF never pays for pdfminer

    try:
        plumber = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many types on damaged files
        notes.append(f"表格无法读取（{type(exc).__name__}），表格内容按文字行给出")
        return
    with plumber:
        for page in candidates:
            if time.monotonic() > deadline:
                notes.append(f"第{page.number}页起的表格未读取：超过读取时间上限，按文字行给出")
                return
            try:
                plumber_page = plumber.pages[page.number - 1]
                page.tables = page_tables(plumber_page, page.number)
                plumber_page.close()
            except Exception as exc:
                notes.append(
                    f"第{page.number}页的表格无法读取（{type(exc).__name__}），按文字行给出"
                )
                continue
            if page.tables:
                page.lines = [line for line in page.lines if not _inside_any(line, page.tables)]


def _inside_any(line: TextLine, tables: list[GridTable]) -> bool:
    x = (line.x0 + line.x1) / 2
    y = (line.top + line.bottom) / 2
    return any(
        t.bbox[0] - 1 <= x <= t.bbox[2] + 1 and t.bbox[1] - 1 <= y <= t.bbox[3] + 1 for t in tables
    )


class _Writer:
    """Appends text, measuring offsets as it goes, and records page spans and cell boxes."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.cells: list[CellBox] = []
        self.page_start: dict[int, int] = {}
        self.page_end: dict[int, int] = {}

    def write(self, text: str, page: int | None = None) -> int:
        start = self.pos
        if page is not None and text:
            self.page_start.setdefault(page, start)
        self.parts.append(text)
        self.pos += len(text)
        if page is not None and text:
            self.page_end[page] = self.pos
        return start

    def newline(self) -> None:
        if self.pos:
            self.write("\n")


def _lay_out(pages: list[_Page], notes: list[str]) -> LaidOut:
    texts = drop_furniture({p.number: p.lines for p in pages}, {p.number: p.height for p in pages})
    for page in pages:
        page.lines = texts[page.number]
    edges = _margins(pages)
    out = _Writer()
    open_line: TextLine | None = None  # the last line of a paragraph that may continue
    last_table: tuple[GridTable, list[tuple[GridCell, ...]]] | None = None
    inherited: list[str] = []
    for page in pages:
        blocks: list[tuple[float, int, TextLine | GridTable]] = [
            (line.top, 0, line) for line in page.lines
        ] + [(table.bbox[1], 1, table) for table in page.tables]
        blocks.sort(key=lambda b: (b[0], b[1]))
        for position, (_, _, block) in enumerate(blocks):
            if isinstance(block, TextLine):
                if open_line is not None and continues(open_line, block, edges):
                    out.write(joiner(open_line.text, block.text))
                else:
                    out.newline()
                out.write(block.text, page.number)
                open_line, last_table = block, None
                continue
            follows = (
                last_table
                if last_table is not None
                and position == 0
                and last_table[0].page == page.number - 1
                and last_table[0].width == block.width
                else None
            )
            if follows is None:
                inherited = []
            rows = _write_table(out, block, follows, inherited)
            open_line, last_table = None, (block if follows is None else follows[0], rows)
            if follows is not None:
                last_table = (
                    GridTable(
                        block.page,
                        block.bbox,
                        block.rows,
                        follows[0].header_rows,
                        follows[0].code_columns,
                    ),
                    follows[1],
                )
    spans = tuple(
        PageSpan(
            p.number,
            out.page_start.get(p.number, _end_before(out, p.number)),
            out.page_end.get(p.number, _end_before(out, p.number)),
        )
        for p in pages
    )
    return LaidOut("".join(out.parts), SourceFormat.PDF, spans, tuple(out.cells), tuple(notes))


def _end_before(out: _Writer, number: int) -> int:
    """Where an empty page sits: after the last text of the pages before it."""
    ends = [end for page, end in out.page_end.items() if page < number]
    return max(ends, default=0)


def _margins(pages: list[_Page]) -> dict[int, Margins]:
    """Margins per page width (portrait and landscape pages differ), from all body lines."""
    by_width: dict[int, list[TextLine]] = {}
    for page in pages:
        by_width.setdefault(round(page.width), []).extend(page.lines)
    found = {width: margins(lines) for width, lines in by_width.items()}
    return {page.number: found[round(page.width)] for page in pages}


def _write_table(
    out: _Writer,
    table: GridTable,
    follows: tuple[GridTable, list[tuple[GridCell, ...]]] | None,
    inherited: list[str],
) -> list[tuple[GridCell, ...]]:
    """Write a table's rows as tab lines; a continuation drops a header it repeats."""
    code_columns = table.code_columns
    header_rows = table.header_rows
    if follows is not None:
        code_columns = code_columns or follows[0].code_columns
    rows = shaped_rows(
        GridTable(table.page, table.bbox, table.rows, header_rows, code_columns),
        code_columns,
        inherited,
    )
    header = rows[:header_rows]
    body = rows[header_rows:]
    if follows is not None:
        previous_header = [tuple(c.text for c in r) for r in follows[1][: follows[0].header_rows]]
        if [tuple(c.text for c in r) for r in header] != previous_header:
            body = rows  # a header that is not the first page's is data
        header = []
    elif (combined := combined_header(header, rows)) is not None:
        body = [tuple(GridCell(text, None) for text in combined), *body]
    for row in [*header, *body]:
        out.newline()
        for j, cell in enumerate(row):
            if j:
                out.write("\t", table.page)
            start = out.write(cell.text, table.page)
            if cell.text and cell.box is not None:
                x0, top, x1, bottom = cell.box
                out.cells.append(
                    CellBox(start, start + len(cell.text), Box(table.page, x0, top, x1, bottom))
                )
    return rows
