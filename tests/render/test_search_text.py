"""The lines a disclosure gives the search index: each figure people search by name, once."""

from __future__ import annotations

from decimal import Decimal

from expectations import expected_yaml
from juesuan.render.search_text import (
    SEARCH_ONLY_CLASS,
    SearchLine,
    fact_lines,
    item_lines,
    sangong_lines,
    search_only,
)

SEEDS = ("000", "001", "002", "003", "004")


def _figures(lines: list[SearchLine], term: str) -> list[str]:
    return [line.figure for line in lines if line.term == term]


def test_operating_expenses_line_holds_the_hand_read_figure(seed_disclosures):
    for seed in SEEDS:
        stated = (expected_yaml(seed).get("facts") or {}).get("admin.operating_expenses", [])
        figures = _figures(fact_lines(seed_disclosures[seed]), "机关运行经费")
        assert figures == [f"{v['value']} 万元" for v in stated], seed


def test_every_hand_read_item_is_a_line_by_its_own_name(seed_disclosures):
    for seed in SEEDS:
        lines = item_lines(seed_disclosures[seed])
        for item in expected_yaml(seed).get("expenditure_items") or []:
            if item.get("xiang") and item.get("amount") is not None:
                figure = f"{Decimal(item['amount']):.2f} 万元"
                # an item the table prints under other names is published under the table's
                name = (item.get("table_names") or [item["xiang"]])[-1]
                assert figure in _figures(lines, name), (seed, name)
        assert len(set(lines)) == len(lines), seed


def test_sangong_lines_give_the_actual_then_the_budget(seed_disclosures):
    total = sangong_lines(seed_disclosures["003"])[0]
    sangong = expected_yaml("003")["sangong"]["total"]
    assert total.term == "“三公”经费合计"
    assert total.figure == f"{sangong['actual']} 万元（预算 {sangong['budget']}）"
    for seed in SEEDS:
        expected = expected_yaml(seed)["facts"]["sangong.total"][0]["value"]
        first = sangong_lines(seed_disclosures[seed])[0]
        assert first.figure.startswith(f"{expected} 万元"), seed


def test_search_only_html_is_one_paragraph_a_line_and_inert():
    html = search_only(
        [SearchLine("<script>alert(1)</script>", "1.00 万元"), SearchLine("行政运行", "2 万元")]
    )
    assert html.count("<p>") == 2 and f'class="{SEARCH_ONLY_CLASS}" hidden' in html
    assert "<script>" not in html
    assert search_only([]) == ""


def test_performance_projects_are_searchable_by_name(seed_disclosures):
    """Seed 001's self-evaluation tables name the project 2024年厅地联动资金 (line 902). Its
    table is put into the page after indexing; the name reaches the index in a search-only
    line, unmarked (a long name is searched by its parts), with no figure."""
    from juesuan.render.pages import render_disclosure

    page = render_disclosure(seed_disclosures["001"])
    section = page.markdown.split("## 绩效自评")[1].split("\n## ")[0]
    assert f'<div class="{SEARCH_ONLY_CLASS}" hidden>' in section
    assert "<p>2024年厅地联动资金</p>" in section
    assert "<table" not in section  # the table is a fragment, not indexed as cells
    assert "2024年厅地联动资金" in page.fragments["projects"]
