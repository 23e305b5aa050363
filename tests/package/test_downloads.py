"""What a researcher downloads (issue 16, item 9): every file of a package linked on its
own, an Excel copy of each CSV that keeps the Chinese (made in the browser; its bytes are
read in tests/site/test_browser.py), a README that says to read codes as strings."""

from __future__ import annotations

import io
import zipfile

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
