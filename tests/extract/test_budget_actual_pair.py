"""The budget-then-actual pair (预算数X万元，决算数Y万元) has one pattern, used by the
narrative (三公 total), the 三公 components and the budget-rate checks."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from juesuan.checks.stated_ratios import stated_ratio_checks
from juesuan.domain.amounts import budget_and_actual, budget_then_actual
from juesuan.extract.narrative import narrative_candidates
from juesuan.extract.sangong import sangong_rows

WORDINGS = [
    ("全年预算数12.40万元，决算数11.85万元", "12.40", "11.85"),
    ("支出预算为3.10万元，支出决算为2.95万元", "3.10", "2.95"),
    ("预算数 48.6万元，决算数45万元", "48.6", "45"),
    ("全 年 预 算 是 9,120.00元， 决 算 是 8,800.00元", "0.912", "0.88"),
]


@pytest.mark.parametrize(("text", "budget", "actual"), WORDINGS)
def test_each_wording_gives_budget_and_actual(text, budget, actual):
    m = re.search(budget_then_actual(), text)
    assert m is not None and m.group(0) == text
    assert budget_and_actual(m) == (Decimal(budget), Decimal(actual))


def test_without_lead_the_match_starts_at_the_budget():
    m = re.search(budget_then_actual(lead=False), "全年预算数12.40万元，决算数11.85万元")
    assert m is not None and m.group(0).startswith("预算数")


def test_the_actual_may_be_optional():
    pattern = budget_then_actual(actual_optional=True)
    m = re.search(pattern, "全年预算数12.40万元。")
    assert m is not None and budget_and_actual(m) == (Decimal("12.40"), None)
    assert re.search(budget_then_actual(), "全年预算数12.40万元。") is None


def test_the_narrative_reads_the_sangong_total_pair():
    text = "2023年度“三公”经费支出全年预算数12.40万元，决算数11.85万元。"
    found = {c.key: c.value for c in narrative_candidates(text, lambda _offset: "三公经费")}
    assert found["sangong.budget_total"] == Decimal("12.40")
    assert found["sangong.total"] == Decimal("11.85")


def test_the_sangong_components_read_the_pair():
    text = "三、“三公”经费支出情况\n公务接待费支出预算为3.10万元，支出决算为2.95万元。"
    rows = sangong_rows(text, lambda _offset: "三公经费", (), [])
    read = {(r.item, r.phase): r.value for r in rows}
    assert read[("reception", "budget")] == Decimal("3.10")
    assert read[("reception", "actual")] == Decimal("2.95")


def test_the_budget_rate_check_reads_the_pair_and_its_rate():
    text = "一般公共预算财政拨款基本支出预算数250.00万元，决算数240.00万元，完成预算的96.00%。"
    checks = [c for c in stated_ratio_checks(text, [], [], []) if c.family == "budget_rates"]
    assert [(c.status, c.expected, c.actual) for c in checks] == [
        ("pass", Decimal("96.00"), Decimal("96.0000"))
    ]
    terms = {t.name: t.value for t in checks[0].terms}
    assert terms["预算数"] == Decimal("250.00") and terms["决算数"] == Decimal("240.00")
