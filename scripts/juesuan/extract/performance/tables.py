"""Read performance self-evaluation tables (绩效自评表) into projects and their indicators.

Three shapes carry the same facts: one 项目支出绩效自评表 per project, one
整体支出绩效自评表 for the whole unit, and a 项目支出自评汇总表 with one row per
project. Columns are found by their header words (performance_cells), because the
wording varies (权重/分值/分值权重, 目标值/年度指标值, 业绩值/实际完成值); rows that
lost cells are placed under them by their content (performance_rows). This module
walks a table's blocks (labels, funds, goals, indicators, 总分) and assembles them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from itertools import pairwise
from typing import Any

from juesuan.domain.amounts import parse_number
from juesuan.extract.performance.cells import (
    DASHES,
    LABELS,
    TOTAL_FUNDS,
    TOTAL_SCORE,
    Header,
    clean,
    first_filled,
    header_roles,
    is_value,
    money,
    points,
    table_kind,
    text_of,
    unit_of,
)
from juesuan.extract.performance.rows import align, level_names, right_aligned
from juesuan.infra.by_fields import ByFields
from juesuan.read.tables import Cell, Table


@dataclass(frozen=True, slots=True)
class PerformanceProject(ByFields):
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


@dataclass(frozen=True, slots=True)
class PerformanceIndicator(ByFields):
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
        texts = [clean(c.text) for c in row]
        for i, text in enumerate(texts):
            value = texts[i + 1] if i + 1 < len(texts) else ""
            for role in (r for r, pattern in LABELS.items() if pattern.match(text)):
                if value and not any(pattern.match(value) for pattern in LABELS.values()):
                    self.labels.setdefault(role, (text, row[i + 1].text.strip()))
            self.unit = self.unit or unit_of(text)


def _read_sheet(table: Table) -> _Sheet:
    sheet = _Sheet(unit=table.unit)
    mode, header, levels, pending, previous = "", [], [None, None], [], -1
    for row in table.rows:
        roles = header_roles(row)
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
            cells = right_aligned(row, header, first) if mode else None
            label = cells.get("label") if cells else None
            if label and TOTAL_FUNDS.search(clean(label.text)) and not sheet.funds:
                sheet.funds = cells or {}
        elif mode == "goals":
            cells = right_aligned(row, header, header.index("goals"))
            if cells is not None:
                sheet.goals, sheet.outcome = text_of(cells["goals"]), text_of(cells["outcome"])
            mode = ""
        elif mode == "total" or TOTAL_SCORE.match(clean(row[first_filled(row)].text)):
            sheet.total.extend(row if mode == "total" else row[1 + first_filled(row) :])
            mode = "total"
        elif (mapped := align(row, header)) is None:
            pending = [*pending, *row] if not any(is_value(c.text) for c in row) else []
        else:
            levels = level_names(mapped, header, levels, pending, previous)
            pending, previous = [], max(mapped)
            values = {header[i]: text_of(c) for i, c in mapped.items() if header[i]}
            values.update(level1=levels[0], level2=levels[1])
            filled = [c for c in row if c.text] or list(row)  # the span of what is printed
            sheet.indicators.append((values, filled[0].start, filled[-1].end))
    return sheet


def _total_score(sheet: _Sheet) -> Decimal | None:
    """The 总分 row's score: the one cell marked 分, else the second of (weight, score).

    Word may glue the heading after the table onto the last cell (99.8 + 2024年度…);
    its leading digits are then read only where they equal the sum of the parts' scores.
    """
    cells = [t for t in (clean(c.text) for c in sheet.total) if t not in DASHES]
    marked = [t for t in cells if re.fullmatch(r"\d+(?:\.\d+)?分", t)]
    if len(marked) == 1 or len(cells) != 2:
        return points(marked[0]) if len(marked) == 1 else None
    if (score := points(cells[1])) is not None:
        return score
    parts = [points(values.get("score") or "") for values, _, _ in sheet.indicators]
    funds = points(sheet.funds["score"].text) if "score" in sheet.funds else None
    if not parts or None in parts or (sheet.funds_scored and funds is None):
        return None
    implied = sum((p for p in parts if p is not None), funds or Decimal(0))
    digits = re.match(r"\d+(?:\.\d+)?", cells[1])
    text = digits.group(0) if digits else ""
    found = [text[:n] for n in range(1, len(text) + 1) if parse_number(text[:n]) == implied]
    return Decimal(found[0]) if found else None


@dataclass(frozen=True)
class _Summary:
    """A 项目支出自评汇总表 being read, kept so that its untitled second half can join it."""

    title: str
    header: Header
    unit: str | None

    @classmethod
    def of(cls, table: Table) -> tuple[_Summary, int] | None:
        for index, row in enumerate(table.rows):
            header = header_roles(row)
            if {"name", "executed"} <= set(header):
                unit = table.unit or next(filter(None, (unit_of(c.text) for c in row)), None)
                return cls(table.title, header, unit), index + 1
        return None

    def continued_by(self, table: Table) -> bool:
        """An untitled table right after, with rows of the same shape, is the second half."""
        same_shape = all(len(row) == len(self.header) for row in table.rows)
        return not table.title and table.code is None and same_shape and _Summary.of(table) is None

    def projects(self, rows: tuple[tuple[Cell, ...], ...], number: int) -> list[PerformanceProject]:
        out = []
        for row in rows:
            cells = right_aligned(row, self.header, self.header.index("name"))
            name = text_of(cells.get("name")) if cells else None
            if not cells or not name or TOTAL_FUNDS.search(clean(name)):
                continue
            score = points(cells["score"].text, allow_percent=True) if "score" in cells else None
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
    return PerformanceProject(project_id, kind, **money(funds, unit), **{**unknown, **fields})


_INDICATOR_TEXTS = ("level1", "level2", "level3", "target", "actual", "completion_rate")


def _cell_points(cell: Cell | None) -> Decimal | None:
    return points(cell.text) if cell is not None else None


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
            weight=points(values.get("weight") or ""),
            score=points(values.get("score") or ""),
            basis=values.get("basis"),
            deviation=values.get("deviation"),
            start=start,
            end=end,
        )
        for n, (values, start, end) in enumerate(sheet.indicators, start=1)
    ]
    return project, indicators


def _is_funds_header(roles: Header) -> bool:
    return "executed" in roles and bool({"initial", "full_year"} & set(roles))


def _is_label_row(row: tuple[Cell, ...]) -> bool:
    text = clean(row[first_filled(row)].text) if row else ""
    return any(pattern.match(text) for pattern in LABELS.values())


def _parts(table: Table) -> list[Table]:
    """The table cut where a second self-evaluation table begins inside it.

    A lost title (项目支出绩效自评表) leaves nothing between two tables, so the next
    one's rows run on in the table before. A table states its labels (项目名称 …) and
    its funds header once, before its body (funds, indicators, 总分): labels or a funds
    header after a body open the next table. The part after the cut has lost its title;
    what it is, project or overall, is then read from its own labels, never assumed.
    """
    cuts, body, opening = [0], False, None
    for index, row in enumerate(table.rows):
        roles = header_roles(row)
        if _is_funds_header(roles):
            if body:
                cuts.append(index if opening is None else opening)
            body, opening = True, None
        elif {"level3", "weight"} <= set(roles):
            body = True
        elif body and opening is None and _is_label_row(row):
            opening = index
    if opening is not None and opening > cuts[-1]:
        cuts.append(opening)  # labels after the body, their funds header lost
    bounds = [*cuts, len(table.rows)]
    parts = []
    for n, (first, stop) in enumerate(pairwise(bounds)):
        rows = table.rows[first:stop]
        if not rows:
            continue
        cells = [c for row in rows for c in row]
        title = table.title if n == 0 else ""
        parts.append(
            replace(table, title=title, rows=rows, start=cells[0].start, end=cells[-1].end)
        )
    return parts if len(parts) > 1 else [table]


def _kind_of_untitled(sheet: _Sheet) -> str | None:
    """What an untitled self-evaluation table is, from its name label: 项目名称 for a
    project, 单位名称 / 部门名称 for the unit as a whole; no label, no kind."""
    label = sheet.labels.get("name", ("",))[0]
    if "项目" in label:
        return "project"
    return "overall" if re.search(r"单位|部门", label) else None


def _may_hold_a_sheet(table: Table) -> bool:
    """Whether the table prints the words of both headers an untitled self-evaluation table
    needs to be read (执行数 of the funds header, 三级指标 of the indicators header).

    Every untitled table is otherwise walked row by row, its cells' roles read twice,
    to find that it is none: a 收入支出决算表 names neither."""
    flat = "".join("".join(c.text for row in table.rows for c in row).split())
    return "执行数" in flat and "三级指标" in flat


def read_performance(
    tables: list[Table],
) -> tuple[list[PerformanceProject], list[PerformanceIndicator]]:
    """Every self-evaluated project and the unit's overall evaluation, in document order."""
    projects: list[PerformanceProject] = []
    indicators: list[PerformanceIndicator] = []
    numbered, overall, summary = 0, 0, None
    for table in tables:
        kind = table_kind(table.title)
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
        if kind is None and not _may_hold_a_sheet(table):
            continue  # an untitled part is read only with a funds and an indicators header
        for part in _parts(table) if kind in ("project", "overall", None) else []:
            sheet = _read_sheet(part)
            part_kind = kind if part.title else None
            if part_kind is None and sheet.has_funds and sheet.has_indicators:
                part_kind = _kind_of_untitled(sheet)
            if part_kind not in ("project", "overall") or not (
                sheet.has_funds or sheet.has_indicators
            ):
                continue
            if part_kind == "project":
                numbered += 1
                project_id = f"P{numbered:02d}"
            else:
                overall += 1
                project_id = "overall" if overall == 1 else f"overall-{overall:02d}"
            project, found_indicators = _sheet_projects(part, sheet, part_kind, project_id)
            projects.append(project)
            indicators.extend(found_indicators)
    return projects, indicators
