"""End to end: every seed → valid data packages → pages → a searchable built site."""

from __future__ import annotations

import html
import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from frictionless import validate

from conftest import HOSTILE, PACKAGE_FILES_URL
from juesuan.disclosure import restore
from juesuan.package.validate import validate_all
from juesuan.render.splits import slug
from juesuan.site.search_index import INDEX_PATH, published_docs

pytestmark = pytest.mark.build  # runs full builds or the frictionless CLI


def test_every_seed_becomes_a_valid_package(built):
    paths, result = built
    assert len(result.disclosures) == 7  # five seeds, the hostile copy, a second year of 000
    count, problems = validate_all(paths.datapackages)
    assert count == 8  # five seeds, the hostile copy, a second year of 000, the portal
    assert problems == []


def test_bad_source_is_reported_and_the_rest_is_built(built):
    _, result = built
    assert [(s.file, s.problem) for s in result.skipped] == [("zz_empty.txt", "empty file")]


def test_every_disclosure_has_a_page_listed_on_the_home_page(built):
    """Listed on a page the home page links to: its province's (issue 17: the home page
    lists provinces and years, never every disclosure)."""
    paths, result = built
    home = (paths.site / "index.html").read_text(encoding="utf-8")
    provinces = re.findall(r'href="(regions/[^"]+/)"', home)
    listed = "".join((paths.site / p / "index.html").read_text("utf-8") for p in provinces)
    for d in result.disclosures:
        page = paths.site / "disclosures" / d.name / "index.html"
        assert page.is_file(), d.name
        assert f"disclosures/{d.name}/" in listed, d.name
        assert f"disclosures/{d.name}/" not in home, d.name
    assert "zz_empty.txt" in html.unescape(home)  # the build report names the skipped source


def test_nav_does_not_list_disclosures(built):
    paths, result = built
    glossary = (paths.site / "glossary" / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', glossary, re.S)
    assert nav is not None
    assert all(d.name not in nav.group(0) for d in result.disclosures)


def test_search_index_holds_chinese_words_of_every_disclosure_page(built):
    paths, result = built
    index = json.loads((paths.site / "search" / "search_index.json").read_text("utf-8"))
    assert "\\u200b" in index["config"]["separator"]  # a regex source: the escape itself
    docs = published_docs(paths.site)
    by_page: dict[str, str] = {}
    for doc in docs:
        page = doc["location"].split("#")[0]
        by_page[page] = by_page.get(page, "") + doc["title"] + doc["text"]
    for d in result.disclosures:
        # the index holds HTML-escaped text: markup from sources stays inert there too
        text = html.unescape(by_page[f"disclosures/{d.name}/"].replace("\u200b", ""))
        assert d.meta.department in text
        assert "三公" in text  # every seed has a 三公 part (outline or parts found)
    # jieba segmented the text: words are separated by zero-width spaces
    assert any("\u200b" in doc["text"] for doc in docs)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"href", "src"} and value:
                self.hrefs.append(value)


def test_every_local_link_and_download_resolves_inside_the_site(built):
    paths, _ = built
    site = paths.site
    checked = 0
    for page in site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        base = "/" + str(page.relative_to(site)).replace("index.html", "")
        for href in parser.hrefs:
            parsed = urlparse(href)
            if parsed.scheme or href.startswith(("#", "mailto:", "//")):
                continue
            target = urlparse(urljoin(base, href)).path
            local = site / unquote(target).lstrip("/")
            if target.endswith("/"):
                local = local / "index.html"
            assert local.is_file(), f"{page.relative_to(site)} links to missing {href}"
            checked += 1
    assert checked > 100


def test_each_disclosure_is_downloadable_zipped_frictionless_reads(built):
    """The site publishes a disclosure's package zipped: the same bytes as the committed
    package, with the original text, the charts' data and a README (issue 16 item 9); its
    files one by one are linked where the repository serves datapackages/ (issue 17: unpacked
    on the site they cost ~125 KB a disclosure)."""
    paths, result = built
    for d in result.disclosures:
        page = (paths.site / "disclosures" / d.name / "index.html").read_text("utf-8")
        assert f"../../data/{d.name}.zip" in page
        assert f"{PACKAGE_FILES_URL}{d.name}/facts.csv" in page
        assert not (paths.site / "data" / d.name / "facts.csv").exists()
        archive = paths.site / "data" / f"{d.name}.zip"
        with zipfile.ZipFile(archive) as z:
            names = set(z.namelist())
            committed = paths.datapackages / d.name
            for member in committed.iterdir():
                assert z.read(member.name) == member.read_bytes(), (d.name, member.name)
            # the build holds slim copies (juesuan.disclosure.slim); the text is in the full one
            assert z.read("source.txt").decode("utf-8") == restore(d).source.text != ""
        page = (paths.site / "disclosures" / d.name / "index.html").read_text("utf-8")
        # the page's charts, each under its title <h3 id=CHART>
        shown = set(re.findall(r'<h3 id="([a-z-]+)">[^<]*</h3>\n<div class="juesuan-chart"', page))
        charts = {f"charts/{c}.csv" for c in shown}
        extra = {"source.txt", "README.md"} | charts | ({"charts/README.md"} if charts else set())
        assert names == {p.name for p in committed.iterdir()} | extra
    first = paths.site / "data" / f"{result.disclosures[0].name}.zip"
    report = validate(str(first), type="package")
    assert report.valid, report.flatten(["type", "note"])
    assert len(report.tasks) == 9


def test_charts_are_embedded_and_the_library_is_served_locally(built):
    paths, result = built
    for d in result.disclosures:
        page_path = paths.site / "disclosures" / d.name / "index.html"
        assert 'class="juesuan-chart"' in page_path.read_text("utf-8"), d.name
    page = (paths.site / "disclosures" / result.disclosures[0].name / "index.html").read_text()
    # Each chart carries its rows and names the spec of its kind, published once on the site.
    charts = re.findall(
        r'data-template="\.\./\.\./([^"]+)"><script type="application/json">(.*?)</script></div>',
        page,
        re.S,
    )
    assert len(charts) >= 4
    for template, rows in charts:
        spec = json.loads((paths.site / template).read_text("utf-8"))
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/v6")
        assert "data" not in spec or not spec["data"].get("values")
        assert json.loads(rows)["csv"].count("\n") >= 2, template  # a header and a row
    bundle = (paths.site / "assets/javascripts/vega-bundle.js").read_text("utf-8")
    assert "window.vegaEmbed" in bundle
    for html_page in paths.site.rglob("*.html"):
        text = html_page.read_text("utf-8")
        assert "cdn.jsdelivr" not in text and "fonts.googleapis" not in text, html_page


def test_markup_from_sources_renders_as_text(built):
    paths, result = built
    hostile = next(d for d in result.disclosures if d.source.path.name == "zz_hostile.txt")
    province = slug(hostile.meta.region.province or "未知")
    pages = [
        paths.site / "regions" / province / "index.html",  # the listing of its province
        paths.site / "disclosures" / hostile.name / "index.html",
    ]
    for page in pages:
        text = page.read_text("utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text, page
        assert "<strong>粗体" not in text and 'href="javascript:' not in text, page
        shown = html.unescape(text)
        assert HOSTILE in shown, (page, shown[shown.find("alert(1)") - 200 :][:400])
    index = (paths.site / INDEX_PATH).read_text("utf-8")
    assert "<script>alert" not in index


def test_packages_are_byte_identical_to_the_committed_ones(built):
    """datapackages/ in git is what the build makes: a data change is always a reviewed diff."""
    paths, result = built
    committed = Path(__file__).resolve().parents[2] / "datapackages"
    test_only = {d.name for d in result.disclosures if d.source.path.name.startswith("zz_")}
    made = {
        p.relative_to(paths.datapackages): p.read_bytes()
        for p in paths.datapackages.rglob("*")
        if p.is_file()
        and p.relative_to(paths.datapackages).parts[0] not in test_only
        and p.parent.name != "portal"
    }  # the test-only sources (hostile copy, second year) are not committed;
    # test_portal compares the portal package
    kept = {
        p.relative_to(committed): p.read_bytes()
        for p in committed.rglob("*")
        if p.is_file() and p.parent.name != "portal"
    }
    assert made.keys() == kept.keys()
    for name in made:
        assert made[name] == kept[name], f"{name} differs: run `make site` and commit datapackages/"
