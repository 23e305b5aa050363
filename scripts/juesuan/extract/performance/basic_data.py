"""The 部门整体支出绩效评价基础数据表 of performance self-evaluations.

It states the year's 三公 and 公用经费 as rows of (label | 上年决算数 | 本年预算数 |
本年决算数). Columns are told apart by the year and the word 预算/决算 in their
heading, so only the fiscal year's budget and actual are read. A row is read
only when it has exactly as many cells as the heading row: the Word export
drops blank cells, and a shorter row cannot be placed without guessing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from juesuan.extract.narrative import Candidate
from juesuan.extract.template_tables import amount, cell_candidate
from juesuan.read.tables import Table

_ROWS = {
    "三公经费": ("sangong.total", "sangong.budget_total"),
    "公务接待": ("sangong.reception", None),
    "出国经费": ("sangong.abroad", None),
    "公务用车购置和维护经费": ("sangong.vehicle", None),
    "公车购置": ("sangong.vehicle_purchase", None),
    "公车运行维护": ("sangong.vehicle_operation", None),
    "公用经费": ("gpb.public_funds", None),
}
_LEAD = re.compile(r"^(?:其中[：:])?\s*(?:\d+[.、．])?\s*")


def basic_data_candidates(tables: list[Table], fiscal_year: int | None) -> Iterator[Candidate]:
    if fiscal_year is None:
        return
    for table in tables:
        if "基础数据表" not in table.title:
            continue
        header = None
        for row in table.rows:
            texts = ["".join(c.text.split()) for c in row]
            columns = {
                i: ("actual" if "决算" in t else "budget")
                for i, t in enumerate(texts)
                if t.startswith(str(fiscal_year)) and ("决算" in t or "预算" in t)
            }
            if columns:
                header = (len(row), columns)
                continue
            if header is None or len(row) != header[0]:
                continue
            keys = _ROWS.get(_LEAD.sub("", texts[0]))
            if keys is None:
                continue
            for i, phase in header[1].items():
                key = keys[0] if phase == "actual" else keys[1]
                value = amount(row[i], "万元")
                if key and value is not None:
                    yield cell_candidate(key, value, table, row[0].text, texts[i], row[i])
