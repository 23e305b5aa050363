"""Convert many sources on all cores, and each unchanged source only once.

Converting is the costly stage and every source converts independently, so it runs
in a process pool; results come back in input order, so the build stays
deterministic. A conversion depends only on the source's bytes, its sidecar's
bytes, its path (kept in the Disclosure as provenance) and this package's code, so
its result is stored under the SHA-256 of all four in `build/cache/convert/`:
adding one disclosure to a thousand converts one, and any change to the parser (or
its data files) invalidates every entry. Sources that fail are not cached: they
fail fast and their error must be reported on every build.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from juesuan.convert import convert_path
from juesuan.disclosure import Disclosure, MissingDisclosure, from_stored, slim, stored
from juesuan.infra.atomic import write_file_atomically
from juesuan.infra.cache import Cache, entry_key
from juesuan.infra.gc_pause import cyclic_gc_paused
from juesuan.infra.parallel import map_in_order, worker_count
from juesuan.read.source import SourceError, sidecar_path


@dataclass(frozen=True)
class Converted:
    """One source's outcome: a disclosure, or the reason it is not one."""

    path: Path
    disclosure: Disclosure | None
    problem: str | None = None
    where: str | None = None  # the file the problem is in (the sidecar, for a bad sidecar)
    cached: bool = False

    def error(self) -> SourceError:
        return SourceError(self.where or self.path, self.problem or "")


DIGESTS_NAME = "source-digests.json"


def _stat(path: Path | None) -> list[int] | None:
    if path is None:
        return None
    found = path.stat()
    return [found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino]


def _content_digest(path: Path, side: Path | None) -> str:
    digest = hashlib.sha256(path.read_bytes() + b"\0")
    digest.update(side.read_bytes() if side else b"-")
    return digest.hexdigest()


def cache_key(path: Path, digests: dict[str, list] | None = None) -> str | None:
    """Key of a source's conversion, or None when the source cannot be read.

    `digests` (path → [the source's and sidecar's size, mtime, ctime and inode, their
    SHA-256]) saves reading and hashing bytes that did not change since the last build:
    originals as published are megabytes each, gigabytes for a province; a file that is
    written anew, or touched, gets a new ctime and is hashed again."""
    try:
        side = sidecar_path(path)
        stats = [_stat(path), _stat(side)]
        known = digests.get(str(path)) if digests is not None else None
        if known is not None and known[0] == stats:
            content = str(known[1])
        else:
            content = _content_digest(path, side)
            if digests is not None:
                digests[str(path)] = [stats, content]
        return entry_key(str(path), content)
    except OSError:
        return None


def _load_digests(cache_dir: Path) -> dict[str, list]:
    try:
        found = json.loads((cache_dir / DIGESTS_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _entry_name(key: str) -> str:
    return f"{key}.pickle.z"


def _slim_name(key: str) -> str:
    return f"{key}.slim.pickle.z"


def _slim_entry(full_entry: str) -> str:
    """The slim copy's entry beside the complete disclosure's (`_entry_name`, `_slim_name`)."""
    full = Path(full_entry)
    return str(full.with_name(full.name.removesuffix(".pickle.z") + ".slim.pickle.z"))


def by_reference(d: Disclosure) -> tuple[Callable[..., Disclosure], tuple[Any, ...]] | None:
    """How a slim copy travels to a cluster worker, as a pickle reduce value: the path of
    its entry here, which the worker reads from the shared volume, and what the build
    changed after conversion (as `restore` overlays it) — a few KB instead of ~60.
    None for a disclosure that is not a slim copy (it travels whole)."""
    if not d.full_entry:
        return None
    changed = (d.name_suffix, d.warnings, d.expenditure_items)
    return from_reference, (_slim_entry(d.full_entry), *changed)


def from_reference(
    slim_entry: str, name_suffix: str, warnings: tuple[str, ...], items: tuple[Any, ...]
) -> Disclosure:
    """In a worker: the slim copy that `by_reference` describes, equal to the client's."""
    try:
        found = from_stored(Path(slim_entry).read_bytes())
    except OSError:
        found = None
    if found is None:
        raise MissingDisclosure(f"{slim_entry}: the converted disclosure is gone")
    return dataclasses.replace(
        found, name_suffix=name_suffix, warnings=warnings, expenditure_items=items
    )


def _convert(path: Path, cache_dir: Path | None = None, key: str | None = None) -> Converted:
    """Runs in a worker: converts, stores the complete disclosure and returns its slim copy
    (so the complete one never travels back); a SourceError is returned as data (it does
    not pickle)."""
    try:
        d = convert_path(path)
    except SourceError as exc:
        return Converted(path, None, exc.problem, exc.path)
    if cache_dir is None or key is None:
        return Converted(path, d)
    store = Cache(cache_dir)
    store.store(_entry_name(key), stored(d))
    small = slim(d, store.path(_entry_name(key)))
    store.store(_slim_name(key), stored(small))
    return Converted(path, small)


def _cached(store: Cache, key: str) -> Disclosure | None:
    """The slim copy of a converted source, made from the complete one if missing."""
    small = store.load(_slim_name(key), from_stored)
    if small is not None and store.has(_entry_name(key)):
        return small
    d = store.load(_entry_name(key), from_stored)
    if d is None:
        return None
    small = slim(d, store.path(_entry_name(key)))
    store.store(_slim_name(key), stored(small))
    return small


def convert_many(
    paths: list[Path], cache_dir: Path | None, workers: int | None = None
) -> Iterator[Converted]:
    """Every source's outcome, in the order of `paths`; unchanged ones from the cache.
    With a cache, the disclosures are slim copies (juesuan.disclosure.slim)."""
    store = Cache(cache_dir) if cache_dir is not None else None
    digests = _load_digests(cache_dir) if cache_dir is not None else {}
    keys = [cache_key(p, digests) if store is not None else None for p in paths]
    if cache_dir is not None:
        kept = {str(p): digests[str(p)] for p in paths if str(p) in digests}
        write_file_atomically(cache_dir / DIGESTS_NAME, json.dumps(kept, sort_keys=True))
    done: dict[int, Converted] = {}
    with cyclic_gc_paused():
        for i, (path, key) in enumerate(zip(paths, keys, strict=True)):
            if store is not None and key is not None:
                d = _cached(store, key)
                if d is not None:
                    done[i] = Converted(path, d, cached=True)
    todo = [i for i in range(len(paths)) if i not in done]
    fresh = map_in_order(
        _convert,
        [paths[i] for i in todo],
        [cache_dir] * len(todo),
        [keys[i] for i in todo],
        workers=worker_count(len(todo), workers),
    )
    done.update(zip(todo, fresh, strict=True))
    for i in range(len(paths)):
        yield done[i]
