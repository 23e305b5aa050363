"""Drop what no build needs any more from `build/cache`.

Every cache entry is named after what it depends on (the code version among it), so
entries of edited or removed sources and of older code are never read again; kept, they
would grow without end in CI, where `build/cache` is carried from run to run. A build
marks each entry it reads or writes as used (its modification time), and after a
complete build the entries it did not use are removed. Raw sources, data packages and
the docs directory are never touched: docs hold hard links, which outlive the entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sys
from functools import cache
from pathlib import Path

CACHE_STAGES = ("convert", "package", "validate", "render")
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


def prune_unused(cache: Path, since: float) -> int:
    """Remove the entries of every stage not used since `since` (build_started's mark);
    return how many were removed."""
    removed = 0
    for stage in CACHE_STAGES:
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
