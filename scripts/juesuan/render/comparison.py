"""Key figures of every disclosure side by side, and the same department across years.

Comparisons only use values that were read without conflict: a department whose
figure is missing or contradictory gets an empty cell, never a 0, so a ranking
never puts a department first because we failed to read it. Ratios are rounded
half-up to two decimals from the exact stated amounts.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise

import pandas as pd

from juesuan.disclosure import Disclosure
from juesuan.domain.amounts import execution_rate, format_decimal
from juesuan.domain.key_figures import BUDGET_PAIRS, COMPARE, figures_for
from juesuan.domain.template import FunctionLevel
from juesuan.render.department_key import DepartmentKey, department_key, region_label

# The key figures compared across disclosures (domain/key_figures.py).
KEY_FIGURES = figures_for(COMPARE)
CENT = Decimal("0.01")


def _value(d: Disclosure, key: str) -> Decimal | None:
    fact = d.fact(key)
    return None if fact is None or fact.conflict else fact.value


def _ratio(a: Decimal | None, b: Decimal | None, scale: int = 1) -> str:
    if a is None or b is None or b == 0:
        return ""
    return format_decimal((a * scale / b).quantize(CENT, rounding=ROUND_HALF_UP))


def _cell(value: Decimal | None) -> str:
    return "" if value is None else format_decimal(value)


def _budget_columns(d: Disclosure) -> dict[str, str]:
    """Each pair's 年初预算, 决算 and 决算/年初预算 (%, one decimal)."""
    out: dict[str, str] = {}
    for pair in BUDGET_PAIRS:
        budget, actual = _value(d, pair.budget_key), _value(d, pair.actual_key)
        out[pair.budget_key] = _cell(budget)
        out[pair.actual_key] = _cell(actual)
        out[pair.column] = _cell(execution_rate(budget, actual))
    return out


def execution_rates(figures: pd.DataFrame) -> pd.DataFrame:
    """Disclosures with a 财政拨款 execution rate, highest first; the furthest over and
    under 100% flagged in column `run` (over / under)."""
    pair = BUDGET_PAIRS[0]
    if figures.empty:
        return figures
    known = figures[figures[pair.column] != ""].copy()
    known["_rate"] = known[pair.column].map(Decimal)
    known = known.sort_values(["_rate", "package"], ascending=[False, True])
    known["run"] = ""
    over, under = known[known["_rate"] > 100], known[known["_rate"] < 100]
    if not over.empty:
        known.loc[over.index[0], "run"] = "over"
    if not under.empty:
        known.loc[under.index[-1], "run"] = "under"
    return known.drop(columns="_rate").reset_index(drop=True)


def key_figures(disclosures: list[Disclosure]) -> pd.DataFrame:
    """One row per disclosure: key figures, shares of spending and per-staff amounts."""
    rows = []
    for d in disclosures:
        v = {f.key: _value(d, f.key) for f in KEY_FIGURES}
        spent, staff = v["expenditure.current_year"], v["staff.active"]
        rows.append(
            {
                "package": d.name,
                "department": d.meta.department or "未知部门",
                "region": region_label(d.meta.region),
                "year": "" if d.meta.fiscal_year is None else str(d.meta.fiscal_year),
                **{key: _cell(value) for key, value in v.items()},
                "basic_share_pct": _ratio(v["expenditure.basic"], spent, 100),
                "project_share_pct": _ratio(v["expenditure.project"], spent, 100),
                "expenditure_per_staff": _ratio(spent, staff),
                "sangong_per_staff": _ratio(v["sangong.total"], staff),
                **_budget_columns(d),
            }
        )
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    return frame.sort_values(["region", "department", "year", "package"]).reset_index(drop=True)


def sangong_ranking(figures: pd.DataFrame) -> pd.DataFrame:
    """Departments by “三公” actual, largest first; those not read are left out, not ranked."""
    if figures.empty:
        return figures
    known = figures[figures["sangong.total"] != ""].copy()
    known["_amount"] = known["sangong.total"].map(Decimal)
    known = known.sort_values(["_amount", "package"], ascending=[False, True])
    known.insert(0, "rank", range(1, len(known) + 1))
    return known.drop(columns="_amount").reset_index(drop=True)


def by_function_class(disclosures: list[Disclosure]) -> pd.DataFrame:
    """Long table: one row per disclosure and functional class (类), by national code."""
    rows = []
    for d in disclosures:
        for item in d.expenditure_items:
            if item.level == FunctionLevel.CLASS and item.amount is not None:
                rows.append(
                    {
                        "package": d.name,
                        "department": d.meta.department or "未知部门",
                        "year": "" if d.meta.fiscal_year is None else str(d.meta.fiscal_year),
                        "class_code": item.code or "",
                        "class_name": item.class_name,
                        "amount": format_decimal(item.amount),
                        "share_pct": ""
                        if item.share_pct is None
                        else format_decimal(item.share_pct),
                    }
                )
    frame = pd.DataFrame(
        rows,
        columns=[
            "package",
            "department",
            "year",
            "class_code",
            "class_name",
            "amount",
            "share_pct",
        ],
    )
    return frame.sort_values(["class_code", "class_name", "package"]).reset_index(drop=True)


def departments(disclosures: list[Disclosure]) -> dict[DepartmentKey, list[Disclosure]]:
    """Every named department's disclosures, by region and name, each list in year order
    (an unknown year last)."""
    groups: dict[DepartmentKey, list[Disclosure]] = {}
    for d in disclosures:
        key = department_key(d)
        if key is not None:
            groups.setdefault(key, []).append(d)
    return {
        key: sorted(group, key=lambda d: (d.meta.fiscal_year or 9999, d.name))
        for key, group in sorted(groups.items(), key=lambda kv: (kv[0].region, kv[0].department))
    }


def departments_over_years(disclosures: list[Disclosure]) -> dict[DepartmentKey, list[Disclosure]]:
    """Departments with disclosures for more than one fiscal year, each list in year order."""
    return {
        key: [d for d in group if d.meta.fiscal_year is not None]
        for key, group in departments(disclosures).items()
        if len({d.meta.fiscal_year for d in group if d.meta.fiscal_year is not None}) > 1
    }


def year_over_year(figures: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Each figure of `keys` against the year before (rows of `figures` in year order, one
    per year: the first disclosure of a year): previous, current, change and change %."""
    rows = []
    by_year = figures[figures["year"] != ""].drop_duplicates("year")
    records = by_year.to_dict("records")
    for before, after in pairwise(records):
        for key in keys:
            a, b = before[key], after[key]
            change = Decimal(b) - Decimal(a) if a and b else None
            rows.append(
                {
                    "key": key,
                    "from_year": before["year"],
                    "to_year": after["year"],
                    "previous": a,
                    "current": b,
                    "change": _cell(change),
                    "change_pct": _ratio(change, Decimal(a) if a else None, 100),
                    "package": after["package"],
                }
            )
    columns = ["key", "from_year", "to_year", "previous", "current", "change", "change_pct"]
    return pd.DataFrame(rows, columns=[*columns, "package"])
