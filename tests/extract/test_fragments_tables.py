"""Tables and 三公 wordings in layouts the seeds do not use."""

from __future__ import annotations

from decimal import Decimal

from fragments import fragment_disclosure
from juesuan.extract.template_tables import table_candidates
from juesuan.read.normalize import normalize_text
from juesuan.read.tables import find_tables

TABLE_IN_YUAN = """某某县农业农村局2022年度部门决算
收入支出决算总表
公开01表
单位：元
收入\t\t\t支出\t\t
项目\t行次\t决算数\t项目\t行次\t决算数
本年收入合计\t６\t１２３４５６７．８９\t本年支出合计\t２９\t１，２００，０００．００
年初结转和结余\t７\t５００００\t年末结转和结余\t３０\t８４５６７．８９
总计\t８\t１２８４５６７．８９\t总计\t３１\t１２８４５６７．８９
"""


def test_table_in_yuan_with_fullwidth_digits_is_read_in_wan_yuan():
    found = {c.key: c.value for c in table_candidates(find_tables(normalize_text(TABLE_IN_YUAN)))}
    assert found["revenue.current_year"] == Decimal("123.456789")
    assert found["revenue.carryover_begin"] == Decimal("5")
    assert found["revenue.grand_total"] == Decimal("128.456789")
    assert found["expenditure.grand_total"] == Decimal("128.456789")
    assert found["expenditure.carryover_end"] == Decimal("8.456789")
    # 1，200，000.00 uses a full-width comma: not a thousands separator we accept, left unread
    assert "expenditure.current_year" not in found


SANGONG_OTHER_WORDING = """某某市统计局2023年度部门决算
第二部分 部门决算情况说明
九、一般公共预算财政拨款“三公”经费支出决算情况说明
2023年度一般公共预算财政拨款“三公”经费支出预算为12.00万元，支出决算为10.50万元，完成预算的87.50%。
1.因公出国（境）费预算为0万元，支出决算为0万元。全年因公出国（境）团组0个，累计0人次。
2.公务用车购置及运行费预算为8.00万元，支出决算为7.20万元。其中：公务用车购置支出0万元；公务用车运行维护支出7.20万元。公务用车保有量为3辆。
3.公务接待费预算为4.00万元，支出决算为3.30万元。共接待国内来访团组5个、来宾40人次。
"""


def test_another_wording_of_the_sangong_paragraph():
    d = fragment_disclosure(SANGONG_OTHER_WORDING)
    facts = {f.key: f.value for f in d.facts}
    assert facts["sangong.budget_total"] == Decimal("12.00")
    assert facts["sangong.total"] == Decimal("10.50")
    assert facts["sangong.vehicles_held"] == Decimal("3")
    assert facts["sangong.reception_batches"] == Decimal("5")
    assert facts["sangong.reception_persons"] == Decimal("40")
    rows = {(r.item, r.phase): r.value for r in d.sangong}
    assert rows[("vehicle", "budget")] == Decimal("8.00")
    assert rows[("vehicle", "actual")] == Decimal("7.20")
    assert rows[("reception", "budget")] == Decimal("4.00")
    assert rows[("reception", "actual")] == Decimal("3.30")
    assert rows[("abroad_groups", "actual")] == Decimal("0")
    # a budget is never read as an actual
    assert facts.get("sangong.vehicle") != Decimal("8.00")


PDF_WRAPPED = """某某区财政局 2021 年度部门决算公开说明
第二部分 部门决算情况说明
一、收入支出决算总体情况说明
2021 年度收入总计 1,020.40 万元，其中：本
年收入合计 1,000.00 万元，使用非财政拨款结余 0.00 万元，
年初结转和结余 20.40 万元。2021 年度支出总计 1,020.40
万元，其中：本年支出合计 990.40 万元，结余分配 0.00 万
元，年末结转和结余 30.00 万元。
三、支出决算情况说明
本年支出 990.40 万元，其中：基本支出 600.40 万元，占 60.62%；项目支
出 390.00 万元，占 39.38%。
"""


def test_pdf_wrapped_paragraph_with_other_line_breaks():
    d = fragment_disclosure(PDF_WRAPPED)
    facts = {f.key: f.value for f in d.facts}
    assert facts["revenue.grand_total"] == Decimal("1020.40")
    assert facts["revenue.current_year"] == Decimal("1000.00")
    assert facts["revenue.carryover_begin"] == Decimal("20.40")
    assert facts["expenditure.grand_total"] == Decimal("1020.40")
    assert facts["expenditure.current_year"] == Decimal("990.40")
    assert facts["expenditure.surplus_distribution"] == Decimal("0.00")
    assert facts["expenditure.carryover_end"] == Decimal("30.00")
    assert facts["expenditure.project"] == Decimal("390.00")
    assert d.meta.department == "某某区财政局" and d.meta.fiscal_year == 2021
    assert {c.check_id: c.status for c in d.checks}["revenue.grand_total.parts"] == "pass"


def test_truncated_disclosure_keeps_what_is_there_and_warns():
    from conftest import seed_text

    text = seed_text("000")
    cut = text[: text.index("四、财政拨款收入支出决算总体情况说明")]  # truncated mid-document
    d = fragment_disclosure(cut)
    facts = {f.key: f.value for f in d.facts}
    assert facts["revenue.grand_total"] == Decimal("658.30")
    assert "sangong.total" not in facts
    warning = next(w for w in d.warnings if w.startswith("未见模板的以下部分"))
    assert (
        "财政拨款收入支出决算总体情况" in warning
        and "一般公共预算财政拨款基本支出决算情况" in warning
    )
