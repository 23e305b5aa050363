"""Writing the search index into a built site, from the pieces of all its pages.

A one-process build does it at its end (search_hook's `on_post_build`); a sharded build
(juesuan.site.shards) does it in the parent, once every shard has saved the pieces of the
pages it indexed: no shard sees the whole site. Either way the same pages, in the order
mkdocs lists them, give the same bytes (juesuan.site.search_index explains the index).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

from juesuan.infra.atomic import write_file_atomically
from juesuan.site.search_index import (
    INDEX_PATH,
    Piece,
    PieceStore,
    assemble,
    page_digest,
    page_index,
    settings_digest,
)

log = logging.getLogger("mkdocs.plugins.juesuan.search")

WORKER = Path(__file__).with_name("search_worker.js")


@dataclass(frozen=True)
class SitePages:
    """What publishing needs of a build: the search settings and the site's pages (source
    path, file) in mkdocs' order."""

    settings: dict
    pages: list[tuple[str, Path]]


def site_pieces(site: SitePages, made: dict[str, Piece], store: PieceStore) -> list[Piece]:
    """Every page's piece: made in this process, else cached for the page as it is now
    (StalePiece names a page that changed without being redone)."""
    digest = settings_digest(site.settings)
    return [
        made.get(uri) or store.load(uri, page_digest(path.read_bytes(), digest))
        for uri, path in site.pages
    ]


def publish(site_dir: Path, site: SitePages, made: dict[str, Piece], store: PieceStore) -> None:
    """Write the index and Material's search_index.json (which names it) into `site_dir`,
    drop the pieces of pages that are gone, and put search_worker.js in place of Material's
    worker."""
    started = time.perf_counter()
    pieces = site_pieces(site, made, store)
    write_file_atomically(site_dir / INDEX_PATH, assemble(site.settings, pieces))
    write_file_atomically(site_dir / "search" / "search_index.json", page_index(site.settings))
    log.info(
        f"search index: {len(pieces)} pages ({len(made)} indexed in this process, the others "
        f"from {store.folder}), assembled in {time.perf_counter() - started:.2f}s"
    )
    store.prune([uri for uri, _ in site.pages])
    workers = site_dir / "assets" / "javascripts" / "workers"
    for path in sorted(workers.glob("search.*.js")):
        path.write_bytes(WORKER.read_bytes())
    for path in sorted(workers.glob("search.*.js.map")):
        path.unlink()  # the map of Material's worker, which is not served any more


# Set by search_hook in a shard of a sharded build, which leaves publishing to the parent
# (mkdocs loads the hook by path: this module is how it hands over).
DEFERRED: SitePages | None = None
