"""Trust signals agree with what the page shows: a figure stated twice with different values
is a contradiction in the badge, on the home page and in catalogue.csv; checks that do not
apply to a kind of document are not listed as gaps.

Expected values come from reading the seed texts (tests/expected/NNN.yaml), not the code.
"""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest

from conftest import SEEDS, seed_text
from juesuan.convert import convert_path
from juesuan.disclosure import Disclosure
from juesuan.package.portal import catalogue_row
from juesuan.render.headline import check_badge, key_figure_rows
from juesuan.render.pages import listing_rows

# Seed 000, line 22 restates 本年收入合计 (line 18: 本年收入合计610.56万元) as 本年收入610.56万元.
RESTATEMENT = "本年收入610.56万元，其中："
CHANGED = "本年收入560.79万元，其中："


@pytest.fixture(scope="module")
def conflicting(tmp_path_factory: pytest.TempPathFactory) -> Disclosure:
    """Seed 000 with one restatement of 本年收入合计 changed: 610.56 in one sentence, 560.79 in
    another."""
    folder = tmp_path_factory.mktemp("conflict")
    text = seed_text("000")
    assert text.count(RESTATEMENT) == 1
    path = folder / SEEDS["000"].name
    path.write_text(text.replace(RESTATEMENT, CHANGED), encoding="utf-8")
    shutil.copy(SEEDS["000"].with_suffix(".yml"), folder)
    return convert_path(path)


def test_conflicting_values_are_shown_with_the_warning(conflicting):
    row = next(r for r in key_figure_rows(conflicting) if r["label"] == "本年收入合计")
    assert "610.56" in row["value"] and "560.79" in row["value"] and "⚠" in row["value"]


def test_conflicting_values_count_as_a_contradiction_in_the_badge(conflicting):
    badge = check_badge(conflicting)
    assert badge["css"] == "fail"
    assert "矛盾" in badge["text"] and "全部一致" not in badge["text"]
    assert "0 矛盾" not in badge["detail"]
    check = next(c for c in conflicting.checks if c.check_id == "conflict.revenue.current_year")
    assert check.status == "fail"
    assert {t.value for t in check.terms} == {Decimal("610.56"), Decimal("560.79")}


def test_conflicting_values_count_on_the_listing_pages_and_in_the_catalogue(conflicting):
    (row,) = listing_rows([conflicting])
    assert "不一致" in row["checks"] and not row["checks"].startswith("一致")
    catalogue = catalogue_row(conflicting, list(conflicting.completeness))
    assert catalogue["checks_failed"] >= 1
    assert catalogue["revenue_grand_total"] == "658.30"  # 收入总计 is stated once (line 18)


def test_the_unchanged_seed_has_no_conflict_check(seed_disclosures):
    assert not [c for c in seed_disclosures["000"].checks if c.family == "conflicting_values"]


def test_template_checks_do_not_apply_to_a_performance_self_evaluation(seed_disclosures):
    """Seed 004 is a 整体支出绩效自评: it states no 收入总计/支出总计, no 财政拨款收入支出总计
    and no 政府采购 figures, so those sums and bounds are not applicable: neither run nor
    listed as 无法检查. 基本支出 = 人员经费 + 公用经费 is about figures it states (基本支出124.88,
    人员经费88.18, 公用经费 4.13 and 36.70): it stays, not checkable because of the conflict."""
    d = seed_disclosures["004"]
    ids = {c.check_id for c in d.checks}
    not_applicable = {
        "revenue.grand_total.parts",
        "grand_total.balance",
        "fiscal.balance",
        "procurement.total.parts",
        "procurement.sme.bound",
        "procurement.small_micro.bound",
    }
    assert not not_applicable & ids
    assert next(c for c in d.checks if c.check_id == "gpb.basic.parts").status == "not_checkable"
    assert "performance.overall.score" in ids
    # Its 公用经费 is stated as 4.13 (附件1 table) and 36.70 (narrative): still a contradiction.
    assert "restated.gpb.public_funds" in ids


def test_final_accounts_keep_unreadable_template_checks_as_gaps(seed_disclosures):
    """Seed 003 (部门决算) leaves some totals unreadable: those remain 无法检查."""
    d = seed_disclosures["003"]
    assert [c for c in d.checks if c.status == "not_checkable" and c.family == "totals"]


def test_passing_checks_are_counted_by_family_and_the_others_listed(seed_disclosures):
    """A page lists each check that did not pass, with its terms; the passing ones are
    counted by family (their list was ~10 KB a page) and left to checks.csv."""
    from juesuan.registry.checks import CHECK_FAMILIES, FAMILY_TITLES
    from juesuan.render.pages import render_disclosure

    assert set(FAMILY_TITLES) == set(CHECK_FAMILIES)
    d = seed_disclosures["000"]
    checks = render_disclosure(d).fragments["checks"]
    passed = [c for c in d.checks if c.status == "pass"]
    others = [c for c in d.checks if c.status != "pass"]
    assert passed and others
    assert f"{len(passed)} 项一致 / passing：" in checks
    # 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 holds in seed 000 as printed
    # (line 18: 658.30 = 610.56 + 0.00 + 47.74)
    assert next(c for c in passed if c.check_id == "revenue.grand_total.parts")
    assert "revenue.grand_total.parts" not in checks
    assert FAMILY_TITLES["totals"] in checks
    for c in others:
        assert f"<code>{c.check_id}</code>" in checks
