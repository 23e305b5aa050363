"""Every page type in a real browser: charts drawn, no console errors, search, downloads."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from browser_support import department_pages, serve, split_pages
from conftest import PACKAGE_FILES_URL
from expectations import expected_yaml

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser_page(built, chromium):
    paths, result = built
    with serve(paths.site) as url:
        base = url.rstrip("/")
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
        page.on(
            "request",
            lambda r: (
                None
                if r.url.startswith((base, "data:", "blob:"))
                else errors.append(f"request off the site: {r.url}")
            ),
        )
        yield page, base, result, errors
        page.close()


def _page_types(result, site) -> list[str]:
    pages = ["", "compare/", "regions/", "years/", "data-dictionary/", "glossary/"]
    pages += split_pages(site, "compare")  # the comparison of each year and province
    pages += [f"disclosures/{d.name}/" for d in result.disclosures]
    return pages


def test_every_page_type_renders_its_charts_without_console_errors(browser_page, built):
    page, base, result, errors = browser_page
    paths, _ = built
    departments = department_pages(paths.site)
    assert departments, "the test build has a department with two years"
    drawn = 0
    for path in [
        *_page_types(result, paths.site),
        *(f"departments/{slug}/" for slug in departments),
    ]:
        errors.clear()
        response = page.goto(f"{base}/{path}")
        assert response is not None and response.status == 200, path
        charts = page.locator("div.juesuan-chart")
        for i in range(charts.count()):
            charts.nth(i).locator("svg").first.wait_for(state="attached", timeout=10_000)
        drawn += charts.count()
        assert errors == [], (path, errors)
    assert drawn >= 20


def _search(page, base: str, words: str) -> list[str]:
    page.goto(f"{base}/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill(words)
    box.press("End")  # Material searches on key-up
    results = page.locator(".md-search-result__item > a")
    results.first.wait_for(timeout=15_000)
    return [results.nth(i).get_attribute("href") or "" for i in range(results.count())]


def test_search_finds_sangong_and_a_department(browser_page):
    page, base, result, _ = browser_page
    hits = _search(page, base, "三公")
    assert sum("/disclosures/" in h for h in hits) >= 3, hits
    d = next(x for x in result.disclosures if x.source.path.name.startswith("001_"))
    hits = _search(page, base, d.meta.department)
    # listed; test_a_departments_full_name_puts_its_own_page_first says where
    assert any(f"disclosures/{d.name}/" in h for h in hits), (d.meta.department, hits)


def test_download_links_answer_200_with_the_file(browser_page, built):
    """The site's downloads answer; the links to single package files name files of the
    repository's datapackages/ (here the build's)."""
    paths, _ = built
    page, base, result, _ = browser_page
    d = next(x for x in result.disclosures if x.source.path.name.startswith("000_"))
    page.goto(f"{base}/disclosures/{d.name}/")
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    downloads = sorted(
        {h for h in hrefs if h.split("?")[0].endswith((".csv", ".zip", ".json", ".txt"))}
    )
    on_site = [h for h in downloads if h.startswith(base)]
    in_repository = [h for h in downloads if h.startswith(PACKAGE_FILES_URL)]
    assert len(on_site) >= 1 and len(in_repository) >= 10, downloads  # the zip
    assert len(on_site) + len(in_repository) == len(downloads), downloads
    # the portal-wide zip is linked from the data dictionary, which explains the downloads
    page.goto(f"{base}/data-dictionary/")
    portal = page.eval_on_selector_all("a[href$='portal.zip']", "els => els.map(e => e.href)")
    assert portal == [f"{base}/data/portal.zip"], portal
    on_site += portal
    for url in on_site:
        response = page.request.get(url)
        assert response.status == 200, url
        assert len(response.body()) > 0, url
    for url in in_repository:
        assert (paths.datapackages / url.removeprefix(PACKAGE_FILES_URL)).is_file(), url


def test_the_excel_link_saves_the_csv_with_a_byte_order_mark(browser_page, built):
    """Excel opens a UTF-8 CSV's Chinese intact only with the mark: the bytes saved are the
    package's CSV, as the repository serves it (here: from the build's datapackages/, with
    the cross-origin header raw.githubusercontent.com sends), after EF BB BF."""
    paths, _ = built
    page, base, result, _ = browser_page
    d = next(x for x in result.disclosures if x.source.path.name.startswith("003_"))

    def repository(route):
        name = route.request.url.removeprefix(PACKAGE_FILES_URL)
        body = (paths.datapackages / name).read_bytes()
        route.fulfill(body=body, headers={"Access-Control-Allow-Origin": "*"})

    page.route(f"{PACKAGE_FILES_URL}**", repository)
    try:
        page.goto(f"{base}/disclosures/{d.name}/")
        link = page.locator('a.juesuan-excel[download$="expenditure_by_function.csv"]')
        href = f"{PACKAGE_FILES_URL}{d.name}/expenditure_by_function.csv"
        assert link.get_attribute("href") == href
        with page.expect_download() as info:
            link.click()
        saved = Path(info.value.path()).read_bytes()
    finally:
        page.unroute(f"{PACKAGE_FILES_URL}**")
    plain = (paths.datapackages / d.name / "expenditure_by_function.csv").read_bytes()
    assert saved.startswith(b"\xef\xbb\xbf") and not plain.startswith(b"\xef\xbb\xbf")
    assert saved[3:] == plain
    assert "科学技术支出" in saved.decode("utf-8-sig")


def test_a_chart_csv_link_saves_the_file_of_the_package_zip(browser_page, built):
    """The chart data is saved from the page itself (no file a chart on the site): the bytes
    are those of charts/NAME.csv in the disclosure's package zip."""
    paths, _ = built
    page, base, result, _ = browser_page
    d = next(x for x in result.disclosures if x.source.path.name.startswith("003_"))
    page.goto(f"{base}/disclosures/{d.name}/")
    link = page.locator('a.juesuan-chart-csv[data-chart="function-items"]')
    assert link.get_attribute("href").startswith("blob:")
    assert link.inner_text() == "支出功能分类：项"  # the chart's title, as the page heads it
    line = page.locator("p.juesuan-chart-downloads").inner_text()
    assert line.startswith("下载图表数据 CSV（与数据包 charts/ 中的文件相同") and " · " in line
    with page.expect_download() as info:
        link.click()
    assert info.value.suggested_filename == f"{d.name}-function-items.csv"
    saved = Path(info.value.path()).read_bytes()
    with zipfile.ZipFile(paths.site / "data" / f"{d.name}.zip") as z:
        assert saved == z.read("charts/function-items.csv")
    assert "科学技术" in saved.decode("utf-8")


# --- Search that reaches the figures (issue 16 item 5), on a desktop and on a phone ---------

SEED_NUMBERS = ("000", "001", "002", "003", "004")


def _seed(result, seed: str):
    return next(x for x in result.disclosures if x.source.path.name.startswith(f"{seed}_"))


def _expected_hits(query: str) -> dict[str, tuple[str, str]]:
    """seed → (section anchor, figure) for the seeds whose text states the figure, read by
    hand (tests/expected/NNN.yaml), never from the build."""
    hits: dict[str, tuple[str, str]] = {}
    for seed in SEED_NUMBERS:
        expected = expected_yaml(seed)
        facts = expected.get("facts") or {}
        if query == "机关运行经费" and "admin.operating_expenses" in facts:
            value = facts["admin.operating_expenses"][0]["value"]
            hits[seed] = ("all-figures-with-their-evidence", f"机关运行经费 {value} 万元")
        elif query == "三公" and "sangong.total" in facts:
            hits[seed] = ("three-public-expenses", f"{facts['sangong.total'][0]['value']} 万元")
        else:
            for item in expected.get("expenditure_items") or []:
                if item.get("xiang") == query:
                    hits[seed] = ("spending-by-function", f"{query} {item['amount']} 万元")
    return hits


@pytest.fixture
def search_page(site_at_width):
    page, base, result, _ = site_at_width
    return page, base, result


def _search_results(page, base: str, words: str) -> list[list[dict]]:
    """Type `words` into Material's search as a reader would; every result group (one a page)
    as its links: href, text shown (U+200B removed) and whether it is visible."""
    page.goto(f"{base}/")
    opener = page.locator("label.md-header__button[for=__search]")
    if opener.is_visible():  # a phone: the header's search button opens the search
        opener.click()
    else:
        page.locator("input.md-search__input").click()
    box = page.locator("input.md-search__input")
    box.fill(words)
    box.press("End")  # a real key: Material searches on key-up
    items = page.locator(".md-search-result__item")
    items.first.wait_for(timeout=15_000)
    count = -1
    while count != items.count():  # more results are drawn as the list scrolls
        count = items.count()
        page.locator(".md-search__scrollwrap").evaluate("el => el.scrollTo(0, el.scrollHeight)")
        page.wait_for_timeout(300)
    return page.eval_on_selector_all(
        ".md-search-result__item",
        """items => items.map(item => Array.from(item.querySelectorAll('a')).map(a => ({
            href: a.getAttribute('href'),
            text: a.innerText.replace(/\\u200b/g, ''),
            visible: !a.closest('details') && a.getClientRects().length > 0,
        })))""",
    )


@pytest.mark.parametrize("query", ["机关运行经费", "科普活动", "三公", "行政运行"])
def test_search_lists_the_section_holding_the_figure_with_the_figure(search_page, query):
    page, base, result = search_page
    expected = _expected_hits(query)
    assert expected, query
    groups = _search_results(page, base, query)
    links = [link for group in groups for link in group]
    for seed, (anchor, figure) in expected.items():
        name = _seed(result, seed).name
        found = [
            link
            for link in links
            if f"disclosures/{name}/" in link["href"] and link["href"].endswith(f"#{anchor}")
        ]
        assert found, (query, seed, [link["href"] for link in links])
        assert found[0]["visible"], (query, seed, "listed but folded away")
        assert figure in found[0]["text"], (query, seed, found[0]["text"])
    if query in ("科普活动", "行政运行"):  # an item name finds only the disclosures spending on it
        seeds = {_seed(result, s).name for s in SEED_NUMBERS} - {
            _seed(result, s).name for s in expected
        }
        assert not any(f"disclosures/{n}/" in link["href"] for n in seeds for link in links)


@pytest.mark.parametrize("seed", SEED_NUMBERS)
def test_a_departments_full_name_puts_its_own_page_first(search_page, seed):
    page, base, result = search_page
    d = _seed(result, seed)
    own = [x.name for x in result.disclosures if x.meta.department == d.meta.department]
    groups = _search_results(page, base, d.meta.department)
    first = groups[0][0]["href"]
    own_pages = [f"disclosures/{name}/" for name in own]
    if len(own) > 1:
        own_pages.append("departments/")  # its year view
    assert any(p in first for p in own_pages), (d.meta.department, first)
