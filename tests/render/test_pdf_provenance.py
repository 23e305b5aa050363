"""Provenance a reader can follow: a value read from a PDF names its page, the page links to
the original opened there, and the original travels in the package zip and on the site.

Expected pages come from tests/expected/originals (read by hand): 收入决算表 is on page 8,
支出决算表 on page 10 of the ghzy draft.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from juesuan.convert import convert_path
from juesuan.package.download_zip import package_zip
from juesuan.package.files import package_files
from juesuan.render.disclosure_files import disclosure_files

GHZY = Path(__file__).resolve().parents[3] / "shared/originals/juesuan_2024_putuo_ghzy_draft.pdf"
pytestmark = pytest.mark.skipif(not GHZY.is_file(), reason="../shared/originals absent")


@pytest.fixture(scope="module")
def ghzy():
    return convert_path(GHZY)


def _facts(d) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(package_files(d)["facts.csv"])))


def _page(ghzy, key: str, value: str) -> str:
    return next(r["page"] for r in _facts(ghzy) if (r["key"], r["value"]) == (key, value))


def test_a_table_value_records_the_page_it_was_printed_on(ghzy):
    assert _page(ghzy, "revenue.current_year", "9746.50") == "7"  # 收入支出决算总表
    assert _page(ghzy, "revenue.fiscal_appropriation", "9746.50") == "8"  # 收入决算表
    assert _page(ghzy, "expenditure.basic", "5377.64") == "10"  # 支出决算表
    assert _page(ghzy, "sangong.reception", "0.39") == "17"  # 三公 table


def test_both_sides_of_a_contradiction_keep_their_own_page(ghzy):
    # 基本支出 5364.75 in the 一般公共预算 table (p15), 5377.64 in the prose (p24)
    assert _page(ghzy, "gpb.basic", "5364.75") == "15"
    assert _page(ghzy, "gpb.basic", "5377.64") == "24"


def test_every_fact_of_a_pdf_has_a_page(ghzy):
    assert all(r["page"].isdigit() and 1 <= int(r["page"]) <= 30 for r in _facts(ghzy))


def test_the_page_links_to_the_original_opened_at_that_page(ghzy):
    files = disclosure_files(ghzy)
    page = files[f"disclosures/{ghzy.name}.md"].decode("utf-8")
    # the evidence table is a fragment the page pulls in (render/fragments.py)
    fragments = next(v for k, v in files.items() if k.startswith(".fragments/")).decode("utf-8")
    assert f'../../data/{ghzy.name}/original.pdf#page=8\\">第8页</a>' in fragments
    assert "（PDF）" in page  # the page names the format it was published in
    assert files[f"data/{ghzy.name}/original.pdf"] == GHZY.read_bytes()


def test_the_zip_names_the_original_published_once_beside_it(ghzy):
    """In the zip too, every PDF disclosure would cost the site its original twice."""
    archive = zipfile.ZipFile(io.BytesIO(package_zip(ghzy)))
    assert not any(name.startswith("original.") for name in archive.namelist())
    readme = archive.read("README.md").decode("utf-8")
    assert "column `page`" in readme
    assert f"data/{ghzy.name}/original.pdf" in readme
    assert hashlib.sha256(GHZY.read_bytes()).hexdigest() in readme


def test_a_text_source_has_no_page_and_no_copy(seed_disclosures):
    d = seed_disclosures["000"]
    assert {r["page"] for r in _facts(d)} == {""}
    assert not any("original." in name for name in disclosure_files(d))
