"""The one process pool of the build: convert, render and validate all fan out here.

Each stage's jobs are independent and their results must come back in input order (so
the build stays deterministic); one home means one place to choose the pool's size and
start method instead of three that drift apart.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import Any


def worker_count(jobs: int, workers: int | None = None) -> int:
    """Processes for `jobs` independent jobs: all cores, never more than the jobs."""
    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    return max(1, min(jobs, workers or available))


def map_in_order(
    fn: Callable[..., Any], *jobs: Iterable[Any], workers: int, chunks_per_worker: int = 8
) -> list[Any]:
    """`list(map(fn, *jobs))`, spread over `workers` processes when there is more than one;
    a worker's exception is raised here."""
    columns = [list(j) for j in jobs]
    count = len(columns[0]) if columns else 0
    if workers < 2 or count < 2:
        return list(map(fn, *columns))
    chunk = max(1, count // (workers * chunks_per_worker)) if chunks_per_worker else 1
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(fn, *columns, chunksize=chunk))
