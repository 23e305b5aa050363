"""Writes that readers (and the next build) see whole or not at all.

A build can be killed at any instant (CI timeout, Ctrl-C, SIGKILL). Every
output directory is therefore written in full into a hidden sibling and then
exchanged with the old one in a single rename; what an interrupted build leaves
behind is a hidden sibling that the next build removes (or puts back, if the
kill fell between the two renames of the fallback swap).
"""

from __future__ import annotations

import ctypes
import errno
import filecmp
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    rc = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _old_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.old-{os.getpid()}")


TRASH = ".trash"


def discard(directory: Path) -> None:
    """Remove `directory` without waiting: it is moved into a `.trash` folder beside it and
    deleted by a detached process. A site of thousands of pages took seconds to delete, on
    every build, after the new one was already in place."""
    trash = directory.parent / TRASH
    trash.mkdir(exist_ok=True)
    moved = Path(tempfile.mkdtemp(prefix=f"{directory.name}.", dir=trash))
    os.replace(directory, moved / directory.name)
    subprocess.Popen(
        [sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], True)", moved],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def swap_directory(
    staging: Path, target: Path, background: bool = False, keep: Path | None = None
) -> None:
    """Replace `target` by `staging`; at every instant `target` is the old or the new one
    (where the kernel cannot exchange, the old one waits beside it for clear_interrupted).
    With `background`, the old content is deleted by a detached process (see discard); with
    `keep`, it is kept there instead (what was there is deleted), where the kernel could
    exchange (infra.mirror: the next build's copy of `target`)."""
    if target.exists() and _exchange(staging, target):
        if keep is not None:  # staging now holds the old content
            if keep.is_symlink() or keep.is_file():
                keep.unlink()
            elif keep.is_dir():
                discard(keep)
            os.replace(staging, keep)
        elif background:
            discard(staging)
        else:
            shutil.rmtree(staging, ignore_errors=True)
        return
    old = None
    if target.exists():
        old = _old_name(target)
        os.replace(target, old)
    os.replace(staging, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def clear_interrupted(target: Path) -> None:
    """Undo what a killed build left next to `target`: restore a moved-away old
    directory if `target` is missing, delete half-written staging directories."""
    if not target.parent.is_dir():
        return
    for leftover in sorted(target.parent.glob(f".{target.name}.*")):
        if not leftover.is_dir():
            continue
        if leftover.name.startswith(f".{target.name}.old-") and not target.exists():
            os.replace(leftover, target)
        else:
            shutil.rmtree(leftover, ignore_errors=True)


def staging_for(target: Path) -> Path:
    """A fresh hidden sibling of `target` to write the new content into."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))


def _link_unchanged(previous: Path, path: Path, content: bytes) -> bool:
    """Hard-link `previous` as `path` if it is a plain file of mode 644 holding exactly
    `content`: nothing is written and the old file's inode (and mtime) carries over.
    False, and nothing done, where it is not or the file system cannot link."""
    try:
        found = previous.lstat()
        if not stat.S_ISREG(found.st_mode) or stat.S_IMODE(found.st_mode) != 0o644:
            return False
        if found.st_size != len(content) or previous.read_bytes() != content:
            return False
        os.link(previous, path, follow_symlinks=False)
    except OSError:
        return False
    return True


def write_files(
    folder: Path, files: Mapping[str, str | bytes | Path], reuse: Path | None = None
) -> None:
    """Write `files` (relative path → content, or an existing file to hard-link: it must be
    one no writer edits in place) into `folder`, normally a staging directory (below).

    With `reuse` (the content being replaced), a file whose bytes equal those of the file of
    the same name there is hard-linked instead of written. Every writer here replaces files
    by renaming, never in place, so the two names cannot diverge.
    """
    made: set[Path] = set()  # a mkdir a file was most of laying out an unchanged package
    for name, content in files.items():
        path = folder / name
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        if isinstance(content, Path):
            try:
                os.link(content, path, follow_symlinks=False)
            except OSError:
                shutil.copyfile(content, path)
                os.chmod(path, 0o644)
            continue
        data = content.encode("utf-8") if isinstance(content, str) else content
        if reuse is not None and _link_unchanged(reuse / name, path, data):
            continue
        path.write_bytes(data)
        os.chmod(path, 0o644)


def write_pieces(path: Path, pieces: Iterable[bytes], previous: Path | None = None) -> None:
    """Write a file made a piece at a time, never whole in memory (the portal package's
    tables are hundreds of MB at a province's scale). Where `previous` is a plain file of
    mode 644 with the same bytes, it is hard-linked in its place, as write_files does."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as handle:
        for piece in pieces:
            handle.write(piece)
    written_whole(path, previous)


def written_whole(path: Path, previous: Path | None = None) -> None:
    """Finish a file written a piece at a time (write_pieces): mode 644, and where
    `previous` is a plain file of mode 644 with the same bytes, that file hard-linked in its
    place, as write_files does."""
    os.chmod(path, 0o644)
    try:
        found = previous.lstat() if previous is not None else None
        if found is None or not stat.S_ISREG(found.st_mode) or stat.S_IMODE(found.st_mode) != 0o644:
            return
        if found.st_size != path.stat().st_size or not filecmp.cmp(previous, path, shallow=False):
            return
        linked = path.with_name(f".{path.name}.link")
        os.link(previous, linked, follow_symlinks=False)
        os.replace(linked, path)
    except OSError:
        return


@contextmanager
def directory_written_atomically(target: Path) -> Iterator[Path]:
    """A staging directory to fill (write_files, by this process or by workers) that becomes
    the whole new content of `target` when the block ends, and is removed if it fails: the
    content need never be in memory all at once."""
    staging = staging_for(target)
    try:
        yield staging
        for directory, _, _ in os.walk(staging):  # folders only: no stat of each file
            os.chmod(directory, 0o755)
        swap_directory(staging, target, background=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def write_directory_atomically(
    target: Path, files: Mapping[str, str | bytes | Path], reuse: Path | None = None
) -> None:
    """Write `files` (see write_files) as the whole new content of `target`; with `reuse`
    (usually `target` itself), unchanged files are hard-linked from there."""
    with directory_written_atomically(target) as staging:
        write_files(staging, files, reuse)


def write_file_atomically(path: Path, content: str | bytes) -> None:
    """Write through a temporary sibling and rename: readers see the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content.encode("utf-8") if isinstance(content, str) else content)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
