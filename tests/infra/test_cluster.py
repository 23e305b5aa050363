"""The build on a Dask cluster: a two-worker LocalCluster on loopback beside the process pool.

One cluster serves the module (starting one costs seconds). Worker processes are spawned
with this process's sys.path, so they run the juesuan code under test.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import shutil
from pathlib import Path

import pytest
from distributed import Client, LocalCluster

from conftest import ROOT, SEEDS, SOURCES
from juesuan.cli import main
from juesuan.disclosure import Disclosure, MissingDisclosure
from juesuan.infra.cluster import (
    SCHEDULER_ENV,
    ClusterError,
    batches,
    check_workers,
    on_cluster,
    pack,
    scheduler_address,
)
from juesuan.infra.parallel import map_in_order
from juesuan.pipeline.build import BuildPaths, run_build
from juesuan.pipeline.convert_cache import by_reference, convert_many
from juesuan.testing.cluster import loopback_cluster


@pytest.fixture(scope="module")
def cluster():
    with loopback_cluster() as running:
        yield running


def negate_or_fail(value: int) -> int:
    if value == 13:
        raise ValueError("thirteen")
    return -value


def test_jobs_come_back_in_input_order_in_few_tasks(cluster, tmp_path):
    (tmp_path / "sources").mkdir()
    with on_cluster(cluster.scheduler_address, {"sources": tmp_path / "sources"}, tmp_path):
        assert map_in_order(negate_or_fail, range(14, 5014), workers=1) == [
            -v for v in range(14, 5014)
        ]
        # validate's batches: one job per task
        assert map_in_order(negate_or_fail, [1, 2, 3], workers=1, chunks_per_worker=0) == [
            -1,
            -2,
            -3,
        ]
    assert not list(tmp_path.glob(".cluster-probe-*"))  # the check's marker is removed


def test_batches_keep_the_scheduler_to_a_few_tasks_a_worker():
    parts = batches(5000, slots=2, chunks_per_worker=8)
    assert len(parts) == 16
    assert [i for r in parts for i in r] == list(range(5000))
    assert batches(3, slots=2, chunks_per_worker=0) == [range(0, 1), range(1, 2), range(2, 3)]


def test_a_workers_exception_is_raised_here_naming_its_job(cluster, tmp_path):
    (tmp_path / "sources").mkdir()
    with (
        on_cluster(cluster.scheduler_address, {"sources": tmp_path / "sources"}, tmp_path),
        pytest.raises(ValueError, match="thirteen") as raised,
    ):
        map_in_order(negate_or_fail, range(20), workers=1)
    assert "negate_or_fail(13) on a Dask worker" in raised.value.__notes__


def test_a_slim_disclosure_travels_as_a_reference_to_its_cache_entry(tmp_path):
    # 001 is the largest seed; its slim copy pickles to ~100 KB (facts, checks, sections)
    [done] = convert_many([SEEDS["001"]], tmp_path / "convert", workers=1)
    slim = done.disclosure
    assert slim is not None and slim.full_entry
    # what the build changes after conversion (a duplicate's suffix and warning, codes
    # filled across disclosures) travels with the reference
    changed = dataclasses.replace(
        slim,
        name_suffix="0123abcd",
        warnings=(*slim.warnings, "另一来源文件载明相同的部门和年度"),
        expenditure_items=tuple(
            dataclasses.replace(item, code=item.code or "2010101")
            for item in slim.expenditure_items
        ),
    )
    jobs = [[changed, changed], ["other"]]
    packed = pack(jobs, {Disclosure: by_reference})
    assert len(packed) * 10 < len(pickle.dumps(jobs, pickle.HIGHEST_PROTOCOL))
    assert pickle.loads(packed) == jobs  # as a worker unpacks it: the client's object
    # a complete disclosure (no cache entry behind it) travels whole
    whole = dataclasses.replace(changed, full_entry="")
    assert pickle.loads(pack([[whole]], {Disclosure: by_reference})) == [[whole]]
    # an entry removed meanwhile is an error, not a disclosure built from nothing
    for entry in (tmp_path / "convert").glob("*.slim.pickle.z"):
        entry.unlink()
    with pytest.raises(MissingDisclosure, match="is gone"):
        pickle.loads(packed)


def test_a_worker_that_sees_other_files_is_refused(cluster, tmp_path, monkeypatch):
    # /proc/self/cwd is each process's own working directory: the same path shows the
    # client one directory and the workers another, as an unshared volume would.
    here, there = tmp_path / "here", tmp_path / "there"
    (here / "sources").mkdir(parents=True)
    (here / "sources" / "a.txt").write_text("收入总计", encoding="utf-8")
    (there / "sources").mkdir(parents=True)
    monkeypatch.chdir(here)
    with Client(cluster.scheduler_address, set_as_default=False) as client:
        before = client.run(os.getcwd)
        client.run(os.chdir, str(there))
        try:
            with pytest.raises(ClusterError) as refused:
                check_workers(client, {"sources": Path("/proc/self/cwd/sources")})
        finally:
            for worker, cwd in before.items():
                client.run(os.chdir, cwd, workers=[worker])
    message = str(refused.value)
    assert "/proc/self/cwd/sources" in message
    assert "共享文件系统" in message and "must share the file system" in message


def layout(tmp: Path) -> BuildPaths:
    """The seeds, an empty file (not a disclosure) and an unreadable sidecar."""
    sources = tmp / "sources"
    shutil.copytree(SOURCES, sources)
    (sources / "zz_empty.txt").write_bytes(b"")
    (sources / "zz_bad_sidecar.txt").write_bytes(
        (SOURCES / "002_f0243ef9e14cabee.txt").read_bytes()
    )
    (sources / "zz_bad_sidecar.yml").write_text("department: [unclosed\n", encoding="utf-8")
    return BuildPaths(
        sources, tmp / "datapackages", tmp / "build", ROOT / "docs", ROOT / "mkdocs.yml"
    )


def ran_on(cluster: LocalCluster) -> int:
    """Tasks of map_in_order that the cluster has completed so far."""
    prefix = cluster.scheduler.task_prefixes.get("run_batch")
    return prefix.state_counts["memory"] if prefix is not None else 0


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.mark.build
def test_the_cluster_builds_the_same_bytes_as_the_process_pool(cluster, tmp_path):
    paths = layout(tmp_path)
    pool = run_build(paths, lambda _: None)
    pool_packages, pool_docs = snapshot(paths.datapackages), snapshot(paths.generated_docs)
    assert len(pool.disclosures) == 5 and not pool.problems
    assert any(name.endswith(".zip") for name in pool_docs)  # rendered: pages and downloads
    # the same paths, from nothing: no cache entry of the pool's build is reused
    shutil.rmtree(paths.datapackages)
    shutil.rmtree(paths.build)
    before = ran_on(cluster)
    on = run_build(paths, lambda _: None, scheduler=cluster.scheduler_address)
    # the work did run there: at this size convert (7 sources) and render (5 disclosures)
    # are one job a task, and validate adds its batches
    assert ran_on(cluster) - before >= 7 + 5
    assert snapshot(paths.datapackages) == pool_packages
    assert snapshot(paths.generated_docs) == pool_docs
    assert (paths.site / "index.html").is_file()
    assert on.converted == pool.converted == 7
    # a source that fails on a worker is skipped, with the same reason, and the build goes on
    assert [(s.file, s.problem) for s in on.skipped] == [(s.file, s.problem) for s in pool.skipped]
    assert {s.file for s in on.skipped} == {"zz_empty.txt", "zz_bad_sidecar.txt"}


def test_the_flag_wins_over_the_environment(monkeypatch):
    monkeypatch.setenv(SCHEDULER_ENV, "tcp://127.0.0.1:8786")
    assert scheduler_address("tcp://127.0.0.1:9999") == "tcp://127.0.0.1:9999"
    assert scheduler_address(None) == "tcp://127.0.0.1:8786"
    monkeypatch.setenv(SCHEDULER_ENV, " ")
    assert scheduler_address(None) is None


@pytest.mark.parametrize("address", ["nonsense", "tcp://127.0.0.1:notaport", "foo://x:1"])
def test_a_bad_address_is_a_clear_error_not_a_traceback(address, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(SCHEDULER_ENV, address)
    argv = ["build", "--root", str(ROOT), "--no-site", "--build-dir", str(tmp_path / "b")]
    assert main([*argv, "--datapackages", str(tmp_path / "dp")]) == 3
    err = capsys.readouterr().err
    assert err.startswith(f"error: 不是有效的 Dask 调度器地址：{address}")
    assert "expected tcp://HOST:PORT" in err and "Traceback" not in err
    assert not (tmp_path / "dp").exists()


def _worker_state(dask_worker) -> tuple[int, bool, bool]:
    import gc
    import sys

    profiling = "profile" in dask_worker.periodic_callbacks
    return gc.get_freeze_count(), "juesuan.pipeline.build" in sys.modules, profiling


@pytest.mark.filterwarnings("ignore:Port 8787 is already in use")  # the module's cluster
def test_a_worker_started_with_the_preload_is_ready_before_any_job():
    """The README starts workers with `--preload juesuan.pipeline.worker_preload`: the
    pipeline is imported and frozen out of the collector's sight before the first job, so
    neither is paid inside a build (the pool's processes inherit both from the build), and
    Dask's profiler no longer samples every job. A cluster of its own: the module's has run
    jobs, which import and freeze as well."""
    with (
        loopback_cluster(workers=1) as fresh,
        Client(fresh.scheduler_address, set_as_default=False) as client,
    ):
        states = client.run(_worker_state)
    assert len(states) == 1
    for frozen, imported, profiling in states.values():
        assert imported
        assert not profiling  # Dask's stack sampling, ~30 % of a job's CPU
        assert frozen > 100_000  # the modules' objects (pandas, frictionless, mkdocs …)
