"""The data behind each chart of a disclosure page, as tidy rows.

Each chart's rows are what the reader downloads beside the chart and what the chart draws,
so the two cannot differ, with two exceptions the page says below the chart
(`notes`): a category whose every value is 0 is kept in the CSV but not drawn
(an empty bar row only takes room), and the unit's overall performance
evaluation is not drawn among its projects (its amounts are the whole unit's,
on another scale). Only values that were read go in: a missing figure or one
stated twice with different values is named in `missing`, never drawn as 0.

The rows are plain dicts of text, written with the csv module: a chart has a few rows,
and pandas' frames, boolean indexing and to_csv cost ~6 ms a disclosure for them (the
CSV is the same bytes: pandas writes through the same csv writer). `frame` gives the
rows as a DataFrame to whoever wants one.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

import pandas as pd

from juesuan.disclosure import Disclosure
from juesuan.domain.amounts import format_decimal
from juesuan.domain.sangong import COMPONENTS, Phase
from juesuan.domain.template import FunctionLevel
from juesuan.domain.vocabulary import EXPENDITURE_PARTS, REVENUE_PARTS, load_vocabulary

Row = dict[str, Any]


@dataclass(frozen=True)
class ChartData:
    """One chart's rows (each a dict of `columns`, text or None) and the figures it had to
    leave out."""

    chart_id: str
    title_zh: str
    title_en: str
    unit: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]
    missing: tuple[str, ...]
    description: str
    category: str = "label"  # the column naming a bar (or a group of bars)
    values: tuple[str, ...] = ("value",)  # the columns of amounts (several: a wide table)

    def amounts(self, row: Row) -> list[Decimal]:
        """The row's amounts that were read (an empty cell was not)."""
        return [Decimal(row[v]) for v in self.values if row[v] not in (None, "")]

    @cached_property
    def frame(self) -> pd.DataFrame:
        """The rows as a DataFrame, in `columns`' order."""
        return pd.DataFrame(list(self.rows), columns=list(self.columns))

    # Computed once per chart (each is asked for several times a page).
    @cached_property
    def zero(self) -> tuple[str, ...]:
        """Categories whose every value is 0: in the CSV, not drawn."""
        nonzero: dict[str, bool] = {}
        for row in self.rows:
            name = row[self.category]
            if name is not None:
                read = any(a != 0 for a in self.amounts(row))
                nonzero[str(name)] = nonzero.get(str(name), False) or read
        return tuple(name for name, drawn in nonzero.items() if not drawn)

    @cached_property
    def csv(self) -> str:
        """The rows as the CSV the reader downloads (in the package zip's charts/ and, made
        in the browser from the page, beside the chart): a header line, then a line a row,
        "\n" after each, fields quoted only when they must be, a missing value empty."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows([[row[c] for c in self.columns] for row in self.rows])
        return out.getvalue()

    @cached_property
    def drawn_rows(self) -> list[int]:
        """The positions, in the CSV's rows, of the rows the chart draws (see the module
        docstring for what is left out)."""
        zero = set(self.zero)
        kept = [i for i, row in enumerate(self.rows) if row[self.category] not in zero]
        if "kind" in self.columns and any(self.rows[i]["kind"] == "project" for i in kept):
            kept = [i for i in kept if self.rows[i]["kind"] == "project"]
        return kept

    @property
    def drawn(self) -> list[Row]:
        """The rows the chart draws."""
        return [self.rows[i] for i in self.drawn_rows]

    @property
    def notes(self) -> tuple[str, ...]:
        """Sentences said below the chart about what it does not draw."""
        notes = []
        if self.zero:
            notes.append(f"数值为 0、图中未画出：{'、'.join(self.zero)}。")
        if "kind" in self.columns:
            drawn = set(self.drawn_rows)
            for i, row in enumerate(self.rows):
                if i not in drawn and row["kind"] == "overall" and row["project"] not in self.zero:
                    notes.append(_overall_note(self.rows, row["project"]))
        return tuple(dict.fromkeys(notes))


_FACT_CHARTS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    (
        "revenue-structure",
        "本年收入结构",
        "Revenue of the year by source",
        "万元",
        REVENUE_PARTS,
    ),
    (
        "expenditure-structure",
        "本年支出：基本支出与项目支出",
        "Expenditure of the year: basic vs project",
        "万元",
        EXPENDITURE_PARTS,
    ),
    ("staff", "人员构成", "Staff", "人", ("staff.active", "staff.retired_lixiu", "staff.retired")),
)


def _fact_chart(d: Disclosure, spec: tuple[str, str, str, str, tuple[str, ...]]) -> ChartData:
    chart_id, title_zh, title_en, unit, keys = spec
    vocabulary = load_vocabulary()
    rows, missing = [], []
    for key in keys:
        fact = d.fact(key)
        if fact is None:
            missing.append(vocabulary[key].label_zh)
        else:
            rows.append(
                {
                    "key": key,
                    "label": vocabulary[key].label_zh,
                    "value": format_decimal(fact.value),
                }
            )
    return ChartData(
        chart_id,
        title_zh,
        title_en,
        unit,
        ("key", "label", "value"),
        tuple(rows),
        tuple(missing),
        f"{title_zh} / {title_en}: one row per figure of the vocabulary; the sentence each was "
        "read from is in facts.csv, under the same key.",
    )


def _function_chart(d: Disclosure, level: FunctionLevel) -> ChartData:
    rows = [
        {
            "code": i.code or "",
            "label": " / ".join(n for n in i.names if n),
            "value": format_decimal(i.amount),
            "share_pct": "" if i.share_pct is None else format_decimal(i.share_pct),
        }
        for i in d.expenditure_items
        if i.level == level and i.amount is not None
    ]
    missing = tuple(
        " / ".join(n for n in i.names if n)
        for i in d.expenditure_items
        if i.level == level and i.amount is None
    )
    if level == FunctionLevel.CLASS:
        ids = ("function-classes", "支出功能分类：类", "Spending by functional class")
    else:
        ids = ("function-items", "支出功能分类：项", "Spending by functional item")
    return ChartData(
        ids[0],
        ids[1],
        ids[2],
        "万元",
        ("code", "label", "value", "share_pct"),
        tuple(rows),
        missing,
        f"{ids[1]} / {ids[2]} of 一般公共预算财政拨款支出, with the national classification "
        "code where printed or filled from the code table; the sentence each was read from is "
        "in expenditure_by_function.csv.",
    )


def _sangong_chart(d: Disclosure) -> ChartData:
    rows = [
        {
            "component": r.item,
            "label": COMPONENTS[r.item],
            "phase": "预算 budget" if r.phase == Phase.BUDGET else "决算 actual",
            "value": format_decimal(r.value),
        }
        for r in d.sangong
        if r.item in COMPONENTS and r.item != "total" and not r.conflict
    ]
    missing = tuple(
        sorted({COMPONENTS[r.item] for r in d.sangong if r.item in COMPONENTS and r.conflict})
    )
    return ChartData(
        "sangong",
        "“三公”经费预算与决算",
        "Three public expenses: budget vs actual",
        "万元",
        ("component", "label", "phase", "value"),
        tuple(rows),
        missing,
        "“三公”经费 by component, budget (预算) and actual (决算), values in conflict left out; "
        "the sentence each was read from is in sangong.csv.",
    )


def _overall_note(rows: tuple[Row, ...], project: str) -> str:
    first = next(r for r in rows if r["project"] == project)
    amounts = "，".join(
        f"{name.split(' ')[0]} {first[column]} 万元"
        for column, name in PROJECT_MEASURES.items()
        if first[column]
    )
    rate = f"，执行率 {first['execution_rate']}%" if first["execution_rate"] else ""
    score = f"，自评得分 {first['score']} 分" if first["score"] else ""
    return (
        f"单位整体支出“{project}”是整个单位的数字，与单个项目不在一个量级，未画入图中："
        f"{amounts}{rate}{score}。"
    )


def _project_label(name: str, score: str) -> str:
    """The score first, so a label cut short on a phone loses the name's end, not the score."""
    return f"{score}分｜{name}" if score else name


# The performance chart's amounts: column → the name its bars are drawn under. One row a
# project with both amounts (a row an amount repeated the project's name and label, ~1 KB
# a page); the chart's template folds them into bars (charts.py).
PROJECT_MEASURES = {"budget": "全年预算数 budget", "executed": "全年执行数 executed"}


def _projects_chart(d: Disclosure) -> ChartData:
    rows = []
    for p in d.projects:
        if p.full_year_budget is None and p.executed is None:
            continue
        score = "" if p.score is None else format_decimal(p.score)
        rows.append(
            {
                "project": p.name or p.project_id,
                "kind": p.kind,
                "label": _project_label(p.name or p.project_id, score),
                "budget": "" if p.full_year_budget is None else format_decimal(p.full_year_budget),
                "executed": "" if p.executed is None else format_decimal(p.executed),
                "execution_rate": ""
                if p.execution_rate is None
                else format_decimal(p.execution_rate),
                "score": score,
            }
        )
    return ChartData(
        "performance",
        "绩效自评项目：预算、执行与得分",
        "Performance self-evaluation: budget, execution and score",
        "万元",
        ("project", "kind", "label", "budget", "executed", "execution_rate", "score"),
        tuple(rows),
        (),
        "One row per self-evaluated project (kind project) and for the unit as a whole (kind "
        "overall): full-year budget (budget) and executed amount (executed) in 万元, empty "
        "where not read, execution rate in % and the self-evaluation score (label: the score, "
        "then the name). The chart draws the projects (the overall row only when there is no "
        "project) and shows each score before its name.",
        category="project",
        values=tuple(PROJECT_MEASURES),
    )


# The last disclosure's charts: its page (specs, notes) and its downloads (CSVs, README)
# both ask for them, one after the other; built twice they were ~5 ms of a page's ~45.
_last: tuple[Disclosure, list[ChartData]] | None = None


def chart_data(d: Disclosure) -> list[ChartData]:
    """Every chart this disclosure supports, in page order; empty ones left out."""
    global _last
    if _last is not None and _last[0] is d:  # a Disclosure is frozen: same object, same charts
        return _last[1]
    charts = _chart_data(d)
    _last = (d, charts)
    return charts


def _chart_data(d: Disclosure) -> list[ChartData]:
    charts = [
        _fact_chart(d, _FACT_CHARTS[0]),
        _fact_chart(d, _FACT_CHARTS[1]),
        _function_chart(d, FunctionLevel.CLASS),
        _function_chart(d, FunctionLevel.XIANG),
        _sangong_chart(d),
        _projects_chart(d),
        _fact_chart(d, _FACT_CHARTS[2]),
    ]
    return [c for c in charts if any(a > 0 for r in c.rows for a in c.amounts(r))]
