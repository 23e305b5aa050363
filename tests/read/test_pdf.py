"""The PDF reader on the two real 决算 drafts, and on hostile PDFs made here.

Expected values were read by eye from the printed pages (rendered with pdfium at
80 dpi), never from the reader's output. The originals are not in the
repository: those tests skip when /work/shared/originals is absent.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from juesuan.read.layout import LaidOut, SourceFormat
from juesuan.read.normalize import normalize_text
from juesuan.read.pdf import read_pdf
from juesuan.read.source import SourceError
from juesuan.read.tables import find_tables
from juesuan.testing.hostile_files import blank_pdf, encrypted_pdf, image_pdf

ORIGINALS = Path("/work/shared/originals")
GHZY = ORIGINALS / "juesuan_2024_putuo_ghzy_draft.pdf"
SHGZB = ORIGINALS / "juesuan_2024_putuo_shgzb_draft.pdf"
needs_originals = pytest.mark.skipif(not GHZY.exists(), reason="real originals absent")
BOUND_S = 30.0

pdfium = pytest.importorskip("pypdfium2")


@pytest.fixture(scope="module")
def ghzy() -> LaidOut:
    return read_pdf(GHZY.read_bytes(), GHZY)


@pytest.fixture(scope="module")
def shgzb() -> LaidOut:
    return read_pdf(SHGZB.read_bytes(), SHGZB)


def _row(laid: LaidOut, first_cell: str) -> list[str]:
    """The table row (tab cells) whose first cell is `first_cell`."""
    for line in laid.text.split("\n"):
        cells = line.split("\t")
        if len(cells) > 1 and cells[0] == first_cell:
            return cells
    raise AssertionError(f"no row starting {first_cell}")


def _table_row(laid: LaidOut, title: str, first_cell: str) -> list[str]:
    """The row starting `first_cell` in the table titled `title`."""
    table = next(t for t in find_tables(laid.text) if t.title == title)
    return next(r for r in table.texts() if r[0] == first_cell)


def _page_text(laid: LaidOut, number: int) -> str:
    span = next(p for p in laid.pages if p.number == number)
    return laid.text[span.start : span.end]


@needs_originals
def test_text_is_normalised_and_pages_cover_every_printed_page(ghzy: LaidOut) -> None:
    assert ghzy.source_format is SourceFormat.PDF
    assert normalize_text(ghzy.text) == ghzy.text
    assert [p.number for p in ghzy.pages] == list(range(1, 31))
    assert ghzy.notes == ()  # every page has a text layer


@needs_originals
def test_table_titles_on_the_pages_they_are_printed(ghzy: LaidOut, shgzb: LaidOut) -> None:
    lines_7 = _page_text(ghzy, 7).split("\n")
    assert "收入支出决算总表" in lines_7 and "单位：万元" in lines_7
    assert "收入决算表" in _page_text(ghzy, 8).split("\n")
    assert "支出决算表" in _page_text(shgzb, 8).split("\n")
    offset = ghzy.text.index("\n收入决算表\n") + 1
    assert ghzy.page_at(offset) == 8


@needs_originals
def test_functional_rows_with_codes_and_amounts(ghzy: LaidOut) -> None:
    # 收入决算表, page 8: 2101102 事业单位医疗 196.29 196.29, other columns blank.
    assert _table_row(ghzy, "收入决算表", "2101102")[:4] == [
        "2101102",
        "事业单位医疗",
        "196.29",
        "196.29",
    ]
    # 收入支出决算总表, page 7: 八、社会保障和就业支出 754.75 on the 支出 side.
    row = next(line for line in ghzy.text.split("\n") if "八、社会保障和就业支出" in line)
    assert row.split("\t")[-2:] == ["八、社会保障和就业支出", "754.75"]


@needs_originals
def test_wrapped_subject_name_is_joined(ghzy: LaidOut, shgzb: LaidOut) -> None:
    # Printed as "机关事业单位基本养老保险缴 / 费支出" inside one cell (ghzy page 8).
    assert _table_row(ghzy, "收入决算表", "2080505")[1:4] == [
        "机关事业单位基本养老保险缴费支出",
        "446.11",
        "446.11",
    ]
    # shgzb page 8: "机关事业单位基本养老保 / 险缴费支出", 6.18 in 合计 and 基本支出.
    assert _table_row(shgzb, "支出决算表", "2080505")[1:4] == [
        "机关事业单位基本养老保险缴费支出",
        "6.18",
        "6.18",
    ]


@needs_originals
def test_blank_cell_is_blank_not_zero(shgzb: LaidOut) -> None:
    # shgzb page 8, 支出决算表: 2013999 其他社会工作事务支出 202.24 | (blank) | 202.24.
    row = _table_row(shgzb, "支出决算表", "2013999")
    assert row[1:5] == ["其他社会工作事务支出", "202.24", "", "202.24"]
    assert row[5:] == ["", "", ""]


@needs_originals
def test_table_continued_over_a_page_break_is_one_table(ghzy: LaidOut) -> None:
    # 收入决算表 runs from page 8 (ends with 2101102) to page 9 (starts with 212).
    tables = [t for t in find_tables(ghzy.text) if t.title == "收入决算表"]
    assert len(tables) == 1
    codes = [row[0].text for row in tables[0].rows]
    assert codes.index("212") == codes.index("2101102") + 1
    assert "2210203" in codes
    assert ghzy.page_at(tables[0].rows[codes.index("212")][0].start) == 9


@needs_originals
def test_extractor_reads_pdf_table_headings(ghzy: LaidOut) -> None:
    table = next(t for t in find_tables(ghzy.text) if t.title == "支出决算表")
    assert table.unit == "万元"
    header = [c.text for c in table.rows[0]]
    assert header[2:5] == ["本年支出合计", "基本支出", "项目支出"]
    assert header[-1] == "对附属单位补助支出"  # printed wrapped "对附属单位补 / 助支出"


@needs_originals
def test_cell_box_names_its_page(ghzy: LaidOut) -> None:
    row_start = ghzy.text.index("2080505\t")
    cell = next(c for c in ghzy.cells if c.start == row_start)
    assert ghzy.text[cell.start : cell.end] == "2080505"
    assert cell.box.page == 8
    # Page 8 is landscape A4 (842 × 595 pt); the code column is at the table's left edge.
    assert 0 < cell.box.x0 < cell.box.x1 < 200 and 0 < cell.box.top < cell.box.bottom < 595


@needs_originals
def test_wrapped_sentence_is_one_paragraph_in_order(ghzy: LaidOut) -> None:
    # Page 20 prints "…2024 年度收入支出总计" / "9859.38 万元。与 2023 年度相比…" on two lines.
    line = next(x for x in ghzy.text.split("\n") if "年度收入支出总计" in x)
    compact = re.sub(r"\s+", "", line)
    assert "收入支出总计9859.38万元。与2023年度相比" in compact
    assert compact.index("主要原因") > compact.index("9859.38")
    assert ghzy.page_at(ghzy.text.index(line)) == 20


@needs_originals
def test_wide_digits_are_not_parted_by_spaces(ghzy: LaidOut, shgzb: LaidOut) -> None:
    # Read by eye on the rendered pages. The producer wrote some digits as separate text
    # objects ("9" "9.94%", "4" "5.00", "202" "4"); no space is printed between them.
    p23, p24, p28 = (_page_text(ghzy, n) for n in (23, 24, 28))
    assert "完成年初预算的 99.94%" in p23 and "9 9.94" not in p23
    assert "年初预算为 45.00 万元，支出决算为 45.00 万元" in p24 and "4 5.00" not in p24
    assert "截至 2024 年 12 月 31 日" in p28
    # shgzb page 17: "2024 年度收入支出总计 307.82 万元", "增长 100.00%"
    p17 = re.sub(r"\s+", "", _page_text(shgzb, 17))
    assert "2024年度收入支出总计307.82万元" in p17 and "增长100.00%" in p17
    assert not re.search(r"\d \d", _page_text(shgzb, 17))


def _timed(data: bytes) -> tuple[LaidOut | SourceError, float]:
    start = time.monotonic()
    try:
        result: LaidOut | SourceError = read_pdf(data, "hostile.pdf")
    except SourceError as exc:
        result = exc
    return result, time.monotonic() - start


def test_not_a_pdf_is_one_line() -> None:
    with pytest.raises(SourceError) as err:
        read_pdf(b"<html>not a pdf</html>", "x.pdf")
    assert "\n" not in str(err.value) and str(err.value).startswith("x.pdf: ")


def test_zero_pages() -> None:
    with pytest.raises(SourceError, match="没有任何页面"):
        read_pdf(blank_pdf(0), "empty.pdf")


def test_two_thousand_blank_pages_in_bounded_time() -> None:
    result, seconds = _timed(blank_pdf(2000))
    assert seconds < BOUND_S
    assert isinstance(result, LaidOut)
    assert len(result.pages) == 2000 and result.text == ""


def test_images_only_is_reported_per_page_and_nothing_read() -> None:
    result, seconds = _timed(image_pdf(200))
    assert isinstance(result, LaidOut) and seconds < BOUND_S
    assert result.text == ""
    assert result.notes == ("第1页没有文字层（可能是扫描件），未读取",)


def test_fifty_megabyte_pdf_in_bounded_time() -> None:
    data = image_pdf(7000, quality=100)
    assert len(data) > 30 * 2**20  # noise barely compresses: a file of this size
    result, seconds = _timed(data)
    assert seconds < BOUND_S
    assert isinstance(result, LaidOut) and result.notes


def test_encrypted_pdf_is_refused_in_one_line() -> None:
    with pytest.raises(SourceError, match="加密") as err:
        read_pdf(encrypted_pdf(), "locked.pdf")
    assert "\n" not in str(err.value)


@needs_originals
@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_truncated_pdf_gives_error_or_notes_in_bounded_time(cut: float) -> None:
    data = GHZY.read_bytes()
    result, seconds = _timed(data[: int(len(data) * cut)])
    assert seconds < BOUND_S
    if isinstance(result, SourceError):
        assert "\n" not in str(result)
    else:
        assert normalize_text(result.text) == result.text


@needs_originals
def test_broken_xref_gives_error_or_text_in_bounded_time() -> None:
    data = bytearray(GHZY.read_bytes())
    at = data.rindex(b"startxref")
    data[at + 10 : at + 16] = b"999999"  # the cross-reference table points nowhere
    result, seconds = _timed(bytes(data))
    assert seconds < BOUND_S
    assert isinstance(result, (LaidOut, SourceError))
