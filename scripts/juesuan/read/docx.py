"""Read a Word (.docx) disclosure: paragraphs and real tables, in document order.

A Word table is the department's own grid, so each row becomes one tab-separated
line with every grid column kept: a cell spanning three columns is its text and
two empty cells, and the cells below a vertically merged one are empty — the
same shape the seed text exports give, so the extractors read both alike.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from juesuan.read.errors import SourceError
from juesuan.read.layout import LaidOut, SourceFormat
from juesuan.read.lines import LineText, join_wrapped
from juesuan.read.ooxml import open_package

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_P, _TBL, _TR, _TC = (f"{{{_W}}}{t}" for t in ("p", "tbl", "tr", "tc"))
_T, _TAB, _BR, _CR = (f"{{{_W}}}{t}" for t in ("t", "tab", "br", "cr"))
_NO_BREAK_HYPHEN = f"{{{_W}}}noBreakHyphen"
_VAL = f"{{{_W}}}val"
# Wrappers whose children are read as if they stood in the wrapper's place.
_WRAPPERS = {f"{{{_W}}}{t}" for t in ("sdt", "sdtContent", "customXml", "smartTag", "ins")}
# Never text of the document: deleted revisions, field codes, the fallback copy of a
# drawing (its text is read once, from the choice), paragraph and run properties.
_SKIPPED = {
    f"{{{_W}}}del",
    f"{{{_W}}}instrText",
    f"{{{_W}}}pPr",
    f"{{{_W}}}rPr",
    f"{{{_MC}}}Fallback",
}
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*([1-6])$", re.I)
MAX_ROWS = 50_000  # all tables together; a real disclosure has a few thousand


def read_docx(data: bytes, path: Path | str) -> LaidOut:
    """The document's text; a damaged or oversized file raises SourceError."""
    open_package(data, path, "Word (.docx)").close()
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise SourceError(path, f"Word (.docx) 文件无法打开 (not a readable .docx: {exc})") from exc
    except etree.XMLSyntaxError as exc:
        raise SourceError(path, f"Word (.docx) 文件的 XML 已损坏 (damaged XML: {exc})") from exc
    styles = _heading_levels(document)
    out = LineText(SourceFormat.DOCX)
    rows = 0
    for block in _blocks(document.element.body):
        if block.tag == _P:
            text = _paragraph_text(block, tab=" ")
            level = styles.get(_style_id(block))
            out.line(f"{'#' * level} {text}" if level and text.strip() else text)
            continue
        for cells in _table_rows(block):
            rows += 1
            if rows > MAX_ROWS:
                out.notes.append(
                    f"表格行数超过 {MAX_ROWS} 行，其后的内容未读取 "
                    f"(more than {MAX_ROWS} table rows: the rest is not read)"
                )
                return out.laid_out()
            out.row(cells)
    return out.laid_out()


def _heading_levels(document) -> dict[str, int]:
    """Paragraph style id → heading level, for Word's built-in and Chinese heading names."""
    levels: dict[str, int] = {}
    for style in document.styles:
        match = _HEADING_STYLE.match((style.name or "").strip())
        if match and style.style_id:
            levels[style.style_id] = int(match.group(1))
    return levels


def _style_id(p: etree._Element) -> str:
    style = p.find(f"{{{_W}}}pPr/{{{_W}}}pStyle")
    return style.get(_VAL, "") if style is not None else ""


def _blocks(parent: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables in document order, through content controls."""
    for child in parent:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in _WRAPPERS:
            yield from _blocks(child)


def _paragraph_text(p: etree._Element, tab: str) -> str:
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag == _T:
                parts.append(child.text or "")
            elif tag == _TAB:
                parts.append(tab)
            elif tag in (_BR, _CR):
                parts.append("\n")
            elif tag == _NO_BREAK_HYPHEN:
                parts.append("-")
            else:
                walk(child)

    walk(p)
    return "".join(parts)


def _int_attr(parent: etree._Element | None, path: str) -> int:
    if parent is None:
        return 0
    node = parent.find(path)
    try:
        return max(0, int(node.get(_VAL, "0"))) if node is not None else 0
    except ValueError:
        return 0


def _cell_text(tc: etree._Element) -> str:
    """A cell on one line: its paragraphs (and any table inside it) folded together."""
    pieces: list[str] = []
    for block in _blocks(tc):
        if block.tag == _P:
            pieces.append(_paragraph_text(block, tab=" "))
        else:
            pieces.extend(join_wrapped(cells) for cells in _table_rows(block))
    return join_wrapped(pieces)


def _row_cells(tr: etree._Element) -> Iterator[etree._Element]:
    for child in tr:
        if child.tag == _TC:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _row_cells(child)


def _table_rows(tbl: etree._Element) -> Iterator[list[str]]:
    """Each row's cells, one per grid column (a merged cell's text in its first column)."""
    for tr in _table_tr(tbl):
        props = tr.find(f"{{{_W}}}trPr")
        cells = [""] * _int_attr(props, f"{{{_W}}}gridBefore")
        for tc in _row_cells(tr):
            span = _int_attr(tc.find(f"{{{_W}}}tcPr"), f"{{{_W}}}gridSpan") or 1
            cells.append(_cell_text(tc))
            cells.extend([""] * (min(span, 64) - 1))
        cells.extend([""] * _int_attr(props, f"{{{_W}}}gridAfter"))
        yield cells


def _table_tr(tbl: etree._Element) -> Iterator[etree._Element]:
    for child in tbl:
        if child.tag == _TR:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _table_tr(child)
