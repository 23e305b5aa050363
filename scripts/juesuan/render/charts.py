"""Altair charts of a disclosure, as Vega-Lite specs the site embeds with vega-embed.

A chart draws exactly the frame of chart_data (the same rows the reader can
download beside it). Bars are sorted by size; codes and the source sentence are
in the tooltip. Specs carry their data inline, so a page needs no second request.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import altair as alt
import pandas as pd

from juesuan.disclosure import Disclosure
from juesuan.render.chart_data import ChartData, chart_data


@dataclass(frozen=True)
class ChartSpec:
    """A chart: its data (see chart_data) and the Vega-Lite spec drawn from it."""

    data: ChartData
    spec: dict[str, Any]

    @property
    def chart_id(self) -> str:
        return self.data.chart_id


def _numeric(frame: pd.DataFrame, *columns: str) -> list[dict[str, Any]]:
    """Inline values with `columns` as numbers (altair's DataFrame sanitising is the slow part)."""
    records = frame.to_dict("records")
    for record in records:
        for column in columns:
            record[column] = float(record[column]) if record[column] != "" else None
    return records


# Altair builds each kind of chart once per process, with no data; a page's chart is that
# spec with the page's rows put in. Building it with Altair for every page cost ~8 ms a
# chart, minutes at a province's scale, for the same spec each time.
_NO_DATA = alt.Data(values=[])


def _finish(chart: alt.Chart) -> dict[str, Any]:
    return (
        chart.properties(width="container")
        .configure(autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
        .to_dict(validate=False)  # validated once per chart kind in the tests, not per page
    )


def _with_rows(spec: dict[str, Any], records: list[dict[str, Any]]) -> dict[str, Any]:
    return {**spec, "data": {"values": records}}


@cache
def _bars(title: str, unit: str, tooltip: tuple[tuple[str, str], ...]) -> dict[str, Any]:
    fmt = ",.2f" if unit == "万元" else ","
    chart = (
        alt.Chart(_NO_DATA, title=f"{title}（{unit}）")
        .mark_bar()
        .encode(
            x=alt.X("value:Q", title=unit),
            y=alt.Y("label:N", title=None, sort="-x", axis=alt.Axis(labelLimit=260)),
            tooltip=[
                alt.Tooltip("label:N", title="项目"),
                alt.Tooltip("value:Q", title=f"数值（{unit}）", format=fmt),
                *(alt.Tooltip(field, title=name) for field, name in tooltip),
            ],
        )
        .properties(height=alt.Step(24))
    )
    return _finish(chart)


@cache
def _grouped(
    title: str, unit: str, category: str, group: str, extra: tuple[tuple[str, str], ...]
) -> dict[str, Any]:
    chart = (
        alt.Chart(_NO_DATA, title=f"{title}（{unit}）")
        .mark_bar()
        .encode(
            x=alt.X("value:Q", title=unit),
            y=alt.Y(f"{category}:N", title=None, axis=alt.Axis(labelLimit=260)),
            yOffset=alt.YOffset(f"{group}:N"),
            color=alt.Color(f"{group}:N", title=None, legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip(f"{category}:N", title="项目"),
                alt.Tooltip(f"{group}:N", title="口径"),
                alt.Tooltip("value:Q", title=f"数值（{unit}）", format=",.2f"),
                *(alt.Tooltip(field, title=name) for field, name in extra),
            ],
        )
        .properties(height=alt.Step(14))
    )
    return _finish(chart)


_EVIDENCE = ("evidence:N", "依据")  # (field, title) of a tooltip line


def _template(c: ChartData) -> dict[str, Any]:
    if c.chart_id.startswith("function-"):
        return _bars(c.title_zh, c.unit, (("code:N", "编码"), _EVIDENCE))
    if c.chart_id == "sangong":
        return _grouped(c.title_zh, c.unit, "label", "phase", (_EVIDENCE,))
    if c.chart_id == "performance":
        extra = (("execution_rate:N", "执行率（%）"), ("score:N", "得分（分）"))
        return _grouped(c.title_zh, c.unit, "project", "measure", extra)
    return _bars(c.title_zh, c.unit, (("key:N", "指标编码"), _EVIDENCE))


def _spec(c: ChartData) -> dict[str, Any]:
    return _with_rows(_template(c), _numeric(c.frame, "value"))


def disclosure_charts(d: Disclosure) -> list[ChartSpec]:
    """The charts this disclosure's data supports (none when nothing was read)."""
    return [ChartSpec(c, _spec(c)) for c in chart_data(d)]
