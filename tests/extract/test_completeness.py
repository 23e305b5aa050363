"""The completeness scorecard on the seeds (parts read by hand) and on fragments."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SEEDS
from juesuan.convert import convert_path, convert_source
from juesuan.domain.template import PARTS, parts_of_kind
from juesuan.read.source import RawSource, Sidecar

TABLES_NOT_PRINTED = {f"table.{n:02d}" for n in (1, 2, 3, 4, 5, 6, 9)}
# Read by hand. 000–002 list the nine tables under 部门决算报表（见附表）: attached elsewhere, not
# in the text, so referenced, not missing. All four final accounts say they have no 政府性基金 /
# 国有资本经营 money (…为空表, 003 under its printed 公开07/08表). 004 is a 整体支出绩效自评,
# scored on its own parts: 附件1 …基础数据表 (line 1), …整体支出绩效自评表 (line 141), the
# report's 六、部门整体支出绩效情况 (line 372) and 七、存在的问题及原因分析 (line 379).
MISSING = {"000": set(), "001": set(), "002": set(), "003": set(), "004": set()}
REFERENCED = {
    "000": TABLES_NOT_PRINTED,
    "001": TABLES_NOT_PRINTED,
    "002": TABLES_NOT_PRINTED,
    "003": set(),
    "004": set(),
}
DECLARED_EMPTY = {
    "000": {"table.07", "table.08"},
    "001": {"table.07", "table.08"},
    "002": {"table.07", "table.08"},
    "003": {"table.07", "table.08"},
    "004": set(),
}
SELF_EVALUATION = {
    "self_evaluation.basic_data": "附件1 2024年度部门整体支出绩效评价基础数据表",
    "self_evaluation.scored_table": "2024年度部门整体支出绩效自评表",
    "self_evaluation.results": "六、部门整体支出绩效情况",
    "self_evaluation.problems": "七、存在的问题及原因分析",
}


@pytest.mark.parametrize("seed", list(SEEDS))
def test_parts_found_match_the_hand_read_parts(seed):
    results = {r.part.part_id: r for r in convert_path(SEEDS[seed]).completeness}
    assert {p for p, r in results.items() if r.status == "missing"} == MISSING[seed]
    assert {p for p, r in results.items() if r.status == "referenced"} == REFERENCED[seed]
    assert {p for p, r in results.items() if r.status == "empty_declared"} == DECLARED_EMPTY[seed]


@pytest.mark.parametrize("seed", ["000", "001", "002"])
def test_tables_attached_separately_are_referenced_where_the_text_says_so(seed):
    d = convert_path(SEEDS[seed])
    results = {r.part.part_id: r for r in d.completeness}
    for part in TABLES_NOT_PRINTED:
        r = results[part]
        assert (r.found_by, r.evidence) == ("reference", "第四部分 部门决算报表（见附表）")
        assert d.text[r.start :].startswith("第四部分 部门决算报表（见附表）")
        assert not r.counts and not r.missing


def test_a_performance_self_evaluation_is_scored_on_its_own_parts():
    d = convert_path(SEEDS["004"])
    results = {r.part.part_id: r for r in d.completeness}
    assert set(results) == set(SELF_EVALUATION)  # no 决算 table is asked of it
    for part, evidence in SELF_EVALUATION.items():
        assert results[part].status == "present"
        assert results[part].evidence.startswith(evidence)


@pytest.mark.parametrize("seed", list(SEEDS))
def test_every_part_found_says_where(seed):
    d = convert_path(SEEDS[seed])
    results = list(d.completeness)
    assert [r.part for r in results] == list(parts_of_kind(d.meta.document_kind))
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


# Invented wordings of "the tables are elsewhere", each closing the FRAGMENT above (which
# prints none of the nine tables).
ATTACHED_WHOLE = [
    "第五部分 2023年度部门决算公开表（详见附件）\n",
    "本部门2023年度决算报表另行公开。\n",
    "附件：某某县科学技术协会2023年度部门决算表\n",
    "四、部门决算报表见附表\n",
]


@pytest.mark.parametrize("line", ATTACHED_WHOLE)
def test_a_line_saying_the_accounts_tables_are_attached_refers_to_every_unprinted_table(line):
    results = _fragment(FRAGMENT + line)
    for n in (1, 2, 3, 4, 5, 6, 7, 8, 9):
        r = results[f"table.{n:02d}"]
        assert (r.status, r.found_by, r.evidence) == ("referenced", "reference", line.strip())
        assert not r.counts and not r.missing
    assert results["assets"].status == "missing"  # only tables are ever referenced


def test_a_line_naming_one_attached_table_refers_to_that_table_only():
    line = "附件：《财政拨款“三公”经费支出决算表》\n"
    results = _fragment(FRAGMENT + line)
    assert results["table.09"].status == "referenced"
    assert results["table.09"].evidence == line.strip()
    assert results["table.01"].status == "missing"


@pytest.mark.parametrize(
    "line",
    [
        "具体项目情况见附表。\n",  # no word for the accounts tables
        "2023年度《项目支出绩效自评表》详见附件。\n",  # another kind of table
        "本部门2023年度收入支出决算表中各项数据与年初预算相比变动较大，主要是追加了科普"
        "项目经费，详细情况另行公开于本部门网站的专栏之中，请公众查阅并提出意见和建议。\n",
    ],
)
def test_a_passing_mention_of_an_attachment_refers_to_no_table(line):
    results = _fragment(FRAGMENT + line)
    assert {r.status for p, r in results.items() if p.startswith("table.")} == {"missing"}


def test_a_printed_or_declared_empty_table_is_not_referenced():
    statement = "本部门没有政府性基金预算财政拨款收入和支出，公开07表为空表。\n"
    results = _fragment(FRAGMENT + statement + "第四部分 部门决算报表（见附表）\n")
    assert results["table.07"].status == "empty_declared"
    assert results["table.01"].status == "referenced"
