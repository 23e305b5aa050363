"""Page column headers are the registry's field titles (render/headers.py), so they cannot drift.

Every header row a disclosure page or the completeness page prints is one of the
declared tables of render/headers.py, and every header of a column that shows a
resource's field reads "title_zh title_en" of that field in the registry.
"""

from __future__ import annotations

import html
import re

import pytest

from juesuan.render.headers import TABLES, headers
from juesuan.render.pages import render_completeness_page, render_disclosure

_SMALL = re.compile(r"\s*<small>.*?</small>")


def _text(cell: str) -> str:
    return html.unescape(_SMALL.sub("", cell)).strip()


def _labels(table: str) -> list[str]:
    return [c.label for c in headers(table)]


@pytest.mark.parametrize("table", sorted(TABLES))
def test_field_headers_are_the_registry_titles(table):
    spec, columns = TABLES[table]
    assert columns
    for c in columns:
        if c.field is not None:
            f = spec.field(c.field)
            assert c.label == f"{f.title_zh} {f.title_en}", (table, c.field)
        else:
            assert c.key or table != "identity", "a page-only row header needs a key"


def _page_text(d) -> str:
    page = render_disclosure(d)
    return page.markdown + "".join(page.fragments.values())


def test_every_header_row_of_a_disclosure_page_is_declared(seed_disclosures):
    seen = set()
    declared = {tuple(_labels(t)): t for t in TABLES}
    for d in seed_disclosures.values():
        text = _page_text(d)
        for head in re.findall(r"<thead[^>]*>(.*?)</thead>", text, re.S):
            row = tuple(_text(c) for c in re.findall(r"<th[^>]*>(.*?)</th>", head, re.S))
            assert row in declared, f"undeclared header row {row}"
            seen.add(declared[row])
        identity = re.search(r'<table class="juesuan-identity">(.*?)</table>', text, re.S)
        assert identity is not None
        rows = [_text(c) for c in re.findall(r"<th[^>]*>(.*?)</th>", identity.group(1), re.S)]
        assert rows == _labels("identity")
    assert seen == {"facts", "budget", "items", "sangong", "projects", "checks"}


def test_completeness_ranking_header(seed_disclosures):
    page = render_completeness_page(list(seed_disclosures.values()))
    header = next(line for line in page.splitlines() if line.startswith("| ") and "名次" in line)
    cells = [_text(c) for c in header.strip("| ").split(" | ")]
    assert cells == _labels("ranking")
