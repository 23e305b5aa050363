"""Issue 16 (items 6, 7) in a real browser at a desktop and a phone width: numbers with
thousands separators, units that never wrap, 三公 counts apart from 万元, status marks that
need no emoji font, Chinese chart menu and tooltips, the Chinese 404 page.

Expected figures come from the seed texts: seed 001 (昌吉回族自治州科学技术局) prints
收入总计 8,065.31 万元 (tests/expected/001.yaml).
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

EMOJI = re.compile("[\u2705\u274c\u26aa\u2611\U0001f7e1\U0001f7e0]")


@pytest.fixture
def site(site_at_width):
    page, base, result, _ = site_at_width
    return page, base, result


def _name(result, prefix: str) -> str:
    return next(d.name for d in result.disclosures if d.source.path.name.startswith(prefix))


def test_amounts_have_thousands_separators_and_units_do_not_wrap(site):
    page, base, result = site
    page.goto(f"{base}/disclosures/{_name(result, '001_')}/")
    cells = page.locator("table.juesuan-facts td").all_inner_texts()
    assert "8,065.31" in cells
    right = page.locator("table.juesuan-key td:nth-child(2)").first.evaluate(
        "c => getComputedStyle(c).textAlign"
    )
    assert right == "right"
    # One line box per unit: the text's rects all share one top (a wrapped 万元 has two).
    units = (
        ".juesuan-unit, table.juesuan-key td:nth-child(3), .juesuan-sangong-counts td:nth-child(3)"
    )
    lines = page.locator(units).evaluate_all(
        """units => units.filter(u => u.textContent.trim()).map(u => {
            const range = document.createRange();
            range.selectNodeContents(u);
            return [u.textContent, new Set([...range.getClientRects()]
                .filter(r => r.width > 0).map(r => Math.round(r.top))).size];
        })"""
    )
    assert lines and all(n == 1 for _, n in lines), lines


def test_sangong_counts_are_not_in_the_money_columns(site):
    page, base, result = site
    page.goto(f"{base}/disclosures/{_name(result, '003_')}/")
    money = page.locator("table.juesuan-facts:has(th:has-text('预算数 Budget'))").first
    assert "万元" in money.locator("thead").inner_text()
    labels = money.locator("tbody td:first-child").all_inner_texts()
    assert labels and not [t for t in labels if re.search("人次|批次|团组|保有量", t)]
    counts = page.locator("table.juesuan-sangong-counts")
    if counts.count():
        assert "万元" not in counts.inner_text()


def test_status_marks_are_drawn_without_emoji(site):
    page, base, result = site
    page.goto(f"{base}/disclosures/{_name(result, '004_')}/")
    badge = page.locator("p.juesuan-badge")
    assert "矛盾" in badge.inner_text() and not EMOJI.search(badge.inner_text())
    mark = badge.locator(".juesuan-status").first
    width = mark.evaluate("e => getComputedStyle(e, '::before').width")
    assert float(width.rstrip("px")) > 0
    assert not EMOJI.search(page.locator("article").inner_text())
    page.goto(f"{base}/")
    assert not EMOJI.search(page.locator("article").inner_text())


def test_chart_menu_and_tooltips_are_chinese(site):
    page, base, result = site
    page.goto(f"{base}/disclosures/{_name(result, '000_')}/")
    chart = page.locator("div.juesuan-chart").first
    chart.locator("svg").first.wait_for(state="attached", timeout=10_000)
    menu = chart.locator("details").first
    assert "图表菜单" in (menu.get_attribute("title") or "")
    menu.locator("summary").click()
    assert "保存为 PNG" in chart.locator(".vega-actions").inner_text()
    # the axis and tooltip titles are in the spec of the chart's kind, which the page names
    kind = page.evaluate(
        "el => new URL(el.dataset.template, location.href).href", chart.element_handle()
    )
    spec = page.request.get(kind).text()
    titles = re.findall(r'"title": ?"([^"]*)"', spec)
    assert any("万元" in t for t in titles) and "key" not in titles


def test_the_404_page_is_chinese(site):
    page, base, _ = site
    # The page a web server answers a missing address with (the test server answers bare).
    response = page.goto(f"{base}/404.html")
    assert response is not None and response.status == 200
    text = page.locator("article").inner_text()
    assert "找不到该页面" in text and text.index("找不到") < text.index("does not exist")
