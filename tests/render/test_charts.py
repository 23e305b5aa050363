"""Disclosure charts read well: zero categories said, not drawn; integer ticks for people; the
performance chart shows its scores and keeps the unit's overall row apart; one download line a
page; titles in short lines; every chart kind a valid Vega-Lite spec.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from decimal import Decimal

import altair as alt

from juesuan.render.chart_data import chart_data
from juesuan.render.chart_downloads import chart_csv, chart_readme
from juesuan.render.charts import disclosure_charts, title_lines
from juesuan.render.compare_pages import compare_pages
from juesuan.render.disclosure_files import disclosure_files
from juesuan.render.pages import render_disclosure
from juesuan.render.portal_charts import assembled


def _all_charts(seed_disclosures):
    return [(d, c) for d in seed_disclosures.values() for c in disclosure_charts(d)]


def test_zero_categories_are_left_out_of_the_chart_and_named_below_it(seed_disclosures):
    zeroed = [(d, c) for d, c in _all_charts(seed_disclosures) if c.data.zero]
    assert zeroed, "the seeds have a revenue or expenditure category stated as 0"
    for d, c in zeroed:
        drawn = {r[c.data.category] for r in c.spec["data"]["values"]}
        assert not drawn & set(c.data.zero), c.chart_id
        assert all(
            Decimal(v) == 0
            for v in c.data.frame.loc[c.data.frame[c.data.category].isin(c.data.zero), "value"]
        )
        note = next(n for n in c.data.notes if n.startswith("数值为 0"))
        assert all(name in note for name in c.data.zero)
        # Still downloadable: the CSV is the whole frame, and the README says what was not drawn.
        assert all(name in chart_csv(c.data) for name in c.data.zero)
        assert note in chart_readme(d, chart_data(d))
        page = render_disclosure(d).fragments[f"chart-{c.chart_id}"]
        assert note.split("：")[1].rstrip("。") in page


def test_counts_of_people_have_whole_number_ticks(seed_disclosures):
    staff = [c for _, c in _all_charts(seed_disclosures) if c.chart_id == "staff"]
    assert staff
    for c in staff:
        axis = c.spec["encoding"]["x"]["axis"]
        assert axis["format"] == "d" and axis["tickMinStep"] == 1
    money = next(c for _, c in _all_charts(seed_disclosures) if c.data.unit == "万元")
    assert "tickMinStep" not in money.spec["encoding"]["x"].get("axis", {})


def test_performance_chart_shows_scores_and_keeps_the_overall_row_apart(seed_disclosures):
    charts = [
        (d, c)
        for d, c in _all_charts(seed_disclosures)
        if c.chart_id == "performance"
        and (c.data.frame["kind"] == "overall").any()
        and (c.data.frame["kind"] == "project").any()
    ]
    assert charts, "a seed has both the unit's overall evaluation and projects"
    for _, c in charts:
        values = c.spec["data"]["values"]
        assert {r["kind"] for r in values} == {"project"}
        scored = [r for r in values if r["score"]]
        assert scored, "the projects' scores are drawn"
        for r in scored:
            assert r["label"].startswith(f"{r['score']}分｜")
        assert c.spec["encoding"]["y"]["field"] == "label"
        overall = c.data.frame[c.data.frame["kind"] == "overall"]
        note = next(n for n in c.data.notes if "单位整体支出" in n)
        assert overall["project"].iloc[0] in note
        for value in (*overall["budget"], *overall["executed"]):
            assert f"{value} 万元" in note


def test_only_the_overall_row_is_drawn_when_there_is_no_project():
    row = {
        "project": "整体",
        "kind": "overall",
        "label": "90分｜整体",
        "budget": "10.00",
        "executed": "",
        "execution_rate": "",
        "score": "90",
    }
    from juesuan.render.chart_data import ChartData

    c = ChartData(
        "performance",
        *("t", "t", "万元", tuple(row), (row,), (), ""),
        category="project",
        values=("budget", "executed"),
    )
    assert len(c.drawn) == 1 and c.notes == ()


def test_one_download_line_per_disclosure_page(seed_disclosures):
    for d in seed_disclosures.values():
        charts = disclosure_charts(d)
        if not charts:
            continue
        fragments = render_disclosure(d).fragments
        everything = "".join(fragments.values())
        assert "charts.zip" not in everything, d.name  # the README is in the package zip
        # charts.js writes the line into this paragraph, a link a chart: from the chart's
        # data and its title (the <h3> above it, named after it), as test_browser.py shows
        line = fragments["chart-downloads"]
        assert line.strip() == f'<p class="juesuan-chart-downloads" data-package="{d.name}"></p>'
        for c in charts:
            heading = f'<h3 id="{c.chart_id}">{c.data.title_zh} / {c.data.title_en}</h3>\n'
            assert fragments[f"chart-{c.chart_id}"].startswith(
                heading + '<div class="juesuan-chart"'
            )


def test_the_page_carries_each_chart_as_the_csv_of_the_zip(seed_disclosures):
    """The CSV the reader saves from the page is the zip's charts/ file, and the rows the
    browser draws from it are the chart's: all but the zero categories the note names."""
    d = seed_disclosures["003"]
    fragments = render_disclosure(d).fragments
    with zipfile.ZipFile(io.BytesIO(disclosure_files(d)[f"data/{d.name}.zip"])) as z:
        zipped = {n: z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("charts/")}
    for c in disclosure_charts(d):
        (payload,) = re.findall(
            r'<div class="juesuan-chart"[^>]*><script type="application/json">(.*?)</script></div>',
            fragments[f"chart-{c.chart_id}"],
            re.S,
        )
        payload = json.loads(payload)
        assert payload["csv"] == zipped[f"charts/{c.chart_id}.csv"]
        rows = list(csv.DictReader(io.StringIO(payload["csv"])))
        drawn = [rows[i] for i in payload["drawn"]]
        hidden = [r for i, r in enumerate(rows) if i not in payload["drawn"]]
        assert [r[c.data.category] for r in drawn] == [r[c.data.category] for r in c.rows]
        for row in hidden:  # only what the note below the chart names is left out
            assert row[c.data.category] in "".join(c.data.notes), (c.chart_id, row)


def test_titles_are_broken_into_lines_a_phone_shows_whole():
    assert title_lines("支出功能分类：项（万元）") == ["支出功能分类：项（万元）"]
    lines = title_lines("“三公”经费支出（万元）：所选范围内前 40 名（全部见下表）")
    assert all(len(line) <= 18 for line in lines)
    assert "".join(lines) == "“三公”经费支出（万元）：所选范围内前 40 名（全部见下表）"
    assert not any(line.endswith("（") for line in lines)


def _valid(spec: dict) -> None:
    alt.Chart.from_dict(spec, validate=True)


def test_every_chart_kind_is_a_valid_vega_lite_spec(seed_disclosures):
    kinds = {}
    for _, c in _all_charts(seed_disclosures):
        kinds.setdefault(c.chart_id, c.spec)
    assert {"staff", "performance", "sangong", "function-items"} <= set(kinds)
    for spec in kinds.values():
        _valid(spec)
    disclosures = list(seed_disclosures.values())
    (page,) = [
        p
        for p in compare_pages(disclosures)
        if "昌吉回族自治州科学技术局" in p.markdown and p.path.startswith("compare/")
    ]
    # Each names its kind's template (a file the page brings) and carries the slots' values.
    specs = re.findall(
        r'data-template="\.\./\.\./([^"]+)"><script type="application/json">(.*?)</script></div>',
        page.markdown,
        re.S,
    )
    # 三公, shares, classes and the budget execution rates
    assert len(specs) == 4
    for template, slots in specs:
        _valid(assembled(json.loads(page.files[template]), json.loads(slots)))
