"""MkDocs hook (see mkdocs.yml `hooks:`): search that reaches the figures of a disclosure,
stays fast however many disclosures there are, and survives a build that redoes few pages.

Four things, each small:

- Search-only lines (juesuan.render.search_text): the search plugin indexes them
  with the page; `on_post_page` takes them out of the finished HTML, where the
  section's table already shows the same figures.
- Terms as words: the plugin segments Chinese with jieba, which cuts 行政运行 into
  行政 + 运行 and 机关运行经费 into three, so a search for the name also matches
  every 行政… and every title with 经费 (titles weigh 1000× text). The terms marked
  in those lines (short all-Chinese names) are given to jieba as words while the
  site is built — the whole site's, read from the Markdown before any page is
  rendered and added in one sorted call (juesuan.site.search_words says why) — and
  taken back afterwards.
- One piece a page (juesuan.site.search_index): after the plugin has indexed a page,
  its documents are kept in build/cache/search with the digest of its Markdown;
  `on_post_build` assembles the published index from the pieces of every page of the
  site, the redone pages' fresh and the others' cached, whether mkdocs built all
  pages or a few (juesuan.site.search_publish); in a shard of a sharded build
  (juesuan.site.shards) the parent does, once every shard is done.
- The search worker: Material's builds a lunr index in the browser from every document
  before the first result; it is replaced by search_worker.js, which speaks the same
  protocol to Material's page script but searches the prebuilt postings at once (and
  cuts a query's Chinese so that a department's full name can put its own page first).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

from juesuan.site import search_publish, search_words, shards
from juesuan.site.search_index import Piece, PieceStore, lean, page_digest, settings_digest
from juesuan.site.search_publish import WORKER, SitePages
from juesuan.site.search_words import SEARCH_ONLY_RE, terms_in

__all__ = ["WORKER", "search_only_removed", "terms_in"]

log = logging.getLogger("mkdocs.plugins.juesuan.search")


def search_only_removed(html_text: str) -> str:
    """`html_text` without the lines written for the search index."""
    return SEARCH_ONLY_RE.sub("", html_text)


_words = search_words.Words()


class _Build:
    """What this build knows of the index: the pages of the site, the pieces made now."""

    def __init__(self) -> None:
        self.store: PieceStore | None = None
        self.settings = ""
        self.pages: list[Any] = []  # mkdocs File objects of the site's pages, in order
        self.words: set[str] = set()  # the site's words, given to jieba
        self.made: dict[str, Piece] = {}
        self.page_words: dict[str, set[str]] = {}


_build = _Build()


def _search_plugin(config: Any) -> Any:
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin, "search_index"):
            return plugin
    return None


def _settings(plugin: Any) -> dict:
    return {key: plugin.config[key] for key in ("lang", "separator", "pipeline", "fields")}


def on_pre_build(config: Any) -> None:
    _words.restore()  # a previous build that stopped half way
    _build.__init__()
    _build.store = PieceStore(Path(config.docs_dir).parent / "cache" / "search")
    plugin = _search_plugin(config)
    if plugin is not None:
        _build.settings = settings_digest(_settings(plugin))


def on_files(files: Any, config: Any) -> Any:
    _build.pages = list(files.documentation_pages())
    given = search_words.GIVEN
    if given is None:  # mkdocs run by hand: read the words here
        given = search_words.site_words(Path(f.abs_src_path) for f in _build.pages)
    _build.words = set(given)
    _words.add(_build.words)
    return files


def on_page_content(html_text: str, page: Any, config: Any, files: Any) -> str:
    words = terms_in(html_text)
    _build.page_words[page.file.src_uri] = words
    if not words <= _build.words:
        log.warning(
            f"{page.file.src_uri}: search terms not found in its Markdown, so not kept whole "
            f"by the segmenter: {sorted(words - _build.words)} (juesuan.site.search_words)"
        )
    return html_text


@event_priority(-100)  # after the search plugin has indexed the page
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    plugin = _search_plugin(config)
    if plugin is None or _build.store is None:
        return context
    entries = plugin.search_index.entries
    separator = re.compile(plugin.config["separator"])
    docs = []
    for entry in entries:
        doc = dict(entry)
        for field in ("title", "text"):
            if isinstance(doc.get(field), str):
                doc[field] = lean(doc[field], separator)
        docs.append(doc)
    # The plugin's own index is not published (on_post_build writes another): its entries
    # need not stay in memory, ~all the site's text by the last page.
    entries.clear()
    words = sorted(_build.page_words.get(page.file.src_uri, set()))
    digest = page_digest(page.file.content_bytes, _build.settings)
    piece = Piece(page.file.src_uri, digest, docs, words)
    _build.store.save(piece)
    _build.made[piece.src_uri] = piece
    return context


def on_post_page(output: str, page: Any, config: Any) -> str:
    return search_only_removed(output)


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config: Any) -> None:
    _words.restore()
    plugin = _search_plugin(config)
    store = _build.store
    if plugin is None or store is None:
        return
    pages = [(f.src_uri, Path(f.abs_src_path)) for f in _build.pages]
    site = SitePages(_settings(plugin), pages)
    if shards.ACTIVE is not None:  # the parent publishes, once every shard is done
        search_publish.DEFERRED = site
        return
    search_publish.publish(Path(config.site_dir), site, _build.made, store)


def on_build_error(error: Exception) -> None:
    _words.restore()
