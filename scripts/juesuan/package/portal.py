"""The portal-wide data package: every disclosure in one place, for comparing them.

Rows are the very rows of each disclosure's own package with the package name
in front, so the two can never disagree; order is by package name, then the
disclosure's own order, and nothing depends on the clock — two builds of the
same sources give the same bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from juesuan.disclosure import Disclosure
from juesuan.domain.licence import LICENCE
from juesuan.domain.template import ALL_PARTS, DOCUMENT_KINDS, PartStatus
from juesuan.extract.completeness import PartResult, present_count, referenced_count
from juesuan.infra.cache import entry_key
from juesuan.package.files import csv_header, csv_pieces, csv_rows, resource_descriptor
from juesuan.package.rows import cell_text, resource_rows
from juesuan.registry.fields import ResourceSpec
from juesuan.registry.portal import (
    CATALOGUE,
    CATALOGUE_TOTALS,
    LEVELS,
    PORTAL_NAME,
    PORTAL_RESOURCES,
    RANKING,
)


def level_of(d: Disclosure) -> str | None:
    """Lowest administrative level the region names (a county department names its county)."""
    region = d.meta.region.model_dump()
    named = [level for level in LEVELS if region.get(level)]
    return named[-1] if named else None


def catalogue_row(d: Disclosure, scored: list[PartResult]) -> dict[str, Any]:
    region = d.meta.region
    row: dict[str, Any] = {
        "package": d.name,
        "title": d.title,
        "department": cell_text(d.meta.department),
        "province": cell_text(region.province),
        "prefecture": cell_text(region.prefecture),
        "county": cell_text(region.county),
        "level": cell_text(level_of(d)),
        "fiscal_year": cell_text(d.meta.fiscal_year),
        "document_kind": cell_text(d.meta.document_kind),
    }
    for figure in CATALOGUE_TOTALS:
        fact = d.fact(figure.key)
        row[figure.column] = cell_text(fact.value if fact else None)
    row.update(
        facts=len(d.facts),
        checks=len(d.checks),
        checks_failed=sum(c.status == "fail" for c in d.checks),
        parts_present=present_count(scored),
        parts_referenced=referenced_count(scored),
        parts_total=len(scored),
        source_sha256=d.source.sha256,
    )
    return row


def ranking_group(d: Disclosure) -> tuple[str, str]:
    """What a text is ranked among: the texts of its own kind and fiscal year."""
    return str(cell_text(d.meta.document_kind)), str(cell_text(d.meta.fiscal_year))


def _group_order(group: tuple[str, str]) -> tuple[int, int, str, str]:
    """Kinds in the published order, the newest year first, an unknown year last."""
    kind, year = group
    kinds = [str(k) for k in DOCUMENT_KINDS]
    position = kinds.index(kind) if kind in kinds else len(kinds)
    return (position, -int(year) if year.isdigit() else 1, year, kind)


def ranking_rows(
    disclosures: list[Disclosure], scores: dict[str, list[PartResult]]
) -> list[dict[str, Any]]:
    """One ranking per (document kind, fiscal year), never one list across kinds or years: a
    三公 page or a self-evaluation is scored on other parts than a whole disclosure, and a
    year's template differs from another's. Within a group most complete first; ties share
    a rank (1, 2, 2, 4) and are ordered by package name."""
    groups: dict[tuple[str, str], list[Disclosure]] = {}
    for d in disclosures:
        groups.setdefault(ranking_group(d), []).append(d)
    rows: list[dict[str, Any]] = []
    for group in sorted(groups, key=_group_order):
        members = sorted(groups[group], key=lambda d: (-present_count(scores[d.name]), d.name))
        previous: dict[str, Any] | None = None
        for position, d in enumerate(members, 1):
            scored = scores[d.name]
            present = present_count(scored)
            rank = (
                previous["rank"] if previous and previous["parts_present"] == present else position
            )
            share = (Decimal(present) * 100 / Decimal(len(scored))).quantize(Decimal("0.01"))
            previous = {
                "rank": rank,
                "package": d.name,
                "department": cell_text(d.meta.department),
                "fiscal_year": group[1],
                "document_kind": group[0],
                "parts_present": present,
                "parts_referenced": referenced_count(scored),
                "parts_total": len(scored),
                "share_pct": cell_text(share),
                "missing": ";".join(r.part.part_id for r in scored if r.missing),
                "referenced": ";".join(
                    r.part.part_id for r in scored if r.status == PartStatus.REFERENCED
                ),
            }
            rows.append(previous)
    return rows


def portal_descriptor(disclosures: list[Disclosure]) -> dict[str, Any]:
    years = sorted({d.meta.fiscal_year for d in disclosures if d.meta.fiscal_year})
    span = f"{years[0]}–{years[-1]}" if years else "—"
    return {
        "name": f"juesuan-{PORTAL_NAME}",
        "title": "部门决算公开数据门户：全部公开合集 / All disclosures of the juesuan portal",
        "description": (
            f"全部 {len(disclosures)} 份部门决算公开（{span} 年度）的目录、事实、功能分类支出、"
            "“三公”经费、绩效自评项目与公开完整性。 Catalogue, facts (long format), expenditure "
            "items with codes, 三公 rows, performance projects and the completeness scorecard of "
            "every disclosure, each row tagged with the disclosure's package name."
        ),
        "licenses": [LICENCE.descriptor()],
        "keywords": ["决算", "部门决算", "final accounts", "open data", "合集"],
        "juesuan": {
            "packages": sorted(d.name for d in disclosures),
            "parts": [p.part_id for p in ALL_PARTS],
        },
        "resources": [resource_descriptor(spec) for spec in PORTAL_RESOURCES],
    }


# The tables made of every disclosure's own rows, a disclosure after another (the others,
# the catalogue and the ranking, are made from all disclosures together).
BY_DISCLOSURE: tuple[ResourceSpec, ...] = tuple(
    spec for spec in PORTAL_RESOURCES if spec.name not in (CATALOGUE.name, RANKING.name)
)


def disclosure_rows(d: Disclosure) -> dict[str, str]:
    """d's lines of each table of BY_DISCLOSURE (file name → CSV lines, no header): what the
    table holds for d, byte for byte. They depend on d alone, so a build keeps them by d's
    conversion and joins them (pipeline.build): made afresh for 5,000 disclosures on every
    build that changes one, they were ~4 s."""
    return {spec.path: csv_rows(spec, resource_rows(spec, d)) for spec in BY_DISCLOSURE}


def rows_entry(key: str) -> str:
    """The name of the entry (in build/cache/portal-rows) that keeps the portal tables'
    lines of the disclosure whose conversion_key is `key` (disclosure_rows)."""
    return entry_key("portal rows", key)


def portal_texts(disclosures: list[Disclosure]) -> Iterator[tuple[str, Iterator[str]]]:
    """(file name, its exact text in pieces) of the portal package's files made from all
    disclosures together: its descriptor, the catalogue and the ranking. The tables of
    BY_DISCLOSURE are portal_tables'."""
    ordered = sorted(disclosures, key=lambda d: d.name)
    scores = {d.name: list(d.completeness) for d in ordered}
    descriptor = json.dumps(
        portal_descriptor(ordered), ensure_ascii=False, indent=2, sort_keys=True
    )
    yield "datapackage.json", iter([descriptor + "\n"])
    catalogue = [catalogue_row(d, scores[d.name]) for d in ordered]
    yield CATALOGUE.path, csv_pieces(CATALOGUE, [catalogue])
    yield RANKING.path, csv_pieces(RANKING, [ranking_rows(ordered, scores)])


def portal_tables(
    disclosures: list[Disclosure],
    rows_of: Callable[[Disclosure], dict[str, str]] = disclosure_rows,
) -> Iterator[tuple[str, str]]:
    """(file name, a piece of its text) of the tables of BY_DISCLOSURE, the header first,
    then a disclosure at a time in package-name order, taking turns between the tables: a
    disclosure's lines of every table (`rows_of`, disclosure_rows or a build's kept copy)
    are fetched once, and no table is ever whole in memory (hundreds of MB at a province's
    scale)."""
    for spec in BY_DISCLOSURE:
        yield spec.path, csv_header(spec)
    for d in sorted(disclosures, key=lambda d: d.name):
        lines = rows_of(d)
        for spec in BY_DISCLOSURE:
            yield spec.path, lines[spec.path]


def portal_files(disclosures: list[Disclosure]) -> dict[str, str]:
    """File name → exact text of every file of the portal package."""
    files = {name: "".join(pieces) for name, pieces in portal_texts(disclosures)}
    tables: dict[str, list[str]] = {}
    for name, piece in portal_tables(disclosures):
        tables.setdefault(name, []).append(piece)
    files |= {name: "".join(pieces) for name, pieces in tables.items()}
    return {name: files[name] for name in ("datapackage.json", *(s.path for s in PORTAL_RESOURCES))}
