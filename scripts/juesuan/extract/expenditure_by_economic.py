"""Basic expenditure by economic classification (301 工资福利支出, 302 商品和服务支出 …).

Only the 一般公共预算财政拨款基本支出决算(明细)表 states it line by line. The
template prints it as side-by-side blocks of (code, name, amount), headed
人员经费 and 公用经费 — or, where the heading row only names the columns, closed
by a 人员经费合计 and a 公用经费合计 under the blocks; each block is read by its
position under its heading or above its total. Lines with a blank amount are not
stated and are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from juesuan.domain.template import template_number
from juesuan.extract.template_tables import amount, label
from juesuan.read.tables import Table

_ECONOMIC_CODE = re.compile(r"^3\d{2}(?:\d{2})?$")
_CATEGORIES = ("人员经费", "公用经费")
_BASIC_TABLE = 6  # 公开06表


def _block_headings(table: Table) -> list[tuple[int, str]]:
    """(column, 人员经费/公用经费) where each block starts: from the heading row, else
    from the block totals (人员经费合计 …) printed under the blocks."""
    first = [(i, label(c.text)) for i, c in enumerate(table.rows[0]) if label(c.text)]
    if any(name in _CATEGORIES for _, name in first):
        return first
    for row in reversed(table.rows):
        totals = [
            (i, label(c.text).removesuffix("合计"))
            for i, c in enumerate(row)
            if label(c.text).removesuffix("合计") in _CATEGORIES and label(c.text).endswith("合计")
        ]
        if totals:
            return totals
    return first


@dataclass(frozen=True)
class EconomicRow:
    code: str
    name: str
    amount: Decimal
    category: str | None  # 人员经费 / 公用经费, from the block heading
    evidence: str
    start: int
    end: int


def economic_rows(tables: list[Table]) -> list[EconomicRow]:
    rows: list[EconomicRow] = []
    for table in tables:
        if not table.rows or (
            "基本支出决算明细表" not in table.title
            and template_number(table.code, table.title) != _BASIC_TABLE
        ):
            continue
        headings = _block_headings(table)

        def category(column: int, headings=headings) -> str | None:
            before = [name for i, name in headings if i <= column]
            return before[-1] if before else None

        for row in table.rows[1:]:
            for i in range(len(row) - 2):
                code, name, cell = row[i], row[i + 1], row[i + 2]
                if not _ECONOMIC_CODE.match(code.text):
                    continue
                value = amount(cell, table.unit)
                if value is None:
                    continue
                where = f"{table.code or ''} {table.title}".strip()
                evidence = f"{where}｜{code.text} {name.text}｜{cell.text}"
                name_text = re.sub(r"\s+", "", name.text)
                rows.append(
                    EconomicRow(
                        code.text, name_text, value, category(i), evidence, code.start, cell.end
                    )
                )
    return sorted(rows, key=lambda r: (r.code, r.start))
