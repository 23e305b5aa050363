"""Hostile Word, Excel and web files: one clear line each, or the right text, quickly.

Every file is built here from bytes with the shape of the real format (a zip
whose directory claims what a bomb claims, a sheet XML of a million rows, an
OLE2 header); nothing is committed. Each must be refused with one line naming
the file, or read correctly, within 30 s and without holding a gigabyte.
"""

from __future__ import annotations

import io
import sys
import time
import tracemalloc
import zipfile

import pytest

from conftest import SEEDS
from juesuan.convert import convert_path
from juesuan.pipeline.build import convert_all, list_sources
from juesuan.read.layout import SourceFormat
from juesuan.read.source import SourceError, read_source
from juesuan.testing.hostile_files import docx_bytes, million_row_xlsx, zip_bomb_docx

SECONDS = 30
GIGABYTE = 1 << 30


def _timed(read, *args):
    """Result (or SourceError) of read(*args), its seconds and its peak of traced memory."""
    tracemalloc.start()
    started = time.perf_counter()
    try:
        outcome = read(*args)
    except SourceError as exc:
        outcome = exc
    finally:
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return outcome, seconds, peak


def test_a_docx_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    path = tmp_path / "bomb.docx"
    path.write_bytes(zip_bomb_docx())
    assert path.stat().st_size < 5_000_000
    err, seconds, peak = _timed(read_source, path)
    assert isinstance(err, SourceError)
    assert str(err).startswith(f"{path}: ") and "\n" not in str(err)
    assert "word/document.xml" in err.problem and "MB" in err.problem
    assert seconds < SECONDS and peak < 16_000_000  # the file, not what it inflates to


def test_a_zip_of_ten_thousand_parts_is_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        out.writestr("word/document.xml", "<w:document/>")
        for n in range(10_000):
            out.writestr(f"word/media/{n}.bin", b"")
    path = tmp_path / "many.docx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(SourceError, match="10001 个部件") as err:
        read_source(path)
    assert "\n" not in str(err.value)


def test_a_million_row_sheet_is_read_up_to_the_cap_with_a_note(tmp_path):
    path = tmp_path / "million.xlsx"
    path.write_bytes(million_row_xlsx())
    raw, seconds, peak = _timed(read_source, path)
    assert not isinstance(raw, SourceError), raw
    assert raw.source_format is SourceFormat.XLSX
    assert seconds < SECONDS and peak < GIGABYTE
    lines = raw.text.rstrip("\n").split("\n")
    assert lines[0] == "项目1\t1.25" and lines[-1] == "项目10000\t10000.25"
    assert len(lines) == 10_000
    [note] = raw.layout.notes
    assert "公开01表" in note and "10000" in note and "\n" not in note
    [sheet] = raw.layout.pages
    assert sheet.label == "公开01表"


def test_a_page_full_of_scripts_gives_its_text_and_nothing_of_the_scripts(tmp_path):
    page = (
        "<!doctype html><html><head><style>p{color:red}</style>"
        "<script>document.write('<p>收入总计99999万元</p>')</script></head><body>"
        "<nav><ul><li>首页</li><li>政务公开</li></ul></nav>"
        "<div role='navigation'>当前位置：财政预决算</div>"
        "<noscript>请启用脚本</noscript><template><p>模板</p></template>"
        "<p onclick='alert(1)'>2024年度收入总计<b>658.30</b>万元。</p>"
        "<img src=x onerror='alert(2)'><iframe src='https://example.org'>框架</iframe>"
        "<script>for(;;){}</script></body></html>"
    )
    path = tmp_path / "page.htm"
    path.write_text(page, encoding="utf-8")
    raw = read_source(path)
    assert raw.source_format is SourceFormat.HTML
    assert raw.text == "2024年度收入总计658.30万元。\n"


def test_a_page_nested_a_hundred_thousand_deep_is_refused_quickly(tmp_path):
    depth = 100_000
    page = "<html><body>" + "<div>" * depth + "部门决算" + "</div>" * depth + "</body></html>"
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    err, seconds, peak = _timed(read_source, path)
    assert isinstance(err, SourceError) and "2000" in err.problem and "\n" not in str(err)
    assert seconds < SECONDS and peak < GIGABYTE


def test_a_page_nested_as_deep_as_real_ones_is_read(tmp_path):
    depth = 1_000
    page = "<html><body>" + "<div><span>" * depth + "部门决算" + "</span></div>" * depth
    path = tmp_path / "deep.html"
    path.write_text(page + "</body></html>", encoding="utf-8")
    assert read_source(path).text == "部门决算\n"


def test_a_gb18030_page_is_decoded_by_its_meta_charset(tmp_path):
    text = "新乡市科学技术协会2024年度部门决算：收、支总计均为741.64万元。"
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        f"</head><body><p>{text}</p><p>€ 不是GB2312的字：䶮</p></body></html>"
    )
    path = tmp_path / "gb.html"
    path.write_bytes(page.encode("gb18030"))  # gb2312 stated, a superset written: as sites do
    raw = read_source(path)
    assert raw.source_format is SourceFormat.HTML and raw.encoding == "gb18030"
    assert raw.text == f"{text}\n€ 不是GB2312的字：䶮\n"
    assert raw.layout.notes == ()


@pytest.mark.parametrize(
    "stream, kind",
    [("WordDocument", "Word (.doc)"), ("Workbook", "Excel (.xls)")],
)
def test_a_legacy_doc_or_xls_is_refused_with_what_to_do(tmp_path, stream, kind):
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    path = tmp_path / "old.doc"
    path.write_bytes(header + stream.encode("utf-16-le") + b"\x00" * 4000)
    with pytest.raises(SourceError) as err:
        read_source(path)
    assert kind in err.value.problem and ".docx" in err.value.problem
    assert ".xlsx" in err.value.problem and "\n" not in str(err.value)


def test_a_zip_that_is_no_office_file_and_a_cut_docx_are_one_line_each(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        out.writestr("readme.txt", "hello")
    other = tmp_path / "archive.docx"
    other.write_bytes(buffer.getvalue())
    with pytest.raises(SourceError, match=r"not a \.docx or \.xlsx") as err:
        read_source(other)
    assert "\n" not in str(err.value)
    cut = tmp_path / "cut.docx"
    cut.write_bytes(docx_bytes("2024年度部门决算")[:3000])
    with pytest.raises(SourceError) as err:
        read_source(cut)
    assert str(err.value).startswith(f"{cut}: ") and "\n" not in str(err.value)


def test_without_a_pdf_reader_a_pdf_gets_one_line(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "juesuan.read.pdf", None)  # import fails as if absent
    path = tmp_path / "report.txt"
    path.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    with pytest.raises(SourceError, match="PDF reading is not available"):
        read_source(path)


def test_hostile_files_beside_a_good_one_are_skipped_one_line_each(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "bomb.docx").write_bytes(zip_bomb_docx())
    (sources / "old.xls").write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "Workbook".encode("utf-16-le")
    )
    (sources / "scripts.html").write_text(
        "<!DOCTYPE html><html><body><script>收入总计1万元</script></body></html>",
        encoding="utf-8",
    )
    good = sources / "good.docx"
    good.write_bytes(docx_bytes(*SEEDS["004"].read_text(encoding="utf-8").split("\n")))
    log: list[str] = []
    started = time.perf_counter()
    result = convert_all(list_sources(sources), log.append, root=sources)
    assert time.perf_counter() - started < SECONDS
    assert sorted(s.file for s in result.skipped) == ["bomb.docx", "old.xls", "scripts.html"]
    for skipped in result.skipped:
        [line] = [line for line in log if f"{sources / skipped.file}: " in line]
        assert "\n" not in line
    [d] = result.disclosures
    assert d.source.source_format is SourceFormat.DOCX
    assert d.meta.department == convert_path(SEEDS["004"]).meta.department
