"""Building the site's pages in several processes at once, the same bytes as in one.

MkDocs renders one page after another: at 5,000 disclosures ~100 s on one core while the
others idle. Every page depends only on its own docs file and on the layout (see
juesuan.site.page_reuse), so several mkdocs builds can share the work: the pages to render
are split between K shards (`split`, balanced by size), shard 0 run by the build process
and each other one by a process forked from it, and each runs the `dirty` build that page
reuse already drives, into the same staging directory, writing only its own files
(`Shard.owns`, read by reuse_hook; another shard's files are not modified). Shard 0 also
writes every file that is not a page — the theme's and the docs' static files — and the
theme's templates (sitemap, 404), which the others skip. No shard publishes the search
index: each saves the pieces of the pages it indexed (juesuan.site.search_index) and hands
back what publishing needs (search_publish.SitePages); the build process assembles the
index once every shard is done. The segmenter's words are the whole site's in every shard
(juesuan.site.search_words), so a page is indexed alike whichever process renders it.

A shard costs ~0.3 s before its first page (configuration, the list of files, the nav),
and the other processes ~70 MB each (mostly the part of jieba's dictionary they touch),
where a disclosure page takes ~12 ms to render: sharding pays only with a hundred pages
or more to render a shard (`MIN_PAGES`), so a build that redoes a few (+1 disclosure)
stays in one process.
"""

from __future__ import annotations

import dataclasses
import heapq
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from juesuan.infra.parallel import beside
from juesuan.site import mkdocs_run, page_reuse, search_publish
from juesuan.site.search_publish import SitePages

# Pages to render per process below which another process does not pay.
MIN_PAGES = 100
# What rendering a page costs beyond reading its Markdown, in bytes of Markdown: the
# theme's templates and the page's fragments (a disclosure page's Markdown is ~10 KB).
PAGE_COST = 4096
# What shard 0's other work (the static files, the sitemap) costs, in pages.
SHARD_0_PAGES = 20


@dataclass(frozen=True)
class Shard:
    """Which process this is, and which process renders each page to render (a file not
    named, e.g. a static file or one of the theme's, is shard 0's)."""

    index: int
    owner: dict[str, int] = field(default_factory=dict)

    def owns(self, src_uri: str) -> bool:
        return self.owner.get(src_uri, 0) == self.index


# The shard of the build in progress in this process, for reuse_hook and search_hook (None:
# not a sharded build).
ACTIVE: Shard | None = None


def shard_count(pages: int, workers: int) -> int:
    """Processes for `pages` pages to render on `workers` cores."""
    return max(1, min(workers, pages // MIN_PAGES))


def page_weight(path: Path) -> int:
    try:
        return path.stat().st_size + PAGE_COST
    except OSError:
        return PAGE_COST


def split(weights: dict[str, int], count: int) -> dict[str, int]:
    """Each page (source path → weight) to one of `count` shards: the heaviest first, each to
    the least loaded shard so far (ties to the lower number), shard 0 starting with its other
    work. Deterministic; the split decides only which process renders a page, never its
    bytes."""
    loads = [(SHARD_0_PAGES * PAGE_COST if i == 0 else 0, i) for i in range(count)]
    heapq.heapify(loads)
    owner = {}
    for uri in sorted(weights, key=lambda u: (-weights[u], u)):
        load, index = heapq.heappop(loads)
        owner[uri] = index
        heapq.heappush(loads, (load + weights[uri], index))
    return owner


@dataclass(frozen=True)
class ShardJob:
    """One build's shards share it: where mkdocs reads and writes, the reuse state and the
    site's search words."""

    config_file: Path
    docs_dir: Path
    site_dir: Path  # the staging directory all shards write into
    site_url: str
    state: page_reuse.ReuseState
    words: list[str]
    owner: dict[str, int]


@dataclass(frozen=True)
class ShardResult:
    """What a shard hands back: its files' signatures and counts (page_reuse.ReuseState),
    and, from every shard alike, what publishing the search index needs."""

    current: dict[str, str]
    rebuilt: int
    seen: int
    site: SitePages | None


def _build_shard(job: ShardJob, index: int) -> ShardResult:
    """The mkdocs build of shard `index` (its own counts: the job's state is left as it is)."""
    global ACTIVE
    config = mkdocs_run.load(job.config_file, job.docs_dir, job.site_dir, job.site_url)
    if index:
        config.theme.static_templates.clear()  # shard 0's (sitemap.xml, 404.html)
    state = dataclasses.replace(job.state, current={}, rebuilt=0, seen=0, changed=[])
    ACTIVE, search_publish.DEFERRED = Shard(index, job.owner), None
    try:
        mkdocs_run.run(config, state, job.words, dirty=True)
        return ShardResult(state.current, state.rebuilt, state.seen, search_publish.DEFERRED)
    finally:
        ACTIVE, search_publish.DEFERRED = None, None


def build_shards(job: ShardJob, count: int) -> list[ShardResult]:
    """Run the `count` shards of `job` at once: shard 0 in this process, each other one in a
    process of its own, forked before this one starts (a process less than one a shard:
    its configuration, its list of files and its copy of what it touches of this one's
    memory); a shard's exception is raised here. jieba's dictionary is loaded first, so
    the forked processes share it: loaded in each, it cost each ~1 s of CPU and ~70 MB. On
    a Dask cluster they are forked from a fresh server process instead (parallel.beside)."""
    import jieba

    jieba.dt.check_initialized()
    with ExitStack() as others:
        waits = [others.enter_context(beside(_build_shard, job, i)) for i in range(1, count)]
        mine = _build_shard(job, 0)
        return [mine, *(wait() for wait in waits)]
