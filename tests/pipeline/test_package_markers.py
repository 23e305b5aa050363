"""A package folder the previous build wrote is taken as it is when its marker's file stats
still hold, hashed when they do not, and laid out again when its bytes are not ours.

Builds (site=False) on copies of seeds 002 and 004 (build_edits.layout).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_edits import add_seed, layout, state_licence
from conftest import SEEDS
from juesuan.disclosure import Disclosure
from juesuan.pipeline import build as pipeline
from juesuan.pipeline.build import BuildPaths, run_build
from juesuan.registry.portal import PORTAL_NAME

pytestmark = pytest.mark.build  # runs builds and frictionless


def build(paths: BuildPaths) -> None:
    assert run_build(paths, lambda _: None, site=False).problems == []


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def spied(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """The package folders hashed (read whole) and the packages laid out, by name."""
    seen: dict[str, list[str]] = {"hashed": [], "laid_out": []}
    digest, package_files = pipeline._folder_digest, pipeline.package_files

    def digest_spy(folder: Path):
        seen["hashed"].append(folder.name)
        return digest(folder)

    def package_spy(d: Disclosure):
        seen["laid_out"].append(d.name)
        return package_files(d)

    monkeypatch.setattr(pipeline, "_folder_digest", digest_spy)
    monkeypatch.setattr(pipeline, "package_files", package_spy)
    return seen


def test_unchanged_folders_are_not_read_again(tmp_path, spied):
    paths = layout(tmp_path)
    build(paths)
    before = files(paths.datapackages)
    spied["hashed"].clear()
    spied["laid_out"].clear()
    build(paths)
    assert spied == {"hashed": [], "laid_out": []}
    assert files(paths.datapackages) == before


def test_a_touched_file_is_hashed_once_then_trusted_again(tmp_path, spied):
    paths = layout(tmp_path)
    build(paths)
    catalogue = paths.datapackages / PORTAL_NAME / "catalogue.csv"
    own = catalogue.stat()
    os.utime(catalogue, ns=(own.st_atime_ns, own.st_mtime_ns + 1_000_000_000))
    spied["hashed"].clear()
    spied["laid_out"].clear()
    build(paths)
    # same bytes, other time: read to be sure, then kept as it is
    assert spied == {"hashed": [PORTAL_NAME], "laid_out": []}
    spied["hashed"].clear()
    build(paths)
    assert spied["hashed"] == []  # the marker now holds the file's new time


def test_a_same_size_edit_is_found_and_undone(tmp_path, spied):
    paths = layout(tmp_path)
    build(paths)
    before = files(paths.datapackages)
    package = next(p for p in paths.datapackages.iterdir() if p.name != PORTAL_NAME)
    facts = package / "facts.csv"
    data = facts.read_bytes()
    assert b"," in data
    facts.write_bytes(data.replace(b",", b";", 1))  # same size, in place
    spied["laid_out"].clear()
    build(paths)
    assert spied["laid_out"] == [package.name]
    assert files(paths.datapackages) == before


def test_a_marker_without_stats_falls_back_to_hashing(tmp_path, spied):
    """A marker as an older build wrote it (the digest alone) still lets the folder be
    reused, once its bytes are hashed."""
    paths = layout(tmp_path)
    build(paths)
    markers = [p for p in (paths.cache / "package").iterdir() if p.is_file()]
    assert markers
    for marker in markers:
        marker.write_text(marker.read_text("ascii").partition("\n")[0], "ascii")
    spied["hashed"].clear()
    spied["laid_out"].clear()
    build(paths)
    assert spied["laid_out"] == []
    assert sorted(spied["hashed"]) == sorted(p.name for p in paths.datapackages.iterdir())


def test_no_file_of_the_previous_set_is_written_into(tmp_path):
    """The new set starts as hard links to the previous one (infra.mirror): a package laid
    out afresh, the portal's too, must replace its files, never write into them."""
    paths = layout(tmp_path / "incremental")
    build(paths)
    add_seed(paths, "003")
    build(paths)  # the first set is now the spare
    previous = files(paths.datapackages)
    keep = tmp_path / "links"
    for name in previous:
        (keep / name).parent.mkdir(parents=True, exist_ok=True)
        os.link(paths.datapackages / name, keep / name)
    state_licence(paths, "004")
    build(paths)
    assert files(keep) == previous
    clean = layout(tmp_path / "clean")
    add_seed(clean, "003")
    state_licence(clean, "004")
    build(clean)
    assert files(paths.datapackages) == files(clean.datapackages)
    assert files(paths.datapackages) != previous


def test_a_package_whose_source_is_gone_disappears(tmp_path):
    paths = layout(tmp_path)
    build(paths)
    add_seed(paths, "003")
    build(paths)
    with_003 = set(p.name for p in paths.datapackages.iterdir())
    for path in paths.sources.glob(SEEDS["003"].stem + ".*"):
        path.unlink()
    build(paths)  # from the spare: the first set, without 003
    build(paths)  # from the spare: the second set, with 003
    assert len(with_003 - set(p.name for p in paths.datapackages.iterdir())) == 1
