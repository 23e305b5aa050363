"""Budget against actual on the disclosure and comparison pages (issue 16, item 3).

Expected amounts are hand-read (tests/expected/000.yaml, 003.yaml); the rates are
worked out by hand from them: 610.56 / 568.86 = 1.07330… → 107.3%.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re

import vl_convert

from juesuan.render.compare_pages import compare_pages
from juesuan.render.pages import render_disclosure
from juesuan.render.portal_charts import assembled


def _page(d) -> str:
    page = render_disclosure(d)
    return html.unescape(page.markdown + "".join(page.fragments.values()))


def _row(text: str, anchor_text: str) -> str:
    """The <tr> of the items table that names `anchor_text`."""
    rows = re.findall(r"<tr id=\"item-\d+\"[^>]*>.*?</tr>", text, re.S)
    (row,) = [r for r in rows if anchor_text in r]
    return row


def test_key_figures_show_budget_then_actual_and_the_rate(seed_disclosures):
    page = render_disclosure(seed_disclosures["000"])
    text = page.markdown + "".join(page.fragments.values())
    table = re.search(r'<table class="juesuan-facts juesuan-budget".*?</table>', text, re.S)
    assert table is not None
    fiscal = re.search(r"<tr[^>]*><td>财政拨款支出.*?</tr>", table.group(0), re.S).group(0)
    assert re.findall(r"<td>(?:<strong>)?(?:→ )?(?:<a href=\"#fact-\d+\">)?([\d.,%]+)", fiscal) == [
        "568.86",
        "610.56",
        "107.3%",
    ]
    # Each amount links to the row of the all-figures table that shows its sentence.
    anchors = re.findall(r'href="#(fact-\d+)"', fiscal)
    for anchor, value in zip(anchors, ("568.86", "610.56"), strict=True):
        row = re.search(rf'<tr id="{anchor}"[^>]*>.*?</tr>', text, re.S).group(0)
        assert value in row.replace(",", "")
    sangong = re.search(r"<tr[^>]*><td>“三公”经费.*?</tr>", table.group(0), re.S).group(0)
    assert "6.53" in sangong and "100.0%" in sangong


def test_items_table_has_budget_actual_rate_and_the_reason_under_its_heading(seed_disclosures):
    text = _page(seed_disclosures["003"])
    head = re.search(
        r'<table class="juesuan-facts juesuan-items">\s*<thead>(.*?)</thead>', text, re.S
    )
    labels = [h.strip() for h in re.findall(r"<th>([^<]+)", head.group(1))]
    assert labels == [
        "科目 Item",
        "科目编码 Code",
        "年初预算数 Initial budget",
        "决算数 Amount",
        "完成率 Execution rate",
        "主要原因 Stated reason",
    ]
    assert "比上年" not in head.group(1)
    # 003 line 406ff: 行政运行 年初预算 161.20, 决算 187.40 → 116.3%;
    # its reason explains the budget difference
    row = _row(text, "行政运行")
    assert "161.20" in row and "187.40" in row and "116.3%" in row
    assert "预决算差异原因：</strong>本年度行政人员工资增加" in row
    # 000 states a change against last year instead: the reason says so
    row = _row(_page(seed_disclosures["000"]), "一般行政管理事务")
    assert "比上年增加 3.50 万元，100.00%，原因：</strong>本年增加租赁公务用车项目经费" in row


def test_the_largest_over_and_under_runs_are_flagged(seed_disclosures):
    text = _page(seed_disclosures["003"])
    # by hand: 科普活动 49.90 → 98.80 (+48.90) is the largest over-run;
    # 其他科学技术管理事务支出 240.63 → 211.58 (−29.05) the largest under-run
    over = _row(text, "科普活动")
    assert 'class="juesuan-run-over"' in over and "超出年初预算最多" in over
    under = _row(text, "其他科学技术管理事务支出")
    assert 'class="juesuan-run-under"' in under and "低于年初预算最多" in under
    assert len(re.findall(r'class="juesuan-run-(?:over|under)"', text)) == 2
    assert "科普活动，年初预算 49.90 → 决算 98.80 万元（+48.90 万元，完成率 198.0%）" in text
    assert "（-29.05 万元，完成率 87.9%）" in text


def test_comparison_has_an_execution_rate_column_chart_and_flags(seed_disclosures):
    overview, *pages = compare_pages(list(seed_disclosures.values()))
    rows = list(csv.DictReader(io.StringIO(overview.files["data/compare/execution-rates.csv"])))
    rate = {r["department"]: r["fiscal_expenditure_total_execution_rate_pct"] for r in rows}
    # by hand: 000 568.86 → 610.56 (1.07330…); 001 544.67 → 7,850.84 (14.41393…);
    # 002 96.41 → 58.64 (0.60823…)
    assert rate["昌吉回族自治州科学技术协会"] == "107.3"
    assert rate["昌吉回族自治州科学技术局"] == "1441.4"
    assert rate["乌鲁木齐高新技术产业开发区（乌鲁木齐市新市区）科学技术协会"] == "60.8"
    runs = {r["department"]: r["run"] for r in rows if r["run"]}
    assert runs == {
        "昌吉回族自治州科学技术局": "over",
        "乌鲁木齐高新技术产业开发区（乌鲁木齐市新市区）科学技术协会": "under",
    }
    # The page of 2024 and 新疆 (000 and 001) flags within its year and province: both
    # are over their budget, 001 the most; none is under.
    (page,) = [p for p in pages if "昌吉回族自治州科学技术局" in p.markdown]
    assert page.path.startswith("compare/2024-")
    (own,) = [v for k, v in page.files.items() if k.endswith("/execution-rates.csv")]
    runs = {r["department"]: r["run"] for r in csv.DictReader(io.StringIO(own)) if r["run"]}
    assert runs == {"昌吉回族自治州科学技术局": "over"}
    # The chart draws a bar for each of the page's two departments (rendered without a
    # browser from the template the page names and the rows it carries).
    chart = re.search(
        r'<div class="juesuan-chart" data-chart="compare-execution" '
        r'data-template="\.\./\.\./([^"]+)"><script type="application/json">(.*?)</script></div>',
        page.markdown,
    )
    assert chart is not None
    spec = assembled(json.loads(page.files[chart.group(1)]), json.loads(chart.group(2)))
    svg = vl_convert.vegalite_to_svg({**spec, "width": 400}, vl_version="v6.4")
    labels = {html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)}
    assert {"昌吉回族自治州科学技术局", "昌吉回族自治州科学技术协会"} <= labels
    bars = re.findall(r'aria-label="([^"]*)"[^>]*aria-roledescription="bar"', svg)
    assert len(bars) == 2 and any("1441.4" in b for b in bars), bars
    assert "完成率 %" in page.markdown and "超出年初预算最多" in page.markdown
