"""What a researcher downloads (issue 16, item 9): every file of a package linked on its
own, an Excel copy of each CSV that keeps the Chinese (read as bytes), a README that
says to read codes as strings."""

from __future__ import annotations

import io
import zipfile

from juesuan.registry import RESOURCES
from juesuan.render.disclosure_files import disclosure_files
from juesuan.render.pages import render_disclosure

BOM = b"\xef\xbb\xbf"


def test_the_package_is_published_unpacked_with_an_excel_copy_of_each_csv(seed_disclosures):
    d = seed_disclosures["003"]
    files = disclosure_files(d)
    base = f"data/{d.name}"
    assert f"{base}/datapackage.json" in files
    for r in RESOURCES:
        plain, excel = files[f"{base}/{r.path}"], files[f"{base}/excel/{r.path}"]
        assert not plain.startswith(BOM)
        assert excel.startswith(BOM)
        assert excel[len(BOM) :] == plain
        # the Chinese survives: the copy decodes as UTF-8 after the mark
        assert excel.decode("utf-8-sig") == plain.decode("utf-8")
    functions = files[f"{base}/excel/expenditure_by_function.csv"].decode("utf-8-sig")
    assert "科学技术支出" in functions


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
        assert f'../../data/{d.name}/excel/{r.path}"' in text
    assert "dtype=str" in text
