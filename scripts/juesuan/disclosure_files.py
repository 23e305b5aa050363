"""Every file one disclosure adds to the docs directory, rendered on all cores and cached.

A disclosure's page, its chart downloads and its package zip
depend only on the disclosure itself and this package's code, so at a province's
scale they are rendered in a process pool and kept under `build/cache/render/`,
keyed by the SHA-256 of the code version and the disclosure's `repr` (a dataclass
repr lists every field; pickles are not used as keys because pydantic pickles a
set, whose order changes between processes). Adding one disclosure to a thousand
renders one. Pages that list many disclosures (home, comparison, indexes) are not
cached here: they change whenever any disclosure does.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import zlib
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from .atomic import write_file_atomically
from .chart_data import chart_data
from .chart_downloads import chart_files
from .convert import Disclosure
from .convert_cache import code_version
from .package_zip import package_zip
from .pages import render_disclosure_page

Files = dict[str, bytes]


def disclosure_files(d: Disclosure) -> Files:
    """Path inside the docs directory → bytes, for everything `d` contributes."""
    files = {
        f"disclosures/{d.name}.md": render_disclosure_page(d).encode("utf-8"),
        f"data/{d.name}.zip": package_zip(d),
    }
    for name, content in chart_files(d, chart_data(d)).items():
        files[f"data/{d.name}/{name}"] = content
    return files


def render_key(d: Disclosure) -> str:
    return hashlib.sha256(f"{code_version()}\0{d!r}".encode()).hexdigest()


def _load(entry: Path) -> Files | None:
    try:
        found = pickle.loads(zlib.decompress(entry.read_bytes()))
    except (OSError, zlib.error, pickle.UnpicklingError, EOFError):
        return None  # missing, or an interrupted write: render again
    return found if isinstance(found, dict) else None


def _workers(jobs: int) -> int:
    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    return max(1, min(jobs, available))


def render_all(disclosures: list[Disclosure], cache_dir: Path | None) -> Iterator[Files]:
    """Every disclosure's files in input order; unchanged disclosures from the cache."""
    keys = [render_key(d) for d in disclosures]
    done: dict[int, Files] = {}
    if cache_dir is not None:
        for i, key in enumerate(keys):
            found = _load(cache_dir / f"{key}.pickle.z")
            if found is not None:
                done[i] = found
    todo = [i for i in range(len(disclosures)) if i not in done]
    count = _workers(len(todo))
    if count > 1:
        with ProcessPoolExecutor(max_workers=count) as pool:
            chunk = max(1, len(todo) // (count * 8))
            rendered = pool.map(disclosure_files, [disclosures[i] for i in todo], chunksize=chunk)
            fresh = dict(zip(todo, rendered, strict=True))
    else:
        fresh = {i: disclosure_files(disclosures[i]) for i in todo}
    if cache_dir is not None:
        for i, files in fresh.items():
            data = zlib.compress(pickle.dumps(files, pickle.HIGHEST_PROTOCOL), 1)
            write_file_atomically(cache_dir / f"{keys[i]}.pickle.z", data)
    done.update(fresh)
    for i in range(len(disclosures)):
        yield done[i]
