"""Charts of the pages across disclosures (comparison, department, home) as a spec the site
publishes once and the values a page fills into it.

A comparison page carried four whole Vega-Lite specs, a department page one: their
encoding, tooltips and config (~1.3 KB a chart) were the same on every page, and their
rows were JSON objects naming every field in every row. Now a chart kind's spec, with
slots (charts.slot) where a page's values go, is a file under charts.TEMPLATE_DIR named by
its content; a page carries only {"slots": {name: value}} (its rows as CSV text, which
Vega-Lite reads itself, its title, its menus' options) and names the file in
`data-template`. assets/javascripts/charts.js fills the slots as `assembled` does here.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from juesuan.render.charts import TEMPLATE_DIR, filled, slot
from juesuan.render.escape import json_for_script

# Where a comparison or department page is (compare/SPLIT/, departments/SLUG/) from the site root.
UP_TWO = "../../"


def csv_data(parse: Sequence[str]) -> dict[str, Any]:
    """A template's data: the page's CSV text (slot "csv"), the `parse` columns as numbers
    (an empty cell is null)."""
    return {
        "values": slot("csv"),
        "format": {"type": "csv", "parse": dict.fromkeys(parse, "number")},
    }


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """`rows` under `header` as CSV (None as an empty cell), lines ending in \\n."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return out.getvalue()


@cache
def _file(chart_id: str, text: str) -> tuple[str, str]:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return f"{TEMPLATE_DIR}/{chart_id}-{digest}.json", text


def template_file(chart_id: str, template: dict[str, Any]) -> tuple[str, str]:
    """(path on the site, text) of `template`: named by its content, so a page cached by an
    older build never meets a newer template under its name."""
    text = json.dumps(template, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return _file(chart_id, text)


def portal_chart(
    chart_id: str,
    template: dict[str, Any],
    slots: dict[str, Any],
    note: str = "",
    up: str = UP_TWO,
) -> dict[str, str]:
    """What the chart macro (templates/macros.j2) puts on a page `up` from the site root,
    and the template file the page needs (`file`: path, text)."""
    path, text = template_file(chart_id, template)
    return {
        "chart_id": chart_id,
        "template": f"{up}{path}",
        "spec_json": json_for_script({"slots": slots}),
        "note": note,
        "file": (path, text),
    }


def chart_files(charts: Iterable[dict[str, Any]]) -> dict[str, str]:
    """The template files of `charts`, for a PortalPage's files."""
    return dict(c["file"] for c in charts if "file" in c)


def assembled(template: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """The whole spec the browser draws: `template` with the page's slots filled in
    (charts.js does the same)."""
    return filled(template, payload["slots"])
