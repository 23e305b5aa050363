"""Assemble the MkDocs docs directory and build the static site.

`docs/` holds the hand-written pages and assets; the generated pages, the
downloadable packages and the chart library are added to a copy of it under
`build/docs`, which mkdocs-material turns into `build/site`. Both are swapped
in whole, so an interrupted build leaves the previous site intact. The chart
library (vega 6, vega-lite 6, vega-embed 7) is bundled by the pinned
vl-convert-python wheel and served from the site itself: no CDN, no network.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from juesuan.disclosure import Disclosure
from juesuan.infra.atomic import staging_for, swap_directory, write_file_atomically
from juesuan.infra.cache import Cache, entry_key
from juesuan.infra.deterministic_zip import deterministic_zip
from juesuan.infra.mirror import spare_of
from juesuan.infra.parallel import worker_count
from juesuan.package.portal import portal_files
from juesuan.registry.portal import CATALOGUE, PORTAL_NAME
from juesuan.render.compare_pages import compare_pages
from juesuan.render.completeness_pages import completeness_pages
from juesuan.render.config import NO_SETTINGS, RenderConfig
from juesuan.render.disclosure_files import render_all
from juesuan.render.downloads import MANIFEST_PATH, DownloadPlace, zip_file
from juesuan.render.labels_en import LABELS_PATH, labels_json
from juesuan.render.listings import index_pages, overview_rows
from juesuan.render.pages import (
    SkippedSource,
    render_data_dictionary,
    render_home_page,
)
from juesuan.render.portal_pages import department_page_names, department_pages, home_chart
from juesuan.site import mkdocs_run, page_reuse, search_publish, search_words, shards
from juesuan.site.dcat import data_json
from juesuan.site.docs_writer import DocsWriter
from juesuan.site.search_index import PieceStore

VEGA_BUNDLE = "assets/javascripts/vega-bundle.js"


def vega_bundle(cache_dir: Path) -> str:
    """vega + vega-lite + vega-embed as one script, cached per vl-convert version."""
    import vl_convert as vlc

    version = f"vega{vlc.get_vega_version()}-embed{vlc.get_vega_embed_version()}-vl6.4"
    cached = cache_dir / f"vega-bundle-{version}.js"
    if not cached.is_file():
        write_file_atomically(cached, vlc.javascript_bundle(vl_version="v6.4"))
    return cached.read_text(encoding="utf-8")


def _write_files(root: Path, files: dict[str, bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def _portal_package(
    disclosures: list[Disclosure], written: Path | None
) -> dict[str, str] | dict[str, Path]:
    """The portal package's files: as this build wrote them into datapackages/ (computing
    them again took seconds at a province's scale; named by path, they are read one at a
    time), or afresh when there are none."""
    if written is not None and (written / "datapackage.json").is_file():
        return {p.name: p for p in sorted(written.iterdir()) if p.is_file()}
    return portal_files(disclosures)


# zlib level 4 for the portal-wide zip, which any new disclosure changes: at 5,000
# disclosures (135 MB of CSV) the default level 6 took 1.64 s of such a build for 12.5 MB,
# level 4 takes 0.86 s for 14.2 MB (served from the download place, not the site).
PORTAL_ZIP_LEVEL = 4


def _portal_zip(
    files: dict[str, str] | dict[str, Path], digest: str | None, cache_dir: Path | None
) -> Path | bytes:
    """The zip of the portal package: with `digest` (files_digest of `files`, as
    write_packages returns it) a file in the render cache, zipped only when the package
    changed (re-zipping hundreds of MB took seconds of every build at a province's scale);
    else its bytes."""
    if digest is None or cache_dir is None:
        return deterministic_zip("", files, PORTAL_ZIP_LEVEL)
    store = Cache(cache_dir)
    key = entry_key("portal zip", digest)
    if not store.has(key):  # has() marks it used
        zipped = deterministic_zip("", files, PORTAL_ZIP_LEVEL)
        store.store_files(key, {zip_file(PORTAL_NAME): zipped})
    return store.path(key) / zip_file(PORTAL_NAME)


def _place(target: Path, content: Path | bytes) -> None:
    """`content` at `target`: a file hard-linked (cache files are never edited in place)
    or copied where links fail; bytes written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        target.write_bytes(content)
        return
    try:
        os.link(content, target)
    except OSError:
        shutil.copyfile(content, target)


def _write_portal(
    staging: Path,
    disclosures: list[Disclosure],
    base_url: str,
    written: Path | None,
    place: DownloadPlace,
    downloads: Path | None,
    zips: tuple[str | None, Path | None] = (None, None),
) -> None:
    """The portal-wide package (zipped, plus its catalogue unpacked) and the DCAT catalogue.

    Unpacked, the package would take ~30 KB a disclosure (facts with their evidence) beside
    a zip of a tenth of that; the catalogue, one row a disclosure, stays browsable as CSV.
    The zip goes to the download place with the disclosures' zips when there is one
    (`downloads`, build/downloads' staging): at 5,000 disclosures it was 12 MB of the site.
    `zips`: the digest of the package in `written` and the render cache (_portal_zip)."""
    files = _portal_package(disclosures, written)
    portal_dir = staging / "data" / PORTAL_NAME
    portal_dir.mkdir(parents=True)
    catalogue = files[CATALOGUE.path]
    if isinstance(catalogue, Path):
        shutil.copyfile(catalogue, portal_dir / CATALOGUE.path)
    else:
        (portal_dir / CATALOGUE.path).write_text(catalogue, "utf-8")
    digest = zips[0] if isinstance(catalogue, Path) else None  # files as written there
    zipped = _portal_zip(files, digest, zips[1])
    _place((downloads or staging / "data") / zip_file(PORTAL_NAME), zipped)
    (staging / "data.json").write_text(data_json(disclosures, base_url, place), "utf-8")


DOWNLOAD_DIGESTS = "downloads-digests.json"


def _manifest(place: DownloadPlace, folder: Path, names: list[str], cache_dir: Path) -> bytes:
    """place.manifest, with the digests of unchanged files from the last build's."""
    try:
        known = json.loads((cache_dir / DOWNLOAD_DIGESTS).read_text("utf-8"))
    except (OSError, ValueError):
        known = {}
    known = known if isinstance(known, dict) else {}
    text = place.manifest(folder, names, known)
    write_file_atomically(cache_dir / DOWNLOAD_DIGESTS, json.dumps(known, sort_keys=True))
    return text.encode("utf-8")


def assemble_docs(
    disclosures: list[Disclosure],
    skipped: list[SkippedSource],
    handwritten: Path,
    target: Path,
    cache_dir: Path,
    base_url: str = "",
    duplicates: list[SkippedSource] | None = None,
    packages: Path | None = None,
    config: RenderConfig = NO_SETTINGS,
    downloads: Path | None = None,
    portal_digest: str | None = None,
) -> None:
    """Write the complete MkDocs docs directory into `target` (swapped in whole).

    `base_url` (mkdocs `site_url`, may be empty) prefixes the download URLs of data.json;
    `packages` is the datapackages/ directory this build has just written, if any;
    `downloads` the folder that receives the files served outside the site when
    config.downloads_url is set (render.downloads), swapped in whole too;
    `portal_digest` the digest of the portal package in `packages` (write_packages), which
    names its zip in the render cache.
    """
    staging = staging_for(target)
    downloads_staging: Path | None = None
    try:
        shutil.copytree(handwritten, staging, dirs_exist_ok=True)
        (staging / "index.md").write_text(
            render_home_page(
                disclosures,
                skipped,
                duplicates,
                home_chart(disclosures),
                config.last_updated,
                overview_rows(disclosures),
                config.downloads,
            ),
            "utf-8",
        )
        place = config.downloads
        (staging / "data-dictionary.md").write_text(render_data_dictionary(place), "utf-8")
        downloads_staging = staging_for(downloads) if downloads and place.off_site else None
        render_all(
            disclosures,
            cache_dir / "render",
            staging,
            packages,
            config,
            department_page_names(disclosures),
            downloads_staging,
        )
        docs = DocsWriter(staging, target, cache_dir)
        for page in [
            *compare_pages(disclosures, cache_dir / "render"),
            *completeness_pages(disclosures, place),
            *index_pages(disclosures),
            *department_pages(disclosures, cache_dir / "render"),
        ]:
            docs.write(page.path, page.markdown.encode("utf-8"))
            for name, text in page.files.items():
                docs.write(name, text.encode("utf-8"))
        portal = packages and packages / PORTAL_NAME
        zips = (portal_digest, cache_dir / "render")
        _write_portal(staging, disclosures, base_url, portal, place, downloads_staging, zips)
        if downloads_staging is not None:
            names = [PORTAL_NAME, *(d.name for d in disclosures)]
            manifest = _manifest(place, downloads_staging, names, cache_dir / "render")
            docs.write(MANIFEST_PATH, manifest)
            _write_files(downloads_staging, {Path(MANIFEST_PATH).name: manifest})
        docs.write(LABELS_PATH, labels_json().encode("utf-8"))
        docs.write(VEGA_BUNDLE, vega_bundle(cache_dir).encode("utf-8"))
        page_reuse.keep_unchanged_times(staging, target)
        if downloads is not None and downloads_staging is not None:
            swap_directory(downloads_staging, downloads, background=True)
        swap_directory(staging, target, background=True)
        docs.save()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if downloads_staging is not None:
            shutil.rmtree(downloads_staging, ignore_errors=True)
        raise


def build_site(
    config_file: Path,
    docs_dir: Path,
    site_dir: Path,
    site_url: str = "",
    cache_dir: Path | None = None,
    before_swap: Callable[[], None] | None = None,
    workers: int | None = None,
) -> tuple[int, int] | None:
    """Run mkdocs build into a staging directory, then swap it into `site_dir`.

    `site_url` stands in for an unset mkdocs site_url (the GitHub Pages address): with
    it the sitemap has absolute addresses and the 404 page links work under /repo/.
    With `cache_dir`, only pages whose docs files changed are rendered again when the
    layout is the same as last time (juesuan.site.page_reuse); returns how many files
    mkdocs wrote afresh then, None for a clean full build. With many pages to render they
    are rendered on all cores (juesuan.site.shards), or on `workers` processes at most."""
    # MkDocs reads a relative docs_dir or site_dir from the config file's folder, not from
    # where the build was asked for (`juesuan build --build-dir .` built the repository's
    # hand-written docs/ into a hidden folder beside mkdocs.yml).
    docs_dir, site_dir = docs_dir.resolve(), site_dir.resolve()
    staging = staging_for(site_dir)
    try:
        config = mkdocs_run.load(config_file, docs_dir, staging, site_url)
        state = None
        if cache_dir is not None:
            custom = config.theme.custom_dir
            layout = page_reuse.layout_key(config_file, site_url, custom and Path(custom))
            previous_layout, previous = page_reuse.load_state(cache_dir)
            reuse = layout == previous_layout and site_dir.is_dir()
            if reuse:
                page_reuse.copy_previous_site(site_dir, staging)
            compiled = page_reuse.compiled_templates(cache_dir)
            state = page_reuse.ReuseState(layout, previous if reuse else {}, docs_dir, compiled)
        files = mkdocs_run.listed_files(config)
        pages = mkdocs_run.documentation_pages(files)
        words = search_words.site_words(path for _, path in pages)
        weights = {
            uri: shards.page_weight(path)
            for uri, path in pages
            if state is None or state.previous.get(uri) != state.file_signature(uri, path)
        }
        cores = worker_count(len(weights), workers)  # MkDocs runs here, on a cluster too
        count = shards.shard_count(len(weights), cores)
        if count > 1:
            state = state or page_reuse.ReuseState("", {}, docs_dir)
            _build_in_shards(config_file, staging, site_url, state, words, weights, count)
        else:
            mkdocs_run.run(config, state, words, bool(state and state.previous), files)
        if state is not None and state.previous:
            page_reuse.remove_gone(state, staging)
        if before_swap is not None:
            before_swap()
        # the site replaced is kept: the next build's copy of this one (page_reuse)
        spare = spare_of(site_dir) if cache_dir is not None else None
        swap_directory(staging, site_dir, background=True, keep=spare)
        if state is not None and cache_dir is not None:
            page_reuse.save_state(cache_dir, state)
            return (state.rebuilt, state.seen) if state.previous else None
        return None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _build_in_shards(
    config_file: Path,
    staging: Path,
    site_url: str,
    state: page_reuse.ReuseState,
    words: list[str],
    weights: dict[str, int],
    count: int,
) -> None:
    """The pages to render (source path → weight) rendered by `count` mkdocs builds at once
    into `staging`; `state` gets their signatures and counts, as one build would have left
    them, and the search index is published from the pieces all of them saved."""
    docs_dir = state.docs_dir
    owner = shards.split(weights, count)
    job = shards.ShardJob(config_file, docs_dir, staging, site_url, state, words, owner)
    results = shards.build_shards(job, count)
    for result in results:
        state.current.update(result.current)
        state.rebuilt += result.rebuilt
        state.seen += result.seen
    site = results[0].site
    if site is not None:  # else the site has no search plugin
        store = PieceStore(docs_dir.parent / "cache" / "search")
        search_publish.publish(staging, site, {}, store)
