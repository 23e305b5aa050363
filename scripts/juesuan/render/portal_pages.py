"""Pages across disclosures: comparison, region and year indexes, a department's years.

These pages list disclosures; the nav lists only these pages (never one entry
per disclosure), so the site grows linearly with the number of disclosures.
Every table has its CSV under data/compare/ so a journalist can take it away.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import altair as alt
import pandas as pd

from juesuan.disclosure import Disclosure
from juesuan.domain.amounts import format_decimal
from juesuan.domain.key_figures import BUDGET_PAIRS
from juesuan.render.budget import RUN_LABELS
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
from juesuan.render.pages import plain_title, region_label, template_environment, totals

_FIGURE_COLUMNS = [(f.key, f"{f.label_zh}（{f.unit_zh}）") for f in KEY_FIGURES]
_NUMERIC = frozenset(
    [f.key for f in KEY_FIGURES]
    + ["basic_share_pct", "project_share_pct", "expenditure_per_staff", "sangong_per_staff"]
    + ["amount", "share_pct", "rank"]
    + [k for p in BUDGET_PAIRS for k in (p.budget_key, p.actual_key, p.column)]
)


@dataclass(frozen=True)
class PortalPage:
    """A generated page (path under docs/) and the CSV files it links to."""

    path: str
    markdown: str
    files: dict[str, str]


def _csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def _chart(chart_id: str, chart: alt.Chart) -> dict[str, str]:
    spec = (
        chart.properties(width="container")
        .configure(autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
        .to_dict(validate=False)  # validated once per chart kind in the tests, not per page
    )
    return {"chart_id": chart_id, "spec_json": json_for_script(spec)}


def _numeric(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    out = frame.copy()
    for column in columns:
        out[column] = pd.to_numeric(out[column], errors="coerce")
    return out


# A comparison chart draws the largest few; the tables below it and their CSVs hold every
# disclosure. A bar per disclosure is unreadable past a few dozen, and at a province's
# scale (8,000 rows at N = 5,000) Altair refuses the data outright.
CHART_TOP = 40


def _top(frame: pd.DataFrame, column: str, n: int = CHART_TOP) -> pd.DataFrame:
    """The `n` rows with the largest numeric `column` (unread values last), in that order."""
    key = pd.to_numeric(frame[column], errors="coerce")
    return frame.loc[key.sort_values(ascending=False, kind="stable").index[:n]]


def _title(title: str, drawn: int, total: int) -> str:
    return title if drawn == total else f"{title}：前 {drawn} 名（共 {total}，全部见下表）"


def _compare_charts(figures: pd.DataFrame, ranking: pd.DataFrame, classes: pd.DataFrame) -> list:
    charts = []
    if not ranking.empty:
        drawn = _top(ranking, "sangong.total")[["department", "year", "sangong.total"]].rename(
            columns={"sangong.total": "amount"}
        )
        title = _title("“三公”经费支出（万元）", len(drawn), len(ranking))
        charts.append(
            _chart(
                "compare-sangong",
                alt.Chart(_numeric(drawn, "amount"), title=title)
                .mark_bar()
                .encode(
                    x=alt.X("amount:Q", title="万元"),
                    y=alt.Y("department:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260)),
                    tooltip=["department:N", "year:N", alt.Tooltip("amount:Q", title="万元")],
                )
                .properties(height=alt.Step(22)),
            )
        )
    all_shares = figures[(figures["basic_share_pct"] != "") | (figures["project_share_pct"] != "")]
    if not all_shares.empty:
        shares = _top(all_shares, "project_share_pct")
        share_title = _title(
            "基本支出与项目支出占本年支出（%）", len(shares), len(all_shares)
        ).replace("前", "项目支出占比前")
        long = shares.melt(
            id_vars=["department", "year"],
            value_vars=["basic_share_pct", "project_share_pct"],
            var_name="part",
            value_name="pct",
        )
        long["part"] = long["part"].map(
            {"basic_share_pct": "基本支出", "project_share_pct": "项目支出"}
        )
        charts.append(
            _chart(
                "compare-shares",
                alt.Chart(_numeric(long, "pct"), title=share_title)
                .mark_bar()
                .encode(
                    x=alt.X("pct:Q", title="%", stack=True),
                    y=alt.Y("department:N", title=None, axis=alt.Axis(labelLimit=260)),
                    color=alt.Color("part:N", title=None, legend=alt.Legend(orient="bottom")),
                    tooltip=["department:N", "year:N", "part:N", "pct:Q"],
                )
                .properties(height=alt.Step(22)),
            )
        )
    if not classes.empty:
        totals = _numeric(classes, "amount").groupby("department")["amount"].sum()
        largest = totals.sort_values(ascending=False, kind="stable").index[:CHART_TOP]
        drawn_classes = classes[classes["department"].isin(largest)]
        classes_title = _title(
            "支出功能分类（类）各部门对比（万元）", len(largest), len(totals)
        ).replace("前", "支出合计前")
        charts.append(
            _chart(
                "compare-classes",
                alt.Chart(_numeric(drawn_classes, "amount"), title=classes_title)
                .mark_bar()
                .encode(
                    x=alt.X("amount:Q", title="万元"),
                    y=alt.Y("class_name:N", title=None, axis=alt.Axis(labelLimit=200)),
                    yOffset="department:N",
                    color=alt.Color("department:N", title=None, legend=alt.Legend(orient="bottom")),
                    tooltip=["class_code:N", "class_name:N", "department:N", "year:N", "amount:Q"],
                )
                .properties(height=alt.Step(10)),
            )
        )
    return charts


def _execution_chart(rates: pd.DataFrame) -> dict[str, str]:
    """决算/年初预算 of 财政拨款 per disclosure, with the 100% line."""
    column = BUDGET_PAIRS[0].column
    drawn = _top(rates, column)[["department", "year", column]].rename(columns={column: "rate"})
    drawn = _numeric(drawn, "rate")
    title = _title("财政拨款支出完成率（决算 ÷ 年初预算，%）", len(drawn), len(rates))
    bars = (
        alt.Chart(drawn)
        .mark_bar()
        .encode(
            x=alt.X("rate:Q", title="%"),
            y=alt.Y("department:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260)),
            color=alt.condition(alt.datum.rate > 100, alt.value("#c0392b"), alt.value("#2e86c1")),
            tooltip=["department:N", "year:N", alt.Tooltip("rate:Q", title="完成率 %")],
        )
    )
    rule = alt.Chart(pd.DataFrame({"x": [100]})).mark_rule(strokeDash=[4, 4]).encode(x="x:Q")
    return _chart(
        "compare-execution", alt.layer(bars, rule, title=title).properties(height=alt.Step(22))
    )


def _execution_section(rates: pd.DataFrame, link: dict[str, str]) -> dict[str, Any]:
    if rates.empty:
        return {"table": "", "chart": None, "flags": []}
    shown = rates.copy()
    shown["run_label"] = shown["run"].map(lambda r: RUN_LABELS.get(r, ""))
    fiscal, sangong = BUDGET_PAIRS
    table = frame_table(
        shown,
        [
            ("department", "部门"),
            ("year", "年度"),
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
    flags = [
        f"{RUN_LABELS[r['run']]}：{r['department']}（{r['year']}）"
        f"年初预算 {r[fiscal.budget_key]} → 决算 {r[fiscal.actual_key]} 万元，"
        f"完成率 {r[fiscal.column]}%"
        for r in shown.to_dict("records")
        if r["run"]
    ]
    return {"table": table, "chart": _execution_chart(rates), "flags": flags}


def compare_page(disclosures: list[Disclosure]) -> PortalPage:
    figures = key_figures(disclosures)
    ranking = sangong_ranking(figures)
    classes = by_function_class(disclosures)
    rates = execution_rates(figures)
    link = {"department": "../disclosures/{package}/"}
    markdown = (
        template_environment()
        .get_template("compare.md.j2")
        .render(
            count=len(disclosures),
            figures_table=""
            if figures.empty
            else frame_table(
                figures,
                [("department", "部门"), ("region", "地区"), ("year", "年度"), *_FIGURE_COLUMNS],
                _NUMERIC,
                link,
            ),
            ratios_table=""
            if figures.empty
            else frame_table(
                figures,
                [
                    ("department", "部门"),
                    ("year", "年度"),
                    ("basic_share_pct", "基本支出占比 %"),
                    ("project_share_pct", "项目支出占比 %"),
                    ("expenditure_per_staff", "人均本年支出（万元/在职人员）"),
                    ("sangong_per_staff", "人均“三公”（万元/在职人员）"),
                ],
                _NUMERIC,
                link,
            ),
            ranking_table=""
            if ranking.empty
            else frame_table(
                ranking,
                [
                    ("rank", "名次"),
                    ("department", "部门"),
                    ("year", "年度"),
                    ("sangong.total", "“三公”经费支出（万元）"),
                    ("sangong_per_staff", "人均（万元）"),
                ],
                _NUMERIC,
                link,
            ),
            classes_table=""
            if classes.empty
            else frame_table(
                classes,
                [
                    ("class_code", "编码"),
                    ("class_name", "类"),
                    ("department", "部门"),
                    ("year", "年度"),
                    ("amount", "决算数（万元）"),
                    ("share_pct", "占比 %"),
                ],
                _NUMERIC,
                link,
            ),
            charts=_compare_charts(figures, ranking, classes),
            execution=_execution_section(rates, link),
        )
    )
    files = {
        "data/compare/key-figures.csv": _csv(figures),
        "data/compare/execution-rates.csv": _csv(rates),
        "data/compare/sangong-ranking.csv": _csv(ranking),
        "data/compare/function-classes.csv": _csv(classes),
    }
    return PortalPage("compare.md", markdown, files)


def _listing(disclosures: list[Disclosure]) -> list[dict[str, Any]]:
    return [
        {
            "name": d.name,
            "department": d.meta.department or "未知部门",
            "region": region_label(d.meta.region),
            "year": str(d.meta.fiscal_year or "未知"),
            "title": d.title,
        }
        for d in sorted(
            disclosures,
            key=lambda d: (region_label(d.meta.region), d.meta.department or "", d.name),
        )
    ]


def _groups(disclosures: list[Disclosure], key) -> dict[str, list[Disclosure]]:
    groups: dict[str, list[Disclosure]] = {}
    for d in disclosures:
        groups.setdefault(key(d), []).append(d)
    return groups


def _region(d: Disclosure) -> str:
    return region_label(d.meta.region)


def _year(d: Disclosure) -> str:
    return str(d.meta.fiscal_year or "未知")


def home_chart(disclosures: list[Disclosure]) -> dict[str, str] | None:
    """The home page's one chart: 本年支出合计 summed by region (largest first)."""
    rows = [
        {"region": region, "amount": float(Decimal(t.spent)), "count": t.count}
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
        alt.Chart(drawn, title=title)
        .mark_bar()
        .encode(
            x=alt.X("amount:Q", title="万元"),
            y=alt.Y("region:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260)),
            tooltip=[
                alt.Tooltip("region:N", title="地区"),
                alt.Tooltip("amount:Q", title="万元"),
                alt.Tooltip("count:Q", title="份数"),
            ],
        )
        .properties(height=alt.Step(22)),
    )


def index_pages(disclosures: list[Disclosure]) -> list[PortalPage]:
    """By region (province › prefecture › county) and by fiscal year, each group with its
    count, summed 本年支出合计 and number with contradictions."""
    by_region = _groups(disclosures, _region)
    by_year = _groups(disclosures, _year)
    env = template_environment()
    regions = env.get_template("regions.md.j2").render(
        groups=[(r, _listing(by_region[r]), totals(by_region[r])) for r in sorted(by_region)],
        overall=totals(disclosures),
    )
    years = env.get_template("years.md.j2").render(
        groups=[
            (y, _listing(by_year[y]), totals(by_year[y])) for y in sorted(by_year, reverse=True)
        ],
        overall=totals(disclosures),
    )
    return [PortalPage("regions.md", regions, {}), PortalPage("years.md", years, {})]


def department_pages(disclosures: list[Disclosure]) -> list[PortalPage]:
    """A page for every named department (its years, and year-over-year change when it has
    more than one) and the departments index."""
    groups = departments(disclosures)
    pages = [_department_page(key, group) for key, group in groups.items()]
    rows = []
    for key, group in groups.items():
        latest = group[-1]
        spent = latest.fact("expenditure.current_year")
        rows.append(
            {
                "department": key.department,
                "region": key.region,
                "slug": key.slug,
                "years": [
                    {"year": str(d.meta.fiscal_year or "未知"), "name": d.name} for d in group
                ],
                "latest_spent": format_decimal(spent.value) if spent else "",
            }
        )
    index = template_environment().get_template("departments.md.j2").render(rows=rows)
    return [*pages, PortalPage("departments/index.md", index, {})]


def _department_page(key: DepartmentKey, group: list[Disclosure]) -> PortalPage:
    figures = key_figures(group).sort_values(["year", "package"]).reset_index(drop=True)
    money = [f.key for f in KEY_FIGURES if f.unit == "wan_yuan"]
    long = figures.melt(id_vars=["year"], value_vars=money, var_name="key", value_name="value")
    long = long[long["value"] != ""]
    labels = {f.key: f.label_zh for f in KEY_FIGURES}
    long["figure"] = long["key"].map(labels)
    charts = []
    if not long.empty and len(set(long["year"]) - {""}) > 1:
        charts.append(
            _chart(
                "department-years",
                alt.Chart(_numeric(long, "value"), title="历年主要数字（万元）")
                .mark_bar()
                .encode(
                    x=alt.X("value:Q", title="万元"),
                    y=alt.Y("figure:N", title=None),
                    yOffset="year:N",
                    color=alt.Color("year:N", title="年度", legend=alt.Legend(orient="bottom")),
                    tooltip=["figure:N", "year:N", "value:Q"],
                )
                .properties(height=alt.Step(12)),
            )
        )
    years = {y for y in figures["year"] if y}
    changes = year_over_year(figures, money) if len(years) > 1 else pd.DataFrame()
    if not changes.empty:
        changes["figure"] = changes["key"].map(labels)
    markdown = (
        template_environment()
        .get_template("department.md.j2")
        .render(
            key=key,
            changes_table=""
            if changes.empty
            else frame_table(
                changes,
                [
                    ("figure", "指标"),
                    ("from_year", "上年"),
                    ("to_year", "本年"),
                    ("previous", "上年（万元）"),
                    ("current", "本年（万元）"),
                    ("change", "增减（万元）"),
                    ("change_pct", "增减 %"),
                ],
                _NUMERIC | {"previous", "current", "change", "change_pct"},
                {"to_year": "../../disclosures/{package}/"},
            ),
            title_yaml=json.dumps(plain_title(key.department), ensure_ascii=False)[1:-1],
            table=frame_table(
                figures,
                [("year", "年度"), *_FIGURE_COLUMNS],
                _NUMERIC,
                {"year": "../../disclosures/{package}/"},
            ),
            charts=charts,
            csv_name=f"{key.slug}.csv",
        )
    )
    files = {f"data/departments/{key.slug}.csv": _csv(figures)}
    if not changes.empty:
        files[f"data/departments/{key.slug}-changes.csv"] = _csv(changes.drop(columns="figure"))
    return PortalPage(f"departments/{key.slug}.md", markdown, files)
