"""The completeness scorecard on the seeds (parts read by hand) and on fragments."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEEDS
from juesuan.convert import convert_path, convert_source
from juesuan.domain.template import PARTS
from juesuan.read.source import RawSource, Sidecar

TABLES_NOT_PRINTED = {f"table.{n:02d}" for n in (1, 2, 3, 4, 5, 6, 9)}
# Read by hand. 000–002 list the nine tables under 部门决算报表（见附表）: attached elsewhere, not
# in the text. All five say they have no 政府性基金 / 国有资本经营 money (…为空表, 无…支出情况,
# 003 under its printed 公开07/08表). 004 is a 整体支出绩效自评: its 基础数据表 leaves 公车购置,
# 公车运行维护 and 政府采购金额 blank, and it has no 机关运行经费, 国有资产, 名词解释 part.
MISSING = {
    "000": TABLES_NOT_PRINTED,
    "001": TABLES_NOT_PRINTED,
    "002": TABLES_NOT_PRINTED,
    "003": set(),
    "004": TABLES_NOT_PRINTED
    | {
        "sangong.vehicle_purchase",
        "sangong.vehicle_operation",
        "procurement.goods",
        "procurement.works",
        "procurement.services",
        "procurement.sme",
        "admin.operating_expenses",
        "assets",
        "glossary",
    },
}
DECLARED_EMPTY = {"table.07", "table.08"}


@pytest.mark.parametrize("seed", list(SEEDS))
def test_parts_found_match_the_hand_read_parts(seed):
    results = {r.part.part_id: r for r in convert_path(SEEDS[seed]).completeness}
    assert {p for p, r in results.items() if r.status == "missing"} == MISSING[seed]
    assert {p for p, r in results.items() if r.status == "empty_declared"} == DECLARED_EMPTY


@pytest.mark.parametrize("seed", list(SEEDS))
def test_every_part_found_says_where(seed):
    d = convert_path(SEEDS[seed])
    results = list(d.completeness)
    assert [r.part for r in results] == list(PARTS)
    for r in results:
        if r.status == "missing":
            assert r.evidence == "" and r.start is None
        else:
            assert r.evidence and r.found_by and r.start is not None, r
            assert 0 <= r.start < len(d.text)


def test_printed_empty_table_with_a_statement_is_declared_empty():
    results = {r.part.part_id: r for r in convert_path(SEEDS["003"]).completeness}
    fund = results["table.07"]
    assert fund.found_by == "statement"
    assert fund.evidence.startswith("公开07表 政府性基金预算财政拨款收入支出决算表｜")
    assert "我部门没有政府性基金收入" in fund.evidence


def _fragment(text: str):
    raw = RawSource(Path("fragment.txt"), "0" * 64, "utf-8", text, Sidecar())
    return {r.part.part_id: r for r in convert_source(raw).completeness}


FRAGMENT = """某某县科学技术协会2023年度部门决算公开说明
第二部分 部门决算情况说明
一、收入支出决算总体情况说明
2023年度收入总计100.00万元，其中：本年收入合计100.00万元。2023年度支出总计100.00万元，其中：本年支出合计100.00万元。
二、其他重要事项的情况说明
（一）国有资产占用情况说明
（二）政府采购情况说明
2023年度政府采购支出总额5.00万元，其中：政府采购货物支出5.00万元。
第三部分 名词解释
一、财政拨款收入：指本级财政当年拨付的资金。
二、上级补助收入：指事业单位从主管部门和上级单位取得的非财政补助收入。
"""


def test_a_heading_with_nothing_under_it_is_not_the_part():
    results = _fragment(FRAGMENT)
    assert results["assets"].status == "missing"
    assert results["glossary"].status == "present"
    assert results["glossary"].evidence == "第三部分 名词解释"


def test_procurement_counts_only_the_kinds_it_states():
    results = _fragment(FRAGMENT)
    assert results["procurement.goods"].status == "present"
    assert results["procurement.services"].status == "missing"
    assert results["procurement.sme"].status == "missing"


def test_no_statement_and_no_table_is_missing_not_declared_empty():
    results = _fragment(FRAGMENT)
    assert results["table.07"].status == "missing"
    assert results["table.08"].status == "missing"


def test_empty_statement_evidence_is_the_whole_sentence_from_its_start():
    statement = "本部门2023年度没有使用政府性基金预算财政拨款安排的支出，故公开07表为空表。"
    text = FRAGMENT + statement + "\n"
    results = _fragment(text)
    fund = results["table.07"]
    assert fund.status == "empty_declared"
    assert fund.evidence == statement.removesuffix("。")
    assert fund.start == text.index("本部门2023年度没有")


def test_empty_statement_keeps_at_most_thirty_characters_before_what_states_it():
    lead = "按照财政部门关于部门决算公开的统一要求和本县财政局的工作安排，本单位"  # 34 characters
    text = FRAGMENT + lead + "无国有资本经营预算财政拨款收入和支出。\n"
    fund = _fragment(text)["table.08"]
    assert fund.status == "empty_declared"
    assert fund.evidence == lead[4:] + "无国有资本经营预算财政拨款收入和支出"


def test_scorecard_is_computed_once_and_each_caller_gets_its_own_list():
    d = convert_path(SEEDS["003"])
    first = list(d.completeness)
    first.clear()  # a caller changing its list changes no one else's
    again = list(d.completeness)
    assert [r.part for r in again] == list(PARTS)
    assert d.completeness is d.completeness
    assert again == list(d.completeness)
