"""Altair charts of a disclosure, as Vega-Lite specs the site embeds with vega-embed.

A chart draws the frame of chart_data (the rows the reader can download beside
it) less what the page names below the chart (ChartData.notes). Bars are sorted
by size; codes and the source sentence are in the tooltip. A page carries each
chart's CSV inline (the reader's download too) and names the spec of its kind, which
the site publishes once (TEMPLATE_DIR) and the browser fetches once for every page.

Every chart fits its container (`width="container"`) from a 390 px phone up:
titles are broken into short lines, y-axis labels take at most 40% of the
width (the full name is in the tooltip), legends are at most two columns, and
counts of people have whole-number ticks.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

import altair as alt

from juesuan.disclosure import Disclosure
from juesuan.render.chart_data import PROJECT_MEASURES, ChartData, chart_data

# Where the site publishes each kind of chart's spec without its data. A page carries only
# its data: the ~1 KB of encoding, tooltips and config of each chart, the same on every page,
# was 5.6 KB of a disclosure page (28 MB of a province's site).
TEMPLATE_DIR = "assets/charts"


@dataclass(frozen=True)
class ChartSpec:
    """A chart: its data (see chart_data), the spec of its kind without data (`template`)
    and the rows it draws."""

    data: ChartData
    template: dict[str, Any]

    @property
    def chart_id(self) -> str:
        return self.data.chart_id

    @cached_property
    def rows(self) -> list[dict[str, Any]]:
        """The rows drawn, as the browser reads them from the page (payload): `value` a
        number, the rest text."""
        return _numeric(self.data.drawn, *self.data.values)

    @property
    def payload(self) -> dict[str, Any]:
        """What the page carries for the chart: its CSV (the download, and the rows the
        browser draws, `drawn` naming them by position)."""
        return {"csv": self.data.csv, "drawn": self.data.drawn_rows}

    @property
    def spec(self) -> dict[str, Any]:
        """The whole Vega-Lite spec, as the browser puts it together."""
        return _with_rows(self.template, self.rows)

    @property
    def template_file(self) -> tuple[str, bytes]:
        """(path on the site, bytes) of the template: named by its content, so a page
        cached by an older build never meets a newer template under its name."""
        key = (id(self.template), self.chart_id)
        known = _FILES.get(key)
        if known is None or known[0] is not self.template:
            text = json.dumps(
                self.template, sort_keys=True, ensure_ascii=False, separators=(",", ":")
            )
            known = _FILES[key] = (self.template, _template_file(self.chart_id, text))
        return known[1]


# The file of each template a process has met, by the template's identity (templates are
# built once per kind, _bars and _grouped): serialising and hashing one again for every page
# was ~0.3 ms a disclosure. The template is kept beside its file, so its id stays its own.
_FILES: dict[tuple[int, str], tuple[dict[str, Any], tuple[str, bytes]]] = {}


def _numeric(rows: list[dict[str, Any]], *columns: str) -> list[dict[str, Any]]:
    """Copies of `rows` with `columns` as numbers (altair's DataFrame sanitising is the slow
    part)."""
    records = [dict(row) for row in rows]
    for record in records:
        for column in columns:
            record[column] = float(record[column]) if record[column] != "" else None
    return records


# Altair builds each kind of chart once per process, with no data; a page's chart is that
# spec with the page's rows put in. Building it with Altair for every page cost ~8 ms a
# chart, minutes at a province's scale, for the same spec each time.
_NO_DATA = alt.Data(values=[])


# A y-axis label takes at most 40% of the chart's width, so on a phone the bars keep most of it.
LABEL_LIMIT = alt.expr("clamp(containerSize()[0] * 0.4, 80, 260)")
_TITLE_LINE = 18  # characters of a title line: 18 CJK characters fit a 390 px phone


def title_lines(text: str, width: int = _TITLE_LINE) -> list[str]:
    """`text` in lines of at most `width` characters, broken after punctuation when it can be."""
    lines: list[str] = []
    rest = text
    while len(rest) > width:
        head = rest[:width]
        cut = max(head.rfind(ch) for ch in "：，（）、")
        cut = cut + 1 if cut >= width // 2 else width
        if head[cut - 1 : cut] == "（":  # an opening bracket starts the next line
            cut -= 1
        lines.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return [*lines, rest] if rest else lines


def chart_title(text: str) -> alt.TitleParams:
    return alt.TitleParams(title_lines(text), anchor="start", fontSize=13)


def container_spec(chart: alt.Chart | alt.LayerChart) -> dict[str, Any]:
    """The chart as the width of its container, with the settings every chart of the site shares."""
    return (
        chart.properties(width="container")
        .configure(autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
        .configure_legend(orient="bottom", columns=2, labelLimit=130)
        .to_dict(validate=False)  # validated once per chart kind in the tests, not per page
    )


# A spec template's placeholder: Altair builds a chart kind once with slots where a page's
# values go (its data, its title, a menu's options), and every page fills them in. Built
# by Altair for each page, a comparison page's four charts were ~5 ms of validating and
# converting the same structure (schemapi), the data walked value by value.
_SLOT = "\x00slot:"


def slot(name: str) -> str:
    """A placeholder for the value named `name` (see filled)."""
    return _SLOT + name


def filled(template: Any, values: dict[str, Any]) -> Any:
    """A copy of `template` with each slot (a string made by `slot`) replaced by its value
    in `values` (the values are put in as they are, not searched for slots)."""
    if isinstance(template, dict):
        return {key: filled(value, values) for key, value in template.items()}
    if isinstance(template, list):
        return [filled(value, values) for value in template]
    if isinstance(template, str) and template.startswith(_SLOT):
        return values[template.removeprefix(_SLOT)]
    return template


@contextmanager
def unchecked() -> Iterator[None]:
    """Altair objects built without validating each one as it is made (a template has
    slots where Altair expects other types; the filled specs are validated in the tests)."""
    with alt.utils.schemapi.debug_mode(False):
        yield


@cache
def title_spec(text: str) -> dict[str, Any]:
    """The spec of chart_title(text): what fills a template's title slot."""
    with unchecked():
        return chart_title(text).to_dict(validate=False)


def _with_rows(spec: dict[str, Any], records: list[dict[str, Any]]) -> dict[str, Any]:
    return {**spec, "data": {"values": records}}


@cache
def _bars(
    title: str, unit: str, tooltip: tuple[tuple[str, str], ...], last_name: bool = False
) -> dict[str, Any]:
    """Bars by size; `last_name`: a label "类 / 款 / 项" shows its last part on the axis (the
    parts before are the same for most bars), the whole in the tooltip."""
    people = unit == "人"
    labels = alt.Axis(labelLimit=LABEL_LIMIT)
    if last_name:
        labels = alt.Axis(labelLimit=LABEL_LIMIT, labelExpr="peek(split(datum.label, ' / '))")
    fmt = ",d" if people else ",.2f"
    # Counts of people: whole-number ticks only (no 0.5 of a person on the axis).
    axis = alt.Axis(format="d", tickMinStep=1) if people else alt.Axis()
    chart = (
        alt.Chart(_NO_DATA, title=chart_title(f"{title}（{unit}）"))
        .mark_bar()
        .encode(
            x=alt.X("value:Q", title=unit, axis=axis),
            y=alt.Y("label:N", title=None, sort="-x", axis=labels),
            tooltip=[
                alt.Tooltip("label:N", title="项目"),
                alt.Tooltip("value:Q", title=f"数值（{unit}）", format=fmt),
                *(alt.Tooltip(field, title=name) for field, name in tooltip),
            ],
        )
        .properties(height=alt.Step(24))
    )
    return container_spec(chart)


def _folded(chart: alt.Chart, measures: tuple[tuple[str, str], ...], group: str) -> alt.Chart:
    """A wide table's amount columns as one bar each (`measures`: column → its bar's name,
    in `group`); an amount not read is no bar. The CSV is read as text: numbers here."""
    columns = [column for column, _ in measures]
    named = "".join(f"datum.{group} == '{c}' ? '{name}' : " for c, name in measures[:-1])
    return (
        chart.transform_fold(columns, as_=[group, "value"])
        .transform_calculate(value="toNumber(datum.value)")
        .transform_filter("isValid(datum.value)")
        .transform_calculate(**{group: f"{named}'{measures[-1][1]}'"})
    )


@cache
def _grouped(
    title: str,
    unit: str,
    category: str,
    group: str,
    extra: tuple[tuple[str, str], ...],
    measures: tuple[tuple[str, str], ...] = (),
) -> dict[str, Any]:
    """Bars by `category`, one a `group`; with `measures` the rows are wide (_folded)."""
    chart = alt.Chart(_NO_DATA, title=chart_title(f"{title}（{unit}）"))
    if measures:
        chart = _folded(chart, measures, group)
    chart = (
        chart.mark_bar()
        .encode(
            x=alt.X("value:Q", title=unit),
            y=alt.Y(f"{category}:N", title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
            yOffset=alt.YOffset(f"{group}:N"),
            color=alt.Color(f"{group}:N", title=None),
            tooltip=[
                alt.Tooltip(f"{category}:N", title="项目"),
                alt.Tooltip(f"{group}:N", title="口径"),
                alt.Tooltip("value:Q", title=f"数值（{unit}）", format=",.2f"),
                *(alt.Tooltip(field, title=name) for field, name in extra),
            ],
        )
        .properties(height=alt.Step(14))
    )
    return container_spec(chart)


def _template(c: ChartData) -> dict[str, Any]:
    if c.chart_id.startswith("function-"):
        return _bars(c.title_zh, c.unit, (("code:N", "编码"),), last_name=True)
    if c.chart_id == "sangong":
        return _grouped(c.title_zh, c.unit, "label", "phase", ())
    if c.chart_id == "performance":
        extra = (("execution_rate:N", "执行率（%）"), ("score:N", "得分（分）"))
        measures = tuple(PROJECT_MEASURES.items())
        return _grouped(c.title_zh, c.unit, "label", "measure", extra, measures)
    return _bars(c.title_zh, c.unit, (("key:N", "指标编码"),))


@cache
def _template_file(chart_id: str, text: str) -> tuple[str, bytes]:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return f"{TEMPLATE_DIR}/{chart_id}-{digest}.json", text.encode("utf-8")


def disclosure_charts(d: Disclosure) -> list[ChartSpec]:
    """The charts this disclosure's data supports (none when nothing was read)."""
    return [ChartSpec(c, _template(c)) for c in chart_data(d)]
