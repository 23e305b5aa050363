"""A DCAT catalogue of every data package, at the site root, for harvesters.

`data.json` follows the Project Open Data / DCAT-US 1.1 schema, the format
CKAN's DCAT harvester and data.gov-style portals read. Download URLs are
relative to the site root unless mkdocs.yml sets `site_url`, in which case they
are absolute (`site_url` + relative path): harvesters need absolute URLs, so a
deployment that wants to be harvested sets `site_url`. Nothing here depends on
the clock: `temporal` is the fiscal year (the calendar year in China) and
`identifier` is the package name, so the file changes only when the data does.
DCAT-US marks `modified` and `contactPoint` required; we know neither (no
publication date, no contact in the texts) and leave them out rather than
invent them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from juesuan.disclosure import Disclosure
from juesuan.domain.licence import LICENCE
from juesuan.registry.portal import CATALOGUE, PORTAL_NAME
from juesuan.render.downloads import ON_SITE, DownloadPlace
from juesuan.render.pages import region_label

DATAPACKAGE_SPEC = "https://specs.frictionlessdata.io/data-package/"


def site_url(config_file: Path) -> str:
    """`site_url` of mkdocs.yml with a trailing slash, or "" when unset."""
    try:
        config = yaml.safe_load(config_file.read_text("utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return ""
    url = str(config.get("site_url") or "")
    return url if not url or url.endswith("/") else url + "/"


def _zip_distribution(url: str) -> dict[str, Any]:
    return {
        "@type": "dcat:Distribution",
        "title": "整个数据包 / whole package (zip)",
        "downloadURL": url,
        "mediaType": "application/zip",
        "format": "Frictionless Data Package (zip)",
        "conformsTo": DATAPACKAGE_SPEC,
    }


def _catalogue_distribution(base: str) -> dict[str, Any]:
    """The portal's catalogue, the one table the site also publishes unpacked."""
    return {
        "@type": "dcat:Distribution",
        "title": f"{CATALOGUE.path} — {CATALOGUE.title_zh}",
        "downloadURL": f"{base}data/{PORTAL_NAME}/{CATALOGUE.path}",
        "mediaType": "text/csv",
        "format": "CSV",
    }


def _dataset(d: Disclosure, base: str, place: DownloadPlace) -> dict[str, Any]:
    meta = d.meta
    dataset: dict[str, Any] = {
        "@type": "dcat:Dataset",
        "title": d.title,
        "description": (
            f"{d.title}：从公开文本中提取、经勾稽检查的数据（{len(d.facts)} 项事实）。"
            f" Data extracted from the disclosure of {meta.department or 'an unknown department'}; "
            "every value carries the sentence it was read from."
        ),
        "keyword": ["决算", "部门决算", "final accounts", *(k for k in [meta.department] if k)],
        "identifier": d.name,
        "accessLevel": "public",
        "license": LICENCE.url,
        "language": ["zh"],
        "landingPage": f"{base}disclosures/{d.name}/",
        "distribution": [_zip_distribution(place.zip_url(d.name, base))],
    }
    if meta.department:
        dataset["publisher"] = {"@type": "org:Organization", "name": meta.department}
    if meta.fiscal_year:
        dataset["temporal"] = f"{meta.fiscal_year}-01-01/{meta.fiscal_year}-12-31"
    if region_label(meta.region) != "未知":
        dataset["spatial"] = region_label(meta.region)
    return dataset


def _portal_dataset(
    disclosures: list[Disclosure], base: str, place: DownloadPlace
) -> dict[str, Any]:
    years = sorted({d.meta.fiscal_year for d in disclosures if d.meta.fiscal_year})
    dataset: dict[str, Any] = {
        "@type": "dcat:Dataset",
        "title": "部门决算公开数据门户：全部公开合集",
        "description": (
            "全部公开文本的目录、事实、功能分类支出、“三公”经费、绩效自评项目与公开完整性。"
            " All disclosures of the portal in one package: catalogue, facts, expenditure items, "
            "三公, performance projects and the completeness scorecard."
        ),
        "keyword": ["决算", "部门决算", "final accounts", "合集"],
        "identifier": PORTAL_NAME,
        "accessLevel": "public",
        "license": LICENCE.url,
        "language": ["zh"],
        "landingPage": f"{base}completeness/",
        "publisher": {"@type": "org:Organization", "name": "juesuan 开放数据门户"},
        "distribution": [
            _zip_distribution(place.zip_url(PORTAL_NAME, base)),
            _catalogue_distribution(base),
        ],
    }
    if years:
        dataset["temporal"] = f"{years[0]}-01-01/{years[-1]}-12-31"
    return dataset


def data_json(disclosures: list[Disclosure], base: str = "", place: DownloadPlace = ON_SITE) -> str:
    """The catalogue as compact JSON text: datasets ordered by identifier, keys sorted;
    `place`: where the zips are served (render.downloads)."""
    datasets = [_dataset(d, base, place) for d in sorted(disclosures, key=lambda d: d.name)]
    catalog = {
        "@context": "https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld",
        "@type": "dcat:Catalog",
        "conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
        "describedBy": "https://project-open-data.cio.gov/v1.1/schema/catalog.json",
        "dataset": [_portal_dataset(disclosures, base, place), *datasets],
    }
    # Compact: the indentation was a fifth of the file (~0.3 KB a disclosure), read by no one
    # but a harvester; keys sorted and datasets ordered keep it the same for the same data.
    return json.dumps(catalog, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
