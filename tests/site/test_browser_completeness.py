"""The completeness pages in a browser: one ranking table per document kind, year and province
(a page per year and province, issue 17), so no list ever sets a text against another kind
or another year. The built site has two years of one department (seed 000 as 2024, and moved
back to 2021: tests/conftest.py)."""

from __future__ import annotations

import pytest

from browser_support import serve, split_pages
from juesuan.render.splits import slug

pytestmark = pytest.mark.browser

_TABLES = """() => [...document.querySelectorAll('div.juesuan-ranking')].map(div => ({
  kind: div.dataset.kind, year: div.dataset.year,
  rows: [...div.querySelectorAll('table tbody tr')].map(
    tr => [...tr.cells].map(td => td.innerText.trim())),
}))"""


def test_no_ranking_list_mixes_kinds_or_years(built, chromium):
    paths, result = built
    with serve(paths.site) as url:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        try:
            page.goto(f"{url.rstrip('/')}/completeness/")
            assert page.evaluate(_TABLES) == []  # the overview links to the rankings
            tables = []
            for path in split_pages(paths.site, "completeness"):
                page.goto(f"{url.rstrip('/')}/{path}")
                tables += [{**t, "page": path} for t in page.evaluate(_TABLES)]
        finally:
            page.close()
    groups = {
        (d.meta.document_kind, str(d.meta.fiscal_year), d.meta.region.province or "未知")
        for d in result.disclosures
    }
    province = {
        d.meta.region.province or "未知": slug(d.meta.region.province or "未知")
        for d in result.disclosures
    }
    assert {(t["kind"], t["year"], t["page"]) for t in tables} == {
        (kind, year, f"completeness/{year}-{province[p]}/") for kind, year, p in groups
    }
    assert len(tables) == len(groups)  # one list each
    department = "昌吉回族自治州科学技术协会"
    where = []
    for t in tables:
        assert t["rows"], t
        assert {r[2] for r in t["rows"]} == {t["year"]}  # the 年度 column
        assert len({r[3] for r in t["rows"]}) == 1  # the 类型 column
        assert t["rows"][0][0] == "1"
        where += [t["year"] for r in t["rows"] if r[1] == department]
    assert sorted(where) == ["2021", "2024"]  # its two years, in two lists
