"""Pages across disclosures: comparison, region and year indexes, a department's years.

These pages list disclosures; the nav lists only these pages (never one entry
per disclosure), so the site grows linearly with the number of disclosures.
Every table has its CSV under data/compare/ so a journalist can take it away.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd

from juesuan.disclosure import Disclosure
from juesuan.domain.amounts import format_decimal
from juesuan.domain.key_figures import BUDGET_PAIRS
from juesuan.render.budget import RUN_LABELS
from juesuan.render.charts import (
    LABEL_LIMIT,
    chart_title,
    container_spec,
    slot,
    title_spec,
    unchecked,
)
from juesuan.render.comparison import (
    KEY_FIGURES,
    DepartmentKey,
    by_function_class,
    departments,
    execution_rates,
    key_figures,
    sangong_ranking,
    year_over_year,
)
from juesuan.render.escape import json_for_script
from juesuan.render.html_table import frame_table
from juesuan.render.page_cache import page_key, rendered
from juesuan.render.pages import plain_title, region_label, template_environment, totals
from juesuan.render.portal_charts import chart_files, csv_data, csv_text, portal_chart
from juesuan.render.splits import (
    COMPARE_ROWS,
    LISTING_ROWS,
    UNKNOWN,
    page_links,
    paginate,
    province,
    slug,
)

_FIGURE_COLUMNS = [(f.key, f"{f.label_zh}（{f.unit_zh}）") for f in KEY_FIGURES]
_NUMERIC = frozenset(
    [f.key for f in KEY_FIGURES]
    + ["basic_share_pct", "project_share_pct", "expenditure_per_staff", "sangong_per_staff"]
    + ["amount", "share_pct", "rank"]
    + [k for p in BUDGET_PAIRS for k in (p.budget_key, p.actual_key, p.column)]
)


@dataclass(frozen=True)
class PortalPage:
    """A generated page (path under docs/) and the CSV files it links to; a path ending in
    .html is a static page MkDocs copies as it is (`markdown` then holds its HTML)."""

    path: str
    markdown: str
    files: dict[str, str]


def _csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def _chart(chart_id: str, chart: alt.Chart | alt.LayerChart, note: str = "") -> dict[str, str]:
    return {
        "chart_id": chart_id,
        "spec_json": json_for_script(container_spec(chart)),
        "note": note,
    }


# A chart's label of a department-year, so two years of one department are two bars, not one
# bar of their sum: made by Vega from the row's department and year, not carried in every row.
_WHO = "datum.year ? datum.department + '（' + datum.year + '）' : datum.department"


def _rows_csv(
    frame: pd.DataFrame,
    columns: list[str],
    numeric: tuple[str, ...] = (),
    menus: Menus | None = None,
) -> str:
    """The rows of `frame` a chart draws, as the CSV text a page carries: `columns` (the
    `numeric` ones a number or empty), a column with a menu as its option's code
    (Menus.codes). Built from lists: a DataFrame's where and to_dict were a fifth of
    rendering the comparison pages."""
    codes = menus.codes if menus else {}
    cells = []
    for column in columns:
        values = frame[column].tolist()
        if column in numeric:
            missing = pd.to_numeric(frame[column], errors="coerce").isna().tolist()
            values = [None if m else v for v, m in zip(values, missing, strict=True)]
        elif column in codes:
            values = [codes[column].get(str(v), "") for v in values]
        cells.append(values)
    return csv_text(columns, zip(*cells, strict=True))


# A comparison chart draws the largest few of what the reader chose (year, kind, region); the
# tables below it and their CSVs hold every disclosure. A bar per disclosure is unreadable past
# a few dozen. The chart's data holds every row, so choosing a region finds its departments
# even when none is among the largest of all.
CHART_TOP = 40
# Amounts that differ more than this (largest ÷ smallest drawn) are drawn on a log scale: on a
# linear one a department 100× the others leaves them all as slivers.
LOG_SPREAD = 20
ALL = ""  # the choice "all years / kinds / regions" of a chart's menus


# A comparison page is one year and one province (render/splits.py): the reader chooses only
# the kind of text; the year and the region are pages of their own.
MENUS = (("kind", "类型", "全部类型"),)

# Each comparison chart is built by Altair once per process and shape (its menus, its scale),
# with slots for its data, title and options (charts.slot): the site publishes it once
# (portal_charts) and a page fills it in.
_NO_DATA = alt.Data(values=[])


@dataclass(frozen=True)
class Menus:
    """The columns of MENUS that get a menu (those with more than one value), the options
    that fill their slots (_menu_params), and each value's option code: a row carries the
    code ("1"), the menu shows the value (部门（单位）决算公开说明, 36 bytes a row)."""

    columns: tuple[str, ...]
    slots: dict[str, Any]
    codes: dict[str, dict[str, str]]


def _menus(frame: pd.DataFrame) -> Menus:
    columns, slots, codes = [], {}, {}
    for column, _, every in MENUS:
        if frame[column].nunique() > 1:
            options = sorted({str(v) for v in frame[column] if str(v)}, reverse=column == "year")
            columns.append(column)
            codes[column] = {v: str(i) for i, v in enumerate(options, start=1)}
            slots[f"{column}-options"] = [ALL, *codes[column].values()]
            slots[f"{column}-labels"] = [every, *options]
    return Menus(tuple(columns), slots, codes)


def _menu_params(columns: tuple[str, ...]) -> tuple[list[alt.Parameter], str]:
    """The menus of `columns`, their options slots, and their filter."""
    params, tests = [], []
    for column, label, _ in MENUS:
        if column in columns:
            bind = alt.binding_select(
                options=slot(f"{column}-options"), labels=slot(f"{column}-labels"), name=f"{label} "
            )
            params.append(alt.param(name=column, value=ALL, bind=bind))
            tests.append(f"({column} === '{ALL}' || datum.{column} === {column})")
    return params, " && ".join(tests) or "true"


def _bounded(frame: pd.DataFrame, field: str, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """The rows a chart can draw: the CHART_TOP largest `field` overall and within every
    group of `by` and of the menus, so whatever the reader chooses its top rows are there
    and the page's inline data stays bounded however many rows there are.

    On plain lists: a pandas sort and selection a group (a class of a split has a few rows)
    was a fifth of rendering the comparison pages."""
    key = pd.to_numeric(frame[field], errors="coerce")
    values, unread = key.tolist(), key.isna().tolist()

    def top(positions: list[int]) -> list[int]:  # as _top: largest first, unread last
        ranked = sorted(positions, key=lambda i: (True, 0) if unread[i] else (False, -values[i]))
        return ranked[:CHART_TOP]

    keep = set(top(list(range(len(frame)))))
    for columns in {*(m[0] for m in MENUS), *by}, set(by):
        if columns and all(c in frame for c in columns):
            groups: dict[tuple, list[int]] = {}
            keys = zip(*(frame[c].tolist() for c in sorted(columns)), strict=True)
            for i, group in enumerate(keys):
                if not any(pd.isna(v) for v in group):  # as groupby, which drops them
                    groups.setdefault(group, []).append(i)
            for positions in groups.values():
                keep.update(top(positions))
    return frame.loc[sorted(frame.index[i] for i in keep)]


def _log_note(values: pd.Series) -> str:
    """What the page says of the amounts' axis: why it is a log scale, "" when it is not."""
    amounts = pd.to_numeric(values, errors="coerce").dropna()
    positive = amounts[amounts > 0]
    if len(positive) > 1 and positive.max() / positive.min() > LOG_SPREAD:
        return (
            f"最大值是最小值的 {int(positive.max() / positive.min())} 倍，"
            "横轴用对数刻度（同样的长度代表同样的倍数），小的数字也看得清；"
            "为 0 的不能画在对数刻度上，见下表。"
        )
    return ""


def _amount_x(field: str, title: str, log: bool) -> tuple[alt.X, str]:
    """The x encoding of amounts and the filter of what it can draw."""
    if log:  # unstacked, a bar starts at the axis' smallest value (a log scale has no 0)
        scale = alt.Scale(type="log")
        x = alt.X(f"{field}:Q", title=f"{title}（对数刻度）", scale=scale, stack=None)
        return x, f"datum.{field} > 0"
    return alt.X(f"{field}:Q", title=title), f"isValid(datum.{field})"


def _top_of_choice(chart: alt.Chart, test: str, field: str) -> alt.Chart:
    """`chart` drawing the CHART_TOP largest `field` of the rows passing `test`."""
    return (
        chart.transform_filter(test)
        .transform_window(place="row_number()", sort=[alt.SortField(field, order="descending")])
        .transform_filter(f"datum.place <= {CHART_TOP}")
    )


def _top(frame: pd.DataFrame, column: str, n: int = CHART_TOP) -> pd.DataFrame:
    """The `n` rows with the largest numeric `column` (unread values last), in that order."""
    key = pd.to_numeric(frame[column], errors="coerce")
    return frame.loc[key.sort_values(ascending=False, kind="stable").index[:n]]


def _title(title: str, drawn: int, total: int) -> str:
    return title if drawn == total else f"{title}：前 {drawn} 名（共 {total}，全部见下表）"


def _top_title(title: str, total: int, what: str = "") -> str:
    return (
        title if total <= CHART_TOP else f"{title}：所选范围内{what}前 {CHART_TOP} 名（全部见下表）"
    )


def _with_csv(spec: dict[str, Any], *numbers: str) -> dict[str, Any]:
    """`spec` drawing the CSV a page carries (portal_charts.csv_data) instead of its data."""
    out = {k: v for k, v in spec.items() if k != "datasets"}
    return {**out, "data": csv_data(numbers)}


def _department_bars(title: str, x: alt.X, tooltip: list) -> alt.Chart:
    """A bar a department-year, largest first, its label cut to what a phone shows."""
    return (
        alt.Chart(_NO_DATA, title=title)
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y("who:N", sort="-x", title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
            tooltip=tooltip,
        )
        .properties(height=alt.Step(22))
        .transform_calculate(who=_WHO)
    )


@cache
def _sangong_template(log: bool, menus: tuple[str, ...]) -> dict[str, Any]:
    with unchecked():
        params, test = _menu_params(menus)
        x, drawable = _amount_x("amount", "万元", log)
        tooltip = [
            alt.Tooltip("department:N", title="部门"),
            alt.Tooltip("region:N", title="地区"),
            alt.Tooltip("year:N", title="年度"),
            alt.Tooltip("amount:Q", title="决算数（万元）", format=",.2f"),
        ]
        chart = _department_bars(slot("title"), x, tooltip).add_params(*params)
        spec = container_spec(_top_of_choice(chart, f"{test} && {drawable}", "amount"))
        return _with_csv(spec, "amount")


def _sangong_chart(ranking: pd.DataFrame, menus: Menus) -> dict[str, str]:
    """三公 totals per department-year, the top of what the reader chose."""
    note = _log_note(ranking["sangong.total"])
    drawn = _bounded(ranking.rename(columns={"sangong.total": "amount"}), "amount")
    columns = ["department", "region", "year", *menus.columns, "amount"]
    slots = {
        **menus.slots,
        "csv": _rows_csv(drawn, columns, ("amount",), menus),
        "title": title_spec(_top_title("“三公”经费支出（万元）", len(ranking))),
    }
    template = _sangong_template(bool(note), menus.columns)
    return portal_chart("compare-sangong", template, slots, note)


# The shares chart's two parts: (column of the key figures, the part's name, which heads
# its column of the page's CSV and which Vega folds into a bar each).
_SHARE_PARTS = (("basic_share_pct", "基本支出"), ("project_share_pct", "项目支出"))


@cache
def _shares_template(menus: tuple[str, ...]) -> dict[str, Any]:
    with unchecked():
        params, test = _menu_params(menus)
        names = [name for _, name in _SHARE_PARTS]
        chart = (
            alt.Chart(_NO_DATA, title=slot("title"))
            .mark_bar()
            .encode(
                x=alt.X("pct:Q", title="%", stack=True),
                y=alt.Y(
                    "who:N",
                    title=None,
                    sort=alt.EncodingSortField("order", order="descending"),
                    axis=alt.Axis(labelLimit=LABEL_LIMIT),
                ),
                color=alt.Color("part:N", title=None),
                tooltip=[
                    alt.Tooltip("department:N", title="部门"),
                    alt.Tooltip("year:N", title="年度"),
                    alt.Tooltip("part:N", title="支出类型"),
                    alt.Tooltip("pct:Q", title="占本年支出（%）", format=",.2f"),
                ],
            )
            .properties(height=alt.Step(22))
            .add_params(*params)
            # A row a department-year; Vega makes its two bars (and sorts by project share).
            .transform_calculate(who=_WHO, order=f"datum['{names[1]}']")
            .transform_fold(names, as_=["part", "pct"])
        )
        # Both parts of a department-year are one place (the same project share and name).
        ranked = (
            chart.transform_filter(test)
            .transform_window(
                place="dense_rank()",
                sort=[alt.SortField("order", order="descending"), alt.SortField("who")],
            )
            .transform_filter(f"datum.place <= {CHART_TOP}")
        )
        return _with_csv(container_spec(ranked), *names)


def _shares_chart(all_shares: pd.DataFrame, menus: Menus) -> dict[str, str]:
    """Basic and project spending as shares of the year's spending, stacked."""
    shown = _bounded(all_shares, "project_share_pct").rename(columns=dict(_SHARE_PARTS))
    title = _top_title("基本支出与项目支出占本年支出（%）", len(all_shares), "项目支出占比")
    names = tuple(name for _, name in _SHARE_PARTS)
    columns = ["department", "year", *menus.columns, *names]
    slots = {
        **menus.slots,
        "csv": _rows_csv(shown, columns, names, menus),
        "title": title_spec(title),
    }
    return portal_chart("compare-shares", _shares_template(menus.columns), slots)


def _compare_charts(figures: pd.DataFrame, ranking: pd.DataFrame, classes: pd.DataFrame) -> list:
    menus = _menus(figures) if not figures.empty else Menus((), {}, {})
    charts = []
    if not ranking.empty:
        charts.append(_sangong_chart(ranking, menus))
    all_shares = figures[(figures["basic_share_pct"] != "") | (figures["project_share_pct"] != "")]
    if not all_shares.empty:
        charts.append(_shares_chart(all_shares, menus))
    if not classes.empty:
        charts.append(_classes_chart(figures, classes))
    return charts


@cache
def _classes_template(log: bool, menus: tuple[str, ...]) -> dict[str, Any]:
    with unchecked():
        params, test = _menu_params(menus)
        choose = alt.param(
            name="fclass",
            value=slot("fclass"),
            bind=alt.binding_select(options=slot("fclass-options"), name="支出功能分类（类） "),
        )
        x, drawable = _amount_x("amount", "万元", log)
        tooltip = [
            alt.Tooltip("class:N", title="功能分类（类）"),
            alt.Tooltip("department:N", title="部门"),
            alt.Tooltip("year:N", title="年度"),
            alt.Tooltip("amount:Q", title="金额（万元）", format=",.2f"),
            alt.Tooltip("share_pct:N", title="占本年支出（%）"),
        ]
        chart = _department_bars(slot("title"), x, tooltip).add_params(choose, *params)
        test = f"{test} && datum['class'] === fclass && {drawable}"
        return _with_csv(container_spec(_top_of_choice(chart, test, "amount")), "amount")


def _classes_chart(figures: pd.DataFrame, classes: pd.DataFrame) -> dict[str, str]:
    """One functional class at a time (the reader chooses which), a bar per department."""
    about = figures[["package", "region", "kind"]].drop_duplicates("package")
    rows = classes.merge(about, on="package", how="left").fillna({"region": "", "kind": ""})
    rows["class"] = (rows["class_code"] + " " + rows["class_name"]).str.strip()
    menus = _menus(rows)
    # The class most departments report comes first in the menu (then by code).
    counts = rows.groupby("class")["package"].nunique()
    rows = _bounded(rows, "amount", ("class",))
    names = sorted(counts.index, key=lambda c: (-counts[c], c))
    note = _log_note(rows["amount"])
    columns = ["class", "department", "year", *menus.columns, "amount", "share_pct"]
    title = _top_title("所选支出功能分类（类）各部门决算数（万元）", int(counts.max()))
    slots = {
        **menus.slots,
        "fclass": names[0],
        "fclass-options": names,
        "csv": _rows_csv(rows, columns, ("amount",), menus),
        "title": title_spec(title),
    }
    template = _classes_template(bool(note), menus.columns)
    return portal_chart("compare-classes", template, slots, note)


@cache
def _execution_template() -> dict[str, Any]:
    with unchecked():
        bars = (
            alt.Chart(_NO_DATA)
            .mark_bar()
            .encode(
                x=alt.X("rate:Q", title="%"),
                y=alt.Y(
                    "department:N", sort="-x", title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)
                ),
                color=alt.condition(
                    alt.datum.rate > 100, alt.value("#c0392b"), alt.value("#2e86c1")
                ),
                tooltip=[
                    alt.Tooltip("department:N", title="部门"),
                    alt.Tooltip("year:N", title="年度"),
                    alt.Tooltip("rate:Q", title="完成率（%）"),
                ],
            )
        )
        rule = alt.Chart(pd.DataFrame({"x": [100]})).mark_rule(strokeDash=[4, 4]).encode(x="x:Q")
        layered = alt.layer(bars, rule, title=slot("title")).properties(height=alt.Step(22))
        spec = container_spec(layered)
        # The bars draw the page's CSV; the 100% line keeps its own row.
        (bars_spec, rule_spec) = spec["layer"]
        rule_data = rule_spec["data"]["name"]
        return {
            **spec,
            "datasets": {rule_data: spec["datasets"][rule_data]},
            "layer": [{**bars_spec, "data": csv_data(["rate"])}, rule_spec],
        }


def _execution_chart(rates: pd.DataFrame) -> dict[str, str]:
    """决算/年初预算 of 财政拨款 per disclosure, with the 100% line."""
    column = BUDGET_PAIRS[0].column
    drawn = _top(rates, column)[["department", "year", column]].rename(columns={column: "rate"})
    title = _title("财政拨款支出完成率（决算 ÷ 年初预算，%）", len(drawn), len(rates))
    slots = {
        "csv": _rows_csv(drawn, ["department", "year", "rate"], ("rate",)),
        "title": title_spec(title),
    }
    return portal_chart("compare-execution", _execution_template(), slots)


def _with_run_labels(rates: pd.DataFrame) -> pd.DataFrame:
    return rates.assign(run_label=rates["run"].map(lambda r: RUN_LABELS.get(r, "")))


def _execution_table(rates: pd.DataFrame, link: dict[str, str]) -> str:
    """The execution rates of a page's disclosures (their flags are the split's)."""
    if rates.empty:
        return ""
    fiscal, sangong = BUDGET_PAIRS
    return frame_table(
        _with_run_labels(rates),
        [
            ("department", "部门"),
            (fiscal.budget_key, "财政拨款年初预算（万元）"),
            (fiscal.actual_key, "财政拨款支出决算（万元）"),
            (fiscal.column, "完成率 %"),
            (sangong.budget_key, "“三公”年初预算（万元）"),
            (sangong.actual_key, "“三公”决算（万元）"),
            (sangong.column, "“三公”完成率 %"),
            ("run_label", "标记"),
        ],
        _NUMERIC,
        link,
    )


def _execution_section(rates: pd.DataFrame, link: dict[str, str]) -> dict[str, Any]:
    if rates.empty:
        return {"table": "", "chart": None, "flags": []}
    shown = _with_run_labels(rates)
    fiscal = BUDGET_PAIRS[0]
    flags = [
        f"{RUN_LABELS[r['run']]}：{r['department']}（{r['year']}）"
        f"年初预算 {r[fiscal.budget_key]} → 决算 {r[fiscal.actual_key]} 万元，"
        f"完成率 {r[fiscal.column]}%"
        for r in shown.to_dict("records")
        if r["run"]
    ]
    return {
        "table": _execution_table(rates, link),
        "chart": _execution_chart(rates),
        "flags": flags,
    }


# The comparison page's tables: (column, header) of each. The year is the page's (a split is
# one year, render/splits.py) and its heading's: not a column repeated on every row (~90
# bytes a disclosure); the CSVs keep it.
_RATIO_COLUMNS = [
    ("department", "部门"),
    ("basic_share_pct", "基本支出占比 %"),
    ("project_share_pct", "项目支出占比 %"),
    ("expenditure_per_staff", "人均本年支出（万元/在职人员）"),
    ("sangong_per_staff", "人均“三公”（万元/在职人员）"),
]
_RANKING_COLUMNS = [
    ("rank", "名次"),
    ("department", "部门"),
    ("sangong.total", "“三公”经费支出（万元）"),
    ("sangong_per_staff", "人均（万元）"),
]
_CLASS_COLUMNS = [
    ("class_code", "编码"),
    ("class_name", "类"),
    ("department", "部门"),
    ("amount", "决算数（万元）"),
    ("share_pct", "占比 %"),
]


def _sortable(frame: pd.DataFrame, columns: list[tuple[str, str]], link: dict[str, str]) -> str:
    return "" if frame.empty else frame_table(frame, columns, _NUMERIC, link, sortable=True)


@dataclass(frozen=True)
class ComparisonSplit:
    """Where one split of the comparison goes (render/splits.py): its pages' base path, the
    folder of its CSVs, its title and the Markdown of its links to the overview."""

    base: str  # docs path without .md, e.g. compare/2024-henan-1a2b
    csv_dir: str  # e.g. data/compare/2024-henan-1a2b
    title: str
    back: str


def comparison_pages(disclosures: list[Disclosure], split: ComparisonSplit) -> list[PortalPage]:
    """The comparison of `disclosures` (one year, one province): the charts and the CSVs over
    all of them, the tables cut into pages of COMPARE_ROWS disclosures; ranks are within
    the split."""
    figures = key_figures(disclosures)
    ranking = sangong_ranking(figures)
    classes = by_function_class(disclosures)
    rates = execution_rates(figures)
    charts = _compare_charts(figures, ranking, classes)
    execution = _execution_section(rates, {"department": "../../disclosures/{package}/"})
    files = {
        f"{split.csv_dir}/key-figures.csv": _csv(figures),
        f"{split.csv_dir}/execution-rates.csv": _csv(rates),
        f"{split.csv_dir}/sangong-ranking.csv": _csv(ranking),
        f"{split.csv_dir}/function-classes.csv": _csv(classes),
        **chart_files([*charts, *([execution["chart"]] if execution["chart"] else [])]),
    }
    pages = []
    for paged in paginate(split.base, list(figures.get("package", [])), COMPARE_ROWS):
        here = set(paged.rows)
        tables = _comparison_tables(
            [f[f["package"].isin(here)] for f in (figures, ranking, classes, rates)]
        )
        markdown = (
            template_environment()
            .get_template("compare.md.j2")
            .render(
                title_yaml=json.dumps(plain_title(split.title), ensure_ascii=False)[1:-1],
                heading=split.title,
                back=split.back,
                page_links=page_links(paged),
                csv=f"../{split.csv_dir}/",
                count=len(disclosures),
                charts=charts,
                execution={**execution, "table": tables.pop("execution")},
                **tables,
            )
        )
        pages.append(PortalPage(paged.path, markdown, files if paged.number == 1 else {}))
    return pages


def _comparison_tables(frames: list[pd.DataFrame]) -> dict[str, str]:
    """The tables of one page of a split: its disclosures' rows."""
    figures, ranking, classes, rates = frames
    link = {"department": "../../disclosures/{package}/"}
    figure_columns = [
        ("department", "部门"),
        ("region", "地区"),
        *_FIGURE_COLUMNS,
    ]
    return {
        "figures_table": _sortable(figures, figure_columns, link),
        "ratios_table": _sortable(figures, _RATIO_COLUMNS, link),
        "ranking_table": _sortable(ranking, _RANKING_COLUMNS, link),
        "classes_table": _sortable(classes, _CLASS_COLUMNS, link),
        "execution": _execution_table(rates, link),
    }


def national_csvs(disclosures: list[Disclosure]) -> dict[str, str]:
    """The comparison tables over every disclosure, to take away (not shown on any page)."""
    figures = key_figures(disclosures)
    return {
        "data/compare/key-figures.csv": _csv(figures),
        "data/compare/execution-rates.csv": _csv(execution_rates(figures)),
        "data/compare/sangong-ranking.csv": _csv(sangong_ranking(figures)),
        "data/compare/function-classes.csv": _csv(by_function_class(disclosures)),
    }


def _groups(disclosures: list[Disclosure], key) -> dict[str, list[Disclosure]]:
    groups: dict[str, list[Disclosure]] = {}
    for d in disclosures:
        groups.setdefault(key(d), []).append(d)
    return groups


def _region(d: Disclosure) -> str:
    return region_label(d.meta.region)


def home_chart(disclosures: list[Disclosure]) -> dict[str, str] | None:
    """The home page's one chart: 本年支出合计 summed by region (largest first)."""
    rows = [
        {"region": region, "amount": float(t.spent_value or 0), "count": t.count}
        for region, group in _groups(disclosures, _region).items()
        if (t := totals(group)).spent
    ]
    if not rows:
        return None
    frame = pd.DataFrame(rows).sort_values(["amount", "region"], ascending=[False, True])
    drawn = frame.head(CHART_TOP)
    title = _title("各地区本年支出合计（万元）", len(drawn), len(frame))
    return _chart(
        "home-regions",
        alt.Chart(drawn, title=chart_title(title))
        .mark_bar()
        .encode(
            x=alt.X("amount:Q", title="万元"),
            y=alt.Y("region:N", sort="-x", title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
            tooltip=[
                alt.Tooltip("region:N", title="地区"),
                alt.Tooltip("amount:Q", title="万元"),
                alt.Tooltip("count:Q", title="份数"),
            ],
        )
        .properties(height=alt.Step(22)),
    )


def department_pages(
    disclosures: list[Disclosure], cache_dir: Path | None = None
) -> list[PortalPage]:
    """A page for every named department (its years, and year-over-year change when it has
    more than one), the departments index (a row a province) and a page of departments per
    province (cut into pages of LISTING_ROWS). `cache_dir` keeps each department's page."""
    groups = departments(disclosures)
    several = {key: group for key, group in groups.items() if len(group) > 1}
    pages = rendered(
        _department_page,
        list(several.items()),
        [page_key("department-page", key, group) for key, group in several.items()],
        cache_dir,
    )
    pages += [_one_disclosure(key, group[0]) for key, group in groups.items() if len(group) == 1]
    by_province: dict[str, list[dict[str, Any]]] = {}
    for key, group in groups.items():
        spent = group[-1].fact("expenditure.current_year")
        by_province.setdefault(province(group[-1]), []).append(
            {
                "department": key.department,
                "region": key.region,
                # a department with one disclosure so far: straight to it (no page of its own)
                "href": f"{key.slug}.md"
                if len(group) > 1
                else f"../disclosures/{group[0].name}.md",
                "years": [
                    {"year": str(d.meta.fiscal_year or "未知"), "name": d.name} for d in group
                ],
                "latest_spent": format_decimal(spent.value) if spent else "",
            }
        )
    env = template_environment()
    provinces = []
    for name in sorted(by_province, key=lambda k: (k == UNKNOWN, k)):
        base = f"departments/province/{slug(name)}"
        provinces.append(
            {"province": name, "href": f"province/{slug(name)}.md", "count": len(by_province[name])}
        )
        for paged in paginate(base, by_province[name], LISTING_ROWS):
            markdown = env.get_template("departments.md.j2").render(
                rows=paged.rows,
                provinces=[],
                count=len(by_province[name]),
                province=name,
                title_yaml=json.dumps(plain_title(f"部门索引：{name}"), ensure_ascii=False)[1:-1],
                page_links=page_links(paged),
                up="../",
            )
            pages.append(PortalPage(paged.path, markdown, {}))
    index = env.get_template("departments.md.j2").render(
        rows=[],
        provinces=provinces,
        count=len(groups),
        province="",
        title_yaml="部门索引",
        page_links="",
        up="",
    )
    return [*pages, PortalPage("departments/index.md", index, {})]


# The money figures a department page draws (KEY_FIGURES in wan yuan): the columns of the
# chart's CSV, headed by their names, which Vega folds into a bar each.
_MONEY = [(f.key, f.label_zh) for f in KEY_FIGURES if f.unit == "wan_yuan"]


@cache
def _years_template(log: bool) -> dict[str, Any]:
    names = [name for _, name in _MONEY]
    with unchecked():
        x, drawable = _amount_x("value", "万元", log)
        chart = (
            alt.Chart(_NO_DATA, title=chart_title("历年主要数字（万元）"))
            .mark_bar()
            .encode(
                x=x,
                y=alt.Y("figure:N", title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
                yOffset="year:N",
                color=alt.Color("year:N", title="年度"),
                tooltip=[
                    alt.Tooltip("figure:N", title="项目"),
                    alt.Tooltip("year:N", title="年度"),
                    alt.Tooltip("value:Q", title="金额（万元）", format=",.2f"),
                ],
            )
            .properties(height=alt.Step(12))
            .transform_fold(names, as_=["figure", "value"])
            .transform_filter(drawable)
        )
        return _with_csv(container_spec(chart), *names)


def _years_chart(figures: pd.DataFrame, values: pd.Series) -> dict[str, str]:
    """A department's key figures, one bar per year: its rows of `figures` (a row a
    disclosure); `values`, the amounts drawn, decide the scale."""
    note = _log_note(values)
    shown = figures.rename(columns=dict(_MONEY))
    names = tuple(name for _, name in _MONEY)
    slots = {"csv": _rows_csv(shown, ["year", *names], names)}
    return portal_chart("department-years", _years_template(bool(note)), slots, note)


_CHANGE_COLUMNS = [
    ("figure", "指标"),
    ("from_year", "上年"),
    ("to_year", "本年"),
    ("previous", "上年（万元）"),
    ("current", "本年（万元）"),
    ("change", "增减（万元）"),
    ("change_pct", "增减 %"),
]


def department_page_names(disclosures: list[Disclosure]) -> frozenset[str]:
    """The disclosures whose department has a page: those with more than one disclosure."""
    return frozenset(
        d.name for group in departments(disclosures).values() if len(group) > 1 for d in group
    )


def _one_disclosure(key: DepartmentKey, d: Disclosure) -> PortalPage:
    """The address of a department with one disclosure so far leads to that disclosure.

    A department page compares a department's years; with one year it repeated the
    disclosure's figures inside the whole of the theme's page: ~12 KB and a page for MkDocs
    to render per department, most of the departments of a new portal. The address is kept
    (a link made to it now still works when a second year makes it a page): a small static
    page that sends the reader on, left out of the search index and the sitemap.

    Most departments of a portal have one (~3,000 at 5,000 disclosures), so it holds only
    what the reader and a crawler use: no <head> or <body> tags (HTML5 implies them) and no
    canonical link, which a search engine would weigh against `noindex` (the immediate
    refresh is read as the redirect it is)."""
    target = f"../../disclosures/{d.name}/"
    name = html.escape(key.department)
    title = html.escape(d.title)
    stub = (
        '<!doctype html>\n<html lang="zh">\n<meta charset="utf-8">\n'
        f"<title>{name}</title>\n"
        '<meta name="robots" content="noindex">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        f'<p>本站暂只收录{name}一个年度的公开文本：<a href="{target}">{title}</a>。'
        "Only one year of this department is published so far.</p>\n"
    )
    return PortalPage(f"departments/{key.slug}/index.html", stub, {})


def _department_page(key: DepartmentKey, group: list[Disclosure]) -> PortalPage:
    figures = key_figures(group).sort_values(["year", "package"]).reset_index(drop=True)
    money = [f.key for f in KEY_FIGURES if f.unit == "wan_yuan"]
    labels = {f.key: f.label_zh for f in KEY_FIGURES}
    long = figures.melt(id_vars=["year"], value_vars=money, var_name="key", value_name="value")
    long = long[long["value"] != ""]
    long["figure"] = long["key"].map(labels)
    several_years = len({y for y in figures["year"] if y}) > 1
    charts = [_years_chart(figures, long["value"])] if len(set(long["year"]) - {""}) > 1 else []
    changes = year_over_year(figures, money) if several_years else pd.DataFrame()
    if not changes.empty:
        changes["figure"] = changes["key"].map(labels)
    to_disclosure = "../../disclosures/{package}/"
    changes_numeric = _NUMERIC | {"previous", "current", "change", "change_pct"}
    markdown = (
        template_environment()
        .get_template("department.md.j2")
        .render(
            key=key,
            changes_table=""
            if changes.empty
            else frame_table(changes, _CHANGE_COLUMNS, changes_numeric, {"to_year": to_disclosure}),
            title_yaml=json.dumps(plain_title(key.department), ensure_ascii=False)[1:-1],
            table=frame_table(
                figures, [("year", "年度"), *_FIGURE_COLUMNS], _NUMERIC, {"year": to_disclosure}
            ),
            charts=charts,
            csv_name=f"{key.slug}.csv",
        )
    )
    files = {f"data/departments/{key.slug}.csv": _csv(figures), **chart_files(charts)}
    if not changes.empty:
        files[f"data/departments/{key.slug}-changes.csv"] = _csv(changes.drop(columns="figure"))
    return PortalPage(f"departments/{key.slug}.md", markdown, files)
