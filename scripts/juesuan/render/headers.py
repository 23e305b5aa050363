"""The column headers of the page tables that show a published resource's columns.

A column that shows a resource's field is headed by the field's registry titles
("结果 Status"), so a page and the CSV a reader downloads name a column the
same way; the unit, where the page prints amounts, follows in small type. A
column the page derives (several fields in one cell, a pivot, a count) says so
by naming no field. tests/test_page_headers.py checks every rendered header
against this list and the registry.
"""

from __future__ import annotations

from dataclasses import dataclass

from juesuan.registry.checks import CHECKS
from juesuan.registry.expenditure import EXPENDITURE_BY_FUNCTION, SANGONG
from juesuan.registry.facts import FACTS
from juesuan.registry.fields import ResourceSpec
from juesuan.registry.performance import PERFORMANCE_PROJECTS
from juesuan.registry.portal import CATALOGUE, RANKING
from juesuan.render.escape import md

WAN = "万元"


@dataclass(frozen=True)
class Column:
    """A header: `label` is the field's "title_zh title_en" or, for a page-only column
    (`field` None), the page's own words."""

    label: str
    field: str | None = None
    unit: str = ""
    key: str = ""  # how a template names a page-only column (row_header)


def title(spec: ResourceSpec, name: str) -> str:
    """The header of a field: its registry titles, zh then en."""
    f = spec.field(name)
    return f"{f.title_zh} {f.title_en}"


def _field(spec: ResourceSpec, name: str, unit: str = "") -> Column:
    return Column(title(spec, name), name, unit)


# page table → (the resource its rows come from, its columns in order)
TABLES: dict[str, tuple[ResourceSpec, tuple[Column, ...]]] = {
    # the disclosure's identity, a table of row headers: the catalogue's columns
    "identity": (
        CATALOGUE,
        (
            _field(CATALOGUE, "department"),
            _field(CATALOGUE, "fiscal_year"),
            Column("地区 Region", key="region"),  # province, prefecture and county in one cell
            _field(CATALOGUE, "document_kind"),
            Column("来源文件 Source", key="source"),
            _field(CATALOGUE, "package"),
        ),
    ),
    "facts": (
        FACTS,
        tuple(_field(FACTS, n) for n in ("key", "value", "unit", "evidence")),
    ),
    "items": (
        EXPENDITURE_BY_FUNCTION,
        (
            Column("科目 Item"),  # the class, kuan and xiang names and the level in one cell
            _field(EXPENDITURE_BY_FUNCTION, "code"),
            _field(EXPENDITURE_BY_FUNCTION, "initial_budget", WAN),
            _field(EXPENDITURE_BY_FUNCTION, "amount", WAN),
            Column("完成率 Execution rate", unit="%", key="execution_rate"),  # 决算/年初预算
            # the reason with what it explains: the budget difference or the change vs last year
            _field(EXPENDITURE_BY_FUNCTION, "reason"),
        ),
    ),
    # 年初预算 → 决算 of a disclosure's budget pairs (domain/key_figures.BUDGET_PAIRS)
    "budget": (
        FACTS,
        (
            Column("项目 Item", key="pair"),
            Column("年初预算 Initial budget", unit=WAN, key="budget"),
            Column("决算 Actual", unit=WAN, key="actual"),
            Column("完成率 Execution rate", unit="%", key="rate"),
        ),
    ),
    "sangong": (
        SANGONG,
        (
            _field(SANGONG, "item"),
            # `value` of the phase budget / actual; the counts are sangong_counts
            Column("预算数 Budget", unit=WAN),
            Column("决算数 Actual", unit=WAN),
        ),
    ),
    # 团组, 人次, 车辆, 批次: counts (actuals), never in a column of 万元
    "sangong_counts": (
        SANGONG,
        (
            _field(SANGONG, "item"),
            Column("决算数 Actual"),
            _field(SANGONG, "unit"),
        ),
    ),
    "projects": (
        PERFORMANCE_PROJECTS,
        (
            _field(PERFORMANCE_PROJECTS, "name"),
            _field(PERFORMANCE_PROJECTS, "full_year_budget", WAN),
            _field(PERFORMANCE_PROJECTS, "executed", WAN),
            _field(PERFORMANCE_PROJECTS, "execution_rate"),
            _field(PERFORMANCE_PROJECTS, "score"),
            Column("指标数 Indicators"),  # rows of performance_indicators of the project
        ),
    ),
    "checks": (
        CHECKS,
        tuple(
            _field(CHECKS, n)
            for n in ("description_zh", "status", "expected", "actual", "difference", "terms")
        ),
    ),
    "ranking": (
        RANKING,
        tuple(
            _field(RANKING, n)
            for n in (
                "rank",
                "department",
                "fiscal_year",
                "document_kind",
                "parts_present",
                "share_pct",
                "missing",
                "referenced",
            )
        ),
    ),
}


def headers(table: str) -> tuple[Column, ...]:
    return TABLES[table][1]


def _header_text(c: Column) -> str:
    # The unit is one unbreakable piece (juesuan.css): 万元 never wraps onto two lines.
    unit = f' <small class="juesuan-unit">（{md(c.unit)}）</small>' if c.unit else ""
    return md(c.label) + unit


def header_cells(table: str) -> str:
    """The <th> cells of an HTML table's header row."""
    return "".join(f"<th>{_header_text(c)}</th>" for c in headers(table))


def row_header(table: str, name: str) -> str:
    """The text of the row header of column `name` (a field, or a page-only column's key)."""
    for c in headers(table):
        if name in (c.field, c.key):
            return _header_text(c)
    raise KeyError(f"{table} has no column {name!r}")


def markdown_header(table: str) -> str:
    """The header row of a Markdown table."""
    return "| " + " | ".join(_header_text(c) for c in headers(table)) + " |"
