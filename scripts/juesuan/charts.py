"""Altair charts of a disclosure, as Vega-Lite specs the site embeds with vega-embed.

A chart draws exactly the frame of chart_data (the same rows the reader can
download beside it). Bars are sorted by size; codes and the source sentence are
in the tooltip. Specs carry their data inline, so a page needs no second request.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd

from .chart_data import ChartData, chart_data
from .convert import Disclosure


@dataclass(frozen=True)
class ChartSpec:
    """A chart: its data (see chart_data) and the Vega-Lite spec drawn from it."""

    data: ChartData
    spec: dict[str, Any]

    @property
    def chart_id(self) -> str:
        return self.data.chart_id


def _numeric(frame: pd.DataFrame, *columns: str) -> alt.Data:
    """Inline values with `columns` as numbers (altair's DataFrame sanitising is the slow part)."""
    records = frame.to_dict("records")
    for record in records:
        for column in columns:
            record[column] = float(record[column]) if record[column] != "" else None
    return alt.Data(values=records)


def _finish(chart: alt.Chart) -> dict[str, Any]:
    return (
        chart.properties(width="container")
        .configure(autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
        .to_dict(validate=False)  # validated once per chart kind in the tests, not per page
    )


def _bars(c: ChartData, tooltip: list[alt.Tooltip]) -> dict[str, Any]:
    fmt = ",.2f" if c.unit == "万元" else ",d"
    chart = (
        alt.Chart(_numeric(c.frame, "value"), title=f"{c.title_zh}（{c.unit}）")
        .mark_bar()
        .encode(
            x=alt.X("value:Q", title=c.unit),
            y=alt.Y("label:N", title=None, sort="-x", axis=alt.Axis(labelLimit=260)),
            tooltip=[
                alt.Tooltip("label:N", title="项目"),
                alt.Tooltip("value:Q", format=fmt),
                *tooltip,
            ],
        )
        .properties(height=alt.Step(24))
    )
    return _finish(chart)


def _grouped(c: ChartData, category: str, group: str, extra: list[alt.Tooltip]) -> dict[str, Any]:
    chart = (
        alt.Chart(_numeric(c.frame, "value"), title=f"{c.title_zh}（{c.unit}）")
        .mark_bar()
        .encode(
            x=alt.X("value:Q", title=c.unit),
            y=alt.Y(f"{category}:N", title=None, axis=alt.Axis(labelLimit=260)),
            yOffset=alt.YOffset(f"{group}:N"),
            color=alt.Color(f"{group}:N", title=None, legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip(f"{category}:N", title="项目"),
                alt.Tooltip(f"{group}:N", title="口径"),
                alt.Tooltip("value:Q", format=",.2f"),
                *extra,
            ],
        )
        .properties(height=alt.Step(14))
    )
    return _finish(chart)


def _spec(c: ChartData) -> dict[str, Any]:
    evidence = alt.Tooltip("evidence:N", title="依据")
    if c.chart_id.startswith("function-"):
        return _bars(c, [alt.Tooltip("code:N", title="编码"), evidence])
    if c.chart_id == "sangong":
        return _grouped(c, "label", "phase", [evidence])
    if c.chart_id == "performance":
        return _grouped(
            c,
            "project",
            "measure",
            [
                alt.Tooltip("execution_rate:N", title="执行率%"),
                alt.Tooltip("score:N", title="得分"),
            ],
        )
    return _bars(c, [alt.Tooltip("key:N", title="key"), evidence])


def disclosure_charts(d: Disclosure) -> list[ChartSpec]:
    """The charts this disclosure's data supports (none when nothing was read)."""
    return [ChartSpec(c, _spec(c)) for c in chart_data(d)]
