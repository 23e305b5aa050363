"""部门比较: an overview of every (year, province) and a comparison page for each.

One page comparing every disclosure was 6.4 MB at N = 5,000 and changed whenever any
disclosure was added. Departments are compared within one fiscal year and one province
(render/splits.py); the overview holds a row per year and province, never per disclosure.
The CSVs over every disclosure stay downloadable from the overview.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from juesuan.disclosure import Disclosure
from juesuan.render.escape import md
from juesuan.render.numbers import amount
from juesuan.render.page_cache import page_key, rendered
from juesuan.render.pages import template_environment, totals
from juesuan.render.portal_pages import (
    ComparisonSplit,
    PortalPage,
    comparison_pages,
    national_csvs,
)
from juesuan.render.splits import by_year, groups, province, slug


def split_base(year: str, province_name: str) -> str:
    """The docs path (without .md) of the comparison of `year` and `province_name`."""
    return f"compare/{slug(year)}-{slug(province_name)}"


def _sangong(disclosures: list[Disclosure]) -> str:
    read = [f.value for d in disclosures if (f := d.fact("sangong.total")) and not f.conflict]
    return amount(sum(read, Decimal(0))) if read else ""


def compare_pages(disclosures: list[Disclosure], cache_dir: Path | None = None) -> list[PortalPage]:
    """The overview (compare.md, with the national CSVs) and every split's pages; with
    `cache_dir`, a split whose disclosures are unchanged is not rendered again."""
    rows, jobs = [], []
    for year, of_year in by_year(disclosures).items():
        for name, group in groups(of_year, province).items():
            base = split_base(year, name)
            rows.append(
                {
                    "year": year,
                    "province": name,
                    "href": f"{base}.md",
                    "count": len(group),
                    "spent": totals(group).spent,
                    "sangong": _sangong(group),
                }
            )
            split = ComparisonSplit(
                base=base,
                csv_dir=f"data/{base}",
                title=f"部门比较：{year} 年度 · {name}",
                back=f"[← 全部年度和地区](../compare.md) · "
                f"[{md(name)}的全部公开文本](../regions/{slug(name)}.md) · "
                f"[{year} 年度的全部公开文本](../years/{slug(year)}.md)",
            )
            jobs.append((group, split))
    names = [page_key("comparison", split, group) for group, split in jobs]
    pages = [page for split in rendered(comparison_pages, jobs, names, cache_dir) for page in split]
    overview = (
        template_environment()
        .get_template("compare-overview.md.j2")
        .render(rows=rows, count=len(disclosures))
    )
    return [PortalPage("compare.md", overview, national_csvs(disclosures)), *pages]
