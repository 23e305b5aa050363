"""A page that publishes one part alone (a standalone 三公 page) is, all of it, about that part:
its components are read though it prints no 三公 heading above them. Invented pages in the
wording real 三公 pages use; expected values read from the sentences below."""

from __future__ import annotations

from decimal import Decimal

from fragments import fragment_disclosure

# No headings at all: the title line, then the statements (as many standalone pages print).
NO_HEADINGS = """东岭县水利技术推广站2023年度“三公”经费决算情况
2023年度东岭县水利技术推广站“三公”经费财政拨款支出决算为2.70万元，完成全年预算3.00万元的90%。
因公出国（境）费支出0万元。公务用车购置费0万元，公务用车运行维护费支出1.90万元。公务接待费支出0.80万元。
"""


def _facts(text: str) -> dict[str, set[Decimal]]:
    found: dict[str, set[Decimal]] = {}
    for f in fragment_disclosure(text).facts:
        found.setdefault(f.key, set()).add(f.value)
    return found


def test_components_of_a_standalone_sangong_page_without_headings():
    facts = _facts(NO_HEADINGS)
    assert facts["sangong.total"] == {Decimal("2.70")}
    assert facts["sangong.abroad"] == {Decimal("0")}
    assert facts["sangong.vehicle_purchase"] == {Decimal("0")}
    assert facts["sangong.vehicle_operation"] == {Decimal("1.90")}
    assert facts["sangong.reception"] == {Decimal("0.80")}


def test_a_whole_disclosure_still_needs_the_heading():
    # The same component sentence in a whole disclosure, outside its 三公 part, is not read.
    whole = (
        "柳河县档案馆2023年度部门决算公开说明\n一、收入支出决算总体情况说明\n"
        "2023年度收入总计120.00万元，支出总计120.00万元。公务接待费支出0.80万元。\n"
        "二、机关运行经费支出情况说明\n2023年度机关运行经费支出10.00万元。\n"
    )
    assert "sangong.reception" not in _facts(whole)


def test_component_names_without_fee_are_the_components():
    # 因公出国（境）支出 / 公务用车运行支出: the component named without 费, amount after 支出
    page = (
        "西河县农业技术推广中心2022年度“三公”经费支出决算情况\n"
        "2022年度“三公”经费财政拨款支出决算为1.70万元。其中：因公出国(境)支出0万元；"
        "公务用车购置支出0万元；公务用车运行支出1.20万元；公务接待费支出0.50万元。\n"
    )
    facts = _facts(page)
    assert facts["sangong.abroad"] == {Decimal("0")}
    assert facts["sangong.vehicle_operation"] == {Decimal("1.20")}
    assert facts["sangong.reception"] == {Decimal("0.50")}
    assert facts["sangong.vehicle_purchase"] == {Decimal("0")}
