"""Render the Markdown pages of the site from converted disclosures.

Templates are Jinja2 files beside this module; every string that comes from a
source passes the `e` filter (see escape.py), numbers are formatted here and in
disclosure_rows.py (the tables of a disclosure page), and
page labels come from the vocabulary and the field registry — never typed twice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from juesuan.disclosure import Disclosure
from juesuan.domain.check_status import CheckStatus
from juesuan.domain.licence import LICENCE, citation
from juesuan.domain.template import (
    ALL_PARTS,
    DOCUMENT_KINDS,
    PART_STATUS_LABELS,
    PARTS,
    PartStatus,
)
from juesuan.domain.vocabulary import UNITS, load_vocabulary
from juesuan.extract.completeness import present_count
from juesuan.package.original import FORMAT_LABELS, original_bytes, original_name
from juesuan.package.portal import ranking_rows
from juesuan.registry import RESOURCES
from juesuan.registry.fields import Field
from juesuan.registry.portal import PORTAL_NAME, PORTAL_RESOURCES
from juesuan.render.budget import budget_figure_rows, run_summary
from juesuan.render.charts import disclosure_charts
from juesuan.render.config import NO_SETTINGS, RenderConfig
from juesuan.render.department_key import department_page_url, region_label
from juesuan.render.disclosure_rows import (
    chart_rows,
    check_count_rows,
    check_rows,
    evidence_anchors,
    fact_rows,
    item_rows,
    outline,
    passed_by_family,
    project_rows,
    sangong_count_rows,
    sangong_rows,
    status_mark,
)
from juesuan.render.downloads import ON_SITE, DownloadPlace
from juesuan.render.escape import md, prose
from juesuan.render.fragments import FragmentCollector
from juesuan.render.headers import header_cells, markdown_header, row_header
from juesuan.render.headline import check_badge, key_figure_rows, report_problem_url
from juesuan.render.numbers import amount
from juesuan.render.search_text import search_lines, search_only


@dataclass(frozen=True)
class SkippedSource:
    """A source the build could not convert, shown in the build report."""

    file: str
    problem: str


@cache
def template_environment() -> Environment:
    """One environment per process: compiling the templates costs more than rendering them."""
    env = Environment(
        loader=PackageLoader("juesuan.render", "templates"),
        autoescape=False,  # Markdown output; escaping is explicit through `e`
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    env.filters["e"] = md
    env.filters["prose"] = prose
    env.globals.update(
        header_cells=header_cells,
        markdown_header=markdown_header,
        row_header=row_header,
        search_only=search_only,
    )
    return env


# Themes print the page title unescaped into <title> and the search index, so
# markup characters are replaced by their full-width look-alikes there.
_TITLE_SAFE = str.maketrans({"<": "＜", ">": "＞", "&": "＆", '"': "＂", "'": "＇", "`": "｀"})


def plain_title(title: str) -> str:
    """A page title that is inert wherever a theme puts it."""
    return title.translate(_TITLE_SAFE)


def _kind_label(kind: str | None) -> str:
    zh, en = DOCUMENT_KINDS.get(kind or "", ("未知", "unknown"))
    return f"{zh} / {en}"


def check_summary(d: Disclosure) -> str:
    counts = d.check_counts
    fail, rounding = counts[CheckStatus.FAIL], counts[CheckStatus.ROUNDING]
    if fail:
        return f"{fail} 项不一致"
    if rounding:
        return f"一致（{rounding} 项尾差）"
    if counts[CheckStatus.PASS]:
        return f"{counts[CheckStatus.PASS]} 项一致"
    return "无法检查"


_STATUS_MARKS = {
    PartStatus.PRESENT: "pass",
    PartStatus.EMPTY_DECLARED: "empty",
    PartStatus.REFERENCED: "referenced",
    PartStatus.MISSING: "fail",
}
# In the order the pages list them: what is there, then what is elsewhere, then what is not.
PART_LABELS = {
    str(status): status_mark(mark, " ".join(PART_STATUS_LABELS[status]))
    for status, mark in _STATUS_MARKS.items()
}


@dataclass(frozen=True)
class DisclosurePage:
    """A disclosure page's Markdown and the parts spliced into its HTML (page_fragments)."""

    markdown: str
    fragments: dict[str, str]
    # Files the page needs that other pages share (its charts' templates): path → bytes.
    shared: dict[str, bytes] = field(default_factory=dict)


def cite(d: Disclosure, config: RenderConfig) -> str:
    """The citation, with the page's address when the site's is known and the date the
    data last changed (from git) when it is committed."""
    text = citation(d.meta.department, d.title).rstrip("。")
    if config.site_url:
        text += f"，{config.site_url}disclosures/{d.name}/"
    if (date := config.updated_on(d.name)) is not None:
        text += f"（数据更新于 {date}）"
    return text + "。"


def render_disclosure(
    d: Disclosure, config: RenderConfig = NO_SETTINGS, department_page: bool = True
) -> DisclosurePage:
    """`department_page`: whether d's department has a page (more than one disclosure);
    without one the page does not link the department's other years."""
    side = d.source.sidecar
    parts = list(d.completeness)
    collector = FragmentCollector()
    charts = disclosure_charts(d)
    anchors = evidence_anchors(d)
    markdown = (
        template_environment()
        .get_template("disclosure.md.j2")
        .render(
            fragment=collector,
            parts=parts,
            parts_present=present_count(parts),
            part_labels=PART_LABELS,
            outline=outline(d),
            items=item_rows(d),
            projects=project_rows(d),
            sangong=sangong_rows(d, anchors),
            sangong_counts=sangong_count_rows(d, anchors),
            search=search_lines(d),
            d=d,
            title_yaml=json.dumps(plain_title(d.title), ensure_ascii=False)[1:-1],
            region=region_label(d.meta.region),
            department_url=department_page_url(d) if department_page else None,
            kind=_kind_label(d.meta.document_kind),
            source_name=side.original_filename or d.source.path.name,
            source_url=side.source_url,
            source_format=FORMAT_LABELS[d.source.source_format],
            original=original_name(d) if original_bytes(d) is not None else None,
            downloads=config.downloads,
            facts=fact_rows(d),
            charts=chart_rows(charts),
            checks=check_rows(d, anchors),
            check_counts=check_count_rows(d),
            passed_families=passed_by_family(d),
            resources=RESOURCES,
            files_url=config.package_files_url and f"{config.package_files_url}{d.name}/",
            licence=LICENCE.markdown(),
            citation=cite(d, config),
            updated=config.updated_on(d.name),
            key_figures=key_figure_rows(d),
            budget_figures=budget_figure_rows(d, anchors),
            item_runs=run_summary(d.expenditure_items),
            badge=check_badge(d),
            report_url=report_problem_url(d, config.repository),
        )
    )
    shared = dict(c.template_file for c in charts)
    return DisclosurePage(markdown, collector.fragments, shared)


def listing_rows(disclosures: list[Disclosure]) -> list[dict[str, str]]:
    """A row a disclosure for the listing pages (by province, by year): what the home page
    listed when it could still list every disclosure."""
    rows = []
    for d in disclosures:
        spent = d.fact("expenditure.current_year")
        rows.append(
            {
                "name": d.name,
                "department": d.meta.department or "未知部门",
                "region": region_label(d.meta.region),
                "year": str(d.meta.fiscal_year or "未知"),
                "kind": DOCUMENT_KINDS.get(d.meta.document_kind or "", ("未知", ""))[0],
                "expenditure": amount(spent.value) if spent else "—",
                "checks": check_summary(d),
            }
        )
    return sorted(rows, key=lambda r: (r["region"], r["department"], r["year"], r["name"]))


def _constraint_text(f: Field) -> str:
    parts = []
    for name, value in f.all_constraints.items():
        if name == "enum":
            shown = ", ".join(map(str, value[:8])) + (" …" if len(value) > 8 else "")
            parts.append(f"one of: {shown}")
        elif name == "required":
            parts.append("必填 required")
        else:
            parts.append(f"{name}: {value}")
    return "; ".join(parts)


def render_data_dictionary(place: DownloadPlace = ON_SITE) -> str:
    groups = [
        {
            "title": "每份公开文本的数据包 / Package of each disclosure",
            "intro": "`datapackages/NAME/`：每份公开文本一个数据包。One package per disclosure.",
            "resources": RESOURCES,
        },
        {
            "title": "全站合集数据包 / Portal-wide package",
            "intro": "`datapackages/portal/`：全部公开文本合在一起，每行带数据包名称 `package`。"
            " All disclosures combined; every row names its package.",
            "resources": PORTAL_RESOURCES,
        },
    ]
    return (
        template_environment()
        .get_template("data-dictionary.md.j2")
        .render(
            groups=groups,
            vocabulary=list(load_vocabulary().values()),
            units=UNITS,
            constraint_text=_constraint_text,
            portal_zip=place.zip_href(PORTAL_NAME, up="../"),
        )
    )


@dataclass(frozen=True)
class Totals:
    """How many disclosures, their 本年支出合计 summed, how many contradict themselves."""

    count: int
    spent: str  # the sum of the stated 本年支出合计, formatted; "" when none was read
    spent_value: Decimal | None  # the same sum as a number, for charts
    spent_read: int  # how many disclosures' 本年支出合计 went into the sum
    contradictions: int  # disclosures with at least one failed check


def totals(disclosures: list[Disclosure]) -> Totals:
    spent = [f.value for d in disclosures if (f := d.fact("expenditure.current_year"))]
    return Totals(
        count=len(disclosures),
        spent=amount(sum(spent, Decimal(0))) if spent else "",
        spent_value=sum(spent, Decimal(0)) if spent else None,
        spent_read=len(spent),
        contradictions=sum(1 for d in disclosures if d.check_counts[CheckStatus.FAIL]),
    )


def render_home_page(
    disclosures: list[Disclosure],
    skipped: list[SkippedSource],
    duplicates: list[SkippedSource] | None = None,
    chart: dict[str, str] | None = None,
    updated: str | None = None,
    overview: tuple[list[dict], list[dict]] = ([], []),
    place: DownloadPlace = ON_SITE,
) -> str:
    """The home page; `chart` is the spending-by-region chart (portal_pages.home_chart),
    `overview` a row a province and a row a year (listings.overview_rows): the home page
    never lists every disclosure, it would grow with N and change with every one added."""
    years = sorted({d.meta.fiscal_year for d in disclosures if d.meta.fiscal_year})
    return (
        template_environment()
        .get_template("home.md.j2")
        .render(
            provinces=overview[0],
            years_rows=overview[1],
            departments=len({d.meta.department for d in disclosures if d.meta.department}),
            regions=len({region_label(d.meta.region) for d in disclosures} - {"未知"}),
            years=[str(y) for y in years],
            skipped=skipped,
            duplicates=duplicates or [],
            totals=totals(disclosures),
            chart=chart,
            updated=updated,
            portal_zip=place.zip_href(PORTAL_NAME, up=""),
        )
    )


def completeness_groups(disclosures: list[Disclosure]) -> list[dict]:
    """The rankings (the same rows as the portal package's for the same disclosures), one
    group per document kind and fiscal year, never mixed."""
    scores = {d.name: list(d.completeness) for d in disclosures}
    labels = {p.part_id: p.label_zh for p in ALL_PARTS}
    groups: list[dict] = []
    for row in ranking_rows(disclosures, scores):
        key = (row["document_kind"], row["fiscal_year"])
        if not groups or groups[-1]["key"] != key:
            kind = DOCUMENT_KINDS.get(row["document_kind"], ("未知类型", "unknown kind"))
            groups.append(
                {
                    "key": key,
                    "kind": kind[0],
                    "kind_en": kind[1],
                    "year": row["fiscal_year"] or "年度不详",
                    "anchor": "-".join(part or "unknown" for part in key),
                    "rows": [],
                }
            )
        groups[-1]["rows"].append(
            {
                **row,
                "kind": groups[-1]["kind"],
                "department": row["department"] or "未知部门",
                "missing_labels": "、".join(labels[m] for m in row["missing"].split(";") if m),
                "referenced_labels": "、".join(
                    labels[m] for m in row["referenced"].split(";") if m
                ),
            }
        )
    return groups


def part_counts(disclosures: list[Disclosure]) -> tuple[list, dict[str, dict[str, int]]]:
    """The parts some disclosure is scored on, and how many are present, empty, … of each."""
    by_part = {p.part_id: dict.fromkeys(PART_LABELS, 0) for p in ALL_PARTS}
    for d in disclosures:
        for r in d.completeness:
            by_part[r.part.part_id][r.status] += 1
    return [p for p in ALL_PARTS if sum(by_part[p.part_id].values())], by_part


def render_completeness_page(
    disclosures: list[Disclosure],
    groups: list[dict] | None = None,
    place: dict[str, str] | None = None,
    downloads: DownloadPlace = ON_SITE,
) -> str:
    """A completeness page: the rankings of `disclosures` (or the given `groups`, a page of
    them) and, without `place`, a count per part. `place` (title, heading, back,
    page_links, links) makes it one year and province's page, or with `links` the overview."""
    parts, by_part = part_counts(disclosures)
    place = place or {}
    return (
        template_environment()
        .get_template("completeness.md.j2")
        .render(
            groups=completeness_groups(disclosures) if groups is None else groups,
            parts=parts if "back" not in place else [],
            by_part=by_part,
            template_parts=len(PARTS),
            title=place.get("title", "公开完整性 / Completeness"),
            heading=place.get("heading", "公开完整性排名 / Completeness ranking"),
            back=place.get("back", ""),
            page_links=place.get("page_links", ""),
            links=place.get("links", []),
            up="../" if "back" in place else "",
            portal_zip=downloads.zip_href(PORTAL_NAME, up="../" if "back" in place else ""),
        )
    )
