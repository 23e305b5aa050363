"""The synthetic corpus keeps the seeds' arithmetic; the conversion cache changes nothing."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from juesuan.convert import convert_path
from juesuan.disclosure import restore
from juesuan.infra import cache as infra_cache
from juesuan.package.files import package_files
from juesuan.pipeline.build import BuildPaths, convert_all, run_build
from juesuan.read.identity import region_of
from juesuan.render.config import RenderConfig
from juesuan.render.disclosure_files import render_all
from juesuan.render.pages import render_disclosure

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "sources"


def _corpus():
    spec = importlib.util.spec_from_file_location("corpus", ROOT / "benchmarks" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus"] = module
    spec.loader.exec_module(module)
    return module


corpus = _corpus()


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> list:
    return corpus.generate(6, tmp_path_factory.mktemp("corpus"))


def test_generator_is_deterministic_and_prefix_stable(generated, tmp_path):
    again = corpus.generate(7, tmp_path)
    first = _files(generated[0].path.parent)
    more = _files(tmp_path)
    assert len(first) == 12 and len(more) == 14  # text + sidecar each
    assert {k: more[k] for k in first} == first
    assert len({g.department for g in again}) == 7
    assert {g.seed.name for g in again[:5]} == {p.name for p in SOURCES.glob("*.txt")}


def test_generator_refuses_to_write_into_sources():
    with pytest.raises(ValueError, match="refusing"):
        corpus.generate(1, SOURCES / "synthetic")


def _money_scaled(d, factor: int) -> list:
    return sorted((f.key, f.value * factor if f.unit == "wan_yuan" else f.value) for f in d.facts)


def test_generated_disclosures_keep_the_seeds_arithmetic_and_their_new_identity(generated):
    assert any(g.factor > 1 for g in generated[:5])
    for g in generated[:5]:  # one per seed: every layout
        seed, d = convert_path(g.seed), convert_path(g.path)
        assert [(c.check_id, c.status) for c in d.checks] == [
            (c.check_id, c.status) for c in seed.checks
        ], g.path.name
        assert sorted((f.key, f.value) for f in d.facts) == _money_scaled(seed, g.factor)
        assert d.meta.department == g.department and d.meta.fiscal_year == g.year
        assert d.meta.notes == ()  # the text names the department and year the sidecar states
        found = region_of(g.department)
        assert (found.province, found.prefecture, found.county) == g.place.names()
        assert g.department in d.text.replace("\n", "") and seed.meta.department not in d.text


def _sources(tmp_path: Path) -> list[Path]:
    shutil.copytree(SOURCES, tmp_path / "sources")
    return sorted((tmp_path / "sources").glob("*.txt"))


def test_cached_conversion_gives_byte_identical_outputs(tmp_path):
    paths = _sources(tmp_path)
    cache = tmp_path / "cache"
    fresh = convert_all(paths, lambda _: None)
    first = convert_all(paths, lambda _: None, cache_dir=cache)
    again = convert_all(paths, lambda _: None, cache_dir=cache)
    assert (fresh.converted, first.converted, again.converted) == (5, 5, 0)
    for a, b in zip(fresh.disclosures, again.disclosures, strict=True):
        assert b.full_entry and not b.tables  # the cache hands out slim copies …
        assert package_files(a) == package_files(restore(b))  # … of the same disclosure
        assert render_disclosure(a) == render_disclosure(restore(b))


def test_cache_key_covers_the_sidecar_and_the_code(tmp_path, monkeypatch):
    paths = _sources(tmp_path)
    cache = tmp_path / "cache"
    convert_all(paths, lambda _: None, cache_dir=cache)
    sidecar = paths[2].with_suffix(".yml")
    sidecar.write_text(sidecar.read_text("utf-8").replace("2023", "2022"), "utf-8")
    changed = convert_all(paths, lambda _: None, cache_dir=cache)
    assert changed.converted == 1 and changed.disclosures[2].meta.fiscal_year == 2022
    monkeypatch.setattr(infra_cache, "code_version", lambda: "another parser")
    assert convert_all(paths, lambda _: None, cache_dir=cache).converted == 5


def test_a_source_rewritten_with_the_same_size_and_time_is_converted_again(tmp_path):
    """The digests kept between builds are trusted only while size, mtime and ctime hold:
    an edit that keeps the size and puts the old mtime back still changes the ctime."""
    paths = _sources(tmp_path)
    cache = tmp_path / "cache"
    convert_all(paths, lambda _: None, cache_dir=cache)
    assert convert_all(paths, lambda _: None, cache_dir=cache).converted == 0
    source = paths[2]
    before = source.stat()
    text = source.read_text("utf-8")
    source.write_text(text.replace("2023", "2022", 1), "utf-8")  # same length
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert source.stat().st_size == before.st_size
    assert convert_all(paths, lambda _: None, cache_dir=cache).converted == 1


def test_second_build_converts_nothing_and_writes_the_same_packages(tmp_path):
    _sources(tmp_path)
    paths = BuildPaths.from_root(tmp_path)
    assert run_build(paths, lambda _: None, site=False).converted == 5
    before = _files(paths.datapackages)
    assert run_build(paths, lambda _: None, site=False).converted == 0
    assert _files(paths.datapackages) == before


def test_rendered_files_come_from_the_cache_only_while_their_inputs_are_unchanged(tmp_path):
    """The render cache keys on what the pipeline changes after conversion, too."""
    result = convert_all(_sources(tmp_path), lambda _: None)
    ds = result.disclosures
    cache = tmp_path / "render"
    first, second = tmp_path / "docs1", tmp_path / "docs2"
    assert render_all(ds, cache, first) == 5
    assert render_all(ds, cache, second) == 0
    assert _files(first) == _files(second)
    page = f"disclosures/{ds[0].name}.md"
    assert _files(first)[page].decode("utf-8") == render_disclosure(ds[0]).markdown
    noted = dataclasses.replace(ds[0], warnings=(*ds[0].warnings, "另一份来源"))
    renamed = dataclasses.replace(ds[1], name_suffix="abcdef12")
    items = ds[2].expenditure_items
    coded = dataclasses.replace(
        ds[2], expenditure_items=(dataclasses.replace(items[0], code="999"), *items[1:])
    )
    third = tmp_path / "docs3"
    assert render_all([noted, renamed, coded, *ds[3:]], cache, third) == 3
    noted_fragments = third / ".fragments" / page.replace(".md", ".json")
    assert "另一份来源" in json.loads(noted_fragments.read_text("utf-8"))["reading-notes"]
    fragments = json.loads(
        (third / ".fragments" / "disclosures" / f"{coded.name}.json").read_text("utf-8")
    )
    assert "999" in fragments["items"]
    assert (third / f"disclosures/{renamed.name}.md").is_file()


def test_the_report_link_follows_the_repository_the_build_is_given(tmp_path):
    """The repository is a render setting and part of the page's cache key: a page cached
    for one repository is rendered again, with the new link, for another."""
    ds = convert_all(_sources(tmp_path), lambda _: None).disclosures[:1]
    cache = tmp_path / "render"
    page = f"disclosures/{ds[0].name}.md"
    old, new = RenderConfig("old-owner/portal"), RenderConfig("new-owner/portal")
    assert render_all(ds, cache, tmp_path / "a", config=old) == 1
    assert render_all(ds, cache, tmp_path / "b", config=new) == 1
    assert render_all(ds, cache, tmp_path / "c", config=new) == 0
    first = _files(tmp_path / "a")[page].decode("utf-8")
    second = _files(tmp_path / "b")[page].decode("utf-8")
    assert "github.com/old-owner/portal/issues/new" in first
    assert "github.com/new-owner/portal/issues/new" in second
    assert "old-owner" not in second
    assert "issues/new" not in render_disclosure(ds[0]).markdown  # no repository: no link


def test_the_repository_setting_is_read_from_the_environment_once():
    assert RenderConfig.from_environment({"GITHUB_REPOSITORY": "a/b"}).repository == "a/b"
    both = {"GITHUB_REPOSITORY": "a/b", "JUESUAN_REPOSITORY": "c/d"}
    assert RenderConfig.from_environment(both).repository == "c/d"
    assert RenderConfig.from_environment({}).repository is None
