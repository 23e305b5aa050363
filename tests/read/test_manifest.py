"""sources/originals.csv: each bad row is refused on its own, naming its line."""

from __future__ import annotations

import hashlib

import pytest

from juesuan.read.errors import SourceError
from juesuan.read.manifest import Original, add_row, describe, read_manifest

GOOD = "a" * 64


def test_bad_rows_are_refused_one_by_one_naming_the_line(tmp_path):
    manifest = tmp_path / "originals.csv"
    manifest.write_text(
        "file,sha256,size,url,publisher_url\n"
        f"2023/财政局.pdf,{GOOD},1200,https://github.com/o/r/releases/download/v1/a.pdf,"
        "http://czj.example.gov.cn/a.html\n"
        f"../outside.pdf,{GOOD},1,https://x.example/a.pdf,\n"
        f"b.pdf,{'A' * 64},1,https://x.example/b.pdf,\n"
        f"c.pdf,{GOOD},-5,https://x.example/c.pdf,\n"
        f"d.pdf,{GOOD},5,file:///etc/passwd,\n"
        f"e.exe,{GOOD},5,https://x.example/e.exe,\n"
        f"2023/财政局.pdf,{GOOD},1200,https://x.example/again.pdf,\n",
        encoding="utf-8",
    )
    rows, errors = read_manifest(manifest)
    assert rows == [
        Original(
            "2023/财政局.pdf",
            GOOD,
            1200,
            "https://github.com/o/r/releases/download/v1/a.pdf",
            "http://czj.example.gov.cn/a.html",
            2,
        )
    ]
    assert [e.path for e in errors] == [f"originals.csv:{n}" for n in (3, 4, 5, 6, 7, 8)]
    problems = [e.problem for e in errors]
    assert "relative path" in problems[0] and "清单第 3 行" in problems[0]
    assert "64 lowercase hex" in problems[1]
    assert "byte count" in problems[2]
    assert "url must be an http(s) address" in problems[3]
    assert "unsupported file type .exe" in problems[4]
    assert "listed twice" in problems[5]


def test_a_manifest_without_its_columns_is_one_error(tmp_path):
    manifest = tmp_path / "originals.csv"
    manifest.write_text("name,hash\na.pdf,00\n", encoding="utf-8")
    rows, [error] = read_manifest(manifest)
    assert rows == [] and "file, sha256, size, url" in error.problem


def test_added_rows_are_kept_sorted_and_replace_their_file(tmp_path):
    manifest = tmp_path / "originals.csv"
    data = b"%PDF-1.7 a disclosure"
    add_row(manifest, describe(data, "z.pdf", "https://x.example/z.pdf"))
    add_row(manifest, describe(b"old", "a.pdf", "https://x.example/a-old.pdf"))
    add_row(manifest, describe(data, "a.pdf", "https://x.example/a.pdf", "https://p.example/"))
    digest = hashlib.sha256(data).hexdigest()
    assert manifest.read_text("utf-8") == (
        "file,sha256,size,url,publisher_url\n"
        f"a.pdf,{digest},21,https://x.example/a.pdf,https://p.example/\n"
        f"z.pdf,{digest},21,https://x.example/z.pdf,\n"
    )
    with pytest.raises(SourceError, match="url must be"):
        describe(data, "b.pdf", "ftp://x.example/b.pdf")
