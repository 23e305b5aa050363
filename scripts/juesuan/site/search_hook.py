"""MkDocs hook (see mkdocs.yml `hooks:`): search that reaches the figures of a disclosure.

Three things, each small:

- Search-only lines (juesuan.render.search_text): the search plugin indexes them
  with the page; `on_post_page` takes them out of the finished HTML, where the
  section's table already shows the same figures.
- Terms as words: the plugin segments Chinese with jieba, which cuts 行政运行 into
  行政 + 运行 and 机关运行经费 into three, so a search for the name also matches
  every 行政… and every title with 经费 (titles weigh 1000× text). The terms marked
  in those lines (short all-Chinese names) are given to jieba as words while the
  site is built — collected from every page in `on_page_content`, which MkDocs runs
  for all pages before the search plugin indexes any (`on_page_context`) — and
  taken back afterwards, so a build never changes the next one's segmentation.
- Material's query segmenter (search worker) never lets a segment reach the last
  character of the query and joins segments with a stray `*` that marks them as
  missing: 昌吉回族自治州科学技术局 is searched as 昌吉回族自治州 + 科学技术, the same as
  …科学技术协会, so a department's full name could not put its own page first.
  `on_post_build` corrects those two spots in the built copy of the worker; if a
  Material upgrade changed them, it logs a warning and leaves the worker as it is
  (the browser tests then say what no longer works).
"""

from __future__ import annotations

import html
import json
import logging
import re
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

from juesuan.render.search_text import SEARCH_ONLY_CLASS, TERM_CLASS

log = logging.getLogger("mkdocs.plugins.juesuan.search")

_SEARCH_ONLY_RE = re.compile(rf'<div class="{SEARCH_ONLY_CLASS}"[^>]*>.*?</div>\n?', re.S)
_TERM_RE = re.compile(rf'<span class="{TERM_CLASS}">([^<]*)</span>')
# A term becomes one word when it is this short and all Chinese: a long name (其他科学技术
# 管理事务支出) stays cut into its words, so that searching a part of it still finds it.
MAX_WORD = 6
_WORD_RE = re.compile(rf"[\u3400-\u9fff]{{2,{MAX_WORD}}}")

# (what Material 9.x ships, what it becomes) in the minified search worker.
WORKER_FIXES = (
    # segment(): wordcuts may reach the end of the query (j <= query.length) …
    (
        re.compile(r"for\(let (\w+)=(\w+)\+1;\1<(\w+)\.length;\1\+\+\)\3\.slice\(\2,\1\)in "),
        lambda m: m.group(0).replace(f"{m.group(1)}<", f"{m.group(1)}<=", 1),
    ),
    # … and a segment may start at the query's last character;
    (
        re.compile(r"(\w+)\[(\w+)\]&&\2<(\w+)\.length-1&&"),
        lambda m: f"{m.group(1)}[{m.group(2)}]&&{m.group(2)}<{m.group(3)}.length&&",
    ),
    # segments are joined by a space: the query transform adds the `*` itself.
    (re.compile(r'\.join\("\* "\)'), lambda m: '.join(" ")'),
)


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


def fixed_worker(source: str) -> str | None:
    """The search worker with the query segmentation corrected; None if a spot is not found
    exactly once (a Material release that changed the worker)."""
    for pattern, replace in WORKER_FIXES:
        if len(pattern.findall(source)) != 1:
            return None
        source = pattern.sub(replace, source)
    return source


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


def on_pre_build(config: Any) -> None:
    _words.restore()  # a previous build that stopped half way


def on_page_content(html_text: str, page: Any, config: Any, files: Any) -> str:
    words = terms_in(html_text)
    if words:
        _words.add(words)
    return html_text


def on_post_page(output: str, page: Any, config: Any) -> str:
    return search_only_removed(output)


_ZWSP = "\u200b"
_AT_TAG = re.compile(r"\u200b+(?=<)|(?<=>)\u200b+")


def _lean(text: str, separator: re.Pattern[str]) -> str:
    """`text` without the U+200B the tokens do not need: in a run of separators that holds
    another separator (a space, a bracket), at a tag, or at either end."""

    def run(match: re.Match[str]) -> str:
        chars = match.group(0)
        return chars.replace(_ZWSP, "") or _ZWSP

    return _AT_TAG.sub("", separator.sub(run, text)).strip(_ZWSP)


def compact_index(data: bytes) -> bytes:
    """The search index as the plugin wrote it, in fewer bytes and with the same tokens:
    UTF-8 instead of \\u escapes (a Chinese character takes 3 bytes, not 6) and only the
    U+200B that separate two words."""
    index = json.loads(data)
    separator = re.compile(index["config"]["separator"])
    for doc in index["docs"]:
        for field in ("title", "text"):
            if isinstance(doc.get(field), str):
                doc[field] = _lean(doc[field], separator)
    return json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


@event_priority(-100)  # after the search plugin has written the index
def on_post_build(config: Any) -> None:
    _words.restore()
    index = Path(config.site_dir, "search", "search_index.json")
    if index.is_file():
        index.write_bytes(compact_index(index.read_bytes()))
    workers = sorted(Path(config.site_dir, "assets", "javascripts", "workers").glob("search.*.js"))
    for path in workers:
        fixed = fixed_worker(path.read_text(encoding="utf-8"))
        if fixed is None:
            log.warning(f"{path.name}: Material's query segmentation changed; not corrected")
        else:
            path.write_text(fixed, encoding="utf-8")


def on_build_error(error: Exception) -> None:
    _words.restore()
