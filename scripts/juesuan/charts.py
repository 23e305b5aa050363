"""Altair charts of a disclosure, as Vega-Lite specs the site embeds with vega-embed.

A chart is drawn only from facts actually read; a figure that is missing or
stated twice with different values is left out of the chart and named in its
caption rather than drawn as zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd

from .convert import Disclosure
from .vocabulary import load_vocabulary


@dataclass(frozen=True)
class ChartSpec:
    """A chart: its id on the page, title, the Vega-Lite spec and the data it draws."""

    chart_id: str
    title: str
    spec: dict[str, Any]
    data: pd.DataFrame
    missing: tuple[str, ...]


_CHARTS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    (
        "expenditure-structure",
        "本年支出结构（万元）",
        "万元",
        (
            "expenditure.basic",
            "expenditure.project",
            "expenditure.remit_superior",
            "expenditure.business",
            "expenditure.affiliate_subsidy",
        ),
    ),
    (
        "revenue-structure",
        "本年收入结构（万元）",
        "万元",
        (
            "revenue.fiscal_appropriation",
            "revenue.superior_subsidy",
            "revenue.public_service",
            "revenue.business",
            "revenue.affiliate_remittance",
            "revenue.other",
        ),
    ),
    ("staff", "人员构成（人）", "人", ("staff.active", "staff.retired_lixiu", "staff.retired")),
)


def _bar_chart(df: pd.DataFrame, title: str, unit: str) -> dict[str, Any]:
    chart = (
        alt.Chart(df, title=title)
        .mark_bar()
        .encode(
            x=alt.X("value:Q", title=unit),
            y=alt.Y("label:N", title=None, sort="-x"),
            tooltip=[
                alt.Tooltip("label:N", title="项目"),
                alt.Tooltip("value:Q", title=unit, format=",.2f" if unit == "万元" else ",d"),
                alt.Tooltip("key:N", title="key"),
                alt.Tooltip("evidence:N", title="依据"),
            ],
        )
        .properties(width="container", height=alt.Step(28))
        .configure(autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    )
    return chart.to_dict()


def disclosure_charts(d: Disclosure) -> list[ChartSpec]:
    """The charts this disclosure's facts support (none when nothing was read)."""
    vocabulary = load_vocabulary()
    charts = []
    for chart_id, title, unit, keys in _CHARTS:
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
                        "value": float(fact.value),
                        "evidence": fact.evidence,
                    }
                )
        if not any(row["value"] > 0 for row in rows):
            continue
        df = pd.DataFrame(rows, columns=["key", "label", "value", "evidence"])
        spec = _bar_chart(df, title, unit)
        charts.append(ChartSpec(chart_id, title, spec, df, tuple(missing)))
    return charts
