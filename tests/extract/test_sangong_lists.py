"""“三公” as phased lists (预算支出：… / 决算支出：…); a subject between year and label."""

from __future__ import annotations

from decimal import Decimal

import pytest

from conftest import SEEDS
from fragments import facts_of
from juesuan.extract.sangong_lists import _HEAD, list_heads, listed_amounts
from juesuan.read.normalize import normalize_text
from juesuan.read.source import read_source

# Seed 004, line 360, as printed.
SEED_004_LISTS = (
    "3.“三公经费”支出使用和管理情况。2024年度“三公”经费预算支出：因公出国（境）费支出0万元，"
    "公务用车购置及运行费支出0万元，公务接待费支出0.68万元。“三公”经费决算支出：因公出国（境）费"
    "支出0万元，公务用车购置及运行费支出0万元，公务接待费支出0.68万元。2023年度“三公”经费决算支出："
    "因公出国（境）费支出0万元，公务用车购置及运行费支出0万元，公务接待费支出0.67万元。"
)


def _by_phase(text: str, year: int | None) -> dict[tuple[str, str], list[Decimal]]:
    out: dict[tuple[str, str], list[Decimal]] = {}
    for x in listed_amounts(normalize_text(text), year):
        out.setdefault((x.component, x.phase), []).append(x.value)
    return out


def test_seed_004_lists_give_this_years_budget_and_actual_only():
    got = _by_phase(SEED_004_LISTS, 2024)
    assert got == {
        ("abroad", "budget"): [Decimal("0")],
        ("vehicle", "budget"): [Decimal("0")],
        ("reception", "budget"): [Decimal("0.68")],
        ("abroad", "actual"): [Decimal("0")],
        ("vehicle", "actual"): [Decimal("0")],
        ("reception", "actual"): [Decimal("0.68")],
    }  # the 2023 list (接待 0.67) is last year's and never read


def test_a_list_of_another_year_is_not_read_as_this_years():
    assert _by_phase(SEED_004_LISTS, 2025) == {}


def test_other_wording_prior_year_marker_and_yuan():
    text = (
        "上年度“三公”经费决算情况：公务接待费9万元。"
        "“三公”经费决算数：因公出国(境)费为12,000元；公务用车运行维护费3.5万元；"
        "公务接待费 0.25 万元。"
    )
    got = _by_phase(text, 2023)
    assert got == {
        ("abroad", "actual"): [Decimal("1.2")],
        ("vehicle_operation", "actual"): [Decimal("3.5")],
        ("reception", "actual"): [Decimal("0.25")],
    }


def test_a_component_stated_twice_in_one_list_is_left_unread():
    text = "“三公”经费决算支出：公务接待费0.5万元，公务接待费0.6万元，因公出国（境）费0万元。"
    assert _by_phase(text, None) == {("abroad", "actual"): [Decimal("0")]}


def test_subject_between_year_and_label_in_a_gpb_section():
    # Seed 004, lines 361-363: under 一般公共预算支出情况, 基本支出 is the appropriation's.
    text = (
        "二、一般公共预算支出情况\n（一）基本支出情况\n"
        "2024年区科协基本支出为124.88万元，其中人员经费88.18万元，公用经费36.70万元。\n"
    )
    facts = facts_of(text)
    assert facts["gpb.basic"] == [Decimal("124.88")]
    assert "expenditure.basic" not in facts


def test_subject_may_not_turn_a_figure_into_another():
    facts = facts_of(
        "2024年本级基本支出为50.00万元。2024年一般公共预算财政拨款基本支出为80.00万元。"
        "2024年某某局基本支出为90.00万元。"
    )
    assert facts["expenditure.basic"] == [Decimal("90.00")]  # not 本级's 50, not the gpb 80
    assert facts["gpb.basic"] == [Decimal("80.00")]


HEAD_FRAGMENTS = [
    SEED_004_LISTS,
    # lead of spaces, a year with spaces, 上年度, a quote; 三 with no head after it
    "三个项目。 2024 年 度 “三公”经费预算：因公出国（境）费1万元。上年度三公经费决算：x",
    "同期三 公 经 费 决 算 情 况：公务接待费2万元。三三公经费预算：",
]


@pytest.mark.parametrize("text", HEAD_FRAGMENTS)
def test_list_heads_are_those_a_full_scan_finds(text):
    found = [m.span() for m in list_heads(text)]
    assert found == [m.span() for m in _HEAD.finditer(text)]
    assert found  # each fragment has a head


@pytest.mark.parametrize("seed", list(SEEDS))
def test_list_heads_on_the_seeds_are_those_a_full_scan_finds(seed):
    text = normalize_text(read_source(SEEDS[seed]).text)
    assert [m.span() for m in list_heads(text)] == [m.span() for m in _HEAD.finditer(text)]
