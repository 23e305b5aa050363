"""The spare a swap leaves becomes a hard-linked copy of the live directory, whatever it
held: missing files linked, changed ones relinked, gone ones removed, the live files never
touched; and a build's staging is still made where there is no spare."""

from __future__ import annotations

import os
from pathlib import Path

from juesuan.infra.atomic import clear_interrupted, staging_for, swap_directory
from juesuan.infra.mirror import mirror, spare_of, take_spare


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, "utf-8")


def test_a_copy_holding_anything_becomes_the_source_as_hard_links(tmp_path):
    source, copy = tmp_path / "site", tmp_path / "copy"
    write(source, {"a.html": "A", "d/b.html": "B", "d/e/c.html": "C", "x": "dir in copy"})
    write(copy, {"a.html": "old A", "gone.html": "G", "d": "a file where a folder is"})
    write(copy, {"x/inner": "a folder where a file is", "search/index.json": "S"})
    mirror(source, copy, leave_out={"search"})
    assert tree(copy) == tree(source)
    for name in tree(source):
        assert (copy / name).stat().st_ino == (source / name).stat().st_ino
    assert not (copy / "search").exists()


def test_files_already_linked_are_left_alone_and_the_source_is_untouched(tmp_path):
    source, copy = tmp_path / "site", tmp_path / "copy"
    write(source, {"a.html": "A", "b.html": "B"})
    copy.mkdir()
    os.link(source / "a.html", copy / "a.html")
    before = {p.name: p.stat() for p in source.iterdir()}
    mirror(source, copy)
    assert (copy / "a.html").stat().st_ino == before["a.html"].st_ino
    after = {p.name: p.stat() for p in source.iterdir()}
    assert {n: (s.st_ino, s.st_mtime_ns) for n, s in after.items()} == {
        n: (s.st_ino, s.st_mtime_ns) for n, s in before.items()
    }
    assert tree(source) == {"a.html": b"A", "b.html": b"B"}


def test_a_swap_keeps_the_replaced_directory_as_the_spare(tmp_path):
    target = tmp_path / "site"
    write(target, {"page.html": "first"})
    staging = staging_for(target)
    write(staging, {"page.html": "second", "new.html": "N"})
    swap_directory(staging, target, keep=spare_of(target))
    assert tree(target) == {"page.html": b"second", "new.html": b"N"}
    assert tree(spare_of(target)) == {"page.html": b"first"}
    clear_interrupted(target)  # the spare is no interrupted build's leftover
    assert spare_of(target).is_dir()
    staging = staging_for(target)
    assert take_spare(target, staging)
    assert tree(staging) == tree(target) and not spare_of(target).exists()
    assert (staging / "new.html").stat().st_ino == (target / "new.html").stat().st_ino


def test_without_a_spare_nothing_is_taken(tmp_path):
    target = tmp_path / "site"
    write(target, {"page.html": "first"})
    staging = staging_for(target)
    assert not take_spare(target, staging)
    assert staging.is_dir() and list(staging.iterdir()) == []


def test_a_spare_left_by_an_earlier_build_is_replaced(tmp_path):
    target = tmp_path / "site"
    write(target, {"page.html": "first"})
    write(spare_of(target), {"stale.html": "from long ago"})
    staging = staging_for(target)
    write(staging, {"page.html": "second"})
    swap_directory(staging, target, keep=spare_of(target))
    assert tree(spare_of(target)) == {"page.html": b"first"}
