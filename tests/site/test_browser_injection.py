"""Injection: markup in a source renders as text in a real browser; no injected script runs.

A copy of seed 003 gets a hostile department name (sidecar), a hostile table
cell (an item of its 一般公共预算财政拨款支出决算表) and a hostile table title
(its 支出决算表). The hostile item's name is a label of the function-items chart, quoted
in its tooltip. The built site is
served on 127.0.0.1 and loaded in Chromium: the home page, the disclosure page,
a chart tooltip and a search.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil

import pytest
import yaml

from browser_support import serve
from conftest import HOSTILE, ROOT, SEEDS
from juesuan.pipeline.build import BuildPaths, run_build
from juesuan.render.splits import slug
from juesuan.site.search_index import published_docs

pytestmark = pytest.mark.browser

# Each payload sets window.pwned if it ever runs; HOSTILE adds alert() dialogs. The cell has
# no spaces and no ** (table cells are read with both removed), so it arrives as written.
DEPARTMENT = HOSTILE + "<script>window.pwned='department'</script>"
CELL = "行政运行<img/src=x/onerror=window.pwned='cell'>|[x](javascript:alert(4))"
TITLE = "<svg onload=\"window.pwned='title'\"></svg>{{ 7*7 }}支出决算表"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("hostile-site")
    sources = tmp / "sources"
    sources.mkdir()
    text = SEEDS["003"].read_text("utf-8")
    cell_row = "2060101\t行政运行\t187.40"
    assert text.count("\n## 支出决算表\n") == 1
    at = text.index(cell_row, text.index("### 一般公共预算财政拨款支出决算表"))  # 公开05表
    text = text[:at] + cell_row.replace("行政运行", CELL) + text[at + len(cell_row) :]
    text = text.replace("\n## 支出决算表\n", f"\n## {TITLE}\n")
    (sources / "hostile.txt").write_text(text, encoding="utf-8")
    (sources / "hostile.yml").write_text(
        yaml.safe_dump({"department": DEPARTMENT, "fiscal_year": 2024}, allow_unicode=True),
        encoding="utf-8",
    )
    paths = BuildPaths(sources, tmp / "dp", tmp / "build", ROOT / "docs", ROOT / "mkdocs.yml")
    result = run_build(paths, lambda _: None)
    assert result.problems == [] and len(result.disclosures) == 1
    shutil.rmtree(tmp / "build" / "docs")  # only the site is served
    return paths, result.disclosures[0]


def test_the_hostile_text_reached_every_output(hostile_site):
    """The payloads are really there (escaped), so the browser test below can fail."""
    paths, d = hostile_site
    page = (paths.site / "disclosures" / d.name / "index.html").read_text("utf-8")
    shown = html.unescape(page)
    for payload in (DEPARTMENT, CELL, TITLE):
        assert payload in shown, payload
    assert "<img/src" not in page and "<svg onload" not in page and "<script>window" not in page
    spec = re.search(
        r'<h3 id="function-items">[^<]*</h3>\n<div class="juesuan-chart"[^>]*>'
        r'<script type="application/json">(.*?)<',
        page,
    )
    assert spec is not None
    table = csv.DictReader(io.StringIO(json.loads(spec.group(1))["csv"]))
    labels = [row["label"] for row in table]
    assert any(CELL in label for label in labels)  # the tooltip will quote the hostile name


def test_the_search_index_holds_the_hostile_text_only_as_escaped_text(hostile_site):
    paths, d = hostile_site
    docs = [
        doc
        for doc in published_docs(paths.site)
        if doc["location"].startswith(f"disclosures/{d.name}/")
    ]
    assert docs
    raw = json.dumps(docs, ensure_ascii=False)
    # the index holds text, escaped: no tag, no link can be formed from it
    for markup in ("<script", "<img", "<svg", "href="):
        assert markup not in raw, markup
    text = html.unescape("".join(doc["title"] + doc["text"] for doc in docs).replace("\u200b", ""))
    assert "<script>window.pwned='department'</script>" in text
    assert "[链接](javascript:alert(3))" in text  # as characters, not a link


def test_no_injected_script_runs_in_the_browser(hostile_site, chromium):
    paths, d = hostile_site
    dialogs: list[str] = []
    errors: list[str] = []
    with serve(paths.site) as base:
        page = chromium.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        # a request still in flight when the test navigates on is aborted: not a site error
        page.on(
            "requestfailed",
            lambda request: (
                None
                if request.failure == "net::ERR_ABORTED"
                else errors.append(f"failed {request.url}: {request.failure}")
            ),
        )

        page.goto(base, wait_until="load")  # the home page lists provinces, not disclosures
        province = slug(d.meta.region.province or "未知")
        page.goto(f"{base}regions/{province}/", wait_until="load")
        body = page.inner_text("article")
        assert HOSTILE in body  # the department is listed as text

        page.goto(f"{base}disclosures/{d.name}/", wait_until="load")
        page.wait_for_selector("div.juesuan-chart svg", timeout=20_000)
        body = page.inner_text("article")
        assert DEPARTMENT in body
        assert TITLE in body  # in the outline of the text
        # the item's name, as text in the items table
        names = page.locator("table.juesuan-items td:first-child").all_inner_texts()
        assert any(CELL in name for name in names), names
        assert (
            page.locator("article img, article script:not([type]), article svg[onload]").count()
            == 0
        )

        # chart tooltip: hover each bar until the one naming the hostile item shows
        chart = page.locator("h3#function-items + div.juesuan-chart")
        bars = chart.locator("path[role='graphics-symbol'], g.mark-rect path")
        assert bars.count() >= 2
        tooltip_texts = []
        for i in range(bars.count()):
            bars.nth(i).hover()
            tooltip = page.locator("#vg-tooltip-element")
            tooltip.wait_for(state="visible", timeout=5_000)
            tooltip_texts.append(tooltip.inner_text())
            assert tooltip.locator("img, svg, script").count() == 0
        assert any("<img/src=x/onerror=" in t for t in tooltip_texts), tooltip_texts

        # search: results list the hostile page, rendered as text
        page.click("input.md-search__input")
        page.fill("input.md-search__input", "科学技术协会")
        page.press("input.md-search__input", "End")
        page.wait_for_selector(".md-search-result__item", timeout=20_000)
        assert page.locator(".md-search-result img, .md-search-result script").count() == 0

        assert page.evaluate("window.pwned") is None
        page.close()
    assert dialogs == []
    assert errors == []
