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

import pickle
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from juesuan.convert import convert_path
from juesuan.disclosure import Disclosure
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


def cache_key(path: Path) -> str | None:
    """Key of a source's conversion, or None when the source cannot be read."""
    try:
        side = sidecar_path(path)
        return entry_key(str(path), path.read_bytes(), side.read_bytes() if side else b"-")
    except OSError:
        return None


def _entry_name(key: str) -> str:
    return f"{key}.pickle.z"


def _decode(data: bytes) -> Disclosure | None:
    try:
        found = pickle.loads(zlib.decompress(data))
    except (zlib.error, pickle.UnpicklingError, EOFError, AttributeError):
        return None  # unreadable (older code, interrupted write): convert again
    return found if isinstance(found, Disclosure) else None


def _convert(path: Path) -> Converted:
    """Runs in a worker; a SourceError is returned as data (it does not pickle)."""
    try:
        return Converted(path, convert_path(path))
    except SourceError as exc:
        return Converted(path, None, exc.problem, exc.path)


def convert_many(
    paths: list[Path], cache_dir: Path | None, workers: int | None = None
) -> Iterator[Converted]:
    """Every source's outcome, in the order of `paths`; unchanged ones from the cache."""
    store = Cache(cache_dir) if cache_dir is not None else None
    keys = [cache_key(p) if store is not None else None for p in paths]
    done: dict[int, Converted] = {}
    with cyclic_gc_paused():
        for i, (path, key) in enumerate(zip(paths, keys, strict=True)):
            if store is not None and key is not None:
                d = store.load(_entry_name(key), _decode)
                if d is not None:
                    done[i] = Converted(path, d, cached=True)
    todo = [i for i in range(len(paths)) if i not in done]
    fresh = map_in_order(
        _convert, [paths[i] for i in todo], workers=worker_count(len(todo), workers)
    )
    results = dict(zip(todo, fresh, strict=True))
    for i, outcome in results.items():
        key = keys[i]
        if store is not None and key is not None and outcome.disclosure is not None:
            data = zlib.compress(pickle.dumps(outcome.disclosure, pickle.HIGHEST_PROTOCOL), 1)
            store.store(_entry_name(key), data)
    done.update(results)
    for i in range(len(paths)):
        yield done[i]
