"""What a researcher downloads (issue 16, item 9): the package zip from the site, every file
of it linked on its own where the repository serves it, an Excel copy of each CSV that keeps
the Chinese (made in the browser; its bytes are read in tests/site/test_browser.py), a
README that says to read codes as strings."""

from __future__ import annotations

import io
import json
import zipfile

from juesuan.package.files import package_files
from juesuan.package.portal import portal_files
from juesuan.registry import RESOURCES
from juesuan.render.chart_data import chart_data
from juesuan.render.config import RenderConfig
from juesuan.render.disclosure_files import disclosure_files
from juesuan.render.pages import render_data_dictionary, render_disclosure

BOM = b"\xef\xbb\xbf"


def test_the_site_publishes_the_package_zipped_only(seed_disclosures):
    """Unpacked beside its zip the package cost ~125 KB a disclosure of the site (issue 17)."""
    d = seed_disclosures["003"]
    files = disclosure_files(d)
    assert f"data/{d.name}.zip" in files
    # nor the charts' CSVs: the page carries them (test_charts.py), the zip holds them
    assert not any(name.startswith(f"data/{d.name}/") for name in files)


def test_the_zip_holds_the_package_as_written_and_the_chart_data(seed_disclosures):
    d = seed_disclosures["000"]
    files = disclosure_files(d)
    package = package_files(d)
    with zipfile.ZipFile(io.BytesIO(files[f"data/{d.name}.zip"])) as z:
        for name in ["datapackage.json", *(r.path for r in RESOURCES)]:
            assert z.read(name).decode("utf-8") == package[name], name
            assert not z.read(name).startswith(BOM)  # as its descriptor says
        charts = [n for n in z.namelist() if n.startswith("charts/") and n.endswith(".csv")]
        assert len(charts) >= 5
        for c in chart_data(d):
            assert z.read(f"charts/{c.chart_id}.csv").decode("utf-8") == c.frame.to_csv(
                index=False, lineterminator="\n"
            )
        readme = z.read("charts/README.md").decode("utf-8")
    assert "昌吉回族自治州科学技术协会" in readme and "Licence" in readme


def test_the_zip_readme_says_to_read_codes_as_strings(seed_disclosures):
    d = seed_disclosures["000"]
    with zipfile.ZipFile(io.BytesIO(disclosure_files(d)[f"data/{d.name}.zip"])) as z:
        readme = z.read("README.md").decode("utf-8")
    assert "dtype=str" in readme
    assert "leading zeros" in readme and "前导零" in readme


def test_the_page_links_the_descriptor_every_csv_and_its_excel_copy(seed_disclosures):
    d = seed_disclosures["000"]
    config = RenderConfig.from_environment({"GITHUB_REPOSITORY": "someone/juesuan"})
    page = render_disclosure(d, config)
    text = page.markdown + "".join(page.fragments.values())
    files = f"https://raw.githubusercontent.com/someone/juesuan/main/datapackages/{d.name}/"
    assert f'{files}datapackage.json"' in text
    for r in RESOURCES:
        assert f'href="{files}{r.path}" download="{d.name}-{r.path}"' in text  # excel-csv.js
    assert f'../../data/{d.name}.zip"' in text
    # how to open a CSV (UTF-8, codes as text) is said once, on the data dictionary
    assert "../../data-dictionary/#downloads" in text and "dtype=str" not in text


def test_without_a_repository_the_page_leads_to_the_list_of_the_zips_files(seed_disclosures):
    """The zip's files are the same for every disclosure: the data dictionary names them
    once (#downloads), and each page links there rather than listing them again."""
    d = seed_disclosures["000"]
    page = render_disclosure(d)
    text = page.markdown + "".join(page.fragments.values())
    assert f'../../data/{d.name}.zip"' in text
    assert "../../data-dictionary/#downloads" in text
    downloads = render_data_dictionary().split("{ #downloads }")[1].split("\n## ")[0]
    for r in RESOURCES:
        assert f"`{r.path}`" in downloads
        assert f"{d.name}/{r.path}" not in text  # no link to a file the site does not publish


def test_a_package_descriptor_leaves_field_docs_to_the_data_dictionary(seed_disclosures):
    """Each field of a disclosure's descriptor is one line with its name, type and title but
    no description; the portal's descriptor and the data dictionary keep the descriptions."""
    text = package_files(seed_disclosures["000"])["datapackage.json"]
    descriptor = json.loads(text)
    facts = next(r for r in descriptor["resources"] if r["name"] == "facts")
    evidence = next(f for f in facts["schema"]["fields"] if f["name"] == "evidence")
    assert evidence == {
        "name": "evidence",
        "type": "string",
        "title": "依据 / Evidence",
        "constraints": {"required": True},
    }
    lines = [line.strip().rstrip(",") for line in text.splitlines()]
    assert json.dumps(evidence, ensure_ascii=False, sort_keys=True) in lines
    portal = json.loads(portal_files([seed_disclosures["000"]])["datapackage.json"])
    portal_facts = next(r for r in portal["resources"] if r["name"] == "facts")
    described = next(f for f in portal_facts["schema"]["fields"] if f["name"] == "evidence")
    assert described["description"].startswith("读取该数值的原文句子")
