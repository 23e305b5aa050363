"""Dask worker preload: a worker ready for the build's jobs before the first one arrives.

Start workers with `dask worker tcp://HOST:8786 --nthreads 1 --preload
juesuan.pipeline.worker_preload`. A worker then imports what the jobs run (the whole
pipeline: ~1.6 CPU s, which a process of the local pool, forked from the build, never
pays) when it starts, not inside the first build, and moves it out of the cyclic garbage
collector's sight (gc.freeze), as the build process does before it forks its pool
(infra.gc_pause.long_lived): otherwise every collection in the worker scans those modules'
hundreds of thousands of objects again (~8 % of a conversion's CPU). Without the preload
the first batch a worker runs does the same (infra.cluster.run_batch), on the clock.

It also stops the worker's statistical profiler (Dask samples the running task's stack
every 10 ms, for its dashboard): in a profile of a cluster build of 1,000 it made the
same render and packaging jobs cost ~30 % more CPU on a worker than in the pool
(36.7 CPU s against 24.2 for rendering), and the build 1.37× the pool's time on a fast
run. Without it the cluster's build took 0.97× the pool's.
"""

from __future__ import annotations

import gc
from typing import Any

import juesuan.pipeline.build  # noqa: F401  (imports every stage a job may run)
from juesuan.infra import cluster


def dask_setup(worker: Any) -> None:
    """Dask calls this in the worker process once it has started."""
    for name in ("profile", "profile-cycle"):
        sampling = worker.periodic_callbacks.pop(name, None)
        if sampling is not None:
            sampling.stop()
    gc.collect()
    gc.freeze()
    cluster.settled()
