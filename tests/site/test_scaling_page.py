"""The scaling page (issue 17): a reader of 关于本站 reaches it, and its sizing adds up.

The page states the measured seconds per PDF and the workers a one-hour cold build of
100,000 PDFs needs; the lead updates those figures after each benchmark, so this test
re-does the arithmetic from whatever the page states rather than from a copy of it.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PAGE = DOCS / "scaling.md"


def _nav() -> list:
    # mkdocs.yml holds no custom tags (no !!python): plain YAML reads it
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _sizing(pattern: str) -> float:
    found = re.findall(pattern, PAGE.read_text(encoding="utf-8"))
    assert len(found) == 1, f"{pattern!r} found {len(found)} times in docs/scaling.md"
    return _number(found[0])


def test_scaling_page_sits_beside_about_in_one_small_nav_section():
    nav = _nav()
    sections = [entry for entry in nav if isinstance(next(iter(entry.values())), list)]
    about = [s for s in sections if "about.md" in str(s)]
    assert len(about) == 1, "about.md belongs to one nav section"
    pages = next(iter(about[0].values()))
    assert [next(iter(p.values())) for p in pages] == ["about.md", "scaling.md"]
    assert len(nav) <= 10  # the top level stays small however the about section grows


def test_about_page_links_to_the_scaling_page():
    about = (DOCS / "about.md").read_text(encoding="utf-8")
    assert re.search(r"\]\(scaling\.md\)", about)


@pytest.mark.build
def test_built_about_page_links_to_the_built_scaling_page(built):
    paths, _ = built
    about = (paths.site / "about" / "index.html").read_text(encoding="utf-8")
    assert 'href="../scaling/"' in about
    scaling = (paths.site / "scaling" / "index.html").read_text(encoding="utf-8")
    assert "个工作进程" in scaling  # the page itself, not a 404
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', scaling, re.S).group(0)
    assert "关于本站" in nav and "规模与扩展" in nav


def test_workers_stated_cover_the_stated_pdfs_in_one_hour():
    documents = _sizing(r"冷构建\s*([\d,]+)\s*份 PDF")
    seconds_each = _sizing(r"每份 PDF\s*([\d.]+)\s*CPU 秒")
    workers = _sizing(r"需要\s*(\d+)\s*个工作进程")
    assert documents == 100_000
    assert workers * 3600 >= documents * seconds_each
    # and no more than one spare: the stated count is the rounded-up quotient
    assert workers == math.ceil(documents * seconds_each / 3600)


def test_stated_product_matches_the_stated_factors():
    seconds_each = _sizing(r"每份 PDF\s*([\d.]+)\s*CPU 秒")
    total = _sizing(r"合计\s*([\d,]+)\s*CPU 秒")
    assert total == round(100_000 * seconds_each)
