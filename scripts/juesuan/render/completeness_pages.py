"""公开完整性: an overview (a count per part, a link per year and province) and the rankings
of each year and province, cut into pages of splits.LISTING_ROWS.

One ranking of every disclosure grows with N and every page of it changes when one
disclosure is added; ranked within its year and province, a disclosure moves only the
ranks of its neighbours. The national ranks stay in the portal package's CSV.
"""

from __future__ import annotations

import json

from juesuan.disclosure import Disclosure
from juesuan.render.downloads import ON_SITE, DownloadPlace
from juesuan.render.escape import md
from juesuan.render.pages import completeness_groups, plain_title, render_completeness_page
from juesuan.render.portal_pages import PortalPage
from juesuan.render.splits import LISTING_ROWS, by_year, groups, page_links, paginate, province
from juesuan.render.splits import slug as slug_of


def _regrouped(groups_: list[dict], rows: list[dict]) -> list[dict]:
    """`rows` (a page's share of the groups' rows) in their groups again."""
    out: list[dict] = []
    for row in rows:
        key = (row["document_kind"], row["fiscal_year"])
        if not out or out[-1]["key"] != key:
            group = next(g for g in groups_ if g["key"] == key)
            out.append({**group, "rows": []})
        out[-1]["rows"].append(row)
    return out


def _split_pages(
    year: str, name: str, group: list[Disclosure], base: str, downloads: DownloadPlace
) -> list[PortalPage]:
    ranked = completeness_groups(group)
    rows = [row for g in ranked for row in g["rows"]]
    pages = []
    for paged in paginate(base, rows, LISTING_ROWS):
        title = f"公开完整性：{year} 年度 · {name}"
        place = {
            "title": json.dumps(plain_title(title), ensure_ascii=False)[1:-1],
            "heading": title,
            "back": f"[← 全部年度和地区](../completeness.md) · "
            f"[{md(name)}的全部公开文本](../regions/{slug_of(name)}.md)",
            "page_links": page_links(paged),
        }
        rows = _regrouped(ranked, paged.rows)
        markdown = render_completeness_page(group, rows, place, downloads)
        pages.append(PortalPage(paged.path, markdown, {}))
    return pages


def completeness_pages(
    disclosures: list[Disclosure], downloads: DownloadPlace = ON_SITE
) -> list[PortalPage]:
    """completeness.md (counts per part, links) and every year and province's rankings;
    `downloads` serves the portal package's zip they link to."""
    links, pages = [], []
    for year, of_year in by_year(disclosures).items():
        for name, group in groups(of_year, province).items():
            base = f"completeness/{slug_of(year)}-{slug_of(name)}"
            links.append(
                {"year": year, "province": name, "href": f"{base}.md", "count": len(group)}
            )
            pages += _split_pages(year, name, group, base, downloads)
    overview = render_completeness_page(disclosures, [], {"links": links}, downloads)
    return [PortalPage("completeness.md", overview, {}), *pages]
