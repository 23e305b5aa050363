"""The search hook: search-only lines leave the page, terms stay whole."""

from __future__ import annotations

import jieba

from juesuan.render.search_text import SearchLine, search_only
from juesuan.site import search_words
from juesuan.site.search_hook import search_only_removed, terms_in


def test_search_only_lines_are_removed_from_the_page_and_nothing_else():
    lines = search_only([SearchLine("机关运行经费", "22.23 万元")])
    page = f"<h2>全部数字</h2>{lines}<table><tr><td>22.23</td></tr></table>"
    assert search_only_removed(page) == "<h2>全部数字</h2>\n<table><tr><td>22.23</td></tr></table>"


def test_short_chinese_terms_become_words_long_or_mixed_ones_do_not():
    lines = [
        SearchLine("行政运行", "1 万元"),
        SearchLine("机关运行经费", "2 万元"),
        SearchLine("其他科学技术管理事务支出", "3 万元"),  # long: a part of it still finds it
        SearchLine("“三公”经费合计", "4 万元"),
    ]
    assert terms_in(f"<p>行政单位</p>{search_only(lines)}") == {"行政运行", "机关运行经费"}


def test_words_are_taken_back_after_the_build():
    before = list(jieba.cut("行政运行机关运行经费"))
    words = search_words.Words()
    words.add({"行政运行", "机关运行经费"})
    assert list(jieba.cut("行政运行机关运行经费")) == ["行政运行", "机关运行经费"]
    words.restore()
    assert list(jieba.cut("行政运行机关运行经费")) == before
