"""Assemble the MkDocs docs directory and build the static site.

`docs/` holds the hand-written pages and assets; the generated pages, the
downloadable packages and the chart library are added to a copy of it under
`build/docs`, which mkdocs-material turns into `build/site`. Both are swapped
in whole, so an interrupted build leaves the previous site intact. The chart
library (vega 6, vega-lite 6, vega-embed 7) is bundled by the pinned
vl-convert-python wheel and served from the site itself: no CDN, no network.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .archive import deterministic_zip
from .atomic import staging_for, swap_directory, write_file_atomically
from .chart_data import chart_data
from .chart_downloads import chart_files
from .convert import Disclosure
from .dcat import data_json
from .package import package_files
from .pages import (
    SkippedSource,
    render_completeness_page,
    render_data_dictionary,
    render_disclosure_page,
    render_home_page,
    render_source_page,
)
from .portal import portal_files
from .portal_pages import compare_page, department_pages, index_pages
from .portal_resources import PORTAL_NAME

VEGA_BUNDLE = "assets/javascripts/vega-bundle.js"


def vega_bundle(cache_dir: Path) -> str:
    """vega + vega-lite + vega-embed as one script, cached per vl-convert version."""
    import vl_convert as vlc

    version = f"vega{vlc.get_vega_version()}-embed{vlc.get_vega_embed_version()}-vl6.4"
    cached = cache_dir / f"vega-bundle-{version}.js"
    if not cached.is_file():
        write_file_atomically(cached, vlc.javascript_bundle(vl_version="v6.4"))
    return cached.read_text(encoding="utf-8")


def _readme(d: Disclosure) -> str:
    side = d.source.sidecar
    return (
        f"# {d.title}\n\n"
        f"Data package `{d.name}` of the juesuan open-data portal.\n\n"
        f"- Source: {side.original_filename or d.source.path.name}"
        f" ({side.source_url or 'original URL unknown'})\n"
        f"- Department: {d.meta.department or 'unknown'}; fiscal year: "
        f"{d.meta.fiscal_year or 'unknown'}\n"
        "- Licence: compilation CC BY 4.0; the figures are public government information "
        "(政府信息公开): credit the issuing department.\n"
        f"- Cite as: {d.meta.department or '发布部门'}，《{d.title}》，"
        "juesuan 开放数据门户整理。\n\n"
        "Files: datapackage.json (Frictionless descriptor with Table Schemas) and one CSV per "
        "resource. Every fact carries the sentence it was read from (column `evidence`).\n"
    )


def package_zip(d: Disclosure) -> bytes:
    """The whole package plus a README, byte-identical for identical content."""
    return deterministic_zip(d.name, {**package_files(d), "README.md": _readme(d)})


def _write_files(root: Path, files: dict[str, bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def _write_portal(staging: Path, disclosures: list[Disclosure], base_url: str) -> None:
    """The portal-wide package, its zip and the DCAT catalogue of every package."""
    files = portal_files(disclosures)
    portal_dir = staging / "data" / PORTAL_NAME
    portal_dir.mkdir(parents=True)
    for name, content in files.items():
        (portal_dir / name).write_text(content, "utf-8")
    (staging / "data" / f"{PORTAL_NAME}.zip").write_bytes(deterministic_zip(PORTAL_NAME, files))
    (staging / "data.json").write_text(data_json(disclosures, base_url), "utf-8")


def assemble_docs(
    disclosures: list[Disclosure],
    skipped: list[SkippedSource],
    handwritten: Path,
    target: Path,
    cache_dir: Path,
    base_url: str = "",
    duplicates: list[SkippedSource] | None = None,
) -> None:
    """Write the complete MkDocs docs directory into `target` (swapped in whole).

    `base_url` (mkdocs `site_url`, may be empty) prefixes the download URLs of data.json.
    """
    staging = staging_for(target)
    try:
        shutil.copytree(handwritten, staging, dirs_exist_ok=True)
        (staging / "index.md").write_text(
            render_home_page(disclosures, skipped, duplicates), "utf-8"
        )
        (staging / "data-dictionary.md").write_text(render_data_dictionary(), "utf-8")
        (staging / "completeness.md").write_text(render_completeness_page(disclosures), "utf-8")
        (staging / "disclosures").mkdir(exist_ok=True)
        for d in disclosures:
            (staging / "disclosures" / f"{d.name}.md").write_text(
                render_disclosure_page(d), "utf-8"
            )
            (staging / "disclosures" / d.name).mkdir()
            (staging / "disclosures" / d.name / "source.md").write_text(
                render_source_page(d), "utf-8"
            )
            data_dir = staging / "data" / d.name
            data_dir.mkdir(parents=True)
            _write_files(data_dir, chart_files(d, chart_data(d)))
            for name, content in package_files(d).items():
                (data_dir / name).write_text(content, "utf-8")
            (data_dir / "source.txt").write_text(d.source.text, "utf-8")
            (staging / "data" / f"{d.name}.zip").write_bytes(package_zip(d))
        for page in [
            compare_page(disclosures),
            *index_pages(disclosures),
            *department_pages(disclosures),
        ]:
            _write_files(staging, {page.path: page.markdown.encode("utf-8")})
            _write_files(staging, {k: v.encode("utf-8") for k, v in page.files.items()})
        _write_portal(staging, disclosures, base_url)
        bundle = staging / VEGA_BUNDLE
        bundle.parent.mkdir(parents=True, exist_ok=True)
        bundle.write_text(vega_bundle(cache_dir), "utf-8")
        swap_directory(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def build_site(config_file: Path, docs_dir: Path, site_dir: Path) -> None:
    """Run mkdocs build into a staging directory, then swap it into `site_dir`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    staging = staging_for(site_dir)
    try:
        config = load_config(
            config_file=str(config_file), docs_dir=str(docs_dir), site_dir=str(staging)
        )
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        swap_directory(staging, site_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
