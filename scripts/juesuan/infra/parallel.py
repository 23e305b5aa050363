"""The one fan-out of the build: convert, render and validate all go through map_in_order.

Each stage's jobs are independent and their results must come back in input order (so
the build stays deterministic); one home means one place to choose the pool's size and
start method instead of three that drift apart. By default the jobs run in a local
process pool; inside `running_on(executor)` they run on that executor instead (a Dask
cluster: infra/cluster.py), so the stages never need to know where they run.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Protocol


class Executor(Protocol):
    """Somewhere else to run a stage's jobs: results in input order, a job's exception raised."""

    def map_in_order(
        self, fn: Callable[..., Any], columns: list[list[Any]], chunks_per_worker: int
    ) -> list[Any]: ...


_executor: ContextVar[Executor | None] = ContextVar("juesuan_executor", default=None)


@contextmanager
def running_on(executor: Executor | None) -> Iterator[None]:
    """Every map_in_order inside the block runs on `executor` (None: the local pool)."""
    token = _executor.set(executor)
    try:
        yield
    finally:
        _executor.reset(token)


def distributed() -> bool:
    """Whether map_in_order runs on a cluster (running_on), not on the local pool."""
    return _executor.get() is not None


def worker_count(jobs: int, workers: int | None = None) -> int:
    """Processes for `jobs` independent jobs: all cores, never more than the jobs."""
    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    return max(1, min(jobs, workers or available))


def map_in_order(
    fn: Callable[..., Any], *jobs: Iterable[Any], workers: int, chunks_per_worker: int = 8
) -> list[Any]:
    """`list(map(fn, *jobs))`, spread over `workers` processes when there is more than one
    (or over the executor of `running_on`); a worker's exception is raised here."""
    columns = [list(j) for j in jobs]
    count = len(columns[0]) if columns else 0
    executor = _executor.get()
    if executor is not None and count:
        return executor.map_in_order(fn, columns, chunks_per_worker)
    if workers < 2 or count < 2:
        return list(map(fn, *columns))
    chunk = max(1, count // (workers * chunks_per_worker)) if chunks_per_worker else 1
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(fn, *columns, chunksize=chunk))


@contextmanager
def beside(fn: Callable[..., Any], *args: Any) -> Iterator[Callable[[], Any]]:
    """Run `fn(*args)` in a process of its own while the block runs; the block gets a
    function that waits for its result (and raises its exception). For one long job off
    the build's critical path: a +1 build's other core is idle while MkDocs runs. On a
    cluster (running_on) a Dask client's threads are running in this process, and a process
    forked from a threaded one can deadlock: the job's process is forked from a fresh
    server process instead (multiprocessing's "forkserver"; `fn` and `args` are pickled).
    Run here, first, it left the cluster's build with one MkDocs process and the portal's
    validation in the way: 1.24–1.33× the pool's time at N = 1,000."""
    fresh = multiprocessing.get_context("forkserver") if _executor.get() is not None else None
    pool = ProcessPoolExecutor(max_workers=1, mp_context=fresh)
    try:
        future = pool.submit(fn, *args)
        yield future.result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
