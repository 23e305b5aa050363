"""The seeds published as Word, web page and Excel give the facts their texts give.

Each seed text is rendered into the other format inside the test, the way a
department's file carries it: a line with tabs is a table row (consecutive rows of
one width make one table), a markdown heading is a heading, every other line a
paragraph. Converting that file must give the same facts as converting the text:
the format readers hand the extractors the text they already know.
"""

from __future__ import annotations

import html
import io
import re
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from conftest import SEEDS
from juesuan.convert import Disclosure, convert_path
from juesuan.read.layout import SourceFormat
from juesuan.read.normalize import normalize_text
from juesuan.read.source import read_source, sniff_format

_HEADING = re.compile(r"^(#{1,6}) (.*)$")
_NUMBER = re.compile(r"^-?\d+(?:\.(\d+))?$")


def _blocks(text: str) -> list[tuple[str, object]]:
    """("table", rows) for each run of tab lines of one width, ("line", text) otherwise."""
    out: list[tuple[str, object]] = []
    for line in text.rstrip("\n").split("\n"):
        if "\t" in line:
            cells = line.split("\t")
            last = out[-1] if out else None
            if last and last[0] == "table" and len(last[1][0]) == len(cells):
                last[1].append(cells)
            else:
                out.append(("table", [cells]))
        else:
            out.append(("line", line))
    return out


def _as_docx(text: str) -> bytes:
    document = Document()
    for kind, item in _blocks(text):
        if kind == "line":
            heading = _HEADING.match(item)
            if heading:
                document.add_heading(heading.group(2), level=len(heading.group(1)))
            else:
                document.add_paragraph(item)
            continue
        table = document.add_table(rows=len(item), cols=len(item[0]))
        for r, cells in enumerate(item):
            for c, value in enumerate(cells):
                table.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _as_html(text: str) -> bytes:
    """A page as a site publishes it: menus and scripts around the article, lines of one
    paragraph joined by <br>, an empty line as Word's <p>&nbsp;</p>."""
    body: list[str] = []
    paragraph: list[str] = []

    def end_paragraph() -> None:
        if paragraph:
            body.append("<p>" + "<br>\n".join(paragraph) + "</p>")
            paragraph.clear()

    for kind, item in _blocks(text):
        if kind == "line":
            heading = _HEADING.match(item)
            if heading:
                end_paragraph()
                level = len(heading.group(1))
                body.append(f"<h{level}>{html.escape(heading.group(2))}</h{level}>")
            elif item.strip():
                paragraph.append(html.escape(item))
            else:
                end_paragraph()
                body.append("<p>&nbsp;</p>")
            continue
        end_paragraph()
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>\n"
            for cells in item
        )
        body.append(f'<table border="1">\n{rows}</table>')
    end_paragraph()
    page = (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>部门决算</title>'
        "<style>td{border:1px solid}</style><script>var total = '收入总计12345678万元';</script>"
        '</head><body><nav><a href="/">首页</a> &gt; <a>财政公开</a></nav>\n<article>\n'
        + "\n".join(body)
        + "\n</article><footer>版权所有</footer></body></html>"
    )
    return page.encode("utf-8")


def _facts(d: Disclosure) -> Counter:
    return Counter((f.key, f.value, f.conflict) for f in d.facts)


@pytest.fixture(scope="module")
def from_text() -> dict[str, Disclosure]:
    return {seed: convert_path(path) for seed, path in SEEDS.items()}


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    sidecar = SEEDS[name.split(".")[0]].with_suffix(".yml")
    if sidecar.is_file():  # the same maintainer statements as the text
        path.with_suffix(".yml").write_bytes(sidecar.read_bytes())
    return path


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_a_word_file_reads_as_the_text_it_was_made_from(tmp_path, from_text, seed):
    text = normalize_text(SEEDS[seed].read_text(encoding="utf-8"))
    # named .txt on purpose: the bytes decide the format, not the name
    path = _write(tmp_path, f"{seed}.txt", _as_docx(text))
    raw = read_source(path)
    assert raw.source_format is SourceFormat.DOCX
    assert raw.text == text.rstrip("\n") + "\n"
    d = convert_path(path)
    assert _facts(d) == _facts(from_text[seed])
    assert [t.title for t in d.tables] == [t.title for t in from_text[seed].tables]


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_a_web_page_gives_the_facts_of_its_text(tmp_path, from_text, seed):
    text = normalize_text(SEEDS[seed].read_text(encoding="utf-8"))
    path = _write(tmp_path, f"{seed}.html", _as_html(text))
    raw = read_source(path)
    assert raw.source_format is SourceFormat.HTML
    assert "首页" not in raw.text and "12345678" not in raw.text and "td{" not in raw.text
    d = convert_path(path)
    assert _facts(d) == _facts(from_text[seed])


def _tables_of(text: str) -> list[tuple[list[str], list[list[str]]]]:
    """Each table of the text with the short lines printed above it (title, 公开NN表,
    unit; up to 4, not crossing a paragraph or another table): what one sheet holds."""
    blocks = _blocks(text)
    out = []
    for i, (kind, rows) in enumerate(blocks):
        if kind != "table":
            continue
        titles: list[str] = []
        j = i - 1
        while j >= 0 and blocks[j][0] == "line" and len(titles) < 4:
            line = blocks[j][1].lstrip("# ").strip()
            if len(line) > 40:  # a paragraph of the text, not a title
                break
            if line:
                titles.insert(0, line)
            j -= 1
        out.append((titles, rows))
    return out


def _cell_value(text: str) -> tuple[object, str]:
    """A number cell as a sheet stores it (a float with a decimals format), else text."""
    match = _NUMBER.match(text)
    if not match:
        return text, "General"
    decimals = len(match.group(1) or "")
    if decimals == 0:
        return int(text), "General"
    return float(text), "0." + "0" * decimals


def test_a_workbook_of_seed_003s_tables_gives_the_facts_of_those_tables(tmp_path):
    text = normalize_text(SEEDS["003"].read_text(encoding="utf-8"))
    cover = [line.strip() for line in text.split("\n")[:4] if line.strip()]
    tables = _tables_of(text)
    assert len(tables) >= 8  # 003 prints the national template's tables

    workbook = openpyxl.Workbook()
    workbook.active.title = "封面"
    for line in cover:
        workbook.active.append([line])
    # the same content as a text: cover, then each table under its titles
    as_text = [*cover, ""]
    for n, (titles, rows) in enumerate(tables, start=1):
        sheet = workbook.create_sheet(f"表{n}")
        for title in titles:
            sheet.append([title])
        for r, cells in enumerate(rows, start=len(titles) + 1):
            for c, cell in enumerate(cells, start=1):
                if cell:
                    value, number_format = _cell_value(cell)
                    sheet.cell(r, c, value).number_format = number_format
        as_text += [*titles, *("\t".join(cells) for cells in rows), ""]
    buffer = io.BytesIO()
    workbook.save(buffer)
    book = _write(tmp_path, "003.xlsx", buffer.getvalue())
    plain = tmp_path / "003_tables.txt"
    plain.write_text("\n".join(as_text) + "\n", encoding="utf-8")
    (tmp_path / "003_tables.yml").write_bytes(SEEDS["003"].with_suffix(".yml").read_bytes())

    raw = read_source(book)
    assert raw.source_format is SourceFormat.XLSX
    assert [p.label for p in raw.layout.pages] == [
        "封面",
        *(f"表{n}" for n in range(1, 1 + len(tables))),
    ]
    d, t = convert_path(book), convert_path(plain)
    assert _facts(d) == _facts(t)
    facts = {f.key: str(f.value) for f in d.facts}
    # as 003 states them (tests/test_seed_facts.py): 收、支总计均为741.64万元, 基本支出599.20,
    # 项目支出142.44, 财政拨款收入741.64
    for key, value in {
        "revenue.grand_total": "741.64",
        "expenditure.grand_total": "741.64",
        "expenditure.basic": "599.20",
        "expenditure.project": "142.44",
        "revenue.fiscal_appropriation": "741.64",
    }.items():
        assert facts[key] == value, key
    assert [x.title for x in d.tables] == [x.title for x in t.tables]


def test_the_bytes_decide_the_format():
    assert sniff_format(b"%PDF-1.7\n...") is SourceFormat.PDF
    assert sniff_format("\ufeff  <!DOCTYPE html><html>".encode()) is SourceFormat.HTML
    assert sniff_format(b"\n<html lang='zh'><body>") is SourceFormat.HTML
    assert sniff_format("<b>收入</b> 2024年度部门决算".encode()) is SourceFormat.TEXT
    assert sniff_format(SEEDS["003"].read_bytes()) is SourceFormat.TEXT


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_text_seeds_read_exactly_as_before(seed):
    raw = read_source(SEEDS[seed])
    assert raw.source_format is SourceFormat.TEXT and raw.layout is None
    assert raw.text == SEEDS[seed].read_bytes().decode(raw.encoding)
