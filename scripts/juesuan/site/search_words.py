"""The words jieba keeps whole in the search index: the whole site's, known before any page
is rendered, and given to jieba in one sorted call.

The search plugin segments Chinese with jieba, which cuts 行政运行 into 行政 + 运行 and
机关运行经费 into three; the short names marked in a disclosure page's search-only lines
(juesuan.render.search_text) are added to its dictionary as words while the site is built,
and taken back afterwards. Adding a word changes how jieba weighs the words added after it
(`add_word` asks `suggest_freq`, which reads the running total and the words already
there), so the dictionary must not depend on which pages a process renders, nor on their
order: a clean build, a build that redoes a few pages and each process of a sharded build
(juesuan.site.shards) must segment a page alike. So the words are read from every page's
Markdown before mkdocs renders any — the search-only lines are raw HTML there, which
Python-Markdown passes through as written — and added in sorted order, once.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from pathlib import Path

from juesuan.render.search_text import SEARCH_ONLY_CLASS, TERM_CLASS

SEARCH_ONLY_RE = re.compile(rf'<div class="{SEARCH_ONLY_CLASS}"[^>]*>.*?</div>\n?', re.S)
_TERM_RE = re.compile(rf'<span class="{TERM_CLASS}">([^<]*)</span>')
# A term becomes one word when it is this short and all Chinese: a long name (其他科学技术
# 管理事务支出) stays cut into its words, so that searching a part of it still finds it.
MAX_WORD = 6
_WORD_RE = re.compile(rf"[\u3400-\u9fff]{{2,{MAX_WORD}}}")


def terms_in(text: str) -> set[str]:
    """The marked terms of the search-only lines in `text` (a page's Markdown or its HTML)
    that jieba should keep whole."""
    words = set()
    for block in SEARCH_ONLY_RE.findall(text):
        for term in _TERM_RE.findall(block):
            word = html.unescape(term)
            if _WORD_RE.fullmatch(word):
                words.add(word)
    return words


def site_words(pages: Iterable[Path]) -> list[str]:
    """Every word the Markdown files `pages` give, sorted."""
    words: set[str] = set()
    for path in pages:
        words |= terms_in(path.read_text(encoding="utf-8"))
    return sorted(words)


# The site's words, when the build read them already (juesuan.site.assemble hands them to
# search_hook, which mkdocs loads by path, through this module); None: the hook reads them.
GIVEN: list[str] | None = None


class Words:
    """Words added to jieba's default dictionary for one build, and how to take them back."""

    def __init__(self) -> None:
        self.saved: dict[str, int | None] = {}
        self.total: int | None = None

    def add(self, words: Iterable[str]) -> None:
        """Add `words` in sorted order: the same words give the same dictionary."""
        import jieba

        tokenizer = jieba.dt
        tokenizer.check_initialized()
        if self.total is None:
            self.total = tokenizer.total
        for word in sorted(set(words) - self.saved.keys()):
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
