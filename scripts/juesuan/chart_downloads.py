"""Each chart's data as a CSV and as a zip with a README, for the page's download links.

The CSV is the chart's own frame (chart_data), so what is drawn and what is
downloaded are the same rows. The README says what the chart shows, where the
figures come from (the source disclosure, its original URL when known), the
licence and how to cite — crediting the issuing department.
"""

from __future__ import annotations

from .archive import deterministic_zip
from .chart_data import ChartData
from .convert import Disclosure


def chart_csv(c: ChartData) -> str:
    return c.frame.to_csv(index=False, lineterminator="\n")


def chart_readme(d: Disclosure, c: ChartData) -> str:
    side = d.source.sidecar
    department = d.meta.department or "发布部门 (unknown department)"
    url = side.source_url or "original URL unknown"
    missing = "、".join(c.missing) if c.missing else "none"
    return (
        f"# {c.title_zh} / {c.title_en}\n\n"
        f"{c.description}\n\n"
        f"- Unit: {c.unit}\n"
        f"- Left out (not read, or stated with conflicting values): {missing}\n"
        f"- Source disclosure: {d.title} — {side.original_filename or d.source.path.name} "
        f"({url})\n"
        f"- Data package: {d.name} (datapackage.json beside this chart on the site)\n"
        "- Licence: compilation CC BY 4.0; the figures are public government information "
        "(政府信息公开) — credit the issuing department.\n"
        f"- Cite as: {department}，《{d.title}》；juesuan 开放数据门户整理，图表“{c.title_zh}”。\n"
    )


def chart_files(d: Disclosure, charts: list[ChartData]) -> dict[str, bytes]:
    """charts/<id>.csv and charts/<id>.zip for every chart of the page."""
    out: dict[str, bytes] = {}
    for c in charts:
        csv = chart_csv(c)
        out[f"charts/{c.chart_id}.csv"] = csv.encode("utf-8")
        out[f"charts/{c.chart_id}.zip"] = deterministic_zip(
            f"{d.name}-{c.chart_id}",
            {f"{c.chart_id}.csv": csv, "README.md": chart_readme(d, c)},
        )
    return out
