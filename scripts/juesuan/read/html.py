"""Read a disclosure published as a web page: its text and its <table>s.

Government sites wrap the disclosure in menus, scripts and styles. The page is
parsed by a real HTML parser (lexbor, through selectolax) and walked: scripts,
styles and navigation are dropped, block elements and <br> end lines, and each
<table> row becomes one tab-separated line with colspan and rowspan kept as
empty cells — the shape the seed text exports give, so extractors read both alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from juesuan.read.encoding import _BOMS, _guess_encoding
from juesuan.read.errors import SourceError
from juesuan.read.layout import LaidOut, SourceFormat
from juesuan.read.lines import LineText, join_wrapped

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I
)
_CHINESE_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "gb_2312-80": "gb18030",
}
_DROPPED = frozenset(
    (
        "head",
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "canvas",
        "select",
        "button",
        "textarea",
        "input",
        "audio",
        "video",
        "map",
    )
)
_BLOCKS = frozenset(
    (
        "html",
        "body",
        "div",
        "p",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "address",
        "blockquote",
        "center",
        "dl",
        "dt",
        "dd",
        "ul",
        "ol",
        "li",
        "figure",
        "figcaption",
        "form",
        "fieldset",
        "legend",
        "details",
        "summary",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "caption",
        "tbody",
        "thead",
        "tfoot",
    )
)
_HEADING = {f"h{n}": n for n in range(1, 7)}
_SPACES = re.compile(r"[ \t\n\r\f]+")
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")
MAX_NODES = 2_000_000  # a 20 MB page of real content has far fewer
# lexbor's tree building slows quadratically with depth (40,000 nested <div>s: 3 s,
# 100,000: 20 s); browsers themselves stop nesting at 512, real pages at a few dozen.
MAX_DEPTH = 2_000
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]{0,20})(?:\s[^<>]*)?(/?)>")
# Elements never closed (void) or whose end tag may be left out: not counted as depth.
_UNCOUNTED = frozenset(
    (
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "p",
        "li",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "option",
        "optgroup",
        "colgroup",
        "caption",
        "rb",
        "rt",
        "rp",
        "html",
        "head",
        "body",
    )
)
MAX_SPAN = 64  # colspan/rowspan beyond this is a broken or hostile page
MAX_CELLS = 2_000_000


def page_encoding(data: bytes) -> str:
    """The page's encoding: its BOM, then its <meta charset>, then UTF-8 if it decodes,
    then charset-normalizer's guess among the encodings Chinese publishers use."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    match = _META_CHARSET.search(data[:8192])
    if match:
        name = match.group(1).decode("ascii").lower()
        name = _CHINESE_SUPERSETS.get(name, name)
        try:
            "".encode(name)
            return name
        except LookupError:
            pass
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return _guess_encoding(data) or "gb18030"


def read_html(data: bytes, path: Path | str) -> LaidOut:
    """The page's text; a page with no readable text raises SourceError."""
    encoding = page_encoding(data)
    html = data.decode(encoding, errors="replace")
    out = LineText(SourceFormat.HTML)
    if "\ufffd" in html:
        out.notes.append(
            f"网页中有字节不能按 {encoding} 解码，已替换为 “\ufffd” "
            f"(bytes not decodable as {encoding})"
        )
    depth = _nesting(html)
    if depth > MAX_DEPTH:
        raise SourceError(
            path,
            f"网页元素嵌套超过 {MAX_DEPTH} 层，不是正常网页 "
            f"(elements nested more than {MAX_DEPTH} deep)",
        )
    try:
        tree = LexborHTMLParser(html)
    except Exception as exc:  # the parser's errors carry no common type
        raise SourceError(path, f"网页无法解析 (HTML does not parse: {exc})") from exc
    root = tree.root
    if root is None:
        raise SourceError(path, "网页没有内容 (empty HTML page)")
    walker = _Walker(out.line, out.row)
    walker.walk(root)
    walker.flush()
    if walker.stopped:
        out.notes.append(
            f"网页元素超过 {MAX_NODES} 个，其后的内容未读取 "
            f"(more than {MAX_NODES} elements: the rest is not read)"
        )
    return out.laid_out()


def _nesting(html: str) -> int:
    """How deep the page's tags nest, counted on the tags alone (before parsing, whose
    cost grows with the square of the depth). Scripts' and styles' text is skipped."""
    depth = deepest = 0
    raw_until: str | None = None
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if raw_until is not None:
            if closing and name == raw_until:
                raw_until = None
            continue
        if name in ("script", "style", "textarea", "title") and not closing:
            raw_until = name
            continue
        if name in _UNCOUNTED or self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    break
    return deepest


def _collapse(text: str) -> str:
    """HTML whitespace as a browser shows it: a run is one space, and a line break
    between two Chinese characters is nothing (CSS Text's segment-break rule)."""

    def space(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if "\n" in match.group() and _WIDE.match(before or " ") and _WIDE.match(after or " "):
            return ""
        return " "

    return _SPACES.sub(space, text)


class _Walker:
    """Depth-first over the tree without recursion (a hostile page nests deeply)."""

    def __init__(self, line: Callable[[str], None], row: Callable[[list[str]], None]) -> None:
        self._line = line
        self._row = row
        self._inline: list[str] = []
        self._prefix = ""
        self._visited = 0
        self._after_br = False
        self.stopped = False

    def flush(self, blank: bool = False) -> None:
        """End the current line. A block holding only &nbsp; (Word's saved pages) or a
        second <br> in a row shows as an empty line, and is one."""
        raw = "".join(self._inline)
        text = _collapse(raw).strip()
        self._inline.clear()
        if text.strip("\u00a0 "):
            self._line(self._prefix + text)
        elif blank or "\u00a0" in raw:
            self._line("")
        self._prefix = ""
        self._after_br = False

    def _count(self) -> bool:
        self._visited += 1
        if self._visited > MAX_NODES:
            self.stopped = True
        return not self.stopped

    def walk(self, start: LexborNode) -> None:
        # ("enter", node) visits a node; ("exit", tag) ends a block it opened.
        stack: list[tuple[str, object]] = [("enter", start)]
        while stack and not self.stopped:
            action, item = stack.pop()
            if action == "exit":
                self.flush()
                continue
            node: LexborNode = item  # type: ignore[assignment]
            if not self._count():
                break
            if node.is_text_node:
                self._inline.append(node.text_content or "")
                continue
            tag = node.tag or ""
            if not node.is_element_node and not node.is_document_node:
                continue  # comments, doctype
            if tag in _DROPPED or (node.attributes.get("role") or "").lower() == "navigation":
                continue
            if tag == "br":
                blank = self._after_br and not "".join(self._inline).strip()
                self.flush(blank=blank)
                self._after_br = True
                continue
            if tag == "pre":
                self.flush()
                for text in (node.text(deep=True, separator="") or "").split("\n"):
                    self._line(text)
                continue
            if tag == "table":
                self.flush()
                self._table(node)
                continue
            if tag in _BLOCKS or tag == "tr":
                self.flush()
                if tag in _HEADING:
                    self._prefix = "#" * _HEADING[tag] + " "
                elif tag == "li":
                    self._prefix = "- "
                stack.append(("exit", tag))
            children = []
            child = node.child
            while child is not None:
                children.append(child)
                child = child.next
            stack.extend(("enter", c) for c in reversed(children))

    def _cell(self, node: LexborNode) -> str:
        pieces: list[str] = []
        inner = _Walker(pieces.append, lambda cells: pieces.append(join_wrapped(cells)))
        inner._visited = self._visited
        inner.walk(node)
        inner.flush()
        self._visited = inner._visited
        self.stopped = self.stopped or inner.stopped
        return join_wrapped(pieces)

    def _table(self, table: LexborNode) -> None:
        """Rows of this table (not of tables inside its cells), spans as empty cells."""
        caption = table.css_first("caption")
        if (
            caption is not None
            and caption.parent is not None
            and caption.parent.mem_id == table.mem_id
        ):
            self._line(self._cell(caption))
        below: dict[int, int] = {}  # column → rows still covered by a rowspan from above
        cells_seen = 0
        for tr in _rows(table):
            if self.stopped:
                return
            cells: list[str] = []
            column = 0
            cell = tr.child
            while cell is not None:
                if cell.tag in ("td", "th"):
                    while below.get(column, 0) > 0:
                        below[column] -= 1
                        cells.append("")
                        column += 1
                    colspan = _span(cell.attributes.get("colspan"))
                    rowspan = _span(cell.attributes.get("rowspan"))
                    cells.append(self._cell(cell))
                    cells.extend([""] * (colspan - 1))
                    for c in range(column, column + colspan):
                        if rowspan > 1:
                            below[c] = rowspan - 1
                    column += colspan
                cell = cell.next
            while any(below.get(c, 0) > 0 for c in range(column, max(below, default=-1) + 1)):
                if below.get(column, 0) > 0:
                    below[column] -= 1
                cells.append("")
                column += 1
            cells_seen += len(cells)
            if cells_seen > MAX_CELLS:
                self.stopped = True
                return
            self._row(cells)


def _span(value: str | None) -> int:
    try:
        return min(max(int((value or "1").strip()), 1), MAX_SPAN)
    except ValueError:
        return 1


def _rows(table: LexborNode) -> list[LexborNode]:
    """The <tr>s that belong to `table`: direct, or inside its thead/tbody/tfoot."""
    rows: list[LexborNode] = []
    child = table.child
    while child is not None:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            row = child.child
            while row is not None:
                if row.tag == "tr":
                    rows.append(row)
                row = row.next
        child = child.next
    return rows
