"""Completeness is ranked among like texts only: one ranking per (document kind, fiscal
year). The seeds: 000, 001 and 003 are 2024 final accounts, 002 a 2023 one, 004 a 2024
performance self-evaluation (sidecars read by hand)."""

from __future__ import annotations

from collections import Counter

from juesuan.package.portal import catalogue_row, ranking_rows


def _ranking(seed_disclosures):
    disclosures = list(seed_disclosures.values())
    return ranking_rows(disclosures, {d.name: list(d.completeness) for d in disclosures})


def test_each_kind_and_year_is_ranked_on_its_own(seed_disclosures):
    rows = _ranking(seed_disclosures)
    groups = [(r["document_kind"], r["fiscal_year"]) for r in rows]
    # Each group's rows stand together, in one run, and each group starts at rank 1.
    runs = [g for i, g in enumerate(groups) if i == 0 or groups[i - 1] != g]
    assert len(runs) == len(set(runs)) == 3
    assert Counter(groups) == {
        ("final_accounts", "2024"): 3,
        ("final_accounts", "2023"): 1,
        ("performance_self_evaluation", "2024"): 1,
    }
    for g in runs:
        assert next(r["rank"] for r in rows if (r["document_kind"], r["fiscal_year"]) == g) == 1


def test_ranks_within_a_group_and_ties_share_one(seed_disclosures):
    name = {seed: d.name for seed, d in seed_disclosures.items()}
    by_package = {r["package"]: r for r in _ranking(seed_disclosures)}
    # 003 prints all nine tables; 000 and 001 refer to theirs (见附表): a tie at 2.
    assert by_package[name["003"]]["rank"] == 1
    assert by_package[name["000"]]["rank"] == by_package[name["001"]]["rank"] == 2
    # Alone in their group: the 2023 text and the self-evaluation are each first.
    assert by_package[name["002"]]["rank"] == 1
    assert by_package[name["004"]]["rank"] == 1


def test_referenced_tables_are_neither_missing_nor_present(seed_disclosures):
    d = seed_disclosures["000"]
    row = next(r for r in _ranking(seed_disclosures) if r["package"] == d.name)
    referenced = "table.01;table.02;table.03;table.04;table.05;table.06;table.09"
    assert (row["missing"], row["referenced"], row["parts_referenced"]) == ("", referenced, 7)
    assert row["parts_present"] == row["parts_total"] - 7
    catalogue = catalogue_row(d, list(d.completeness))
    assert (catalogue["parts_present"], catalogue["parts_referenced"]) == (
        row["parts_present"],
        7,
    )


def test_a_self_evaluation_is_scored_on_its_own_parts_not_the_accounts_template(
    seed_disclosures,
):
    d = seed_disclosures["004"]
    row = next(r for r in _ranking(seed_disclosures) if r["package"] == d.name)
    assert (row["parts_present"], row["parts_total"], row["missing"]) == (4, 4, "")
