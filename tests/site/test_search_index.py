"""The search index assembled from per-page pieces: tokens, postings, the piece cache, and
a build that redoes one page giving the same index as a build of every page."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from juesuan.site import search_hook
from juesuan.site.search_index import (
    INDEX_PATH,
    Piece,
    PieceStore,
    StalePiece,
    assemble,
    encode_postings,
    lean,
    page_index,
    tokens,
)

SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；：“”‘’（）《》〔〕【】()/·]+"
CONFIG = {"lang": ["en"], "separator": SEPARATOR, "pipeline": [], "fields": {}}


def test_tokens_are_parted_by_tags_and_separators_and_lower_cased():
    text = "<p>机关运行经费 22.23 万元（预算 4.67）</p><p>Total</p>部门\u200b决算"
    assert tokens(text, re.compile(SEPARATOR)) == [
        "机关运行经费",
        "22.23",
        "万元",
        "预算",
        "4.67",
        "total",
        "部门",
        "决算",
    ]


def test_lean_text_keeps_every_token():
    separator = re.compile(SEPARATOR)
    text = (
        "<p>\u200b机关运行经费\u200b 22.23 \u200b万元\u200b（\u200b预算\u200b 4.67）</p>"
        "\u200b部门\u200b决算"
    )
    thin = lean(text, separator)
    assert thin == "<p>机关运行经费 22.23 万元（预算 4.67）</p>部门\u200b决算"
    assert tokens(thin, separator) == tokens(text, separator)


def test_postings_say_which_document_holds_a_term_in_which_field_how_often():
    page = {"location": "a/", "title": "部门\u200b决算", "text": "<p>三公 6.80 万元</p><p>三公</p>"}
    section = {"location": "a/#s", "title": "三公", "text": "<p>万元</p>"}
    index = json.loads(assemble(CONFIG, [Piece("a.md", "d", [page, section], [])]))
    assert index["docs"] == [["a/", page["title"], page["text"]], ["a/#s", "三公", "<p>万元</p>"]]
    postings = dict(zip(index["config"]["terms"], index["config"]["postings"], strict=True))
    # doc << 4 | 8 in the title | count
    expected = {
        "6.80": [1],
        "万元": [1, 1 << 4 | 1],
        "三公": [2, 1 << 4 | 8 | 1],
        "决算": [8 | 1],
        "部门": [8 | 1],
    }
    assert postings == {term: encode_postings(lists) for term, lists in expected.items()}
    assert index["config"]["separator"] == SEPARATOR


def test_postings_are_written_as_distances_in_base_32_digits():
    # doc 0 once in the text (1) → B; doc 1 once (distance 1: 16 + 1 = 17) → R
    assert encode_postings([1, 1 << 4 | 1]) == "BR"
    # doc 40, title, 1 time: 40 * 16 + 9 = 649 = 20 * 32 + 9 → digits 9 (+32 more) and 20
    assert encode_postings([40 << 4 | 9]) == "pU"
    # the same document in the title and the text: a distance of 0
    assert encode_postings([3 << 4 | 9, 3 << 4 | 2]) == encode_postings([3 << 4 | 9]) + "C"


def test_a_title_many_documents_share_is_written_once():
    docs = [
        {"location": "a/#s", "title": "三公", "text": ""},
        {"location": "b/#s", "title": "三公", "text": ""},
        {"location": "b/#t", "title": "支出", "text": "", "boost": 2},
    ]
    index = json.loads(assemble(CONFIG, [Piece("a.md", "d", docs, [])]))
    assert index["config"]["titles"] == ["三公"]
    assert index["docs"] == [["a/#s", 0, ""], ["b/#s", 0, ""], ["b/#t", "支出", "", 2]]


def test_the_page_is_handed_only_the_settings_and_where_the_index_is():
    page = json.loads(page_index(CONFIG))
    assert page == {"config": {**CONFIG, "index": "search/juesuan-index.json"}, "docs": []}


def test_terms_are_sorted_as_javascript_compares_strings():
    doc = {"location": "a/", "title": "", "text": "ｚ 𠀀"}  # U+FF5A, U+20000 (two UTF-16 units)
    index = json.loads(assemble(CONFIG, [Piece("a.md", "d", [doc], [])]))
    assert index["config"]["terms"] == ["𠀀", "ｚ"]


def test_a_piece_is_found_only_for_the_page_version_it_was_made_from(tmp_path):
    store = PieceStore(tmp_path)
    store.save(Piece("disclosures/x.md", "v1", [{"location": "x/"}], ["行政运行"]))
    assert store.load("disclosures/x.md", "v1").words == ["行政运行"]
    with pytest.raises(StalePiece, match=r"disclosures/x\.md"):
        store.load("disclosures/x.md", "v2")
    with pytest.raises(StalePiece, match=r"disclosures/y\.md"):
        store.load("disclosures/y.md", "v1")
    store.save(Piece("disclosures/y.md", "v1", [], []))
    assert store.prune(["disclosures/y.md"]) == 1
    assert store.load("disclosures/y.md", "v1").docs == []
    with pytest.raises(StalePiece):
        store.load("disclosures/x.md", "v1")


HOOK = Path(search_hook.__file__)


def _project(root: Path) -> Path:
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: t\ndocs_dir: build/docs\nsite_dir: build/site\n"
        "theme:\n  name: material\n  language: zh\n  font: false\n"
        f"hooks:\n  - {HOOK}\n"
        f"plugins:\n  - search:\n      separator: '{SEPARATOR}'\n"
        "markdown_extensions:\n  - attr_list\n",
        encoding="utf-8",
    )
    docs = root / "build" / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# 首页\n\n部门决算公开。\n", encoding="utf-8")
    for name, unit, figure in (("a", "甲", "6.80"), ("b", "乙", "1.20")):
        page = f"# {unit}单位\n\n## 三公 {{#sangong}}\n\n公务接待费 {figure} 万元\n"
        (docs / f"{name}.md").write_text(page, encoding="utf-8")
    return config


def _build(config_file: Path, site: Path, dirty: bool) -> dict:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=dirty)
    try:
        build(config, dirty=dirty)
    finally:
        config.plugins.on_shutdown()
    return json.loads((site / INDEX_PATH).read_bytes())


@pytest.mark.build
def test_a_build_that_redoes_one_page_publishes_the_index_of_the_whole_site(tmp_path):
    config = _project(tmp_path)
    site = tmp_path / "build" / "site"
    first = _build(config, site, dirty=False)
    assert [d[0] for d in first["docs"]] == ["", "a/", "a/#sangong", "b/", "b/#sangong"]

    page = tmp_path / "build" / "docs" / "b.md"
    page.write_text("# 乙单位\n\n## 三公 {#sangong}\n\n公务接待费 9.90 万元\n", encoding="utf-8")
    later = site.stat().st_mtime + 5
    os.utime(page, (later, later))  # newer than its built page: mkdocs redoes it alone
    redone = _build(config, site, dirty=True)
    whole = _build(config, tmp_path / "whole", dirty=False)
    assert redone == whole
    text = {d[0]: d[2] for d in redone["docs"]}
    assert "9.90" in text["b/#sangong"] and "6.80" in text["a/#sangong"]
    assert "1.20" not in redone["config"]["terms"]
    worker = next((site / "assets" / "javascripts" / "workers").glob("search.*.js"))
    assert worker.read_bytes() == search_hook.WORKER.read_bytes()


@pytest.mark.build
def test_a_page_changed_but_not_redone_is_named(tmp_path):
    config = _project(tmp_path)
    site = tmp_path / "build" / "site"
    _build(config, site, dirty=False)
    page = tmp_path / "build" / "docs" / "a.md"
    page.write_text("# 甲单位\n\n## 三公 {#sangong}\n\n公务接待费 7.00 万元\n", encoding="utf-8")
    os.utime(page, (0, 0))  # older than its built page: a dirty build skips it
    with pytest.raises(StalePiece, match=r"a\.md"):
        _build(config, site, dirty=True)
