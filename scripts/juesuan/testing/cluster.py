"""A two-worker Dask cluster on loopback, as the tests and the cluster benchmark start it:
separate processes (like machines), one thread each, no dashboard, nothing off this host,
each started with the worker preload the README asks for (pipeline.worker_preload)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

WORKER_PRELOAD = "juesuan.pipeline.worker_preload"


@contextmanager
def loopback_cluster(workers: int = 2, **options: Any) -> Iterator[Any]:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        preload=[WORKER_PRELOAD],
        **options,
    ) as cluster:
        yield cluster
