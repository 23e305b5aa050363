"""One mkdocs build of the site, with what this package's hooks are to know handed over.

mkdocs loads the hooks by path (mkdocs.yml `hooks:`), so the build hands them its state
through module-level values of package modules: the reuse state (page_reuse.ACTIVE, read
by reuse_hook) and the site's search words (search_words.GIVEN, read by search_hook).
They are set for the build and cleared after it, whether it is the only build of a
`juesuan build` or one shard of it (juesuan.site.shards).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
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


def listed_files(config: Any) -> Any:
    """The docs directory's files as mkdocs lists them (mkdocs' Files)."""
    from mkdocs.structure.files import get_files

    return get_files(config)


def documentation_pages(files: Any) -> list[tuple[str, Path]]:
    """The site's pages (source path, file) among listed_files, in mkdocs' order."""
    return [(f.src_uri, Path(f.abs_src_path)) for f in files.documentation_pages()]


@contextmanager
def _files_given(files: Any) -> Iterator[None]:
    """mkdocs' build lists the docs directory itself (get_files, ~0.1 s at 1,000
    disclosures, a walk of every file); one that has been listed for the same
    configuration already is handed to it instead, once."""
    from mkdocs.commands import build as mkdocs_build

    own = mkdocs_build.get_files
    mkdocs_build.get_files = lambda config: files
    try:
        yield
    finally:
        mkdocs_build.get_files = own


def run(
    config: Any,
    state: page_reuse.ReuseState | None,
    words: list[str] | None,
    dirty: bool,
    files: Any = None,
) -> None:
    """mkdocs build with `state` for reuse_hook and `words` (the site's, sorted) for
    search_hook; `dirty`: only the files reuse_hook marks as modified are written; `files`:
    listed_files(config), if the caller has listed them already."""
    from mkdocs.commands.build import build

    quiet = page_reuse.DirtyWarningFilter()
    logger = logging.getLogger("mkdocs.commands.build")
    logger.addFilter(quiet)
    page_reuse.ACTIVE, search_words.GIVEN = state, words
    config.plugins.on_startup(command="build", dirty=dirty)
    try:
        with _files_given(files) if files is not None else nullcontext():
            build(config, dirty=dirty)
    finally:
        config.plugins.on_shutdown()
        page_reuse.ACTIVE, search_words.GIVEN = None, None
        logger.removeFilter(quiet)
