"""A build that changes nothing does not redo what an earlier build left in the cache.

Each of these was a slice of every +1 build at 1,000 disclosures (the issue's target is a
tenth of a full build): walking every render cache entry to list its files (~0.2 s),
MkDocs listing the docs directory a second time (~0.1 s), Jinja compiling the theme's
templates (~0.45 s), the cyclic collector scanning the loaded disclosures (~0.5 s).
Seeds 002 and 004 (build_edits.layout), built twice.
"""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

import juesuan.pipeline.build as pipeline
import juesuan.render.disclosure_files as disclosure_files
from build_edits import layout, logged_build
from juesuan.site.page_reuse import compiled_templates

pytestmark = pytest.mark.build


def test_an_unchanged_build_lists_no_entry_and_lists_the_docs_once(tmp_path, monkeypatch):
    from mkdocs.commands import build as mkdocs_build

    paths = layout(tmp_path)
    logged_build(paths)
    render = paths.cache / "render"
    listing = json.loads((render / disclosure_files.LISTING_NAME).read_text("utf-8"))
    assert listing and all(
        names == [str(p) for p in disclosure_files._entry_files(render / key)]
        for key, names in listing.items()
    )
    walked: list[Path] = []
    real_walk = disclosure_files._entry_files
    monkeypatch.setattr(
        disclosure_files, "_entry_files", lambda entry: walked.append(entry) or real_walk(entry)
    )
    listed: list[object] = []
    real_list = mkdocs_build.get_files
    monkeypatch.setattr(
        mkdocs_build, "get_files", lambda config: listed.append(config) or real_list(config)
    )
    docs_before = sorted(
        p.relative_to(paths.generated_docs) for p in paths.generated_docs.rglob("*")
    )
    logged_build(paths)
    assert walked == []  # every entry's files came from the listing
    assert listed == []  # MkDocs was handed the files the build had listed
    assert docs_before == sorted(
        p.relative_to(paths.generated_docs) for p in paths.generated_docs.rglob("*")
    )
    compiled = compiled_templates(paths.cache / "site")
    assert any(compiled.iterdir())  # the theme's templates, compiled by the first build


def test_disclosures_loaded_from_the_cache_are_out_of_the_collector_s_sight(tmp_path, monkeypatch):
    paths = layout(tmp_path)
    logged_build(paths)
    frozen: list[int] = []
    real = pipeline.fill_codes_across

    def spy(disclosures):
        frozen.append(gc.get_freeze_count())
        return real(disclosures)

    monkeypatch.setattr(pipeline, "fill_codes_across", spy)
    logged_build(paths)
    # the two slim records' objects, at least: thousands of facts, checks and items
    assert len(frozen) == 1 and frozen[0] > 1000
    assert gc.get_freeze_count() == 0  # handed back when the build ended
