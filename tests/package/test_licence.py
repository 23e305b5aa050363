"""Every place that states the licence states the same one (domain/licence.py).

The package zip's README, a page's chart zip README, datapackage.json `licenses`
(a disclosure's and the portal's), the DCAT catalogue, the disclosure page and
the about page: the same licence name, URL and terms, and the same citation.
"""

from __future__ import annotations

import html
import io
import json
import zipfile

import pytest

from conftest import ROOT
from juesuan.domain.licence import LICENCE, citation
from juesuan.package.download_zip import package_zip
from juesuan.package.files import package_files
from juesuan.package.portal import portal_files
from juesuan.render.chart_data import chart_data
from juesuan.render.chart_downloads import chart_readme
from juesuan.render.pages import render_disclosure
from juesuan.site.dcat import data_json


@pytest.fixture(scope="module")
def d(seed_disclosures):
    return seed_disclosures["000"]


def _states_licence(text: str) -> None:
    text = html.unescape(text)
    assert LICENCE.url in text
    assert LICENCE.name in text
    assert LICENCE.title in text
    assert LICENCE.title_zh in text


def test_package_zip_readme(d):
    with zipfile.ZipFile(io.BytesIO(package_zip(d))) as archive:
        readme = archive.read("README.md").decode("utf-8")
    _states_licence(readme)
    assert citation(d.meta.department, d.title) in readme


def test_chart_zip_readme(d):
    readme = chart_readme(d, chart_data(d))
    _states_licence(readme)
    assert citation(d.meta.department, d.title) in readme


def test_datapackage_licenses(d):
    for descriptor in (
        json.loads(package_files(d)["datapackage.json"]),
        json.loads(portal_files([d])["datapackage.json"]),
    ):
        assert descriptor["licenses"] == [
            {"name": LICENCE.name, "title": LICENCE.title, "path": LICENCE.url}
        ]


def test_dcat_catalogue(d):
    catalogue = json.loads(data_json([d]))
    assert {dataset["license"] for dataset in catalogue["dataset"]} == {LICENCE.url}


def test_disclosure_page(d):
    page = render_disclosure(d)
    downloads = page.fragments["downloads"]
    _states_licence(downloads)
    assert citation(d.meta.department, d.title) in html.unescape(downloads)


def test_about_page():
    about = (ROOT / "docs" / "about.md").read_text("utf-8")
    assert LICENCE.url in about and "CC BY 4.0" in about
