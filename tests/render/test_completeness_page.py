"""The completeness page: one ranking table per document kind and year, never mixed."""

from __future__ import annotations

import re

from juesuan.render.pages import render_completeness_page


def _ranking_tables(markdown: str) -> list[tuple[str, list[list[str]]]]:
    """(the heading above, the body rows) of each ranking table of the page's Markdown."""
    tables = []
    heading = ""
    rows: list[list[str]] | None = None
    for line in markdown.splitlines():
        if line.startswith("## "):
            heading = line
        if line.startswith("| ") and "名次" in line:
            rows = []
            tables.append((heading, rows))
        elif rows is not None and line.startswith("| "):
            rows.append([c.strip() for c in line.strip("| ").split(" | ")])
        elif rows is not None and not line.startswith("|"):
            rows = None
    return tables


def test_no_ranking_table_mixes_kinds_or_years(seed_disclosures):
    page = render_completeness_page(list(seed_disclosures.values()))
    tables = _ranking_tables(page)
    # 2024 final accounts (000, 001, 003), 2023 final accounts (002), 2024 self-evaluation.
    assert len(tables) == 3
    seen = set()
    for heading, rows in tables:
        years = {r[2] for r in rows}
        kinds = {r[3] for r in rows}
        assert len(years) == 1 and len(kinds) == 1, (heading, rows)
        (year,), (kind,) = years, kinds
        assert kind in heading and f"{year} 年度" in heading
        assert (kind, year) not in seen
        seen.add((kind, year))
        assert rows[0][0] == "1"
    assert seen == {
        ("部门（单位）决算公开说明", "2024"),
        ("部门（单位）决算公开说明", "2023"),
        ("整体支出绩效自评", "2024"),
    }


def test_attached_tables_are_shown_as_attached_not_missing(seed_disclosures):
    page = render_completeness_page([seed_disclosures["000"]])
    (_, rows), *_ = _ranking_tables(page)
    assert rows[0][6] == ""  # nothing missing
    assert "公开01表 收入支出决算总表" in rows[0][7]
    assert re.search(r"另附（本文未含） Attached separately", page)
