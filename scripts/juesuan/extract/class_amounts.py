"""The amount of each functional class (类) as every template table that prints it states it.

The template prints a class's spending in two tables per scope:
- all funds: the 收入支出决算总表 (expenditure side, one row per class, numbered
  一、二、…, column 决算数) and the 支出决算表 (class row with its 3-digit code, column
  本年支出合计);
- 一般公共预算财政拨款: the 财政拨款收入支出决算总表 (expenditure side, column
  一般公共预算财政拨款) and the 一般公共预算财政拨款支出决算表 (class row, column
  合计 or 小计).
Each statement keeps its table, row, column and cell as evidence. A blank cell states
nothing; a summary-table row is matched to a class by its name (the summary tables print
no codes), and a 总表 without a 一般公共预算财政拨款 column says nothing about that scope.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from juesuan.extract.template_tables import (
    amount,
    first_amount,
    heading_rows,
    label,
    sides,
    table_kind,
)
from juesuan.read.tables import Cell, Table

ALL_FUNDS = "all_funds"
GPB = "gpb"
SCOPES = {
    ALL_FUNDS: ("本年支出", "all funds"),
    GPB: ("一般公共预算财政拨款支出", "GPB appropriation"),
}

# (scope, summary table, detail table, detail column headings)
_PAIRS = (
    (ALL_FUNDS, "收入支出决算总表", "支出决算表", ("本年支出合计",)),
    (GPB, "财政拨款收入支出决算总表", "一般公共预算财政拨款支出决算表", ("合计", "小计")),
)
_SUMMARY_GPB_COLUMN = "一般公共预算财政拨款"
_NUMBERED = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]")
_CLASS_CODE = re.compile(r"^\d{3}$")


@dataclass(frozen=True)
class ClassAmount:
    """One table's statement of a class's spending in one scope."""

    scope: str  # ALL_FUNDS or GPB
    name: str  # class name as printed, numbering and spaces removed
    code: str | None  # printed 3-digit code (detail tables only)
    value: Decimal
    table: str  # the template title of the table it was read from
    evidence: str  # table｜row｜column｜cell
    start: int
    end: int


def _evidence(table: Table, row_label: str, column: str, cell: Cell) -> str:
    where = " ".join(x for x in (table.code, table.title) if x)
    return f"{where}｜{row_label}｜{column}｜{cell.text}"


def _heading(cell: Cell) -> str:
    return label(cell.text).rsplit("/", 1)[-1]


def _summary_rows(table: Table, scope: str, kind: str) -> Iterator[ClassAmount]:
    """Class rows of a 总表's expenditure side (numbered, a name ending in 支出)."""
    headings = heading_rows(table)
    for side, start, stop in sides(table):
        if side != "支出":
            continue
        if scope == GPB:
            column = next(
                (
                    i
                    for row in headings
                    for i in range(start, min(stop, len(row)))
                    if _heading(row[i]) == _SUMMARY_GPB_COLUMN
                ),
                None,
            )
            if column is None:
                return
        for row in table.rows[1:]:
            cells = row[start:stop]
            if not cells or not _NUMBERED.match(cells[0].text):
                continue
            name = label(cells[0].text)
            if not name.endswith("支出"):
                continue
            if scope == GPB:
                cell = row[column] if column < len(row) else None
                heading = _SUMMARY_GPB_COLUMN
            else:
                cell = first_amount(cells, headings, start, stop)
                heading = "决算数"
            value = amount(cell, table.unit) if cell is not None else None
            if cell is None or value is None:
                continue
            evidence = _evidence(table, cells[0].text, heading, cell)
            yield ClassAmount(scope, name, None, value, kind, evidence, cell.start, cell.end)


def _detail_rows(
    table: Table, scope: str, kind: str, columns: tuple[str, ...]
) -> Iterator[ClassAmount]:
    """Class rows (3-digit code) of a table by functional class, in its total column.

    The column is found by its heading among the heading rows above the first coded row.
    """
    coded = [n for n, row in enumerate(table.rows) if row and _CLASS_CODE.match(row[0].text)]
    if not coded:
        return
    found = [
        (i, cell)
        for row in table.rows[: coded[0]]
        for i, cell in enumerate(row)
        if i >= 2 and _heading(cell) in columns
    ]
    if not found:
        return
    index, heading = found[0]
    for n in coded:
        row = table.rows[n]
        if len(row) <= index or not row[index].text:
            continue
        cell = row[index]
        value = amount(cell, table.unit)
        if value is None:
            continue
        name = label(row[1].text) if len(row) > 1 else ""
        evidence = _evidence(table, f"{row[0].text} {name}", heading.text, cell)
        yield ClassAmount(scope, name, row[0].text, value, kind, evidence, cell.start, cell.end)


def class_amounts(tables: Iterable[Table]) -> list[ClassAmount]:
    """Every class amount the summary and detail tables print, in table order."""
    kinds = {kind: None for _, summary, detail, _ in _PAIRS for kind in (summary, detail)}
    found: list[ClassAmount] = []
    for table in tables:
        kind = table_kind(table, kinds)
        for scope, summary, detail, columns in _PAIRS:
            if kind == summary:
                found.extend(_summary_rows(table, scope, kind))
            elif kind == detail:
                found.extend(_detail_rows(table, scope, kind, columns))
    return found
