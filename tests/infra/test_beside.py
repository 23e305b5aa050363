"""parallel.beside runs its job in a process of its own, on a Dask cluster too.

On a cluster the build's process holds a Dask client's threads, so the job's process is
forked from a fresh forkserver rather than from it. Before, the job ran in the build's own
process, first: the portal's validation and every MkDocs shard one after the other (the
cluster's build was 1.24–1.33× the pool's at N = 1,000).
"""

from __future__ import annotations

import os

from juesuan.infra.parallel import beside, running_on


class _Cluster:
    """Stands for a cluster executor: beside must not run its job here either way."""

    def map_in_order(self, fn, columns, chunks_per_worker):  # pragma: no cover - unused
        raise AssertionError("beside does not fan out")


def test_the_job_runs_in_another_process_with_the_pool_and_on_a_cluster():
    with beside(os.getpid) as pid:
        assert pid() != os.getpid()
    with running_on(_Cluster()), beside(os.getpid) as pid:
        assert pid() != os.getpid()
