"""Every page type on a 390 px phone and a 1280 px screen: nothing scrolls the page sideways,
charts are drawn inside the viewport with their titles whole and the chart menu beside them;
tables sort and filter; the comparison charts' menus choose what is drawn."""

from __future__ import annotations

import pytest

from browser_support import department_pages, serve, split_pages

pytestmark = pytest.mark.browser

WIDTHS = (390, 1280)


@pytest.fixture(scope="module")
def site(built, chromium):
    paths, result = built
    with serve(paths.site) as url:
        yield chromium, url.rstrip("/"), paths, result


def _pages(paths, result) -> list[str]:
    department = department_pages(paths.site)
    disclosure = next(d for d in result.disclosures if d.source.path.name.startswith("000_"))
    return [
        "",
        f"disclosures/{disclosure.name}/",
        "compare/",
        "completeness/",
        "regions/",
        "years/",
        *(split_pages(paths.site, folder)[0] for folder in ("compare", "completeness")),
        *(split_pages(paths.site, folder)[0] for folder in ("regions", "years")),
        split_pages(paths.site, "departments/province")[0],
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


@pytest.mark.parametrize("folder", ["compare", "regions", "years", "completeness"])
def test_tables_sort_by_a_clicked_header_and_filter_by_a_typed_word(site, folder):
    """On the page of a year or a province with the longest tables; of the completeness
    pages, the overview (the test build's rankings of a year and province have ≤ 2 rows):
    its table of years and provinces."""
    chromium, base, paths, _ = site
    path = "completeness/" if folder == "completeness" else split_pages(paths.site, folder)[0]
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(f"{base}/{path}")
        page.locator("table[data-sortable]").first.wait_for()
        # The longest table of the page (a region's or a year's listing may have one row).
        sizes = page.eval_on_selector_all(
            "table[data-sortable]", "ts => ts.map(t => t.tBodies[0].rows.length)"
        )
        # (of the completeness overview, the years and provinces: its part table has counts)
        index = 0 if path == "completeness/" else sizes.index(max(sizes))
        table = page.locator("table[data-sortable]").nth(index)
        # The department column: the first of a listing; the province of the completeness one.
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


def test_comparison_links_choose_year_and_region(site):
    """Issue 17: the year and the region are pages, not menus: the overview links to a page
    per year and province, whose charts draw only its departments."""
    chromium, base, _, result = site
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(f"{base}/compare/")
        row = page.locator("tr", has_text="2024").filter(has_text="新疆维吾尔自治区")
        row.locator("a").first.click()
        page.wait_for_url("**/compare/2024-*/")
        chart = page.locator('div.juesuan-chart[data-chart="compare-sangong"]')
        chart.locator("svg").first.wait_for(state="attached")
        bars = chart.locator("g.mark-rect path")
        # 2024 in 新疆: seeds 000 and 001, both with their 三公 read
        here = [
            d
            for d in result.disclosures
            if d.meta.fiscal_year == 2024
            and d.meta.region.province == "新疆维吾尔自治区"
            and d.fact("sangong.total")
        ]
        assert bars.count() == len(here) == 2
        assert chart.locator(".vega-bind select").count() == 0  # one kind: no menu
        page.locator("a", has_text="全部年度和地区").first.click()
        page.wait_for_url("**/compare/")
    finally:
        page.close()


def narrowest_em(page, selector: str, text_only: bool = False) -> float:
    """Width in em of the narrowest cell matching `selector` that holds over four characters;
    `text_only`: of the cells not aligned right (the numbers' columns are)."""
    return page.eval_on_selector_all(
        selector,
        """(cells, textOnly) => Math.min(...cells.filter(c => c.innerText.trim().length > 4)
            .filter(c => !textOnly || getComputedStyle(c).textAlign !== "right")
            .map(c => c.getBoundingClientRect().width
                      / parseFloat(getComputedStyle(c).fontSize)))""",
        text_only,
    )


def test_place_names_in_listing_tables_never_wrap_a_character_a_line(site):
    """At 390 px the comparison's 地区 cells (新疆维吾尔自治区 乌鲁木齐市 新市区) break at their
    spaces: every text cell of more than four characters is at least 2.5 em wide."""
    chromium, base, paths, _ = site
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(f"{base}/{split_pages(paths.site, 'compare')[0]}")
        narrowest = narrowest_em(page, "table.juesuan-sortable td", text_only=True)
        assert narrowest >= 2.5, narrowest
    finally:
        page.close()


def test_column_headers_never_wrap_a_character_a_line(site):
    """At 390 px the comparison's money headers (本年收入合计（万元）) broke one character a
    line; a header of more than four characters is at least 2.5 em wide, the table scrolling
    sideways in its own box instead."""
    chromium, base, paths, _ = site
    page = chromium.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(f"{base}/{split_pages(paths.site, 'compare')[0]}")
        narrowest = narrowest_em(page, "table.juesuan-sortable th")
        assert narrowest >= 2.5, narrowest
        assert page.evaluate("document.documentElement.scrollWidth") == 390
    finally:
        page.close()
