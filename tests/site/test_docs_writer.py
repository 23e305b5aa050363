"""The generated docs directory links the files the previous one already holds (DocsWriter).

Two rounds of writing into a fresh staging folder, swapped in as the docs directory the way
assemble_docs does it: what did not change is the previous file itself (same inode, same
time: MkDocs' dirty build does not render it again), what changed is written anew.
"""

from __future__ import annotations

import os
from pathlib import Path

from juesuan.site.docs_writer import DocsWriter

CSV = "年度,本年支出合计（万元）\n2023,600.00\n2024,632.84\n".encode()


def _round(docs: Path, cache: Path, files: dict[str, bytes]) -> DocsWriter:
    staging = docs.with_name("staging")
    staging.mkdir()
    writer = DocsWriter(staging, docs, cache)
    for name, content in files.items():
        writer.write(name, content)
    if docs.exists():
        docs.rename(docs.with_name(f"old-{len(list(docs.parent.iterdir()))}"))
    staging.rename(docs)
    writer.save()
    return writer


def test_a_file_with_the_same_bytes_is_the_previous_file_and_a_changed_one_is_new(tmp_path):
    docs, cache = tmp_path / "docs", tmp_path / "cache"
    cache.mkdir()
    first = {"data/departments/kx.csv": CSV, "departments/kx/index.md": b"# kx\n"}
    _round(docs, cache, first)
    before = {n: (docs / n).stat() for n in first}
    second = dict(first, **{"departments/kx/index.md": b"# kx 2024\n"})
    writer = _round(docs, cache, second)
    assert set(writer.kept) == {"data/departments/kx.csv"}
    csv_now = (docs / "data/departments/kx.csv").stat()
    assert (csv_now.st_ino, csv_now.st_mtime_ns) == (
        before["data/departments/kx.csv"].st_ino,
        before["data/departments/kx.csv"].st_mtime_ns,
    )
    assert (docs / "departments/kx/index.md").read_bytes() == b"# kx 2024\n"
    assert (docs / "departments/kx/index.md").stat().st_ino != before[
        "departments/kx/index.md"
    ].st_ino


def test_a_previous_file_touched_since_is_not_trusted(tmp_path):
    docs, cache = tmp_path / "docs", tmp_path / "cache"
    cache.mkdir()
    _round(docs, cache, {"data/departments/kx.csv": CSV})
    path = docs / "data/departments/kx.csv"
    stats = path.stat()
    os.utime(path, ns=(stats.st_atime_ns, stats.st_mtime_ns + 1_000_000_000))  # edited by hand
    writer = _round(docs, cache, {"data/departments/kx.csv": CSV})
    assert writer.kept == {} and (docs / "data/departments/kx.csv").read_bytes() == CSV
