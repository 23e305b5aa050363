"""Every file one disclosure adds to the docs directory, rendered on all cores and cached.

The site publishes a disclosure's package as its zip only (the files one by one are
linked where the repository serves them: RenderConfig.package_files_url).
A disclosure's page, its chart downloads and its package zip depend only on the
disclosure itself and this package's code, so at a province's scale they are
rendered in a process pool and kept under `build/cache/render/KEY/`, one
directory a disclosure; the docs directory gets hard links to them, so adding one
disclosure to a thousand renders one and writes (almost) nothing for the others.
KEY is described at render_key. Pages that list many disclosures (home, comparison, indexes)
are not cached here: they change whenever any disclosure does.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Collection
from pathlib import Path

from juesuan.disclosure import Disclosure, restore, restore_entry
from juesuan.infra.atomic import write_file_atomically
from juesuan.infra.cache import Cache, entry_key
from juesuan.infra.parallel import map_in_order, worker_count
from juesuan.package.download_zip import package_texts, package_zip
from juesuan.package.original import original_bytes, original_name
from juesuan.render.chart_data import chart_data
from juesuan.render.chart_downloads import chart_files
from juesuan.render.charts import TEMPLATE_DIR
from juesuan.render.config import NO_SETTINGS, RenderConfig
from juesuan.render.downloads import DOWNLOADS_PREFIX
from juesuan.render.fragments import fragment_file, fragments_json
from juesuan.render.pages import render_disclosure

Files = dict[str, bytes]
# Files several disclosures' entries hold, the same bytes under the same name (charts.py).
SHARED = Path(TEMPLATE_DIR)


def disclosure_files(
    d: Disclosure,
    written: Path | None = None,
    config: RenderConfig = NO_SETTINGS,
    department_page: bool = True,
) -> Files:
    """Path inside the docs directory → bytes, for everything `d` contributes; `written` is
    its package as this build wrote it into datapackages/, if it did (laid out again, the
    package would cost ~5 ms a disclosure); `department_page`: whether its department has
    a page of its own (render_disclosure)."""
    page = render_disclosure(d, config, department_page)
    fragments = fragment_file(Path(), f"disclosures/{d.name}.md")
    files = {
        f"disclosures/{d.name}.md": page.markdown.encode("utf-8"),
        str(fragments): fragments_json(page.fragments),
        **page.shared,
    }
    place = config.downloads
    charts = chart_files(d, chart_data(d), place.zip_href(d.name) if place.off_site else "")
    original, data = original_name(d), original_bytes(d)
    original_at = ""  # where the zip's README says the original is: nowhere without one
    if original is not None and data is not None:
        files[place.original_path(d.name, original)] = data
        original_at = place.original_href(d.name, original, up="")
        original_at += "" if place.off_site else " on the site"
    zipped = package_zip(d, written, package_texts(d, written), charts, original_at)
    files[place.zip_path(d.name)] = zipped
    return files


def render_key(d: Disclosure, config: RenderConfig, department_page: bool = True) -> str:
    """What a disclosure's pages depend on: its conversion, the build's settings and whether
    its department has a page (a second year of it renders the first again, with the link)."""
    return entry_key(
        d.conversion_key,
        config.digest(),
        config.updated_on(d.name) or "",
        "department page" if department_page else "",
    )


def _link_or_copy(source: Path, target: Path, made: set[Path]) -> None:
    if target.parent not in made:  # a mkdir a file was ~1 s a build at 1,000 disclosures
        target.parent.mkdir(parents=True, exist_ok=True)
        made.add(target.parent)
    try:
        os.link(source, target)
    except OSError:  # another file system, or links not allowed
        shutil.copyfile(source, target)


# A disclosure as a render worker receives it: a slim copy as the fields restore() reads
# (restore_entry), or a complete disclosure (one without a cache entry) whole.
Sent = Disclosure | tuple[str, tuple, tuple[str, ...], str]


def _sent(d: Disclosure) -> Sent:
    if not d.full_entry:
        return d
    return (d.full_entry, d.expenditure_items, d.warnings, d.name_suffix)


def _received(job: Sent) -> Disclosure:
    return restore(job) if isinstance(job, Disclosure) else restore_entry(*job)


def _render_entry(
    d: Sent,
    store: Cache,
    key: str,
    written: Path | None,
    config: RenderConfig,
    department_page: bool,
) -> None:
    """Render one disclosure into its cache entry, in a worker: the files never travel
    back to the parent, which would otherwise write every one of them itself."""
    store.store_files(key, disclosure_files(_received(d), written, config, department_page))


def render_all(
    disclosures: list[Disclosure],
    cache_dir: Path,
    docs: Path,
    packages: Path | None = None,
    config: RenderConfig = NO_SETTINGS,
    department_pages: Collection[str] | None = None,
    downloads: Path | None = None,
) -> int:
    """Put every disclosure's files into `docs` (hard links into the cache); return how
    many disclosures were rendered afresh. `packages` is the datapackages/ directory this
    build has just written, if any; `department_pages` names the disclosures whose
    department has a page (portal_pages.department_page_names; None: all); `downloads`
    the folder for the files served elsewhere (config.downloads_url, render.downloads)."""
    store = Cache(cache_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    linked = [department_pages is None or d.name in department_pages for d in disclosures]
    keys = [render_key(d, config, link) for d, link in zip(disclosures, linked, strict=True)]
    todo = [i for i, key in enumerate(keys) if not store.has(key)]  # has() marks it used
    jobs = [disclosures[i] for i in todo]
    sent = [_sent(d) for d in jobs]
    written = [packages / d.name if packages is not None else None for d in jobs]
    map_in_order(
        _render_entry,
        sent,
        [store] * len(todo),
        [keys[i] for i in todo],
        written,
        [config] * len(todo),
        [linked[i] for i in todo],
        workers=worker_count(len(todo)),
    )
    made: set[Path] = set()
    listed = _listing(cache_dir)
    fresh = {keys[i] for i in todo}
    now: dict[str, list[str]] = {}
    for key in keys:
        entry = store.path(key)
        names = listed.get(key) if key not in fresh else None
        now[key] = names if names is not None else [str(p) for p in _entry_files(entry)]
        for name in now[key]:
            relative = Path(name)
            if relative.parent == SHARED and (docs / relative).exists():
                continue  # a chart template another page has put there
            _link_or_copy(entry / relative, _destination(relative, docs, downloads), made)
    write_file_atomically(cache_dir / LISTING_NAME, json.dumps(now, sort_keys=True))
    return len(todo)


# The files of each entry in use, by key: an entry is written whole and never changed, so
# it is listed once, not walked on every build (~0.2 s at 1,000 disclosures). Written on
# every build, so that pruning the stage (infra.cache.prune_unused) keeps it.
LISTING_NAME = ".listing.json"


def _listing(cache_dir: Path) -> dict[str, list[str]]:
    try:
        found = json.loads((cache_dir / LISTING_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _entry_files(entry: Path) -> list[Path]:
    """The files of a cache entry, relative to it, in path order (as sorted(rglob) lists
    them): listed by os.walk, without a stat of each (rglob and is_file were ~2 s a
    build at 1,000 disclosures)."""
    top = str(entry)
    cut = len(top) + 1
    found: list[tuple[str, ...]] = []
    for folder, _, names in os.walk(top):
        parts = tuple(folder[cut:].split(os.sep)) if len(folder) > len(top) else ()
        found += [(*parts, name) for name in names]
    return [Path(*parts) for parts in sorted(found)]


def _destination(relative: Path, docs: Path, downloads: Path | None) -> Path:
    """A rendered file's place: the docs directory, or the download place's folder."""
    if relative.parts[0] == DOWNLOADS_PREFIX.rstrip("/"):
        if downloads is None:
            raise ValueError(f"{relative}: rendered for a download place, but none was given")
        return downloads / relative.relative_to(relative.parts[0])
    return docs / relative
