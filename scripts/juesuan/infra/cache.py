"""Drop what no build needs any more from `build/cache`.

Every cache entry is named after what it depends on (the code version among it), so
entries of edited or removed sources and of older code are never read again; kept, they
would grow without end in CI, where `build/cache` is carried from run to run. A build
marks each entry it reads or writes as used (its modification time), and after a
complete build the entries it did not use are removed. Raw sources, data packages and
the docs directory are never touched: docs hold hard links, which outlive the entry.

Every stage's cache (convert, package markers, validate, render) is a `Cache`: entries
named by `entry_key` (the code version and the stage's inputs), stored atomically, and
marked used when read.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeVar

from juesuan.infra.atomic import write_file_atomically

T = TypeVar("T")

CACHE_STAGES = ("convert", "package", "portal-rows", "validate", "render")
# Originals fetched by hash (infra/fetch.py): one no manifest row names any more goes too.
PRUNED = (*CACHE_STAGES, "originals")
# The juesuan package itself, found by place so that this module imports nothing of it.
PACKAGE_DIR = Path(__file__).resolve().parents[1]


@cache
def code_version() -> str:
    """SHA-256 over every file of the juesuan package (code, vocabulary, templates) and the
    Python version: a cache entry pickled by one Python must not be read by another."""
    digest = hashlib.sha256(f"python{sys.version_info[0]}.{sys.version_info[1]}\0".encode())
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(PACKAGE_DIR)).encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def mark_used(entry: Path) -> None:
    """Record that this build relied on `entry`; a vanished entry is no error."""
    with contextlib.suppress(OSError):
        os.utime(entry)


def entry_key(*parts: str | bytes) -> str:
    """SHA-256 of the code version and `parts` (each followed by NUL): the name of an entry
    that depends on exactly these inputs and this code."""
    digest = hashlib.sha256(code_version().encode() + b"\0")
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class Cache:
    """One stage's entries in `build/cache/<stage>/`, each named after its key (entry_key):
    an entry is a file (bytes) or a directory of files, written whole or not at all, and
    marked used whenever a build relies on it, so that prune_unused keeps it."""

    folder: Path

    def path(self, key: str) -> Path:
        return self.folder / key

    def has(self, key: str) -> bool:
        """Whether the entry exists (file or directory); an existing one is marked used."""
        found = self.path(key).exists()
        if found:
            mark_used(self.path(key))
        return found

    def read(self, key: str) -> bytes | None:
        """The entry's bytes, None when missing or unreadable; not marked used (see load)."""
        try:
            return self.path(key).read_bytes()
        except OSError:
            return None

    def load(self, key: str, decode: Callable[[bytes], T | None]) -> T | None:
        """decode(the entry's bytes), marking the entry used when that gives a value; None
        when the entry is missing, unreadable, or decode refuses it."""
        data = self.read(key)
        value = decode(data) if data is not None else None
        if value is not None:
            mark_used(self.path(key))
        return value

    def store(self, key: str, data: str | bytes) -> None:
        """Write a file entry atomically."""
        write_file_atomically(self.path(key), data)

    def store_files(self, key: str, files: dict[str, bytes]) -> None:
        """Write a directory entry whole or not at all. Its files are read-only: they are
        shared by hard link, so they must never be edited in place. A concurrent build that
        wrote the same entry meanwhile wins (its content is the same)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        entry = self.path(key)
        staging = Path(tempfile.mkdtemp(prefix=f".{entry.name}.", dir=self.folder))
        made = {staging}  # a mkdir a file was a third of storing a disclosure's entry
        for name, content in files.items():
            path = staging / name
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            path.write_bytes(content)
            path.chmod(0o444)
        try:
            os.rename(staging, entry)
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)


def json_object(data: bytes) -> dict | None:
    """A decode for Cache.load: the JSON object in `data`; None when it is not one."""
    try:
        found = json.loads(data)
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def prune_unused(cache: Path, since: float) -> int:
    """Remove the entries of every stage not used since `since` (build_started's mark);
    return how many were removed."""
    removed = 0
    for stage in PRUNED:
        folder = cache / stage
        if not folder.is_dir():
            continue
        for entry in folder.iterdir():
            try:
                if entry.lstat().st_mtime >= since:
                    continue
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry)
                else:
                    entry.unlink()
            except OSError:
                continue
            removed += 1
    return removed


def build_started(cache: Path) -> float:
    """The mark that prune_unused compares against: the modification time of a stamp
    touched now, so that it comes from the same clock as the entries' (the file system's,
    which may run coarser than, or apart from, time.time())."""
    stamp = cache / ".build-started"
    cache.mkdir(parents=True, exist_ok=True)
    stamp.touch()
    os.utime(stamp)
    return stamp.stat().st_mtime
