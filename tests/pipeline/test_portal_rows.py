"""The portal package's tables are joined from each disclosure's lines, made once and kept.

Adding a disclosure to 5,000 wrote every disclosure's rows of the portal tables again (~4 s);
now each disclosure's lines are kept by its conversion (build/cache/portal-rows) and a build
makes only the new ones'. Builds on copies of seeds 002 and 004 (build_edits.layout), then 003.
"""

from __future__ import annotations

import pytest

from build_edits import add_seed, layout
from juesuan.package.portal import portal_files
from juesuan.pipeline import build as pipeline
from juesuan.pipeline.build import BuildPaths, run_build
from juesuan.registry.portal import PORTAL_NAME

pytestmark = pytest.mark.build  # runs builds and frictionless


def build(paths: BuildPaths, site: bool = False) -> pipeline.BuildResult:
    result = run_build(paths, lambda _: None, site=site)
    assert result.problems == []
    return result


def test_a_build_makes_the_portal_lines_of_new_disclosures_only(tmp_path, monkeypatch):
    paths = layout(tmp_path)
    kept = paths.cache / "portal-rows"
    made: list[str] = []  # made in this process; the workers that lay out packages make theirs
    real = pipeline.disclosure_rows

    def spy(d):
        made.append(d.name)
        return real(d)

    monkeypatch.setattr(pipeline, "disclosure_rows", spy)
    first = build(paths)
    entries = {p.name: p.stat().st_ino for p in kept.iterdir()}
    assert len(entries) == len(first.disclosures) == 2
    # A build that changes nothing (the site too, so that unused cache entries are removed)
    # rewrites no portal table, and must keep the lines in use all the same.
    build(paths, site=True)
    assert {p.name: p.stat().st_ino for p in kept.iterdir()} == entries
    add_seed(paths, "003")
    result = build(paths)
    (new,) = {d.name for d in result.disclosures} - {d.name for d in first.disclosures}
    now = {p.name: p.stat().st_ino for p in kept.iterdir()}
    # 003's codes fill unprinted codes of the others (build.fill_codes_across): a disclosure
    # so changed has new lines; an unchanged one keeps its entry, not made again
    before = {d.name: d.expenditure_items for d in first.disclosures}
    changed = [
        d for d in result.disclosures if d.name in before and d.expenditure_items != before[d.name]
    ]
    assert len(now.keys() - entries.keys()) == 1 + len(changed)
    assert all(now.get(k) == ino for k, ino in entries.items())  # kept, not made again
    assert made == []  # nothing made again here: the new one's lines came from its worker
    portal = paths.datapackages / PORTAL_NAME
    for name, text in portal_files(result.disclosures).items():  # the tables made afresh
        assert (portal / name).read_text("utf-8") == text, name
    assert new in (portal / "facts.csv").read_text("utf-8")
