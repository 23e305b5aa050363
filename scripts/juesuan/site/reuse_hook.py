"""MkDocs hook (see mkdocs.yml `hooks:`): tells mkdocs' dirty build which files changed.

juesuan.site.page_reuse explains the scheme; without a reuse state (a clean build, or
mkdocs run by hand) this hook does nothing. In a shard of a sharded build
(juesuan.site.shards) a file is the shard's to write or not at all: the others' files are
neither modified, nor looked at, nor counted. The theme's templates are compiled once
and kept in the build's cache (page_reuse.compiled_templates).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from mkdocs.plugins import event_priority

from juesuan.site import page_reuse, shards


@event_priority(-100)  # after every plugin has added its files
def on_files(files: Any, config: Any) -> Any:
    state = page_reuse.ACTIVE
    if state is None:
        return files
    shard = shards.ACTIVE
    for file in files:
        if shard is not None and not shard.owns(file.src_uri):
            file.is_modified = lambda: False  # another shard's: it may be writing it now
            continue
        if file.abs_src_path is None or not file.src_uri or file.inclusion.is_excluded():
            continue  # excluded (e.g. .fragments/): never written, never "rendered again"
        dest = Path(file.abs_dest_path)
        changed = state.is_changed(file.src_uri, Path(file.abs_src_path), dest)
        if changed and dest.is_file():
            dest.unlink()  # a hard link to the live site: write a new file, not into it
        file.is_modified = lambda changed=changed: changed
    return files


def on_env(env: Any, config: Any, files: Any) -> Any:
    state = page_reuse.ACTIVE
    if state is not None and state.compiled is not None:
        state.compiled.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(state.compiled))
    return env
