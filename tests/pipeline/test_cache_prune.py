"""A complete build removes the cache entries it did not use, and only those.

Two seeds (002, 004) are built, 004's sidecar is edited, and the build runs again:
every stage's entries for the old 004 (and the portal package that included it) are
gone, 002's are kept and reused, and nothing outside build/cache is touched.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_edits import layout, state_licence
from juesuan.infra.cache import CACHE_STAGES
from juesuan.pipeline.build import BuildPaths, run_build

pytestmark = pytest.mark.build  # runs full builds or the frictionless CLI


def entries(paths: BuildPaths) -> dict[str, set[str]]:
    return {stage: {p.name for p in (paths.cache / stage).iterdir()} for stage in CACHE_STAGES}


def full_build(paths: BuildPaths) -> list[str]:
    lines: list[str] = []
    result = run_build(paths, lines.append)
    assert result.problems == [] and result.skipped == []
    return lines


def test_entries_of_an_edited_source_are_removed_and_the_others_kept(tmp_path: Path):
    paths = layout(tmp_path)
    full_build(paths)
    first = entries(paths)
    assert all(first.values()), first
    sources = {p: p.read_bytes() for p in paths.sources.iterdir()}

    full_build(paths)  # nothing changed: every entry was used again
    assert entries(paths) == first

    state_licence(paths, "004")
    edited = {p: p.read_bytes() for p in paths.sources.iterdir()}
    lines = full_build(paths)
    second = entries(paths)
    for stage in CACHE_STAGES:
        kept, gone, new = (
            first[stage] & second[stage],
            first[stage] - second[stage],
            second[stage] - first[stage],
        )
        assert kept, stage  # 002's entry (the vega bundle aside, every stage has one per source)
        assert gone and new, stage  # 004's old entry left; its new one came
    assert any(line.startswith("removed ") and not line.startswith("removed 0 ") for line in lines)
    assert {p: p.read_bytes() for p in paths.sources.iterdir()} == edited != sources

    full_build(paths)  # the pruned cache still serves an unchanged rebuild
    assert entries(paths) == second


def test_a_build_that_stops_early_removes_nothing(tmp_path: Path):
    paths = layout(tmp_path)
    full_build(paths)
    first = entries(paths)
    state_licence(paths, "004")
    assert run_build(paths, lambda _: None, site=False).problems == []
    assert all(first[stage] <= entries(paths)[stage] for stage in CACHE_STAGES)


def test_a_build_hands_the_heap_back_to_the_collector(tmp_path: Path):
    """The build freezes its disclosures (gc.freeze) for speed; a process that builds many
    times, like this test session, must get them back, and the collector must be on."""
    import gc

    paths = layout(tmp_path)
    full_build(paths)
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    state_licence(paths, "004")
    assert run_build(paths, lambda _: None, site=False).problems == []
    assert gc.get_freeze_count() == 0 and gc.isenabled()
