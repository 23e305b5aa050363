"""Classification tables and 三公 of the five seeds against the hand-read expectations.

tests/expected/NNN.yaml were written by people reading sources/NNN_*.txt, not by the parser.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from conftest import SEEDS
from juesuan.convert import convert_path
from juesuan.pipeline.build import fill_codes_across

EXPECTED = {
    seed: yaml.safe_load(
        (Path(__file__).parents[1] / "expected" / f"{seed}.yaml").read_text("utf-8")
    )
    for seed in SEEDS
}


@pytest.fixture(scope="module")
def converted():
    disclosures = fill_codes_across([convert_path(path) for path in SEEDS.values()])
    return dict(zip(SEEDS, disclosures, strict=True))


def dec(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_every_expenditure_item_with_its_change_and_reason(converted, seed):
    ours = {i.names: i for i in converted[seed].expenditure_items if i.level == "xiang"}
    for item in EXPECTED[seed].get("expenditure_items") or []:
        names = tuple(item.get("table_names") or (item["class"], item["kuan"], item["xiang"]))
        assert names in ours, f"{seed}: item {names} not found"
        got = ours[names]
        assert got.amount == dec(item["amount"]), names
        for field, key in (
            ("change", "change"),
            ("change_pct", "change_pct"),
            ("initial_budget", "initial_budget"),
        ):
            if item.get(key) is not None:
                assert getattr(got, field) == dec(item[key]), (names, field)
        if item.get("code"):
            assert got.code == item["code"], names
        if item.get("reason_starts"):
            assert (got.reason or "").startswith(item["reason_starts"][:8]), names


def test_an_item_the_narrative_names_otherwise_is_published_once(converted):
    """003 states 其他扶贫支出 2.99 in its narrative and 2130599 in 公开05表 (hand-read):
    one row, with the table's code and the narrative's budget and reason."""
    items = converted["003"].expenditure_items
    farm = [i for i in items if i.class_name == "农林水支出" and i.level == "xiang"]
    assert len(farm) == 1
    (only,) = farm
    assert (only.code, only.amount, only.initial_budget) == ("2130599", Decimal("2.99"), 0)
    assert (only.reason or "").startswith("此项目预算")


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_every_class_with_amount_and_share(converted, seed):
    ours = {i.class_name: i for i in converted[seed].expenditure_items if i.level == "class"}
    for row in EXPECTED[seed].get("expenditure_classes") or []:
        got = ours[row["class"]]
        assert got.amount == dec(row["amount"]), row
        assert got.share_pct == dec(row["share_pct"]), row


def test_codes_printed_by_one_disclosure_fill_the_same_names_in_others(converted):
    filled = [i for i in converted["000"].expenditure_items if i.code_source == "code_table"]
    by_name = {i.xiang_name: i.code for i in filled if i.level == "xiang"}
    # 003 prints 2060702 科普活动 under 206 科学技术支出 / 20607 科学技术普及
    assert by_name["科普活动"] == "2060702"
    # names 003 does not print keep no code: never inferred from a name alone
    assert "一般行政管理事务" not in by_name


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_economic_classification_rows(converted, seed):
    expected = {
        (r["code"], dec(r["amount"])) for r in EXPECTED[seed].get("expenditure_by_economic") or []
    }
    assert {(r.code, r.amount) for r in converted[seed].economic} == expected


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_sangong_budget_actual_and_counts(converted, seed):
    expected = EXPECTED[seed].get("sangong") or {}
    ours: dict[tuple[str, str], set[Decimal]] = {}
    for row in converted[seed].sangong:
        ours.setdefault((row.item, row.phase), set()).add(row.value)
    for component, phases in expected.items():
        if component == "counts":
            for item, value in phases.items():
                if value is not None:
                    assert ours.get((item, "actual")) == {dec(value)}, (seed, item)
            continue
        for phase in ("budget", "actual"):
            if phases.get(phase) is not None:
                assert ours.get((component, phase)) == {dec(phases[phase])}, (
                    seed,
                    component,
                    phase,
                )
