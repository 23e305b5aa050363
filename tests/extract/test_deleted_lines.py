"""Damage by deletion: a title, a table header or a heading lost never gives a wrong value.

Each structural line of each seed (the first lines, every heading, every table title,
every row of a table without a decimal figure, i.e. its headers) is deleted in turn,
and a few lines at random with fixed seeds; the damaged text must convert, write a
package that validates, and read only hand-read values.
"""

from __future__ import annotations

import random
import re
from decimal import Decimal

import pytest

from conftest import SEEDS, seed_text
from expectations import expected_pairs
from fragments import facts_of, fragment_disclosure
from juesuan.package.files import write_package
from juesuan.package.validate_one import validate_package
from juesuan.read.sections import is_heading

# Each damaged seed is written and validated with frictionless: the slow part of the suite.
pytestmark = pytest.mark.build


def _structural(lines: list[str]) -> list[int]:
    out = {i for i, ln in enumerate(lines) if ln.strip()}
    out = set(sorted(out)[:4])
    for i, ln in enumerate(lines):
        s = ln.strip()
        header = "\t" in s and not re.search(r"\d\.\d", s)
        if is_heading(ln) or (s.endswith("表") and len(s) < 60) or header:
            out.add(i)
    return sorted(out)


def _check(seed: str, text: str, tmp_path) -> None:
    d = fragment_disclosure(text, f"{seed}.txt")
    pairs = {(f.key, f.value) for f in d.facts}
    assert pairs <= expected_pairs(seed), pairs - expected_pairs(seed)
    out = tmp_path / "pkg"
    write_package(d, out)
    assert validate_package(out / "datapackage.json") == []


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_each_structural_line_deleted(seed, tmp_path):
    lines = seed_text(seed).split("\n")
    for n, i in enumerate(_structural(lines)):
        _check(seed, "\n".join(lines[:i] + lines[i + 1 :]), tmp_path / str(n))


@pytest.mark.parametrize("seed", sorted(SEEDS))
@pytest.mark.parametrize("draw", range(4))
def test_lines_deleted_at_random(seed, draw, tmp_path):
    lines = seed_text(seed).split("\n")
    drop = set(random.Random(draw).sample(range(len(lines)), 5))
    _check(seed, "\n".join(ln for i, ln in enumerate(lines) if i not in drop), tmp_path)


def test_a_lost_title_does_not_take_the_year_from_a_column_header():
    lines = seed_text("004").split("\n")
    d = fragment_disclosure("\n".join(lines[1:]), "004.txt")  # its title line deleted
    assert d.meta.fiscal_year != 2023  # 2023年决算数 is a column, not the title


def test_the_fiscal_scope_total_is_not_the_units():
    text = "2024年度财政拨款收入总计610.56万元，支出总计610.56万元。\n"
    facts = facts_of(text)
    assert "expenditure.grand_total" not in facts
    assert facts["fiscal.expenditure_total"] == [Decimal("610.56")]


def test_a_lost_group_header_does_not_make_a_column_header_a_category(tmp_path):
    # 003's 基本支出 table loses the row heading its blocks 人员经费 / 公用经费 and the
    # row of block totals under them: the categories come from the economic codes.
    lines = seed_text("003").split("\n")
    heading = {"人员经费", "公用经费"}
    lost = [
        i
        for i, ln in enumerate(lines)
        if {c.strip() for c in ln.split("\t") if c.strip()} == heading
        or ln.startswith("人员经费合计\t")
    ]
    assert len(lost) == 2
    text = "\n".join(ln for i, ln in enumerate(lines) if i not in lost)
    _check("003", text, tmp_path)
    d = fragment_disclosure(text, "003.txt")
    assert {(r.code[:3], r.category) for r in d.economic} == {
        ("301", "人员经费"),
        ("303", "人员经费"),
        ("302", "公用经费"),
    }


def test_the_category_is_the_economic_class_s_not_a_header_cell():
    text = (
        "一般公共预算财政拨款基本支出决算明细表\n公开06表\n单位：万元\n"
        "科目编码\t科目名称\t决算数\t科目编码\t科目名称\t决算数\n"
        "301\t工资福利支出\t50.00\t302\t商品和服务支出\t8.00\n"
        "30101\t基本工资\t30.00\t30201\t办公费\t3.00\n"
        "303\t对个人和家庭的补助\t2.00\t310\t资本性支出\t1.00\n"
    )
    d = fragment_disclosure(text)
    assert {r.code: r.category for r in d.economic} == {
        "301": "人员经费",
        "30101": "人员经费",
        "303": "人员经费",
        "302": "公用经费",
        "30201": "公用经费",
        "310": "公用经费",
    }
