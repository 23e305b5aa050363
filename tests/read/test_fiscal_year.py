"""The fiscal year without a title: the year the sentences state, or unknown.

The fragments are invented; their years are read off them.
"""

from __future__ import annotations

from juesuan.read.identity import detect_fiscal_year

BODY_2023 = (
    "一、收入支出决算总体情况说明\n"
    "2023年度收入总计120.50万元，支出总计118.20万元。\n"
    "二、财政拨款收入支出决算总体情况说明\n"
    "2023年度财政拨款收入110.00万元，比2022年度增加5.00万元。\n"
    "三、“三公”经费情况说明\n"
    "2023年度“三公”经费支出1.20万元。\n"
)


def test_without_a_title_the_sentences_year_is_taken():
    assert detect_fiscal_year(BODY_2023) == 2023


def test_a_compared_year_and_a_column_headers_year_are_not_the_texts():
    table = "项目\t2022年度决算数\t2022年度预算数\n合计\t1.00\t1.00\n"
    headers = "| 2022年度决算数 | 2022年度预算数 |\n"
    assert detect_fiscal_year(table + headers + BODY_2023) == 2023


def test_sentences_that_disagree_leave_the_year_unknown():
    text = (
        "2022年度收入总计100.00万元，支出总计98.00万元。\n"
        "2023年度财政拨款收入90.00万元。\n"
        "2022年度“三公”经费支出1.00万元。\n"
        "2023年度机关运行经费支出3.00万元。\n"
    )
    assert detect_fiscal_year(text) is None


def test_a_bare_majority_is_not_enough():
    text = (
        "2023年度收入总计100.00万元。\n2023年度支出总计98.00万元。\n"
        "2022年度“三公”经费支出1.00万元。\n"
    )
    assert detect_fiscal_year(text) is None
