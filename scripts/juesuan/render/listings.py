"""The region and year listings: a national overview of aggregates, a page per province and
per year listing its disclosures (cut into pages of splits.LISTING_ROWS).

The overviews grow with the number of provinces and years, never with N; a disclosure
appears on its province's pages and its year's pages only.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from juesuan.disclosure import Disclosure
from juesuan.render.compare_pages import split_base
from juesuan.render.pages import listing_rows, plain_title, template_environment, totals
from juesuan.render.portal_pages import PortalPage
from juesuan.render.splits import (
    LISTING_ROWS,
    by_year,
    groups,
    page_links,
    paginate,
    province,
    slug,
)


def _yaml(title: str) -> str:
    return json.dumps(plain_title(title), ensure_ascii=False)[1:-1]


def _row(label: str, href: str, group: list[Disclosure], links: list) -> dict[str, Any]:
    return {"label": label, "href": href, "totals": totals(group), "links": links}


def _province_rows(disclosures: list[Disclosure], up: str, year_of: str = "") -> list[dict]:
    """A row a province: its totals, its page, and its comparison for `year_of` if given."""
    rows = []
    for name, group in groups(disclosures, province).items():
        links = [("比较", f"{up}{split_base(year_of, name)}.md")] if year_of else []
        rows.append(_row(name, f"{up}regions/{slug(name)}.md", group, links))
    return rows


def _year_rows(disclosures: list[Disclosure], up: str, province_of: str = "") -> list[dict]:
    rows = []
    for name, group in by_year(disclosures).items():
        links = [("比较", f"{up}{split_base(name, province_of)}.md")] if province_of else []
        rows.append(_row(f"{name} 年度", f"{up}years/{slug(name)}.md", group, links))
    return rows


def _split(
    base: str,
    title: str,
    group: list[Disclosure],
    aggregates: tuple[str, list[dict]],
    back: tuple[str, str],
) -> list[PortalPage]:
    env = template_environment()
    pages = []
    for paged in paginate(base, listing_rows(group), LISTING_ROWS):
        markdown = env.get_template("listing-split.md.j2").render(
            title_yaml=_yaml(title if paged.number == 1 else f"{title}（{paged.number}）"),
            heading=title,
            back_text=back[0],
            back=back[1],
            overall=totals(group),
            label=aggregates[0],
            rows=aggregates[1],
            page_links=page_links(paged),
            listed=paged.rows,
            up="../",
        )
        pages.append(PortalPage(paged.path, markdown, {}))
    return pages


def _overview(
    path: str, title: str, intro: str, label: str, rows: list[dict], overall: list[Disclosure]
) -> PortalPage:
    markdown = (
        template_environment()
        .get_template("listing-overview.md.j2")
        .render(
            title_yaml=_yaml(title.split(" / ")[0]),
            heading=title,
            intro=intro,
            label=label,
            rows=rows,
            overall=totals(overall),
        )
    )
    return PortalPage(path, markdown, {})


def _pages_of(
    split: dict[str, list[Disclosure]],
    folder: str,
    title: Callable[[str], str],
    aggregates: Callable[[str, list[Disclosure]], tuple[str, list[dict]]],
    back: tuple[str, str],
) -> list[PortalPage]:
    pages = []
    for name, group in split.items():
        pages += _split(f"{folder}/{slug(name)}", title(name), group, aggregates(name, group), back)
    return pages


def overview_rows(disclosures: list[Disclosure]) -> tuple[list[dict], list[dict]]:
    """A row a province and a row a year, linked from the home page."""
    return _province_rows(disclosures, ""), _year_rows(disclosures, "")


def index_pages(disclosures: list[Disclosure]) -> list[PortalPage]:
    """按地区 and 按年度: the overviews (a row a province, a row a year) and their pages."""
    regions = _overview(
        "regions.md",
        "按地区 / By province",
        "每个省级行政区一页，列出其全部公开文本。One page per province listing its disclosures.",
        "省级行政区 Province",
        _province_rows(disclosures, ""),
        disclosures,
    )
    years = _overview(
        "years.md",
        "按年度 / By fiscal year",
        "每个年度一页，列出其全部公开文本。One page per fiscal year listing its disclosures.",
        "年度 Year",
        _year_rows(disclosures, ""),
        disclosures,
    )
    province_pages = _pages_of(
        groups(disclosures, province),
        "regions",
        lambda name: f"按地区：{name}",
        lambda name, group: ("年度 Year", _year_rows(group, "../", name)),
        ("全部地区", "../regions.md"),
    )
    year_pages = _pages_of(
        by_year(disclosures),
        "years",
        lambda name: f"按年度：{name} 年度",
        lambda name, group: ("省级行政区 Province", _province_rows(group, "../", name)),
        ("全部年度", "../years.md"),
    )
    return [regions, years, *province_pages, *year_pages]
