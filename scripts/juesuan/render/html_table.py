"""A pandas frame as an HTML table for a Markdown page, every cell escaped.

Comparison and chart-data tables come from source text (department names,
project names), so each cell passes escape.md(); numbers are right-aligned.
pandas' own to_html is not used because it escapes for HTML only, and a `|` or
`**` in a cell would still be read as Markdown by the page builder.
"""

from __future__ import annotations

import pandas as pd

from juesuan.render.escape import md


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
            text = md(row.get(column, ""))
            if links and column in links:
                text = f'<a href="{md(links[column].format(**row))}">{text}</a>'
            css = ' class="juesuan-num"' if column in numeric else ""
            cells.append(f"<td{css}>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    table_class = "juesuan-facts juesuan-sortable" if sortable else "juesuan-facts"
    return (
        f'<table class="{table_class}">\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
        + "\n".join(body)
        + "\n</tbody>\n</table>"
    )
