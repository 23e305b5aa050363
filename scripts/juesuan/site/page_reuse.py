"""Rebuild only the pages whose sources changed: the previous site's HTML is reused.

At a province's scale a full mkdocs build renders thousands of pages, although adding
one disclosure changes one disclosure page, one department page and a few listings.
Every other page depends only on its own docs file (its Markdown, plus the fragments
spliced in by fragment_hook) and on the *layout*: mkdocs.yml, the theme and its
overrides, the hooks and this package's code. Disclosures are never in the nav, so no
page embeds another page's content. So when the layout is unchanged, the new site starts
as a hard-linked copy of the previous one and mkdocs runs its own `dirty` build, in which
a file is read, rendered and written only if `is_modified()`; `reuse_hook` decides that
from what this module recorded, not from mtimes alone (a cache entry can be older than
the page it replaced). A layout change, or no previous site, means a clean full build.

A file counts as changed when its size or modification time differs from the last build
(docs files are hard links into the render cache, or rewritten only when their bytes
differ, so an unchanged file keeps both). A page also counts as changed when its
fragments file did. Pages whose source is gone are deleted from the copy.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import stat
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from juesuan.infra.atomic import write_file_atomically
from juesuan.infra.cache import entry_key
from juesuan.infra.mirror import take_spare
from juesuan.render.fragments import fragment_file

STATE_NAME = "site-state.json"


def signature(path: Path) -> str:
    """Size and modification time, which every rewrite of a docs file changes."""
    try:
        found = path.stat()
    except OSError:
        return "-"
    return f"{found.st_size}:{found.st_mtime_ns}"


def _tree_digest_parts(root: Path) -> list[bytes]:
    parts: list[bytes] = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            parts += [str(path.relative_to(root)).encode(), path.read_bytes()]
    return parts


def layout_key(config_file: Path, site_url: str, overrides: Path | None) -> str:
    """What every page's HTML depends on besides its own docs file (entry_key adds this
    package's code, hooks included)."""
    return entry_key(
        config_file.read_bytes(),
        site_url,
        version("mkdocs"),
        version("mkdocs-material"),
        *(_tree_digest_parts(overrides) if overrides is not None else []),
    )


@dataclass
class ReuseState:
    """What the previous build was made of, and what this one is made of (filled by the
    hook as mkdocs lists the files)."""

    layout: str
    previous: dict[str, str]  # src_uri → signature, as last built
    docs_dir: Path
    compiled: Path | None = None  # the theme's templates compiled by an earlier build
    current: dict[str, str] = field(default_factory=dict)
    rebuilt: int = 0
    seen: int = 0
    changed: list[str] = field(default_factory=list)

    def file_signature(self, src_uri: str, src: Path) -> str:
        own = signature(src)
        if not src_uri.endswith(".md"):
            return own
        return f"{own}|{signature(fragment_file(self.docs_dir, src_uri))}"

    def is_changed(self, src_uri: str, src: Path, dest: Path) -> bool:
        """Whether the file is to be written afresh (recorded, and counted)."""
        now = self.file_signature(src_uri, src)
        self.current[src_uri] = now
        changed = self.previous.get(src_uri) != now or not dest.exists()
        self.rebuilt += changed
        if changed:
            self.changed.append(src_uri)
        self.seen += 1
        return changed


# The state of the build in progress, for reuse_hook (mkdocs loads hooks by path, so a
# module-level value in a package module is how the build hands it over).
ACTIVE: ReuseState | None = None


def compiled_templates(cache_dir: Path) -> Path:
    """Where the theme's templates, compiled by Jinja, are kept between builds (compiling
    them is ~0.45 s of every build). Jinja recompiles a template whose source changed;
    the folder is per Jinja and MkDocs version, which decide how a template compiles."""
    return cache_dir / "templates" / f"jinja2-{version('jinja2')}-mkdocs-{version('mkdocs')}"


def load_state(cache_dir: Path) -> tuple[str, dict[str, str]]:
    try:
        data = json.loads((cache_dir / STATE_NAME).read_text("utf-8"))
        return str(data["layout"]), {str(k): str(v) for k, v in data["files"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return "", {}


def save_state(cache_dir: Path, state: ReuseState) -> None:
    text = json.dumps({"layout": state.layout, "files": state.current}, sort_keys=True)
    write_file_atomically(cache_dir / STATE_NAME, text)


def keep_unchanged_times(staging: Path, previous: Path) -> int:
    """Give each file written afresh into `staging` that holds the same bytes as its
    namesake in `previous` (the docs directory it replaces) that file's times, so that a
    page listing the same disclosures as last time is not rendered again; return how many.
    Hard links into the render cache keep their times already and are skipped. Walked with
    os.walk and plain strings: Path.rglob and a Path a file were ~0.1 s a build at 1,000
    disclosures."""
    kept = 0
    top, old_top = str(staging), str(previous)
    for folder, _, names in os.walk(top):
        old_folder = old_top + folder[len(top) :]
        for name in names:
            path = os.path.join(folder, name)
            try:
                own = os.lstat(path)
                if not stat.S_ISREG(own.st_mode) or own.st_nlink > 1:
                    continue
                old_path = os.path.join(old_folder, name)
                old = os.stat(old_path)
                if old.st_size != own.st_size or old.st_mtime_ns == own.st_mtime_ns:
                    continue
                if _same_bytes(old_path, path):
                    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))
                    kept += 1
            except OSError:
                continue
    return kept


def _same_bytes(a: str, b: str) -> bool:
    with open(a, "rb") as one, open(b, "rb") as other:
        return one.read() == other.read()


def copy_previous_site(site: Path, staging: Path) -> None:
    """`staging` becomes a copy of `site` made of hard links (fast, no bytes copied);
    reuse_hook unlinks a file before mkdocs rewrites it, so the live site never changes.
    The site the last build replaced, kept as its spare (build_site), is such a copy but
    for the files that build changed: it is brought up to date (infra.mirror)."""
    if take_spare(site, staging, _EVERY_BUILD):
        return

    def link(source: str, target: str) -> None:
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)

    shutil.copytree(
        site, staging, copy_function=link, dirs_exist_ok=True, ignore=_written_every_build
    )


# Outputs mkdocs and the hooks write on every build, outside the files it lists (the
# search hook also patches the search worker after mkdocs copied it): left out of the
# copy, so that they are written afresh and never into a file of the live site.
_EVERY_BUILD = {"search", "workers", "sitemap.xml", "sitemap.xml.gz", "404.html"}


def _written_every_build(directory: str, names: list[str]) -> set[str]:
    return {n for n in names if n in _EVERY_BUILD}


def remove_gone(state: ReuseState, site_dir: Path) -> int:
    """Delete from the new site the pages and files whose docs source is gone."""
    from mkdocs.structure.files import File

    removed = 0
    for src_uri in sorted(set(state.previous) - set(state.current)):
        dest = Path(File(src_uri, str(state.docs_dir), str(site_dir), True).abs_dest_path)
        if dest.is_file():
            dest.unlink()
            removed += 1
            parent = dest.parent
            while parent != site_dir and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
    return removed


class DirtyWarningFilter(logging.Filter):
    """mkdocs warns that a dirty build may leave navigation stale; here it cannot (see the
    module docstring), and the warning would fail a strict build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()
