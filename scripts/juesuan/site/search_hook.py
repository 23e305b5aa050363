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
  site is built — collected from every page in `on_page_content`, which MkDocs runs
  for all pages before the search plugin indexes any (`on_page_context`) — and
  taken back afterwards. A `dirty` build (only changed pages redone) first adds the
  words the last build's pages gave, kept with the pieces.
- One piece a page (juesuan.site.search_index): after the plugin has indexed a page,
  its documents are kept in build/cache/search with the digest of its Markdown;
  `on_post_build` assembles the published index from the pieces of every page of the
  site, the redone pages' fresh and the others' cached, whether mkdocs built all
  pages or a few.
- The search worker: Material's builds a lunr index in the browser from every document
  before the first result; it is replaced by search_worker.js, which speaks the same
  protocol to Material's page script but searches the prebuilt postings at once (and
  cuts a query's Chinese so that a department's full name can put its own page first).
"""

from __future__ import annotations

import html
import json
import logging
import re
import time
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

from juesuan.infra.atomic import write_file_atomically
from juesuan.render.search_text import SEARCH_ONLY_CLASS, TERM_CLASS
from juesuan.site.search_index import (
    INDEX_PATH,
    Piece,
    PieceStore,
    assemble,
    lean,
    page_digest,
    page_index,
    settings_digest,
)

log = logging.getLogger("mkdocs.plugins.juesuan.search")

_SEARCH_ONLY_RE = re.compile(rf'<div class="{SEARCH_ONLY_CLASS}"[^>]*>.*?</div>\n?', re.S)
_TERM_RE = re.compile(rf'<span class="{TERM_CLASS}">([^<]*)</span>')
# A term becomes one word when it is this short and all Chinese: a long name (其他科学技术
# 管理事务支出) stays cut into its words, so that searching a part of it still finds it.
MAX_WORD = 6
_WORD_RE = re.compile(rf"[\u3400-\u9fff]{{2,{MAX_WORD}}}")


def search_only_removed(html_text: str) -> str:
    """`html_text` without the lines written for the search index."""
    return _SEARCH_ONLY_RE.sub("", html_text)


def terms_in(html_text: str) -> set[str]:
    """The marked terms of the search-only lines that jieba should keep whole."""
    words = set()
    for block in _SEARCH_ONLY_RE.findall(html_text):
        for term in _TERM_RE.findall(block):
            word = html.unescape(term)
            if _WORD_RE.fullmatch(word):
                words.add(word)
    return words


class _Words:
    """Words added to jieba's default dictionary for one build, and how to take them back."""

    def __init__(self) -> None:
        self.saved: dict[str, int | None] = {}
        self.total: int | None = None

    def add(self, words: set[str]) -> None:
        import jieba

        tokenizer = jieba.dt
        tokenizer.check_initialized()
        if self.total is None:
            self.total = tokenizer.total
        for word in sorted(words - self.saved.keys()):
            for end in range(1, len(word) + 1):
                self.saved.setdefault(word[:end], tokenizer.FREQ.get(word[:end]))
            jieba.add_word(word)

    def restore(self) -> None:
        if self.total is None:
            return
        import jieba

        tokenizer = jieba.dt
        for word, freq in self.saved.items():
            if freq is None:
                tokenizer.FREQ.pop(word, None)
            else:
                tokenizer.FREQ[word] = freq
        tokenizer.total = self.total
        self.saved, self.total = {}, None


_words = _Words()

WORKER = Path(__file__).with_name("search_worker.js")
WORDS_FILE = "words.json"


class _Build:
    """What this build knows of the index: the pages of the site, the pieces made now."""

    def __init__(self) -> None:
        self.dirty = False
        self.store: PieceStore | None = None
        self.settings = ""
        self.pages: list[Any] = []  # mkdocs File objects of the site's pages, in order
        self.made: dict[str, Piece] = {}
        self.page_words: dict[str, set[str]] = {}
        self.seen = 0  # the plugin's entries already given to a piece


_build = _Build()


def _search_plugin(config: Any) -> Any:
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and hasattr(plugin, "search_index"):
            return plugin
    return None


def _settings(plugin: Any) -> dict:
    return {key: plugin.config[key] for key in ("lang", "separator", "pipeline", "fields")}


def _digest(file: Any) -> str:
    return page_digest(file.content_bytes, _build.settings)


def on_startup(command: str, dirty: bool) -> None:
    _build.dirty = dirty


def on_pre_build(config: Any) -> None:
    _words.restore()  # a previous build that stopped half way
    dirty = _build.dirty
    _build.__init__()
    _build.dirty = dirty
    _build.store = PieceStore(Path(config.docs_dir).parent / "cache" / "search")
    plugin = _search_plugin(config)
    if plugin is not None:
        _build.settings = settings_digest(_settings(plugin))
    kept = _build.store.folder / WORDS_FILE
    if dirty and kept.is_file():  # the pages not redone were segmented with these words
        _words.add(set(json.loads(kept.read_text(encoding="utf-8"))))


def on_files(files: Any, config: Any) -> Any:
    _build.pages = list(files.documentation_pages())
    return files


def on_page_content(html_text: str, page: Any, config: Any, files: Any) -> str:
    words = terms_in(html_text)
    _build.page_words[page.file.src_uri] = words
    if words:
        _words.add(words)
    return html_text


@event_priority(-100)  # after the search plugin has indexed the page
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    plugin = _search_plugin(config)
    if plugin is None or _build.store is None:
        return context
    entries = plugin.search_index.entries
    separator = re.compile(plugin.config["separator"])
    docs = []
    for entry in entries[_build.seen :]:
        doc = dict(entry)
        for field in ("title", "text"):
            if isinstance(doc.get(field), str):
                doc[field] = lean(doc[field], separator)
        docs.append(doc)
    _build.seen = len(entries)
    words = sorted(_build.page_words.get(page.file.src_uri, set()))
    piece = Piece(page.file.src_uri, _digest(page.file), docs, words)
    _build.store.save(piece)
    _build.made[piece.src_uri] = piece
    return context


def on_post_page(output: str, page: Any, config: Any) -> str:
    return search_only_removed(output)


def site_pieces(pages: list[Any], made: dict[str, Piece], store: PieceStore) -> list[Piece]:
    """Every page's piece: made in this build, else cached for the page as it is now
    (StalePiece names a page that changed without being redone)."""
    return [made.get(f.src_uri) or store.load(f.src_uri, _digest(f)) for f in pages]


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config: Any) -> None:
    _words.restore()
    plugin = _search_plugin(config)
    store = _build.store
    if plugin is None or store is None:
        return
    started = time.perf_counter()
    pieces = site_pieces(_build.pages, _build.made, store)
    settings = _settings(plugin)
    write_file_atomically(Path(config.site_dir, INDEX_PATH), assemble(settings, pieces))
    write_file_atomically(
        Path(config.site_dir, "search", "search_index.json"), page_index(settings)
    )
    log.info(
        f"search index: {len(pieces)} pages ({len(_build.made)} indexed now, the others "
        f"from {store.folder}), assembled in {time.perf_counter() - started:.2f}s"
    )
    words = sorted({w for piece in pieces for w in piece.words})
    write_file_atomically(store.folder / WORDS_FILE, json.dumps(words, ensure_ascii=False))
    store.prune([f.src_uri for f in _build.pages])
    workers = Path(config.site_dir, "assets", "javascripts", "workers")
    for path in sorted(workers.glob("search.*.js")):
        path.write_bytes(WORKER.read_bytes())
    for path in sorted(workers.glob("search.*.js.map")):
        path.unlink()  # the map of Material's worker, which is not served any more


def on_build_error(error: Exception) -> None:
    _words.restore()
