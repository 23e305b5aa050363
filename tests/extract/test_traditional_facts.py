"""Figures are read from a copy in traditional characters with pinyin readings inserted,
as from the simplified original (invented fragment: the school and the figures are made up)."""

from __future__ import annotations

from decimal import Decimal

from fragments import facts_of

MIRRORED = (
    "南溪市職業(yè)技術學(xué)院政府採購決算公開情況說明\n"
    "2022年度政府採購支出總額640.75萬元，其中：政府採購貨物支出120.5萬元，"
    "政府採購工程支出400萬元，政府採購服務(wù)支出120.25萬元。"
    "授予中小企業(yè)合同金額300.6萬元。\n"
)


def test_procurement_figures_of_a_traditional_copy_are_read():
    facts = facts_of(MIRRORED)
    assert facts["procurement.total"] == [Decimal("640.75")]
    assert facts["procurement.goods"] == [Decimal("120.5")]
    assert facts["procurement.works"] == [Decimal("400")]
    assert facts["procurement.services"] == [Decimal("120.25")]
    assert facts["procurement.sme"] == [Decimal("300.6")]
