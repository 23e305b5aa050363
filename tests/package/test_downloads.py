"""What a researcher downloads (issue 16, item 9): every file of a package linked on its
own, an Excel copy of each CSV that keeps the Chinese (made in the browser; its bytes are
read in tests/site/test_browser.py), a README that says to read codes as strings."""

from __future__ import annotations

import io
import json
import zipfile

from juesuan.package.portal import portal_files
from juesuan.registry import RESOURCES
from juesuan.render.disclosure_files import disclosure_files
from juesuan.render.pages import render_disclosure

BOM = b"\xef\xbb\xbf"


def test_the_package_is_published_unpacked_and_plain(seed_disclosures):
    d = seed_disclosures["003"]
    files = disclosure_files(d)
    base = f"data/{d.name}"
    assert f"{base}/datapackage.json" in files
    for r in RESOURCES:
        assert not files[f"{base}/{r.path}"].startswith(BOM)  # as its descriptor says
    # no second copy per CSV: the Excel copy is made in the reader's browser
    assert not any("/excel/" in name for name in files)


def test_the_unpacked_files_are_the_zipped_ones(seed_disclosures):
    d = seed_disclosures["000"]
    files = disclosure_files(d)
    with zipfile.ZipFile(io.BytesIO(files[f"data/{d.name}.zip"])) as z:
        for name in ["datapackage.json", *(r.path for r in RESOURCES)]:
            assert z.read(name) == files[f"data/{d.name}/{name}"], name


def test_the_zip_readme_says_to_read_codes_as_strings(seed_disclosures):
    d = seed_disclosures["000"]
    with zipfile.ZipFile(io.BytesIO(disclosure_files(d)[f"data/{d.name}.zip"])) as z:
        readme = z.read("README.md").decode("utf-8")
    assert "dtype=str" in readme
    assert "leading zeros" in readme and "前导零" in readme


def test_the_page_links_the_descriptor_every_csv_and_its_excel_copy(seed_disclosures):
    d = seed_disclosures["000"]
    page = render_disclosure(d)
    text = page.markdown + "".join(page.fragments.values())
    assert f'../../data/{d.name}/datapackage.json"' in text
    for r in RESOURCES:
        assert f'../../data/{d.name}/{r.path}"' in text
        assert f'download="{d.name}-{r.path}"' in text  # the Excel link (excel-csv.js)
    assert "dtype=str" in text


def test_a_package_descriptor_leaves_field_docs_to_the_data_dictionary(seed_disclosures):
    """Each field of a disclosure's descriptor is one line with its name, type and title but
    no description; the portal's descriptor and the data dictionary keep the descriptions."""
    text = disclosure_files(seed_disclosures["000"])[
        "data/" + seed_disclosures["000"].name + "/datapackage.json"
    ].decode()
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
