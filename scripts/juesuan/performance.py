"""Read performance self-evaluation tables (绩效自评表) into projects and their indicators.

Three shapes carry the same facts: one 项目支出绩效自评表 per project, one
整体支出绩效自评表 for the whole unit, and a 项目支出自评汇总表 with one row per
project. Columns are found by their header words, because the wording varies
(权重/分值/分值权重, 目标值/年度指标值, 业绩值/实际完成值). Word exports drop empty and
merged cells, so a short indicator row is placed under its header by trying every
shift and keeping the only one whose cells fit the columns' kinds (a weight is a
number, an indicator's name is not). A row that fits no way or several ways is left
out: a missing indicator is acceptable, a misread one is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from juesuan.numbers import parse_number, to_wan_yuan
from juesuan.tables import Cell, Table


@dataclass(frozen=True)
class PerformanceProject:
    project_id: str  # f"P{n:02d}" in document order; "overall" for the unit as a whole
    kind: str  # "project" or "overall"
    name: str | None
    competent_department: str | None
    implementing_unit: str | None
    initial_budget: Decimal | None  # 万元
    full_year_budget: Decimal | None
    executed: Decimal | None
    execution_rate: Decimal | None  # percent, without the % sign
    score: Decimal | None  # the whole table's total score
    goals: str | None
    outcome: str | None
    evidence: str
    start: int
    end: int
    funds_weight: Decimal | None = None  # points of the 资金执行率 row, where the table scores it
    funds_score: Decimal | None = None


@dataclass(frozen=True)
class PerformanceIndicator:
    project_id: str
    row: int  # 1-based within the project
    level1: str | None
    level2: str | None
    level3: str | None
    weight: Decimal | None
    target: str | None
    actual: str | None
    completion_rate: str | None
    score: Decimal | None
    basis: str | None
    deviation: str | None
    start: int
    end: int


_Header = list[str | None]  # the role of each header cell

# _Header word → column role, first match wins: 指标值设定依据 is a basis, not a target;
# 实际完成指标值 is an actual value; 得分率 is not a score.
_ROLES = tuple(
    (role, re.compile(pattern))
    for role, pattern in (
        ("basis", r"设定依据"),
        ("deviation", r"偏差"),
        ("level1", r"一级指标"),
        ("level2", r"二级指标"),
        ("level3", r"三级指标"),
        ("name", r"^项目名称"),
        ("initial", r"年初预算"),
        ("full_year", r"全年预算|调整后预算|^预算数"),
        ("executed", r"执行数"),
        ("execution_rate", r"执行率"),
        ("completion_rate", r"完成率"),
        ("goals", r"^预期目标$"),
        ("outcome", r"^实际完成情况$"),
        ("actual", r"业绩值|实际完成|完成值|实际值"),
        ("target", r"目标值|指标值"),
        ("weight", r"权重|分值"),
        ("score", r"得分(?!率)"),
    )
)
_LABELS = {
    "name": re.compile(r"^\S{0,6}(?:项目|单位|部门)\S{0,6}名称$"),
    "competent_department": re.compile(r"^主管部门$"),
    "implementing_unit": re.compile(r"^实施单位$"),
}
_TOTAL_FUNDS = re.compile(r"资金总额|总资金|^合计$|^总计$")
_TOTAL_SCORE = re.compile(r"^(?:总分|合计|总计)$")
_UNIT = re.compile(r"[（(](万元|元|亿元)[)）]|单位[:：](万元|元|亿元)")
_DASHES = frozenset({"", "-", "—", "–", "——", "/", "－"})
_COMPARATOR = re.compile(r"^[<>=≤≥≦≧＜＞]")
_LABEL_ROLES = frozenset({"level1", "level2", "level3", "basis", "deviation"})


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _role(text: str) -> str | None:
    cleaned = _clean(text)
    return next((role for role, pattern in _ROLES if pattern.search(cleaned)), None)


def _header(row: tuple[Cell, ...]) -> _Header:
    """Roles of a row's cells; a role printed twice (产出得分, 自评得分) keeps only the
    total's column, or none, rather than reading one column's values as another's."""
    roles = [_role(c.text) for c in row]
    for role in {r for r in roles if r and roles.count(r) > 1}:
        totals = [
            i for i, r in enumerate(roles) if r == role and re.search(r"总|自评", row[i].text)
        ]
        roles = [None if r == role and [i] != totals else r for i, r in enumerate(roles)]
    return roles


def _unit(text: str) -> str | None:
    """The money unit a short cell prints: （万元）, (元), 单位：元."""
    match = _UNIT.search(_clean(text)) if len(text) <= 20 else None
    return (match.group(1) or match.group(2)) if match else None


def _percent(text: str) -> Decimal | None:
    return parse_number(_clean(text).removesuffix("%"))


def _points(text: str, percent: bool = False) -> Decimal | None:
    """A score, 分 allowed after it; where percent is allowed, 94% on a 100-point scale is 94."""
    return parse_number(re.sub(r"分$|%$" if percent else r"分$", "", _clean(text)))


def _cell_points(cell: Cell | None) -> Decimal | None:
    return _points(cell.text) if cell is not None else None


def _is_value(text: str) -> bool:
    """What can only be a value, never the name of an indicator or a level."""
    return _points(text, percent=True) is not None or bool(_COMPARATOR.match(text.strip()))


def _first_filled(row: tuple[Cell, ...]) -> int:
    """Index of the first non-empty cell: tab-separated rows keep merged cells as ''."""
    return next((i for i, c in enumerate(row) if c.text.strip()), 0)


def _text(cell: Cell | None) -> str | None:
    return (cell.text.strip() or None) if cell is not None else None


def _amount(cell: Cell | None, unit: str | None) -> Decimal | None:
    value = parse_number(_clean(cell.text)) if cell is not None else None
    return to_wan_yuan(value, unit) if value is not None and unit is not None else None


def _money(cells: dict[str, Cell], unit: str | None) -> dict[str, Decimal | None]:
    """The budget fields of a project; amounts stay None when no unit is printed."""
    rate = cells.get("execution_rate")
    return {
        "initial_budget": _amount(cells.get("initial"), unit),
        "full_year_budget": _amount(cells.get("full_year"), unit),
        "executed": _amount(cells.get("executed"), unit),
        "execution_rate": _percent(rate.text) if rate else None,
    }


def _right_aligned(row: tuple[Cell, ...], header: _Header, first: int) -> dict[str, Cell] | None:
    """Role → cell for the header's columns from `first` on, lining the row up on the right.

    Word exports drop the merged cells on a row's left, so rows line up on their right
    edge; a row too short to cover every value column has lost a cell in between and
    cannot be placed. The cell just left of the values is the row's label.
    """
    width = len(header) - first
    if len(row) < width:
        return None
    values = row[len(row) - width :]
    out = {role: cell for role, cell in zip(header[first:], values, strict=True) if role}
    if len(row) > width:
        out["label"] = row[len(row) - width - 1]
    return out


def _fits(row: tuple[Cell, ...], header: _Header, shift: int, exact: bool) -> bool:
    """Whether the row, its cell i under column i + shift, fits the columns' kinds."""
    if shift + len(row) > len(header) or any(_is_value(c.text) for c in row[: max(0, -shift)]):
        return False
    by_role = {header[i + shift]: c.text.strip() for i, c in enumerate(row) if i + shift >= 0}
    name, weight = by_role.get("level3", ""), by_role.get("weight", "")
    if not name or _is_value(name) or _points(weight) is None:
        return False
    if not exact and "score" in header and "score" not in by_role:
        return False
    for role, text in by_role.items():
        if text in _DASHES:
            continue
        if (
            (role in _LABEL_ROLES and _is_value(text))
            or (role == "score" and _points(text) is None)
            or (role == "completion_rate" and _percent(text) is None)
        ):
            return False
    return True


def _align(row: tuple[Cell, ...], header: _Header, layout: str) -> dict[int, Cell] | None:
    """Column → cell of an indicator row, when exactly one placement fits.

    A tab-separated row as long as its header has kept every cell in place and is read
    as it stands; other rows have lost cells and are placed by their content.
    """
    if layout == "tsv" and len(row) == len(header) and _fits(row, header, 0, exact=True):
        shifts = [0]
    else:
        shifts = [s for s in range(1 - len(row), len(header)) if _fits(row, header, s, False)]
    if len(shifts) != 1:
        return None
    return {i + shifts[0]: c for i, c in enumerate(row) if i + shifts[0] >= 0}


def _levels(
    mapped: dict[int, Cell], header: _Header, above: list, pending: list[Cell], previous: int
) -> list[str | None]:
    """一级/二级 names of an indicator row: its own, else filled down from the rows above.

    Label cells left over just above the row (a row split at an empty cell) are its
    leading levels only when they fill the missing columns exactly and cannot be the
    tail of the row before; otherwise the levels they may hold are unknown.
    """
    fits_before = len(pending) == min(mapped)
    fits_after = previous >= 0 and previous + 1 + len(pending) < len(header)
    out, given = list(above), [False, False]
    for k, role in enumerate(("level1", "level2")):
        col = header.index(role) if role in header else None
        if col is not None and col in mapped:  # an empty cell is the lower part of a merge
            given[k] = bool(_text(mapped[col]))
            out[k] = _text(mapped[col]) or above[k]
        elif col is not None and pending:
            given[k] = fits_before and not fits_after
            out[k] = _text(pending[col]) if given[k] else None
    if given[0] and out[0] != above[0] and not given[1]:
        out[1] = None  # a new 一级 does not inherit the 二级 of the one before
    return out


@dataclass
class _Sheet:
    """What one self-evaluation table says, before it becomes a project."""

    unit: str | None
    labels: dict[str, tuple[str, str]] = field(default_factory=dict)  # role → (label, value)
    funds: dict[str, Cell] = field(default_factory=dict)  # the total row of the money block
    funds_scored: bool = False
    goals: str | None = None
    outcome: str | None = None
    indicators: list[tuple[dict[str, str | None], int, int]] = field(default_factory=list)
    total: list[Cell] = field(default_factory=list)  # the 总分 row
    has_funds: bool = False
    has_indicators: bool = False

    def read_labels(self, row: tuple[Cell, ...]) -> None:
        texts = [_clean(c.text) for c in row]
        for i, text in enumerate(texts):
            value = texts[i + 1] if i + 1 < len(texts) else ""
            for role in (r for r, pattern in _LABELS.items() if pattern.match(text)):
                if value and not any(pattern.match(value) for pattern in _LABELS.values()):
                    self.labels.setdefault(role, (text, row[i + 1].text.strip()))
            self.unit = self.unit or _unit(text)


def _read_sheet(table: Table) -> _Sheet:
    sheet = _Sheet(unit=table.unit)
    mode, header, levels, pending, previous = "", [], [None, None], [], -1
    for row in table.rows:
        roles = _header(row)
        if {"level3", "weight"} <= set(roles):
            mode, header, sheet.has_indicators = "indicators", roles, True
        elif "executed" in roles and {"initial", "full_year"} & set(roles):
            mode, header, sheet.has_funds = "funds", roles, True
            sheet.funds_scored = "score" in roles
            sheet.read_labels(row)
        elif {"goals", "outcome"} <= set(roles):
            mode, header = "goals", roles
        elif mode in ("", "funds"):
            sheet.read_labels(row)
            first = next((i for i, role in enumerate(header) if role), 0)
            cells = _right_aligned(row, header, first) if mode else None
            label = cells.get("label") if cells else None
            if label and _TOTAL_FUNDS.search(_clean(label.text)) and not sheet.funds:
                sheet.funds = cells or {}
        elif mode == "goals":
            cells = _right_aligned(row, header, header.index("goals"))
            if cells is not None:
                sheet.goals, sheet.outcome = _text(cells["goals"]), _text(cells["outcome"])
            mode = ""
        elif mode == "total" or _TOTAL_SCORE.match(_clean(row[_first_filled(row)].text)):
            sheet.total.extend(row if mode == "total" else row[1 + _first_filled(row) :])
            mode = "total"
        elif (mapped := _align(row, header, table.layout)) is None:
            pending = [*pending, *row] if not any(_is_value(c.text) for c in row) else []
        else:
            levels = _levels(mapped, header, levels, pending, previous)
            pending, previous = [], max(mapped)
            values = {header[i]: _text(c) for i, c in mapped.items() if header[i]}
            values.update(level1=levels[0], level2=levels[1])
            sheet.indicators.append((values, row[0].start, row[-1].end))
    return sheet


def _total_score(sheet: _Sheet) -> Decimal | None:
    """The 总分 row's score: the one cell marked 分, else the second of (weight, score).

    Word may glue the heading after the table onto the last cell (99.8 + 2024年度…);
    its leading digits are then read only where they equal the sum of the parts' scores.
    """
    cells = [t for t in (_clean(c.text) for c in sheet.total) if t not in _DASHES]
    marked = [t for t in cells if re.fullmatch(r"\d+(?:\.\d+)?分", t)]
    if len(marked) == 1 or len(cells) != 2:
        return _points(marked[0]) if len(marked) == 1 else None
    if (score := _points(cells[1])) is not None:
        return score
    parts = [_points(values.get("score") or "") for values, _, _ in sheet.indicators]
    funds = _points(sheet.funds["score"].text) if "score" in sheet.funds else None
    if not parts or None in parts or (sheet.funds_scored and funds is None):
        return None
    implied = sum((p for p in parts if p is not None), funds or Decimal(0))
    digits = re.match(r"\d+(?:\.\d+)?", cells[1])
    text = digits.group(0) if digits else ""
    found = [text[:n] for n in range(1, len(text) + 1) if parse_number(text[:n]) == implied]
    return Decimal(found[0]) if found else None


def _kind(title: str) -> str | None:
    """Which self-evaluation a table is, from the title the template prints above it."""
    cleaned = _clean(title)
    if re.search(r"项目\S*汇总表", cleaned) and "自评" in cleaned:
        return "summary"
    if re.search(r"项目\S*自评表", cleaned):
        return "project"
    return "overall" if re.search(r"整体\S*自评表", cleaned) else None


@dataclass(frozen=True)
class _Summary:
    """A 项目支出自评汇总表 being read, kept so that its untitled second half can join it."""

    title: str
    header: _Header
    unit: str | None

    @classmethod
    def of(cls, table: Table) -> tuple[_Summary, int] | None:
        for index, row in enumerate(table.rows):
            header = _header(row)
            if {"name", "executed"} <= set(header):
                unit = table.unit or next(filter(None, (_unit(c.text) for c in row)), None)
                return cls(table.title, header, unit), index + 1
        return None

    def continued_by(self, table: Table) -> bool:
        """An untitled table right after, with rows of the same shape, is the second half."""
        same_shape = all(len(row) == len(self.header) for row in table.rows)
        return not table.title and table.code is None and same_shape and _Summary.of(table) is None

    def projects(self, rows: tuple[tuple[Cell, ...], ...], number: int) -> list[PerformanceProject]:
        out = []
        for row in rows:
            cells = _right_aligned(row, self.header, self.header.index("name"))
            name = _text(cells.get("name")) if cells else None
            if not cells or not name or _TOTAL_FUNDS.search(_clean(name)):
                continue
            score = _points(cells["score"].text, percent=True) if "score" in cells else None
            project_id = f"P{number + len(out) + 1:02d}"
            evidence = f"{self.title}｜项目名称｜{name}"
            span = {"start": row[0].start, "end": row[-1].end}
            fields = {"name": name, "score": score, "evidence": evidence, **span}
            out.append(_project(project_id, "project", cells, self.unit, **fields))
        return out


def _project(
    project_id: str, kind: str, funds: dict[str, Cell], unit: str | None, **fields: Any
) -> PerformanceProject:
    """A project; the fields not given are not printed in that shape of table."""
    unknown = dict.fromkeys(("name", "competent_department", "implementing_unit", "score"))
    unknown.update(goals=None, outcome=None)
    return PerformanceProject(project_id, kind, **_money(funds, unit), **{**unknown, **fields})


_INDICATOR_TEXTS = ("level1", "level2", "level3", "target", "actual", "completion_rate")


def _sheet_projects(
    table: Table, sheet: _Sheet, kind: str, project_id: str
) -> tuple[PerformanceProject, list[PerformanceIndicator]]:
    label, name = sheet.labels.get("name", ("", None))
    project = _project(
        project_id,
        kind,
        sheet.funds,
        sheet.unit,
        name=name,
        competent_department=sheet.labels.get("competent_department", ("", None))[1],
        implementing_unit=sheet.labels.get("implementing_unit", ("", None))[1],
        score=_total_score(sheet),
        goals=sheet.goals,
        outcome=sheet.outcome,
        funds_weight=_cell_points(sheet.funds.get("weight")),
        funds_score=_cell_points(sheet.funds.get("score")),
        evidence="｜".join(p for p in (table.title, label, name) if p),
        start=table.start,
        end=table.end,
    )
    indicators = [
        PerformanceIndicator(
            project_id=project_id,
            row=n,
            **{key: values.get(key) for key in _INDICATOR_TEXTS},
            weight=_points(values.get("weight") or ""),
            score=_points(values.get("score") or ""),
            basis=values.get("basis"),
            deviation=values.get("deviation"),
            start=start,
            end=end,
        )
        for n, (values, start, end) in enumerate(sheet.indicators, start=1)
    ]
    return project, indicators


def read_performance(
    tables: list[Table],
) -> tuple[list[PerformanceProject], list[PerformanceIndicator]]:
    """Every self-evaluated project and the unit's overall evaluation, in document order."""
    projects: list[PerformanceProject] = []
    indicators: list[PerformanceIndicator] = []
    numbered, overall, summary = 0, 0, None
    for table in tables:
        kind = _kind(table.title)
        rows: tuple[tuple[Cell, ...], ...] = table.rows
        if kind == "summary" and (found := _Summary.of(table)):
            summary, first = found
            rows = table.rows[first:]
        elif summary is None or not summary.continued_by(table):
            summary = None
        if summary is not None:
            projects.extend(found_projects := summary.projects(rows, numbered))
            numbered += len(found_projects)
            continue
        sheet = _read_sheet(table)
        if kind is None and sheet.has_funds and sheet.has_indicators:
            kind = "project" if sheet.labels.get("name", ("",))[0].startswith("项目") else "overall"
        if kind not in ("project", "overall") or not (sheet.has_funds or sheet.has_indicators):
            continue
        if kind == "project":
            numbered += 1
            project_id = f"P{numbered:02d}"
        else:
            overall += 1
            project_id = "overall" if overall == 1 else f"overall-{overall:02d}"
        project, found_indicators = _sheet_projects(table, sheet, kind, project_id)
        projects.append(project)
        indicators.extend(found_indicators)
    return projects, indicators
