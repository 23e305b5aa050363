"""Key figures of every disclosure side by side, and the same department across years.

Comparisons only use values that were read without conflict: a department whose
figure is missing or contradictory gets an empty cell, never a 0, so a ranking
never puts a department first because we failed to read it. Ratios are rounded
half-up to two decimals from the exact stated amounts.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
from pypinyin import Style, lazy_pinyin

from juesuan.disclosure import Disclosure
from juesuan.domain.amounts import format_decimal
from juesuan.domain.key_figures import COMPARE, figures_for
from juesuan.domain.template import DOCUMENT_KINDS, FunctionLevel
from juesuan.render.pages import region_label

# The key figures compared across disclosures (domain/key_figures.py).
KEY_FIGURES = figures_for(COMPARE)
CENT = Decimal("0.01")


@dataclass(frozen=True)
class DepartmentKey:
    """One department in one place: the unit of a year view."""

    department: str
    region: str

    @property
    def slug(self) -> str:
        initials = "".join(
            lazy_pinyin(self.department, style=Style.FIRST_LETTER, errors="ignore")
        ).lower()
        letters = "".join(ch for ch in initials if ch.isascii() and ch.isalnum())[:24] or "dept"
        digest = hashlib.sha1(f"{self.region}|{self.department}".encode()).hexdigest()[:6]
        return f"{letters}-{digest}"


def department_key(d: Disclosure) -> DepartmentKey | None:
    if not d.meta.department:
        return None
    return DepartmentKey(d.meta.department, region_label(d.meta.region))


def _value(d: Disclosure, key: str) -> Decimal | None:
    fact = d.fact(key)
    return None if fact is None or fact.conflict else fact.value


def _ratio(a: Decimal | None, b: Decimal | None, scale: int = 1) -> str:
    if a is None or b is None or b == 0:
        return ""
    return format_decimal((a * scale / b).quantize(CENT, rounding=ROUND_HALF_UP))


def _cell(value: Decimal | None) -> str:
    return "" if value is None else format_decimal(value)


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
                "kind": DOCUMENT_KINDS.get(d.meta.document_kind or "", ("未知", ""))[0],
                **{key: _cell(value) for key, value in v.items()},
                "basic_share_pct": _ratio(v["expenditure.basic"], spent, 100),
                "project_share_pct": _ratio(v["expenditure.project"], spent, 100),
                "expenditure_per_staff": _ratio(spent, staff),
                "sangong_per_staff": _ratio(v["sangong.total"], staff),
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


def departments_over_years(disclosures: list[Disclosure]) -> dict[DepartmentKey, list[Disclosure]]:
    """Departments with disclosures for more than one fiscal year, each list in year order."""
    groups: dict[DepartmentKey, list[Disclosure]] = {}
    for d in disclosures:
        key = department_key(d)
        if key is not None and d.meta.fiscal_year is not None:
            groups.setdefault(key, []).append(d)
    return {
        key: sorted(group, key=lambda d: (d.meta.fiscal_year, d.name))
        for key, group in sorted(groups.items(), key=lambda kv: (kv[0].region, kv[0].department))
        if len({d.meta.fiscal_year for d in group}) > 1
    }
