"""Navigation (issue 16, item 11): the menu and a headline on the home page, totals on the
region and year pages, a page for every department with its year-over-year change.

Amounts are hand-read (tests/expected/*.yaml); changes are worked out by hand from them.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import vl_convert
import yaml

from conftest import SEEDS
from juesuan.convert import convert_path
from juesuan.render.department_key import department_page_url
from juesuan.render.portal_charts import assembled
from juesuan.render.portal_pages import department_pages

EXPECTED = Path(__file__).parents[1] / "expected"
SEED_OF = {path.name: seed for seed, path in SEEDS.items()}
# the build fixture's extra sources are copies of seeds (tests/conftest.py)
SEED_OF |= {"zz_hostile.txt": "002", "zz_second_year.txt": "000"}


def hand_read_spent(seed: str) -> Decimal | None:
    data = yaml.safe_load((EXPECTED / f"{seed}.yaml").read_text(encoding="utf-8"))
    found = data["facts"].get("expenditure.current_year")
    return Decimal(str(found[0]["value"])) if found else None


def _site(paths, *parts: str) -> str:
    return html.unescape((paths.site.joinpath(*parts) / "index.html").read_text("utf-8"))


def test_home_shows_the_menu_and_a_headline_with_one_chart(built):
    paths, result = built
    page = _site(paths)
    sidebar = re.search(r'<div class="md-sidebar md-sidebar--primary"[^>]*>', page).group(0)
    assert "hidden" not in sidebar
    for target in ("compare/", "regions/", "years/", "departments/"):
        assert f'href="{target}"' in page, target
    read = [d for d in result.disclosures if d.fact("expenditure.current_year")]
    for d in read:  # what the sum is made of is what was read by hand
        assert d.fact("expenditure.current_year").value == hand_read_spent(
            SEED_OF[d.source.path.name]
        )
    total = sum(hand_read_spent(SEED_OF[d.source.path.name]) for d in read)
    headline = re.search(r'<div class="juesuan-headline".*?</div>', page, re.S).group(0)
    numbers = re.findall(r"<strong>([^<]+)</strong>", headline)
    assert numbers[0] == str(len(result.disclosures))
    assert Decimal(numbers[1].replace(",", "")) == total  # shown with thousands separators
    failing = sum(1 for d in result.disclosures if any(c.status == "fail" for c in d.checks))
    assert numbers[2] == str(failing)
    assert page.count('class="juesuan-chart"') == 1
    assert 'data-chart="home-regions"' in page


def test_region_and_year_pages_show_totals(built):
    paths, _ = built
    # the second year of seed 000 is the only 2021 disclosure: 632.84 (000.yaml line 19)
    year = _site(paths, "years", "2021")
    first = re.search(r'<p class="juesuan-totals">(.*?)</p>', year, re.S).group(1)
    assert first.startswith("1 份公开文本") and "<strong>632.84</strong> 万元" in first
    years = _site(paths, "years")  # the overview: a row a year, with its totals
    row = re.search(r"<tr>(?:(?!</tr>).)*2021 年度.*?</tr>", years, re.S).group(0)
    cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
    assert cells[1:3] == ["1", "632.84"]
    regions = _site(paths, "regions")
    assert regions.count('class="juesuan-totals"') == 1  # all; a row a province below
    for page in (paths.site / "regions").glob("*/index.html"):  # and each province's own
        assert page.read_text("utf-8").count('class="juesuan-totals"') == 1


def test_every_department_is_listed_and_its_address_answers(built):
    """A department with two disclosures has a page its disclosures link to; one with a
    single disclosure is listed with a link to it, and its address leads there."""
    paths, result = built
    index = _site(paths, "departments")  # a row a province, linking its departments' list
    departments = {d.meta.department for d in result.disclosures if d.meta.department}
    provinces = re.findall(r'<a href="(province/[^"]+)/">', index)
    assert provinces
    listed = [
        re.search(r'<a href="([^"]+)">', row).group(1)
        for province in provinces
        for row in re.findall(r"<tr>(.*?)</tr>", _site(paths, "departments", province), re.S)
        if "<td>" in row
    ]
    assert len(listed) == len(departments)
    two_years = 0
    for d in result.disclosures:
        if not d.meta.department:
            continue
        page = _site(paths, "disclosures", d.name)
        found = re.search(r'href="(\.\./\.\./departments/[^"]+/)">本部门各年度', page)
        address = department_page_url(d)
        target = (paths.site / "disclosures" / d.name / address / "index.html").resolve()
        text = html.unescape(target.read_text("utf-8"))
        if found:  # a page of its own, listing this disclosure
            two_years += 1
            assert found.group(1) == address and "历年" in text and d.name in text
        else:  # the one disclosure of its department: the address sends the reader to it
            assert f'content="0; url=../../disclosures/{d.name}/"' in text
    assert two_years >= 2  # seed 000 and its earlier year (conftest)


def test_a_department_with_two_years_shows_the_change(seed_disclosures, tmp_path):
    # a second year of seed 000 made here: 2023, spending 600.00 instead of 632.84
    text = SEEDS["000"].read_text(encoding="utf-8").replace("2024", "2023")
    text = text.replace("632.84", "600.00")  # every statement of it, so none conflicts
    (tmp_path / "earlier.txt").write_text(text, encoding="utf-8")
    sidecar = SEEDS["000"].with_suffix(".yml").read_text(encoding="utf-8")
    sidecar = sidecar.replace("fiscal_year: 2024", "fiscal_year: 2023")
    sidecar = sidecar.replace(
        "original_filename: 000_a1db828f484ee6df.txt", "original_filename: null"
    )
    (tmp_path / "earlier.yml").write_text(sidecar, encoding="utf-8")
    earlier = convert_path(tmp_path / "earlier.txt")
    pages = department_pages([seed_disclosures["000"], earlier, seed_disclosures["003"]])
    departments = [p for p in pages if p.path.count("/") == 1 and p.path != "departments/index.md"]
    (page,) = [p for p in departments if "昌吉回族自治州科学技术协会" in p.markdown]
    assert "与上年相比" in page.markdown
    (changes,) = [v for k, v in page.files.items() if k.endswith("-changes.csv")]
    rows = {r["key"]: r for r in csv.DictReader(io.StringIO(changes))}
    spent = rows["expenditure.current_year"]
    # by hand: 632.84 − 600.00 = 32.84; 32.84 / 600.00 = 5.473… %
    assert (spent["from_year"], spent["to_year"]) == ("2023", "2024")
    assert (spent["previous"], spent["current"]) == ("600.00", "632.84")
    assert (spent["change"], spent["change_pct"]) == ("32.84", "5.47")
    # The chart names its kind's spec (a file the page brings, no rows in it) and carries its
    # figures as CSV, a row a year: 本年支出合计 600.00 in 2023, 632.84 in 2024.
    chart = re.search(
        r'data-chart="department-years" data-template="\.\./\.\./([^"]+)">'
        r'<script type="application/json">(.*?)</script></div>',
        page.markdown,
    )
    assert chart is not None
    template = json.loads(page.files[chart.group(1)])
    assert template["$schema"].startswith("https://vega.github.io/schema/vega-lite/v6")
    assert "本年支出合计" in template["transform"][0]["fold"]
    rows = csv.DictReader(io.StringIO(json.loads(chart.group(2))["slots"]["csv"]))
    assert {r["year"]: r["本年支出合计"] for r in rows} == {"2023": "600.00", "2024": "632.84"}
    spec = assembled(template, json.loads(chart.group(2)))  # as charts.js puts it together
    svg = vl_convert.vegalite_to_svg({**spec, "width": 400}, vl_version="v6.4")
    spent_bars = re.findall(r'aria-label="([^"]*本年支出合计[^"]*)"[^>]*"bar"', svg)
    assert len(spent_bars) == 2 and any("632.84" in b for b in spent_bars), spent_bars
    # a department with one disclosure has no page: its address leads to the disclosure
    assert not [p for p in departments if "新乡市科学技术协会" in p.markdown]
    (single,) = [p for p in pages if p.path.endswith("/index.html") and "新乡市" in p.markdown]
    target = f"../../disclosures/{seed_disclosures['003'].name}/"
    assert f'content="0; url={target}"' in single.markdown
    assert f'<a href="{target}">' in single.markdown and "一个年度" in single.markdown
    # The index lists the provinces (新疆, 河南); each province's page its departments.
    index = next(p for p in pages if p.path == "departments/index.md")
    assert index.markdown.count("](province/") == 2
    listed = "".join(p.markdown for p in pages if p.path.startswith("departments/province/"))
    # two departments, and the two years of the one with two (the other's one year is its
    # name's link already)
    assert listed.count(".md)") >= 2 + 2
    shutil.rmtree(tmp_path, ignore_errors=True)
