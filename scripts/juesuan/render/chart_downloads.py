"""Each chart's data as a CSV, with a README, in the package zip (charts/).

The CSV is the chart's own frame (chart_data), so what is drawn and what is
downloaded are the same rows. The page carries the same CSV text for its chart
and the browser saves it from there (charts.js): as files on the site the chart
CSVs were seven files and ~8 KB a disclosure. The README says what the chart shows, where the
figures come from (the source disclosure, its original URL when known), the
licence and how to cite — crediting the issuing department. The README and the
CSVs travel in the disclosure's package zip (under charts/), not in a zip of their
own: a second zip a page took ~6 KB a disclosure (30 MB at a province's scale).
"""

from __future__ import annotations

from juesuan.disclosure import Disclosure
from juesuan.domain.licence import LICENCE, citation
from juesuan.render.chart_data import ChartData


def chart_csv(c: ChartData) -> str:
    return c.csv


def chart_readme(d: Disclosure, charts: list[ChartData], zip_at: str = "") -> str:
    """`zip_at`: where the package zip is published (default: on the site)."""
    zip_at = zip_at or f"data/{d.name}.zip on the site"
    side = d.source.sidecar
    url = side.source_url or "original URL unknown"
    parts = [
        f"# {d.title}: chart data / 图表数据\n\n"
        f"- Source disclosure: {d.title} — {side.original_filename or d.source.path.name} "
        f"({url})\n"
        f"- Data package: {d.name} (this zip; {zip_at})\n"
        f"- Licence: {LICENCE.markdown()}\n"
        f"- Cite as: {citation(d.meta.department, d.title)}\n"
    ]
    for c in charts:
        missing = "、".join(c.missing) if c.missing else "none"
        parts.append(
            f"\n## {c.chart_id}.csv — {c.title_zh} / {c.title_en}\n\n"
            f"{c.description}\n\n"
            f"- Unit: {c.unit}\n"
            f"- Left out (not read, or stated with conflicting values): {missing}\n"
        )
        parts.extend(f"- In the CSV, not drawn: {note}\n" for note in c.notes)
    return "".join(parts)


def chart_files(d: Disclosure, charts: list[ChartData], zip_at: str = "") -> dict[str, str]:
    """charts/<id>.csv for every chart of the page, and charts/README.md when there are any
    (`zip_at`: see chart_readme)."""
    if not charts:
        return {}
    files = {f"charts/{c.chart_id}.csv": chart_csv(c) for c in charts}
    return {**files, "charts/README.md": chart_readme(d, charts, zip_at)}
