"""Issue 16 (items 3, 9, 10, 11) in a real browser at a desktop and a phone width: budget
against actual, the direct downloads, provenance and navigation are where a reader looks.

Expected figures come from the seed texts: seed 000 (昌吉回族自治州科学技术协会) states
财政拨款 年初预算 568.86 万元 and 决算 610.56 万元 (tests/expected/000.yaml, 107.3%).
"""

from __future__ import annotations

import pytest

from browser_support import split_pages

pytestmark = pytest.mark.browser


@pytest.fixture
def site(site_at_width):
    return site_at_width


def _name(result, prefix: str) -> str:
    return next(d.name for d in result.disclosures if d.source.path.name.startswith(prefix))


def test_a_disclosure_shows_budget_against_actual_downloads_and_provenance(site):
    page, base, result, _ = site
    page.goto(f"{base}/disclosures/{_name(result, '000_')}/")
    budget = page.locator("#budget-actual + table, #budget-actual ~ * table").first
    text = budget.inner_text()
    assert "568.86" in text and "610.56" in text and "107.3" in text
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert any(h.endswith("/datapackage.json") for h in hrefs)
    assert any(h.endswith("/facts.csv") for h in hrefs)
    assert any("departments/" in h for h in hrefs)  # its department's page
    # the publisher's page (or that it is unknown) and how to cite; the last-updated date
    # comes from git, which the test build's copied sources are not in (test_provenance.py)
    provenance = page.locator("p.juesuan-provenance").inner_text()
    assert "发布者原文" in provenance and "引用" in provenance


def test_home_has_the_menu_a_headline_and_one_chart(site):
    page, base, result, width = site
    page.goto(f"{base}/")
    headline = page.locator("div.juesuan-headline")
    assert headline.is_visible()
    assert str(len(result.disclosures)) in headline.inner_text()
    menu = page.locator("nav.md-nav--primary a", has_text="部门比较").first
    if width < 1220:  # Material folds the menu behind the header's button on a phone
        page.locator("label.md-header__button[for=__drawer]").click()
    assert menu.is_visible()
    assert page.locator("div.juesuan-chart").count() == 1


def test_comparison_page_has_the_budget_execution_section(site, built):
    page, base, _, _ = site
    page.goto(f"{base}/{split_pages(built[0].site, 'compare')[0]}")
    assert page.locator("#execution").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_the_figures_table_names_each_key_in_english_once_loaded(site):
    """The page names a figure by its key; the English name (spec facts.csv: staff.total is
    "Staff on record (total)") is written beside it from the one published labels file."""
    page, base, result, _ = site
    page.goto(f"{base}/disclosures/{_name(result, '000_')}/")
    cell = page.locator("table.juesuan-figures td:first-child:has(code:text-is('staff.total'))")
    cell.first.locator("small").filter(has_text="Staff on record (total)").wait_for()
    assert cell.first.inner_text().split("\n") == [
        "实有人数",
        "Staff on record (total)",
        "staff.total",
    ]
