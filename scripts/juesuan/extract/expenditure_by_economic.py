"""Basic expenditure by economic classification (301 工资福利支出, 302 商品和服务支出 …).

Only the 一般公共预算财政拨款基本支出决算(明细)表 states it line by line. The
template prints it as side-by-side blocks of (code, name, amount), headed
人员经费 and 公用经费 — or, where the heading row only names the columns, closed
by a 人员经费合计 and a 公用经费合计 under the blocks; each block is read by its
position under its heading or above its total. Lines with a blank amount are not
stated and are left out.

A line's category is its economic class's, as the national classification (政府支出
经济分类) assigns it: 301 工资福利支出 and 303 对个人和家庭的补助 are 人员经费, the other
classes of basic expenditure 公用经费. Only a code outside those classes takes the
block it stands in, and only when that block is headed 人员经费 or 公用经费: a lost
heading row must not make a column header a category.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from juesuan.domain.template import template_number
from juesuan.extract.template_tables import amount, label
from juesuan.infra.by_fields import ByFields
from juesuan.read.tables import Table

_ECONOMIC_CODE = re.compile(r"^3\d{2}(?:\d{2})?$")
_CATEGORIES = ("人员经费", "公用经费")
_BASIC_TABLE = 6  # 公开06表
_CATEGORY_OF_CLASS = {
    "301": "人员经费",  # 工资福利支出
    "303": "人员经费",  # 对个人和家庭的补助
    "302": "公用经费",  # 商品和服务支出
    "307": "公用经费",  # 债务利息及费用支出
    "309": "公用经费",  # 资本性支出（基本建设）
    "310": "公用经费",  # 资本性支出
    "399": "公用经费",  # 其他支出
}


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


@dataclass(frozen=True, slots=True)
class EconomicRow(ByFields):
    code: str
    name: str
    amount: Decimal
    category: str | None  # 人员经费 / 公用经费, from the economic class
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

        def category(code: str, column: int, headings=headings) -> str | None:
            if found := _CATEGORY_OF_CLASS.get(code[:3]):
                return found
            before = [name for i, name in headings if i <= column]
            return before[-1] if before and before[-1] in _CATEGORIES else None

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
                name_text = "".join(name.text.split())
                rows.append(
                    EconomicRow(
                        code.text,
                        name_text,
                        value,
                        category(code.text, i),
                        evidence,
                        code.start,
                        cell.end,
                    )
                )
    return sorted(rows, key=lambda r: (r.code, r.start))
