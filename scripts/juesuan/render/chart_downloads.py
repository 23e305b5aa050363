"""Each chart's data as a CSV, and all of a page's charts in one zip with a README.

The CSV is the chart's own frame (chart_data), so what is drawn and what is
downloaded are the same rows. The README says what the chart shows, where the
figures come from (the source disclosure, its original URL when known), the
licence and how to cite — crediting the issuing department. One zip a page, not
one a chart: the README's provenance is the same for every chart of a page, and
seven zips of one CSV each took ~8 KB a disclosure (40 MB at a province's scale).
"""

from __future__ import annotations

from juesuan.disclosure import Disclosure
from juesuan.domain.licence import LICENCE, citation
from juesuan.infra.deterministic_zip import deterministic_zip
from juesuan.render.chart_data import ChartData


def chart_csv(c: ChartData) -> str:
    return c.frame.to_csv(index=False, lineterminator="\n")


def chart_readme(d: Disclosure, charts: list[ChartData]) -> str:
    side = d.source.sidecar
    url = side.source_url or "original URL unknown"
    parts = [
        f"# {d.title}: chart data / 图表数据\n\n"
        f"- Source disclosure: {d.title} — {side.original_filename or d.source.path.name} "
        f"({url})\n"
        f"- Data package: {d.name} (data/{d.name}.zip on the site)\n"
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


def chart_files(d: Disclosure, charts: list[ChartData]) -> dict[str, bytes]:
    """charts/<id>.csv for every chart of the page, and charts/charts.zip with all of them."""
    if not charts:
        return {}
    csvs = {f"{c.chart_id}.csv": chart_csv(c) for c in charts}
    out = {f"charts/{name}": text.encode("utf-8") for name, text in csvs.items()}
    readme = chart_readme(d, charts)
    out["charts/charts.zip"] = deterministic_zip(f"{d.name}-charts", {**csvs, "README.md": readme})
    return out
