"""The search hook: search-only lines leave the page, terms stay whole, the worker is corrected."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jieba
import material

from juesuan.render.search_text import SearchLine, search_only
from juesuan.site import search_hook
from juesuan.site.search_hook import compact_index, fixed_worker, search_only_removed, terms_in

WORKERS = Path(material.__file__).parent / "templates" / "assets" / "javascripts" / "workers"


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
    words = search_hook._Words()
    words.add({"行政运行", "机关运行经费"})
    assert list(jieba.cut("行政运行机关运行经费")) == ["行政运行", "机关运行经费"]
    words.restore()
    assert list(jieba.cut("行政运行机关运行经费")) == before


def test_the_installed_material_worker_is_corrected_in_its_three_spots():
    (worker,) = [p for p in WORKERS.glob("search.*.js") if not p.name.endswith(".map")]
    source = worker.read_text(encoding="utf-8")
    fixed = fixed_worker(source)
    assert fixed is not None and fixed != source
    assert '.join("* ")' not in fixed
    assert fixed_worker(fixed) is None  # applied once; a changed worker is left alone


def test_compacting_the_index_keeps_every_token():
    separator = r"[\s\u200b\u3000\-、。，．？！；：“”‘’（）《》〔〕【】()/·]+"
    text = (
        "<p>\u200b机关运行经费\u200b 22.23 \u200b万元\u200b（\u200b预算\u200b 4.67）</p>"
        "\u200b部门\u200b决算"
    )
    index = {
        "config": {"separator": separator},
        "docs": [{"location": "x/", "title": "", "text": text}],
    }
    compact = json.loads(compact_index(json.dumps(index).encode()))
    lean = compact["docs"][0]["text"]

    def tokens(s: str) -> list[str]:
        return [t for block in re.split(r"<[^>]+>", s) for t in re.split(separator, block) if t]

    assert tokens(lean) == tokens(text)
    assert lean == "<p>机关运行经费 22.23 万元（预算 4.67）</p>部门\u200b决算"
