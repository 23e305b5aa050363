"""Basic expenditure by economic classification (301 工资福利支出, 302 商品和服务支出 …).

Only the 一般公共预算财政拨款基本支出决算明细表 states it line by line. The
template prints it as side-by-side blocks of (code, name, amount), headed
人员经费 and 公用经费; each block is read by its position under its heading.
Lines with a blank amount are not stated and are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from juesuan.extract.template_tables import amount, label
from juesuan.read.tables import Table

_ECONOMIC_CODE = re.compile(r"^3\d{2}(?:\d{2})?$")


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
        if "基本支出决算明细表" not in table.title or not table.rows:
            continue
        headings = [(i, label(c.text)) for i, c in enumerate(table.rows[0]) if label(c.text)]

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
