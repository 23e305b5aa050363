"""A hard-linked copy of a directory, made from the copy the build before left over.

A rebuild that reuses the previous site starts from a copy of it made of hard links
(site/page_reuse.py): at 5,000 disclosures 11,600 links, and as many unlinks when the
replaced site was deleted afterwards, on every build. The directory that a swap replaces
(atomic.swap_directory) is, but for the files that build changed, already such a copy:
kept as a *spare* beside the target instead of being deleted, it becomes the next copy by
relinking only the files whose inode differs from the live one's. A directory entry's
inode comes with the listing (os.scandir), so finding them reads no file and stats none.

The same holds for the data packages (pipeline.build.write_packages): at 5,000
disclosures 30,000 files, of which a rebuild changes a handful.

The spare is only ever renamed, linked into and unlinked from, never written into: its
files are the live ones' inodes, which no writer edits in place. A build killed while it
brings the spare up to date leaves a staging directory that the next build deletes
(atomic.clear_interrupted), and no spare: that build links a copy afresh.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path

from juesuan.infra.atomic import staging_for, swap_directory


def spare_of(target: Path) -> Path:
    """Where the directory replaced by `target`'s last swap is kept. Not `.NAME.*`, which
    atomic.clear_interrupted deletes as an interrupted build's staging."""
    return target.with_name(f".{target.name}-spare")


def _link(source: str, target: str) -> None:
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:  # another file system, or links not allowed
        shutil.copy2(source, target, follow_symlinks=False)


def _remove(entry: os.DirEntry) -> None:
    if entry.is_dir(follow_symlinks=False):
        shutil.rmtree(entry.path)
    else:
        os.unlink(entry.path)


def mirror(source: Path | str, copy: Path | str, leave_out: Collection[str] = ()) -> None:
    """Make `copy` (an existing directory, whatever it holds) hold the files of `source` as
    hard links, and nothing else; names in `leave_out` are left out at every depth. A file
    already linked (the same inode) is left alone."""
    with os.scandir(copy) as entries:
        had = {entry.name: entry for entry in entries}
    with os.scandir(source) as entries:
        for entry in entries:
            if entry.name in leave_out:
                continue
            old = had.pop(entry.name, None)
            target = os.path.join(copy, entry.name)
            if entry.is_dir(follow_symlinks=False):
                if old is not None and not old.is_dir(follow_symlinks=False):
                    os.unlink(target)
                    old = None
                if old is None:
                    os.mkdir(target)
                mirror(entry.path, target, leave_out)
                continue
            if old is not None:
                if not old.is_dir(follow_symlinks=False) and old.inode() == entry.inode():
                    continue
                _remove(old)
            _link(entry.path, target)
    for old in had.values():
        _remove(old)


def take_spare(target: Path, staging: Path, leave_out: Collection[str] = ()) -> bool:
    """Turn `target`'s spare, if there is one, into `staging` (an empty directory) as a
    hard-linked copy of `target`; False, and nothing done, where there is none."""
    spare = spare_of(target)
    if not spare.is_dir() or spare.is_symlink():
        return False
    staging.rmdir()
    os.replace(spare, staging)
    mirror(target, staging, leave_out)
    return True


@contextmanager
def directory_updated_atomically(target: Path) -> Iterator[Path]:
    """atomic.directory_written_atomically, but the staging directory starts as a
    hard-linked copy of `target` (take_spare, else linked afresh) and the content replaced
    is kept as the spare: what did not change need not be laid out again. The caller
    removes what is not to stay, and removes a file before writing one in its place: a
    file of the copy is the live file, never to be written into."""
    staging = staging_for(target)
    try:
        if target.is_dir() and not take_spare(target, staging):
            mirror(target, staging)
        yield staging
        for directory, _, _ in os.walk(staging):  # as directory_written_atomically leaves them
            os.chmod(directory, 0o755)
        swap_directory(staging, target, keep=spare_of(target))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
