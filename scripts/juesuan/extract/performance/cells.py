"""Read the cells of performance self-evaluation tables: header words, scores, rates, amounts.

Every layout of a 绩效自评表 (tab-separated, one cell per line, plain PDF text) says
the same things with the same words, so the words of a header cell decide its
column's role, and the kind of a cell's text (a number, a percentage, a comparison
such as >=95%) decides which columns it can stand under.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from juesuan.domain.amounts import parse_number, to_wan_yuan
from juesuan.read.tables import Cell

Header = list[str | None]  # the role of each header cell

# Header word → column role, first match wins: 指标值设定依据 is a basis, not a target;
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
LABELS = {
    "name": re.compile(r"^\S{0,6}(?:项目|单位|部门)\S{0,6}名称$"),
    "competent_department": re.compile(r"^主管部门$"),
    "implementing_unit": re.compile(r"^实施单位$"),
}
TOTAL_FUNDS = re.compile(r"资金总额|总资金|^合计$|^总计$")
TOTAL_SCORE = re.compile(r"^(?:总分|合计|总计)$")
UNIT = re.compile(r"[（(](万元|元|亿元)[)）]|单位[:：](万元|元|亿元)")
DASHES = frozenset({"", "-", "—", "–", "——", "/", "－"})
_COMPARATOR = re.compile(r"^[<>=≤≥≦≧＜＞]")
# Any role's words at all: most cells (values, names) have none, and one search says so.
_ANY_ROLE = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern in _ROLES))
_TOTAL_COLUMN = re.compile(r"总|自评")
_POINTS = re.compile(r"分$")
_POINTS_OR_PERCENT = re.compile(r"分$|%$")
_SUMMARY = re.compile(r"项目\S*汇总表")
_PROJECT = re.compile(r"项目\S*自评表")
_OVERALL = re.compile(r"整体\S*自评表")


def clean(text: str) -> str:
    # The text without whitespace: str.split's whitespace is the regex \s, and splitting
    # costs a tenth of re.sub(r"\s+", "", text) on the short texts of cells.
    return "".join(text.split())


@lru_cache(maxsize=4096)  # asked of every cell of every row that might be a header
def role(text: str) -> str | None:
    """The column a header cell names, from its words."""
    cleaned = clean(text)
    if cleaned.isascii() or not _ANY_ROLE.search(cleaned):  # every role's words are Chinese
        return None
    return next((name for name, pattern in _ROLES if pattern.search(cleaned)), None)


def header_roles(row: tuple[Cell, ...]) -> Header:
    """Roles of a row's cells; a role printed twice (产出得分, 自评得分) keeps only the
    total's column, or none, rather than reading one column's values as another's."""
    roles = [role(c.text) for c in row]
    for twice in {r for r in roles if r and roles.count(r) > 1}:
        totals = [
            i for i, r in enumerate(roles) if r == twice and _TOTAL_COLUMN.search(row[i].text)
        ]
        roles = [None if r == twice and [i] != totals else r for i, r in enumerate(roles)]
    return roles


def unit_of(text: str) -> str | None:
    """The money unit a short cell prints: （万元）, (元), 单位：元."""
    match = UNIT.search(clean(text)) if len(text) <= 20 else None
    return (match.group(1) or match.group(2)) if match else None


def percent(text: str) -> Decimal | None:
    return parse_number(clean(text).removesuffix("%"))


@lru_cache(maxsize=4096)  # asked of each cell for every placement of its row (rows.align)
def points(text: str, allow_percent: bool = False) -> Decimal | None:
    """A score, 分 allowed after it; where percent is allowed, 94% on a 100-point scale is 94."""
    return parse_number((_POINTS_OR_PERCENT if allow_percent else _POINTS).sub("", clean(text)))


@lru_cache(maxsize=4096)  # as points
def is_value(text: str) -> bool:
    """What can only be a value, never the name of an indicator or a level."""
    return points(text, allow_percent=True) is not None or bool(_COMPARATOR.match(text.strip()))


def first_filled(row: tuple[Cell, ...]) -> int:
    """Index of the first non-empty cell: tab-separated rows keep merged cells as ''."""
    return next((i for i, c in enumerate(row) if c.text.strip()), 0)


def text_of(cell: Cell | None) -> str | None:
    return (cell.text.strip() or None) if cell is not None else None


def amount(cell: Cell | None, money_unit: str | None) -> Decimal | None:
    value = parse_number(clean(cell.text)) if cell is not None else None
    return to_wan_yuan(value, money_unit) if value is not None and money_unit is not None else None


def money(cells: dict[str, Cell], money_unit: str | None) -> dict[str, Decimal | None]:
    """The budget fields of a project; amounts stay None when no unit is printed."""
    rate = cells.get("execution_rate")
    return {
        "initial_budget": amount(cells.get("initial"), money_unit),
        "full_year_budget": amount(cells.get("full_year"), money_unit),
        "executed": amount(cells.get("executed"), money_unit),
        "execution_rate": percent(rate.text) if rate else None,
    }


def table_kind(title: str) -> str | None:
    """Which self-evaluation a table is, from the title the template prints above it."""
    cleaned = clean(title)
    if _SUMMARY.search(cleaned) and "自评" in cleaned:
        return "summary"
    if _PROJECT.search(cleaned):
        return "project"
    return "overall" if _OVERALL.search(cleaned) else None
