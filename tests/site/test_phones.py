"""Every page type on a 390 px phone and a 1280 px screen: nothing scrolls the page sideways,
charts are drawn inside the viewport with their titles whole and the chart menu beside them;
tables sort and filter; the comparison charts' menus choose what is drawn."""

from __future__ import annotations

import pytest

from browser_support import serve

pytestmark = pytest.mark.browser

WIDTHS = (390, 1280)


@pytest.fixture(scope="module")
def site(built, chromium):
    paths, result = built
    with serve(paths.site) as url:
        yield chromium, url.rstrip("/"), paths, result


def _pages(paths, result) -> list[str]:
    department = sorted(p.parent.name for p in (paths.site / "departments").glob("*/index.html"))
    disclosure = next(d for d in result.disclosures if d.source.path.name.startswith("000_"))
    return [
        "",
        f"disclosures/{disclosure.name}/",
        "compare/",
        "completeness/",
        "regions/",
        "years/",
        f"departments/{department[0]}/",
        "data-dictionary/",
        "glossary/",
    ]


_LAYOUT = """() => {
  const vw = window.innerWidth;
  const charts = [...document.querySelectorAll('div.juesuan-chart')].map(el => {
    const svg = el.querySelector('svg.marks') || el.querySelector('svg');
    const box = svg.getBoundingClientRect();
    const title = svg.querySelector('.role-title');
    const t = title ? title.getBoundingClientRect() : box;
    const menu = el.querySelector('details > summary');
    const m = menu ? menu.getBoundingClientRect() : null;
    return {id: el.dataset.spec, left: box.left, right: box.right, width: box.width,
            height: box.height, titleLeft: t.left, titleRight: t.right,
            menuOverlaps: m ? (m.left < box.right && m.bottom > box.top) : false};
  });
  return {scroll: document.documentElement.scrollWidth, vw, charts};
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways_and_charts_fit(site, width):
    chromium, base, paths, result = site
    page = chromium.new_page(viewport={"width": width, "height": 844})
    try:
        drawn = 0
        for path in _pages(paths, result):
            page.goto(f"{base}/{path}")
            charts = page.locator("div.juesuan-chart")
            for i in range(charts.count()):
                charts.nth(i).locator("svg").first.wait_for(state="attached", timeout=10_000)
            layout = page.evaluate(_LAYOUT)
            assert layout["scroll"] <= layout["vw"], (width, path, layout["scroll"])
            for c in layout["charts"]:
                where = (width, path, c["id"])
                assert c["width"] > 100 and c["height"] > 40, where
                assert c["left"] >= 0 and c["right"] <= layout["vw"], (where, c)
                assert c["titleLeft"] >= c["left"] - 1 and c["titleRight"] <= c["right"] + 1, (
                    where,
                    c,
                )
                assert not c["menuOverlaps"], (where, c)
            drawn += len(layout["charts"])
        assert drawn >= 8
    finally:
        page.close()


def _column(page, table, n: int) -> list[str]:
    return table.locator(f"tbody tr:not([hidden]) td:nth-child({n})").all_inner_texts()


@pytest.mark.parametrize("path", ["compare/", "regions/", "years/", "completeness/"])
def test_tables_sort_by_a_clicked_header_and_filter_by_a_typed_word(site, path):
    chromium, base, _, _ = site
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(f"{base}/{path}")
        page.locator("table[data-sortable]").first.wait_for()
        # The longest table of the page (a region's or a year's listing may have one row).
        sizes = page.eval_on_selector_all(
            "table[data-sortable]", "ts => ts.map(t => t.tBodies[0].rows.length)"
        )
        # (of the completeness page, the ranking: its part table has only counts)
        index = 0 if path == "completeness/" else sizes.index(max(sizes))
        table = page.locator("table[data-sortable]").nth(index)
        # The department column: the first of a listing, the second of the ranking.
        n = 2 if path == "completeness/" else 1
        before = _column(page, table, n)
        assert len(before) >= 3
        table.locator(f"thead th:nth-child({n})").click()
        once = _column(page, table, n)
        table.locator(f"thead th:nth-child({n})").click()
        twice = _column(page, table, n)
        assert sorted(once) == sorted(before)
        assert once != twice and {tuple(once), tuple(twice)} == {
            tuple(sorted(before)),
            tuple(sorted(before, reverse=True)),
        }, (before, once, twice)
        # Filter by the rarest value of the column: only the rows containing it stay.
        word = min((v for v in before if v), key=before.count)
        rows = table.locator("tbody tr").all_text_contents()
        box = page.locator("input.juesuan-filter").nth(index)
        box.fill(word)
        kept = table.locator("tbody tr:not([hidden])").all_text_contents()
        assert kept == [r for r in rows if word.lower() in r.lower()], (word, kept)
        assert 0 < len(kept) < len(rows), word
        box.fill("")
        assert len(_column(page, table, n)) == len(before)
    finally:
        page.close()


def test_comparison_menus_choose_year_and_region(site):
    chromium, base, _, _ = site
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(f"{base}/compare/")
        chart = page.locator('div.juesuan-chart[data-spec="chart-compare-sangong"]')
        chart.locator("svg").first.wait_for(state="attached")
        bars = chart.locator("g.mark-rect path")
        everyone = bars.count()
        region = chart.locator(".vega-bind select").nth(2)
        assert "全部地区" in region.inner_text()
        region.select_option(label="河南省 新乡市")
        page.wait_for_timeout(300)
        assert 0 < bars.count() < everyone
        region.select_option(index=0)
        page.wait_for_timeout(300)
        assert bars.count() == everyone
        year = chart.locator(".vega-bind select").first
        year.select_option(label="2021")
        page.wait_for_timeout(300)
        assert 0 < bars.count() < everyone
    finally:
        page.close()


def test_place_names_in_listing_tables_never_wrap_a_character_a_line(site):
    """At 390 px the comparison's 地区 cells (新疆维吾尔自治区 乌鲁木齐市 新市区) break at their
    spaces: every text cell of more than four characters is at least 2.5 em wide."""
    chromium, base, _, _ = site
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(f"{base}/compare/")
        narrowest = page.eval_on_selector_all(
            "table.juesuan-sortable td:not(.juesuan-num)",
            """tds => Math.min(...tds.filter(td => td.innerText.trim().length > 4)
                .map(td => td.getBoundingClientRect().width
                           / parseFloat(getComputedStyle(td).fontSize)))""",
        )
        assert narrowest >= 2.5, narrowest
    finally:
        page.close()
