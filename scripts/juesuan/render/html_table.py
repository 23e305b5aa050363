"""A pandas frame as an HTML table for a Markdown page, every cell escaped.

Comparison and chart-data tables come from source text (department names,
project names), so each text cell passes escape.md(); numbers are right-aligned.
pandas' own to_html is not used because it escapes for HTML only, and a `|` or
`**` in a cell would still be read as Markdown by the page builder.

Numbers are aligned by column: the table names its numeric columns once
(`juesuan-n3` for the third, styled in juesuan.css), where a class on every
numeric cell was ~20 bytes a cell, ~0.4 KB a disclosure on the comparison pages.
A cell that is a plain number, and a link's address (a path made here, not source
text), are written as they are: md() writes a leading minus or dot as a character
reference (`&#45;`), which only matters where Markdown reads a line's start.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from juesuan.render.escape import md

# The widest table that gets its numbers aligned (juesuan.css styles columns 1 to 12).
NUMBERED_COLUMNS = 12
_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return text if _PLAIN_NUMBER.fullmatch(text) else md(text)


def frame_table(
    frame: pd.DataFrame,
    columns: list[tuple[str, str]],
    numeric: frozenset[str] = frozenset(),
    links: dict[str, str] | None = None,
    sortable: bool = False,
) -> str:
    """`columns` are (column, header); `links` maps a column to a URL pattern over row fields.

    A `sortable` table gets sortable headers and a filter box in the browser (tables.js)."""
    head = "".join(f"<th>{md(header)}</th>" for _, header in columns)
    body = []
    for row in frame.to_dict("records"):
        cells = []
        for column, _ in columns:
            text = _cell(row.get(column, ""))
            if links and column in links:
                href = html.escape(links[column].format(**row), quote=True)
                text = f'<a href="{href}">{text}</a>'
            cells.append(f"<td>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    classes = ["juesuan-facts", *(["juesuan-sortable"] if sortable else [])]
    classes += [
        f"juesuan-n{i}"
        for i, (column, _) in enumerate(columns, start=1)
        if column in numeric and i <= NUMBERED_COLUMNS
    ]
    return (
        f'<table class="{" ".join(classes)}">\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
        + "\n".join(body)
        + "\n</tbody>\n</table>"
    )
