"""Every page type in a real browser: charts drawn, no console errors, search, downloads."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_support import serve

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


def _page_types(result) -> list[str]:
    pages = ["", "compare/", "regions/", "years/", "data-dictionary/", "glossary/"]
    pages += [f"disclosures/{d.name}/" for d in result.disclosures]
    return pages


def test_every_page_type_renders_its_charts_without_console_errors(browser_page, built):
    page, base, result, errors = browser_page
    paths, _ = built
    departments = sorted(p.parent.name for p in (paths.site / "departments").glob("*/index.html"))
    assert departments, "the test build has a department with two years"
    drawn = 0
    for path in [*_page_types(result), *(f"departments/{slug}/" for slug in departments)]:
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
    # Listed among the results shown (in this build a department of the same place with a
    # similar name, 科学技术协会 with two years and a year view, shares most terms with it).
    assert any(f"disclosures/{d.name}/" in h for h in hits), (d.meta.department, hits)


def test_download_links_answer_200_with_the_file(browser_page):
    page, base, result, _ = browser_page
    d = next(x for x in result.disclosures if x.source.path.name.startswith("000_"))
    page.goto(f"{base}/disclosures/{d.name}/")
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    downloads = sorted(
        {h for h in hrefs if h.split("?")[0].endswith((".csv", ".zip", ".json", ".txt"))}
    )
    assert len(downloads) >= 10, downloads
    for url in downloads:
        response = page.request.get(url)
        assert response.status == 200, url
        assert len(response.body()) > 0, url


def test_the_excel_link_saves_the_csv_with_a_byte_order_mark(browser_page):
    """Excel opens a UTF-8 CSV's Chinese intact only with the mark: the bytes saved are the
    published CSV's, after EF BB BF."""
    page, base, result, _ = browser_page
    d = next(x for x in result.disclosures if x.source.path.name.startswith("003_"))
    page.goto(f"{base}/disclosures/{d.name}/")
    link = page.locator('a.juesuan-excel[download$="expenditure_by_function.csv"]')
    with page.expect_download() as info:
        link.click()
    saved = Path(info.value.path()).read_bytes()
    plain = page.request.get(link.get_attribute("href") and link.evaluate("a => a.href")).body()
    assert saved.startswith(b"\xef\xbb\xbf") and not plain.startswith(b"\xef\xbb\xbf")
    assert saved[3:] == plain
    assert "科学技术支出" in saved.decode("utf-8-sig")
