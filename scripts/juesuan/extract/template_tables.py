"""Read the nine tables of the national template (公开01–09表) where a disclosure prints them.

The template fixes each table's title and column headings, not its layout, so
tables are recognised by title and read through their headings: a column is
found by its heading text (本年收入合计, 基本支出…), a row by its label (合计,
总计…). Two-sided tables (收入 | 支出) are split at the side headings first,
so the 总计 of the left side is never taken for the right one. A blank cell
is not read as zero: blank means "not stated here". A cell where an amount
belongs but which holds something else (—, /, 1,2 34.5) is reported as
unreadable, never replaced by a neighbouring cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from juesuan.domain.amounts import parse_number, to_wan_yuan
from juesuan.domain.sangong import TABLE_ROW_NAMES
from juesuan.domain.template import TEMPLATE_TABLES, template_number
from juesuan.extract.narrative import Candidate
from juesuan.read.tables import Cell, Table

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d+[.、．]\s*)")

# Column tables: heading → key, read in the 合计 row.
_COLUMN_TABLES: dict[str, dict[str, str]] = {
    "一般公共预算财政拨款支出决算表": {
        "小计": "gpb.expenditure",
        "合计": "gpb.expenditure",
        "基本支出": "gpb.basic",
    },
    "收入决算表": {
        "本年收入合计": "revenue.current_year",
        "财政拨款收入": "revenue.fiscal_appropriation",
        "上级补助收入": "revenue.superior_subsidy",
        "事业收入": "revenue.public_service",
        "经营收入": "revenue.business",
        "附属单位上缴收入": "revenue.affiliate_remittance",
        "其他收入": "revenue.other",
    },
    "支出决算表": {
        "本年支出合计": "expenditure.current_year",
        "基本支出": "expenditure.basic",
        "项目支出": "expenditure.project",
        "上缴上级支出": "expenditure.remit_superior",
        "经营支出": "expenditure.business",
        "对附属单位补助支出": "expenditure.affiliate_subsidy",
    },
}
# Two-sided tables: (side, row label) → key, read in the side's first amount column.
_SIDED_TABLES: dict[str, dict[tuple[str, str], str]] = {
    "财政拨款收入支出决算总表": {
        ("收入", "总计"): "fiscal.revenue_total",
        ("支出", "总计"): "fiscal.expenditure_total",
    },
    "收入支出决算总表": {
        ("收入", "本年收入合计"): "revenue.current_year",
        ("收入", "使用非财政拨款结余"): "revenue.non_fiscal_balance_used",
        ("收入", "年初结转和结余"): "revenue.carryover_begin",
        ("收入", "总计"): "revenue.grand_total",
        ("收入", "上级补助收入"): "revenue.superior_subsidy",
        ("收入", "事业收入"): "revenue.public_service",
        ("收入", "经营收入"): "revenue.business",
        ("收入", "附属单位上缴收入"): "revenue.affiliate_remittance",
        ("收入", "其他收入"): "revenue.other",
        ("支出", "本年支出合计"): "expenditure.current_year",
        ("支出", "结余分配"): "expenditure.surplus_distribution",
        ("支出", "年末结转和结余"): "expenditure.carryover_end",
        ("支出", "总计"): "expenditure.grand_total",
    },
}
# Every title of the nine tables, for telling a longer title from the one it ends in.
_ALL_TITLES = tuple(
    re.sub(r"[“”\"\s]", "", variant)
    for _, _, variants in TEMPLATE_TABLES.values()
    for variant in variants
)
_BASIC_TABLE = 6  # 公开06表 一般公共预算财政拨款基本支出决算表
_TOTAL_LABELS = {"人员经费合计": "gpb.personnel", "公用经费合计": "gpb.public_funds"}


@dataclass(frozen=True)
class SangongCell:
    """One budget or actual amount of a 三公 component, as printed in the 三公 table."""

    component: str  # total, abroad, vehicle, vehicle_purchase, vehicle_operation, reception
    phase: str  # budget (预算数) or actual (决算数)
    value: Decimal
    cell: Cell


def label(text: str) -> str:
    return _NUMBERING.sub("", "".join(text.split()))


def table_kind(table: Table, kinds: dict[str, object]) -> str | None:
    """The template table this is, longest title first (收入支出决算总表 ⊂ 财政拨款…总表).

    A title ending in a longer template title is that other table: 一般公共预算财政拨款
    基本支出决算表 ends in 支出决算表 but is not the 支出决算表.
    """
    title = "".join(table.title.split())
    longest = max((t for t in _ALL_TITLES if title.endswith(t)), key=len, default=None)
    for kind in sorted(kinds, key=len, reverse=True):
        if title.endswith(kind) and (longest is None or len(longest) <= len(kind)):
            return kind
    return None


def amount(cell: Cell, unit: str | None) -> Decimal | None:
    value = parse_number(cell.text) if cell.text else None
    return None if value is None else to_wan_yuan(value, unit or "万元")


@dataclass(frozen=True)
class UnreadableCell:
    """A cell where the template puts an amount, holding text that is not one number."""

    key: str
    cell: Cell
    evidence: str

    def __str__(self) -> str:
        return (
            f"{self.evidence}：“{self.cell.text}”不是数字，未读取 / "
            f"{self.key} not read from {self.evidence}: “{self.cell.text}” is not a number"
        )


def _evidence(table: Table, row_label: str, column: str, cell: Cell) -> str:
    where = " ".join(x for x in (table.code, table.title) if x)
    return f"{where}｜{row_label}｜{column}｜{cell.text}"


def cell_candidate(
    key: str, value: Decimal, table: Table, row_label: str, column: str, cell: Cell
) -> Candidate:
    """An amount read from one table cell, quoted as table｜row｜column｜cell."""
    return Candidate(
        key, value, "wan_yuan", cell.start, cell.end, _evidence(table, row_label, column, cell)
    )


def _read(
    key: str, table: Table, row_label: str, column: str, cell: Cell
) -> Iterator[Candidate | UnreadableCell]:
    """The amount of one key cell; blank yields nothing, non-numeric text is reported."""
    if not cell.text:
        return
    value = amount(cell, table.unit)
    if value is None:
        yield UnreadableCell(key, cell, _evidence(table, row_label, column, cell))
    else:
        yield cell_candidate(key, value, table, row_label, column, cell)


def _column_candidates(
    table: Table, mapping: dict[str, str]
) -> Iterator[Candidate | UnreadableCell]:
    header = next((r for r in table.rows if any(label(c.text) in mapping for c in r)), None)
    total = next(
        (r for r in table.rows if any(label(c.text) in {"合计", "总计"} for c in r[:2])), None
    )
    if header is None or total is None:
        return
    for index, heading in enumerate(header):
        key = mapping.get(label(heading.text))
        if key and index < len(total):
            yield from _read(key, table, "合计", heading.text, total[index])


def sides(table: Table) -> list[tuple[str, int, int]]:
    """The two sides of a two-sided table: (收入 or 支出, first column, column after the last)."""
    found = [
        (i, label(c.text)) for i, c in enumerate(table.rows[0]) if label(c.text) in {"收入", "支出"}
    ]
    if len(found) != 2:
        return []
    return [
        (name, start, found[n + 1][0] if n + 1 < len(found) else 10**6)
        for n, (start, name) in enumerate(found)
    ]


def heading_rows(table: Table) -> list[tuple[Cell, ...]]:
    """The column headings under the side headings (rows without a printed amount)."""
    return [row for row in table.rows[1:4] if not _has_amount(row)]


def first_amount(
    cells: tuple[Cell, ...], headings: list[tuple[Cell, ...]], start: int, stop: int
) -> Cell | None:
    """The side's first amount cell of a row whose side starts with `cells`.

    It is right after the row's 行次 (line number) where the side has one, else right
    after the label where the side's headings put an amount there. A further column
    (一般公共预算…) is never read in its place.
    """
    if _no_line_numbers(headings, start, stop):
        return cells[1] if len(cells) >= 2 else None
    if len(cells) >= 3 and re.fullmatch(r"\d{1,3}", label(cells[1].text)):
        return cells[2]
    return None


def _sided_candidates(
    table: Table, mapping: dict[tuple[str, str], str]
) -> Iterator[Candidate | UnreadableCell]:
    bounds = sides(table)
    headings = heading_rows(table)
    for row in table.rows[1:]:
        for side, start, stop in bounds:
            cells = row[start:stop]
            if not cells:
                continue
            key = mapping.get((side, label(cells[0].text)))
            if not key:
                continue
            cell = first_amount(cells, headings, start, stop)
            if cell is not None:
                yield from _read(key, table, cells[0].text, side, cell)


_AMOUNT_HEADINGS = {"决算数", "合计", "金额", "决算金额", "本年决算数"}


def _has_amount(row: tuple[Cell, ...]) -> bool:
    return any(parse_number(c.text) is not None and "." in c.text for c in row)


def _no_line_numbers(headings: list[tuple[Cell, ...]], start: int, stop: int) -> bool:
    """The side's headings name an amount right after the label and no 行次 column."""
    side = [row[start:stop] for row in headings]
    if any(label(c.text).rsplit("/", 1)[-1] == "行次" for row in side for c in row):
        return False
    return any(
        len(row) >= 2 and label(row[1].text).rsplit("/", 1)[-1] in _AMOUNT_HEADINGS for row in side
    )


def _labelled_totals(table: Table) -> Iterator[Candidate | UnreadableCell]:
    for row in table.rows:
        for i, cell in enumerate(row):
            key = _TOTAL_LABELS.get(label(cell.text))
            following = next((c for c in row[i + 1 :] if c.text), None)
            if key and following is not None:
                yield from _read(key, table, cell.text, "决算数", following)


def _component(text: str) -> str | None:
    text = re.sub(r"^其中[:：]?", "", label(text))
    return TABLE_ROW_NAMES.get(text) or TABLE_ROW_NAMES.get(
        text.replace("(", "（").replace(")", "）")
    )


def _phase(text: str) -> str | None:
    text = label(text)
    return "budget" if "预算" in text else "actual" if "决算" in text else None


def sangong_cells(table: Table) -> list[SangongCell]:
    """Budget and actual per component from a 三公 table (heading rows + one value row).

    Two heading layouts are printed: 预算数/决算数 on the first row over the component
    names, or the component names first (合计 | 因公出国（境）费 | 公务用车… over 小计 |
    购置费 | 运行维护费) and 预算数/决算数 on the last heading row.
    """
    rows = table.rows
    if not rows or "三公" not in table.title:
        return []
    if by_row := _row_wise(rows, table.unit):
        return by_row
    values = [r for r in rows if sum(parse_number(c.text) is not None for c in r) >= 2]
    if not values:
        return []
    found = _phase_first(rows, values[-1], table.unit) or _phase_last(
        rows[: rows.index(values[-1])], values[-1], table.unit
    )
    return found


# A heading that is not this year's budget or actual: 上年决算数, 2025年预算数, 增减.
_OTHER_COLUMN = re.compile(r"上年|去年|同期|\d{4}|增|减|比|差|率|%")


def _row_wise(rows: tuple[tuple[Cell, ...], ...], unit: str | None) -> list[SangongCell]:
    """The components as rows under a 项目 | 预算数 | 决算数 heading (the transposed layout).

    Only a row with as many cells as its heading is read (a collapsed empty cell would
    shift the amounts into the wrong column); a phase printed over two columns is not
    read; the 合计 of a table that also lists 会议费 or 培训费 is not the 三公 total.
    """
    heading = next((r for r in rows if sum(_phase(c.text) is not None for c in r[1:]) >= 2), None)
    if heading is None or _component(heading[0].text):
        return []
    columns: dict[int, str] = {}
    for i, c in enumerate(heading):
        phase = _phase(c.text)
        if i and phase and not _OTHER_COLUMN.search(label(c.text)):
            columns[i] = phase
    phases = list(columns.values())
    columns = {i: p for i, p in columns.items() if phases.count(p) == 1}
    wider = any(re.search("会议|培训", label(r[0].text)) for r in rows if r)
    out = []
    for row in rows[rows.index(heading) + 1 :]:
        component = _component(row[0].text) if row else None
        if component is None or (component == "total" and wider) or len(row) != len(heading):
            continue
        for i, phase in columns.items():
            if (value := amount(row[i], unit)) is not None:
                out.append(SangongCell(component, phase, value, row[i]))
    return out


def _phase_first(
    rows: tuple[tuple[Cell, ...], ...], value_row: tuple[Cell, ...], unit: str | None
) -> list[SangongCell]:
    phase_of: dict[int, str] = {}
    phase = None
    for i, c in enumerate(rows[0]):
        phase = _phase(c.text) or phase
        if phase:
            phase_of[i] = phase
    names: dict[int, str] = {}
    for row in rows[1:3]:
        for i, c in enumerate(row):
            if label(c.text) != "小计" and (component := _component(c.text)):
                names[i] = component
    out = []
    for i, cell in enumerate(value_row):
        value = amount(cell, unit)
        if value is not None and i in names and i in phase_of:
            out.append(SangongCell(names[i], phase_of[i], value, cell))
    return out


def _phase_last(
    heading: tuple[tuple[Cell, ...], ...], value_row: tuple[Cell, ...], unit: str | None
) -> list[SangongCell]:
    """Names over 预算数/决算数: a merged heading's text sits in its first column, so a
    column belongs to the name printed furthest right at or before it (the lower row
    where two start together: 小计 under 公务用车购置及运行维护费). A combined heading
    line (a/b/c) is not needed and is skipped."""
    plain = [row for row in heading if not any("/" in c.text for c in row)]
    phased = [row for row in plain if sum(_phase(c.text) is not None for c in row) >= 2]
    if not phased:
        return []
    phase_row = phased[-1]
    starts: list[tuple[int, int, str]] = []  # (column, depth, component)
    for depth, row in enumerate(plain[: plain.index(phase_row)]):
        for i, c in enumerate(row):
            text = label(c.text)
            component = "vehicle" if text == "小计" else _component(c.text)
            if component:
                starts.append((i, depth, component))
            elif text:
                starts.append((i, depth, ""))  # another heading ends the span before it
    out = []
    for i, cell in enumerate(value_row):
        phase = _phase(phase_row[i].text) if i < len(phase_row) else None
        owners = [s for s in starts if s[0] <= i]
        if phase is None or not owners:
            continue
        component = max(owners)[2]
        value = amount(cell, unit)
        if component and value is not None:
            out.append(SangongCell(component, phase, value, cell))
    return out


def table_candidates(tables: list[Table]) -> Iterator[Candidate]:
    """Facts stated by the template tables of a disclosure."""
    return (c for c in _table_reads(tables) if isinstance(c, Candidate))


def unreadable_cells(tables: list[Table]) -> list[UnreadableCell]:
    """Cells of the template tables where an amount belongs but none can be read."""
    return [c for c in _table_reads(tables) if isinstance(c, UnreadableCell)]


def _table_reads(tables: list[Table]) -> Iterator[Candidate | UnreadableCell]:
    for table in tables:
        if kind := table_kind(table, _COLUMN_TABLES):
            yield from _column_candidates(table, _COLUMN_TABLES[kind])
        elif kind := table_kind(table, _SIDED_TABLES):
            yield from _sided_candidates(table, _SIDED_TABLES[kind])
        elif (
            "基本支出决算明细表" in table.title
            or template_number(table.code, table.title) == _BASIC_TABLE
        ):
            yield from _labelled_totals(table)
        for item in sangong_cells(table):
            if item.phase == "actual":
                key = f"sangong.{item.component}"
            elif item.component == "total":
                key = "sangong.budget_total"
            else:
                continue  # component budgets have no fact key; the sangong resource keeps them
            yield cell_candidate(key, item.value, table, item.component, item.phase, item.cell)
