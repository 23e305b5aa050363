"""The read stage's one product, whatever the format: a Document whose table cells know
where they were printed. Expected pages from tests/expected/originals (read by hand)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEEDS
from juesuan.read.document import read_document
from juesuan.read.layout import SourceFormat
from juesuan.read.source import read_source

GHZY = Path(__file__).resolve().parents[3] / "shared/originals/juesuan_2024_putuo_ghzy_draft.pdf"


@pytest.mark.skipif(not GHZY.is_file(), reason="../shared/originals absent")
def test_a_pdf_table_cell_knows_its_page_and_box():
    doc = read_document(read_source(GHZY))
    assert doc.source_format is SourceFormat.PDF
    income = next(t for t in doc.tables if t.title.endswith("收入决算表") and "支出" not in t.title)
    cells = [c for row in income.rows for c in row if c.text == "9746.50"]
    assert cells and all(c.box is not None and c.box.page == 8 for c in cells)
    assert all(c.box.x0 < c.box.x1 and c.box.top < c.box.bottom for c in cells)
    assert doc.page_at(cells[0].start) == 8


def test_a_text_source_is_the_same_kind_of_document_without_places(seed_disclosures):
    doc = read_document(read_source(SEEDS["003"]))
    assert doc.source_format is SourceFormat.TEXT and doc.layout is None
    assert doc.tables and all(c.box is None for t in doc.tables for row in t.rows for c in row)
    assert doc.page_at(0) is None
    assert doc.text == seed_disclosures["003"].text
