"""One mkdocs build of the site, with what this package's hooks are to know handed over.

mkdocs loads the hooks by path (mkdocs.yml `hooks:`), so the build hands them its state
through module-level values of package modules: the reuse state (page_reuse.ACTIVE, read
by reuse_hook) and the site's search words (search_words.GIVEN, read by search_hook).
They are set for the build and cleared after it, whether it is the only build of a
`juesuan build` or one shard of it (juesuan.site.shards).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from juesuan.site import page_reuse, search_words


def load(config_file: Path, docs_dir: Path, site_dir: Path, site_url: str = "") -> Any:
    """The mkdocs configuration of a build of `docs_dir` into `site_dir`; `site_url` stands
    in for an unset mkdocs site_url."""
    from mkdocs.config import load_config

    extra = {"site_url": site_url} if site_url else {}
    return load_config(
        config_file=str(config_file), docs_dir=str(docs_dir), site_dir=str(site_dir), **extra
    )


def documentation_pages(config: Any) -> list[tuple[str, Path]]:
    """The site's pages (source path, file) as mkdocs lists them, in its order."""
    from mkdocs.structure.files import get_files

    return [(f.src_uri, Path(f.abs_src_path)) for f in get_files(config).documentation_pages()]


def run(
    config: Any, state: page_reuse.ReuseState | None, words: list[str] | None, dirty: bool
) -> None:
    """mkdocs build with `state` for reuse_hook and `words` (the site's, sorted) for
    search_hook; `dirty`: only the files reuse_hook marks as modified are written."""
    from mkdocs.commands.build import build

    quiet = page_reuse.DirtyWarningFilter()
    logger = logging.getLogger("mkdocs.commands.build")
    logger.addFilter(quiet)
    page_reuse.ACTIVE, search_words.GIVEN = state, words
    config.plugins.on_startup(command="build", dirty=dirty)
    try:
        build(config, dirty=dirty)
    finally:
        config.plugins.on_shutdown()
        page_reuse.ACTIVE, search_words.GIVEN = None, None
        logger.removeFilter(quiet)
