"""Pages across disclosures: comparison, indexes, the year view, chart downloads.

Expected figures are the hand-read values of tests/expected/*.yaml; ratios are
computed here from those values, not taken from the code under test.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pytest
import yaml

from conftest import HOSTILE
from juesuan.render import portal_pages
from juesuan.render.escape import md
from juesuan.render.portal_charts import assembled
from juesuan.site.search_index import INDEX_PATH, published_docs

pytestmark = pytest.mark.build  # runs full builds or the frictionless CLI

EXPECTED = Path(__file__).parents[1] / "expected"


def hand_read(seed: str, key: str) -> Decimal:
    data = yaml.safe_load((EXPECTED / f"{seed}.yaml").read_text(encoding="utf-8"))
    (only,) = data["facts"][key]
    return Decimal(str(only["value"]))


def package_of(result, source_name: str) -> str:
    return next(d.name for d in result.disclosures if d.source.path.name == source_name)


def read_csv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_comparison_has_key_figures_and_per_staff_amounts(built):
    paths, result = built
    rows = read_csv(paths.site / "data" / "compare" / "key-figures.csv")
    row = next(r for r in rows if r["package"] == package_of(result, "000_a1db828f484ee6df.txt"))
    spent = hand_read("000", "expenditure.current_year")
    staff = hand_read("000", "staff.active")
    basic = hand_read("000", "expenditure.basic")
    assert Decimal(row["expenditure.current_year"]) == spent
    assert Decimal(row["expenditure_per_staff"]) == (spent / staff).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )
    assert Decimal(row["basic_share_pct"]) == (basic * 100 / spent).quantize(
        Decimal("0.01"), ROUND_HALF_UP
    )
    assert len(rows) == len(result.disclosures)


def test_sangong_ranking_is_by_amount_and_leaves_unread_out(built):
    paths, result = built
    rows = read_csv(paths.site / "data" / "compare" / "sangong-ranking.csv")
    amounts = [Decimal(r["sangong.total"]) for r in rows]
    assert amounts == sorted(amounts, reverse=True)
    assert [r["rank"] for r in rows] == [str(i) for i in range(1, len(rows) + 1)]
    ranked = {r["package"] for r in rows}
    # seed 000 states 6.53万元 (hand-read); it must be ranked with that amount.
    seed = package_of(result, "000_a1db828f484ee6df.txt")
    assert seed in ranked
    assert next(Decimal(r["sangong.total"]) for r in rows if r["package"] == seed) == hand_read(
        "000", "sangong.total"
    )


def test_functional_classes_line_up_by_national_code(built):
    paths, _ = built
    rows = read_csv(paths.site / "data" / "compare" / "function-classes.csv")
    coded = [r for r in rows if r["class_code"]]
    assert coded, "at least one disclosure prints class codes"
    for r in coded:
        assert len(r["class_code"]) == 3 and r["class_code"].isdigit(), r


def test_year_view_for_a_department_with_two_years(built):
    paths, result = built
    pages = [
        html.unescape(p.read_text(encoding="utf-8"))
        for p in (paths.site / "departments").glob("*/index.html")
    ]
    # every department has a page; only seed 000's has two years (and a chart) in this build
    assert len(pages) == len({d.meta.department for d in result.disclosures if d.meta.department})
    (page,) = [p for p in pages if "<h1" in p and "昌吉回族自治州科学技术协会：历年决算" in p]
    assert "与上年相比" in page
    for source in ("000_a1db828f484ee6df.txt", "zz_second_year.txt"):
        assert f"/disclosures/{package_of(result, source)}/" in page
    assert 'class="juesuan-chart"' in page


def _pages_under(site: Path, folder: str) -> dict[str, str]:
    """The overview `folder`/index.html and the pages of its splits, by path."""
    return {
        str(p.relative_to(site)): html.unescape(p.read_text(encoding="utf-8"))
        for p in sorted((site / folder).glob("**/index.html"))
    }


def test_region_and_year_indexes_list_every_disclosure(built):
    """Issue 17: the overviews list provinces and years; their pages list every disclosure."""
    paths, result = built
    regions = _pages_under(paths.site, "regions")
    years = _pages_under(paths.site, "years")
    for d in result.disclosures:
        assert any(f"/disclosures/{d.name}/" in page for page in regions.values()), d.name
        assert any(f"/disclosures/{d.name}/" in page for page in years.values()), d.name
        # never on the overviews
        assert f"/disclosures/{d.name}/" not in regions["regions/index.html"]
        assert f"/disclosures/{d.name}/" not in years["years/index.html"]
    assert "新疆维吾尔自治区 昌吉回族自治州" in "".join(regions.values())
    assert "2021 年度" in years["years/index.html"] and "2024 年度" in years["years/index.html"]
    # the overview links to a page per province, each of which lists its disclosures only
    xinjiang = [p for p, text in regions.items() if "按地区：新疆维吾尔自治区<" in text]
    assert xinjiang and all("河南省 新乡市" not in regions[p] for p in xinjiang)


def test_every_chart_has_its_csv_and_the_package_zip_its_readme(built):
    """Each chart's CSV is in the package zip (charts/), with the README; the page offers
    each one for saving (charts.js saves it from the page: test_browser.py) and the site
    keeps no file a chart."""
    paths, result = built
    d = next(x for x in result.disclosures if x.source.path.name == "000_a1db828f484ee6df.txt")
    page = (paths.site / "disclosures" / d.name / "index.html").read_text(encoding="utf-8")
    assert "charts.zip" not in page and not (paths.site / "data" / d.name / "charts").exists()
    with zipfile.ZipFile(paths.site / "data" / f"{d.name}.zip") as archive:
        names = {n for n in archive.namelist() if n.startswith("charts/")}
        readme = archive.read("charts/README.md").decode("utf-8")
    charts = {Path(n).stem for n in names} - {"README"}
    assert charts >= {"sangong", "function-items", "expenditure-structure"}
    for chart in charts:
        assert f'<h3 id="{chart}">' in page and f'data-package="{d.name}"' in page
        assert f"## {chart}.csv — " in readme
    assert "昌吉回族自治州科学技术协会" in readme and "Licence" in readme


def test_sangong_chart_data_is_the_hand_read_budget_and_actual(built):
    paths, result = built
    d = package_of(result, "000_a1db828f484ee6df.txt")
    with zipfile.ZipFile(paths.site / "data" / f"{d}.zip") as archive:
        text = archive.read("charts/sangong.csv").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    data = yaml.safe_load((EXPECTED / "000.yaml").read_text(encoding="utf-8"))["sangong"]
    for component in ("abroad", "vehicle", "reception"):
        for phase, label in (("budget", "预算 budget"), ("actual", "决算 actual")):
            want = data[component][phase]
            got = [r["value"] for r in rows if r["component"] == component and r["phase"] == label]
            assert [Decimal(v) for v in got] == ([Decimal(str(want))] if want is not None else [])


def test_hostile_department_is_text_on_comparison_and_index_pages(built):
    paths, _ = built
    for folder in ("compare", "regions", "years", "completeness", "departments"):
        pages = {
            str(p): p.read_text(encoding="utf-8")
            for p in (paths.site / folder).glob("**/index.html")
        }
        for page, text in pages.items():
            assert "<script>alert" not in text and "<img src=x" not in text, page
            assert "<strong>粗体" not in text and 'href="javascript:' not in text, page
        assert any(HOSTILE in html.unescape(text) for text in pages.values()), folder


def test_search_index_leaves_out_checks_evidence_and_downloads(built):
    """The index holds what people search for; checks and evidence would multiply its size."""
    paths, result = built
    docs = published_docs(paths.site)
    locations = {doc["location"] for doc in docs}
    d = result.disclosures[0]
    page = next(doc for doc in docs if doc["location"] == f"disclosures/{d.name}/")
    words = page["text"].replace("\u200b", "")
    # the page's own entry holds what identifies it, not the labels every page repeats
    assert d.meta.department in words and str(d.meta.fiscal_year) in words
    assert d.meta.region.province in words
    assert "Department" not in words and d.name not in words
    for anchor in ("checks", "completeness", "downloads", "key-figures", "charts"):
        assert f"disclosures/{d.name}/#{anchor}" not in locations, anchor
    # the sections holding figures are indexed by their search-only lines: a name and a
    # figure each, never the evidence sentences of the tables
    for anchor in ("all-figures-with-their-evidence", "spending-by-function"):
        doc = next(doc for doc in docs if doc["location"] == f"disclosures/{d.name}/#{anchor}")
        assert all(f.evidence[:12] not in doc["text"].replace("\u200b", "") for f in d.facts)
        assert doc["text"].count("<p>") <= len(d.facts) + len(d.expenditure_items), anchor


def test_heavy_parts_are_in_the_page_but_never_read_by_search(built):
    """Charts, evidence, checks and downloads are spliced in after indexing (page_fragments)."""
    paths, result = built
    index = (paths.site / INDEX_PATH).read_text(encoding="utf-8")
    for d in result.disclosures:
        page = (paths.site / "disclosures" / d.name / "index.html").read_text("utf-8")
        assert "juesuan-fragment" not in page, d.name
        assert f'href="../../data/{d.name}.zip"' in page, d.name
        first = d.facts[0].evidence if d.facts else None
        if first:
            assert html.escape(first, quote=False)[:20] in page or first[:20] in page, d.name
    assert "juesuan-fragment" not in index and "juesuan-checks" not in index


def test_check_terms_link_to_the_fact_row_holding_their_sentence(built):
    """A term's sentence is shown once, in the facts table; the check links to its row."""
    paths, result = built
    d = next(x for x in result.disclosures if x.source.path.name.startswith("003_"))
    page = (paths.site / "disclosures" / d.name / "index.html").read_text("utf-8")
    links = set(re.findall(r'href="#((?:fact|item)-\d+)"', page))
    assert any(a.startswith("fact-") for a in links) and any(a.startswith("item-") for a in links)
    for anchor in links:
        row = re.search(rf'<tr id="{anchor}"[^>]*>(.*?)</tr>', page, re.S)
        assert row is not None, anchor
        kind, n = anchor.split("-")
        if kind == "fact":
            assert html.escape(d.facts[int(n) - 1].key) in row.group(1)
        else:
            assert md(d.expenditure_items[int(n) - 1].names[-1]) in row.group(1)


def _drawn_labels(spec: dict) -> list[str]:
    """The department labels of `spec` as Vega draws it (vl-convert, no browser)."""
    import vl_convert as vlc

    svg = vlc.vegalite_to_svg({**spec, "width": 400}, vl_version="v6.4")
    axis = re.search(r'aria-label="Y-axis.*?</g></g></g>', svg, re.S)
    assert axis is not None
    texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", axis.group(0))]
    return [t for t in texts if t.startswith("部门")]


def _whole_spec(chart: dict) -> dict:
    """The spec the browser draws: the chart's published template (the file the page names)
    with the page's slots filled in, as charts.js does."""
    _, text = chart["file"]
    return assembled(json.loads(text), json.loads(chart["spec_json"]))


def _option(param: dict, label: str) -> str:
    """The value of the menu option `param` shows as `label`."""
    bind = param["bind"]
    return bind["options"][bind["labels"].index(label)]


def test_comparison_charts_draw_the_largest_few_past_altairs_row_limit():
    """Regression: at N = 5,000 the shares chart had 8,000 rows and Altair refused it
    (MaxRowsError), failing the whole build. Issue 17: the page holds only the rows a chart
    can draw (the top CHART_TOP of every choice of the menu), however many there are; Vega
    draws the top CHART_TOP of what is chosen."""
    n = 4_000
    departments = [f"部门{i:04d}" for i in range(n)]
    figures = pd.DataFrame(
        {
            "package": [f"p{i}" for i in range(n)],
            "department": departments,
            "region": ["甲省"] * (n - 1) + ["乙省"],
            "kind": ["整体支出绩效自评"] + ["部门（单位）决算公开说明"] * (n - 1),
            "year": ["2024"] * n,
            "basic_share_pct": [f"{i % 100}.00" for i in range(n)],
            "project_share_pct": [f"{100 - i % 100}.00" for i in range(n)],
            "sangong.total": [f"{i + 1}.00" for i in range(n)],
        }
    )
    classes = pd.DataFrame(
        {
            "package": [f"p{i}" for i in range(n)] * 2,
            "department": departments * 2,
            "year": ["2024"] * (2 * n),
            "class_code": ["206"] * n + ["208"] * n,
            "class_name": ["科学技术支出"] * n + ["社会保障和就业支出"] * n,
            "amount": [f"{i + 1}.00" for i in range(2 * n)],
            "share_pct": [""] * (2 * n),
        }
    )
    charts = portal_pages._compare_charts(figures, figures, classes)
    specs = {c["chart_id"]: _whole_spec(c) for c in charts}
    for spec in specs.values():  # two kinds: the top of all and of each kind, no more
        rows = list(csv.DictReader(io.StringIO(spec["data"]["values"])))
        assert len(rows) <= 3 * portal_pages.CHART_TOP
    sangong = _drawn_labels(specs["compare-sangong"])
    assert len(sangong) == portal_pages.CHART_TOP
    assert sangong[:2] == ["部门3999（2024）", "部门3998（2024）"]
    assert "前 40 名" in "".join(specs["compare-sangong"]["title"]["text"])
    # 4,000 times apart: a log scale, and the page says so.
    assert specs["compare-sangong"]["encoding"]["x"]["scale"]["type"] == "log"
    assert "对数刻度" in charts[0]["note"]
    shares = _drawn_labels(specs["compare-shares"])
    assert len(shares) == portal_pages.CHART_TOP, shares[-4:]
    assert set(_drawn_labels(specs["compare-classes"])) == {
        f"部门{i:04d}（2024）" for i in range(n - 40, n)
    }
    # Choosing a kind draws that kind's departments, not the largest of all (the year and the
    # region are pages of their own: no menu).
    only = {**specs["compare-sangong"]}
    assert {p["name"] for p in only["params"]} == {"kind"}
    only["params"] = [
        {**p, "value": _option(p, "整体支出绩效自评")} if p["name"] == "kind" else p
        for p in only["params"]
    ]
    assert _drawn_labels(only) == ["部门0000（2024）"]
