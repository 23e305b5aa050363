"""A sharded site build (juesuan.site.shards) publishes the same bytes as one process.

The pages are split between several mkdocs builds running at once into one staging
directory; the site must not show which process rendered a page: every file, the search
index and the sitemap included, equals a one-process build's. A build that reuses the
previous site and shards the changed pages renders those pages only.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_edits import add_seed, layout, rendered
from build_edits import logged_build as build
from juesuan.site import assemble, search_index, shards
from juesuan.site.assemble import build_site
from juesuan.site.search_words import site_words

pytestmark = pytest.mark.build

URL = "https://owner.github.io/juesuan/"


def site_files(site: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()
    }


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> list[list[shards.ShardResult]]:
    """Shard any number of pages to render (the seeds give a few dozen), and keep what the
    shards of each sharded build handed back; a build not told how many processes to use
    uses three, whatever the machine."""
    monkeypatch.setattr(shards, "MIN_PAGES", 1)
    monkeypatch.setattr(
        assemble, "worker_count", lambda jobs, workers=None: min(jobs, workers or 3)
    )
    calls: list[list[shards.ShardResult]] = []
    real = shards.build_shards

    def build_shards(job: shards.ShardJob, count: int) -> list[shards.ShardResult]:
        calls.append(real(job, count))
        return calls[-1]

    monkeypatch.setattr(shards, "build_shards", build_shards)
    return calls


def test_a_sharded_build_is_the_one_process_build_byte_for_byte(built, tmp_path, recorded):
    paths, _ = built
    build_site(paths.config, paths.generated_docs, tmp_path / "one", URL, workers=1)
    assert recorded == []
    build_site(paths.config, paths.generated_docs, tmp_path / "sharded", URL, workers=3)
    [results] = recorded
    assert len(results) == 3 and all(r.rebuilt > 0 for r in results)  # each rendered some
    one, sharded = site_files(tmp_path / "one"), site_files(tmp_path / "sharded")
    assert sharded.keys() == one.keys()
    assert [name for name, data in sharded.items() if one[name] != data] == []
    for name in ("sitemap.xml", "sitemap.xml.gz", "404.html", search_index.INDEX_PATH):
        assert name in one


def test_the_words_read_from_the_markdown_are_those_the_pages_show(built):
    paths, _ = built
    pages = [p for p in paths.generated_docs.rglob("*.md") if ".fragments" not in p.parts]
    store = paths.build / "cache" / "search"
    shown = set()
    for piece in store.glob("*.piece.json"):
        shown |= set(json.loads(piece.read_bytes())["words"])
    words = site_words(pages)
    assert words == sorted(shown)
    assert "行政运行" in words  # an expenditure item of seeds 001-003


def test_a_reuse_build_that_shards_renders_the_changed_files_only(tmp_path, recorded):
    paths = layout(tmp_path / "incremental")
    build(paths)
    assert len(recorded) == 1  # the clean build: every page to render
    about = paths.site / "about" / "index.html"
    inode = about.stat().st_ino

    # 003's pages are new; its codes also fill the items of 002 and 004; listings change
    add_seed(paths, "003")
    message = rendered(build(paths))
    changed, total = int(message.split()[2]), int(message.split()[4])
    assert 0 < changed < total / 2, message
    assert len(recorded) == 2 and sum(r.rebuilt for r in recorded[1]) == changed
    assert about.stat().st_ino == inode  # reused, not rendered again by any shard

    clean = layout(tmp_path / "clean")
    add_seed(clean, "003")
    build(clean)
    after, expected = site_files(paths.site), site_files(clean.site)
    assert after.keys() == expected.keys()
    assert [name for name, data in after.items() if expected[name] != data] == []


def test_a_few_pages_to_render_stay_in_one_process():
    assert shards.shard_count(12, workers=8) == 1  # +1 disclosure: its pages and listings
    assert shards.shard_count(5000, workers=1) == 1
    assert shards.shard_count(10_000, workers=4) == 4


def test_the_split_is_balanced_and_names_every_page_once():
    weights = {f"disclosures/{i}.md": 10_000 + i for i in range(100)} | {"index.md": 400_000}
    owner = shards.split(weights, 3)
    assert owner.keys() == weights.keys()
    loads = [sum(w for uri, w in weights.items() if owner[uri] == i) for i in range(3)]
    assert max(loads) - min(loads) <= 400_000 // 10 + shards.SHARD_0_PAGES * shards.PAGE_COST
    assert shards.split(dict(reversed(weights.items())), 3) == owner  # order-free
