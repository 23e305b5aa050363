"""Run the build's fan-out on a Dask distributed cluster instead of the local process pool.

A province's PDFs convert for hours on one machine; a cluster of them shares the work.
Dask's scheduler does the distributing (retries, lost workers, load balancing), so this
module only cuts a stage's jobs into batches (thousands of millisecond tasks would keep
the scheduler busier than the workers), gathers the results in input order and says
which job a worker's exception came from.

A batch travels as one pickle made here (`pack`), in which objects the workers can read
from the shared volume themselves go as references (the build's `reducers`: a converted
disclosure as the path of its cache entry). Shipped whole, the disclosures made task
graphs of ~60 MiB a stage at 1,000 sources, pickled by this process, unpickled by the
scheduler and pickled again to the workers, on the cores the workers needed.

The jobs read sources and write cache entries by path, so every worker must see the same
files at the same paths (a shared volume) and run the same juesuan code: both are checked
before the build starts, and refused with a message that says what to fix. `distributed`
is imported only here and only when a scheduler is named: the default build never pays
for it.
"""

from __future__ import annotations

import gc
import hashlib
import io
import os
import pickle
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from juesuan.infra.cache import code_version
from juesuan.infra.parallel import running_on

SCHEDULER_ENV = "JUESUAN_SCHEDULER"
CONNECT_TIMEOUT_S = 10


class ClusterError(Exception):
    """The cluster cannot run this build; the message (Chinese / English) says why."""


def scheduler_address(flag: str | None) -> str | None:
    """The scheduler to use: the command line's, else $JUESUAN_SCHEDULER, else none."""
    return flag or os.environ.get(SCHEDULER_ENV, "").strip() or None


def batches(count: int, slots: int, chunks_per_worker: int) -> list[range]:
    """Consecutive index ranges, about `chunks_per_worker` per worker thread (enough to
    balance uneven jobs, few enough for the scheduler); 0 means one job per task."""
    size = max(1, -(-count // (slots * chunks_per_worker))) if chunks_per_worker else 1
    return [range(i, min(count, i + size)) for i in range(0, count, size)]


def _describe(job: tuple[Any, ...]) -> str:
    first = repr(job[0]) if job else "()"
    return first if len(first) <= 200 else first[:200] + "…"


Reducers = Mapping[type, Callable[[Any], "tuple[Callable[..., Any], tuple[Any, ...]] | None"]]


class _Packer(pickle.Pickler):
    """Pickles a batch with `reducers` (type → reduce value, or None to pickle it whole)."""

    def __init__(self, file: io.BytesIO, reducers: Reducers) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.reducers = reducers

    def reducer_override(self, obj: Any) -> Any:
        reduce = self.reducers.get(type(obj))
        found = reduce(obj) if reduce is not None else None
        return NotImplemented if found is None else found


def pack(columns: list[list[Any]], reducers: Reducers) -> bytes:
    """One batch's jobs as the bytes a task carries: objects the workers can read from the
    shared volume themselves travel as references (`reducers`), not whole."""
    buffer = io.BytesIO()
    _Packer(buffer, reducers).dump(columns)
    return buffer.getvalue()


_SETTLED = False  # whether this worker process has frozen what it holds for good


def settled() -> None:
    """Record that this worker process has frozen its modules (pipeline.worker_preload)."""
    global _SETTLED
    _SETTLED = True


def _settle() -> None:
    """Once per worker process, after its first batch has imported the build's modules: move
    what it holds (those modules, Dask's own state) out of the cyclic collector's sight
    (gc.freeze). A process of the local pool is forked from the build process, which froze
    all that before forking (infra.gc_pause.long_lived), so its collections scan only what
    its jobs make; a Dask worker, started on its own, scans its whole heap again and again
    (~8 % of a conversion's CPU). A worker started with pipeline.worker_preload has done
    this already."""
    if not _SETTLED:
        gc.collect()
        gc.freeze()
        settled()


def run_batch(fn: Callable[..., Any], packed: bytes) -> list[Any]:
    """Runs on a worker: `fn` over one batch; an exception carries the job it came from."""
    columns = pickle.loads(packed)
    _settle()
    results = []
    for job in zip(*columns, strict=True):
        try:
            results.append(fn(*job))
        except Exception as exc:
            exc.add_note(f"{fn.__name__}({_describe(job)}) on a Dask worker")
            raise
    return results


class ClusterExecutor:
    """map_in_order's executor on a connected `distributed.Client`."""

    def __init__(self, client: Any, reducers: Reducers | None = None) -> None:
        self.client = client
        self.reducers = reducers or {}

    def map_in_order(
        self, fn: Callable[..., Any], columns: list[list[Any]], chunks_per_worker: int
    ) -> list[Any]:
        slots = max(1, sum(self.client.nthreads().values()))
        parts = batches(len(columns[0]), slots, chunks_per_worker)
        packed = [pack([c[r.start : r.stop] for c in columns], self.reducers) for r in parts]
        futures = self.client.map(run_batch, [fn] * len(parts), packed, pure=False)
        try:
            # fetched one batch at a time, in order, while the later ones still run (as
            # the pool's results arrive), not all at once after the last one: a batch of
            # conversions is a few MB to read back
            done = [future.result() for future in futures]
        finally:
            self.client.cancel(futures)
        return [result for batch in done for result in batch]


def fingerprint(directory: Path) -> str | None:
    """What a machine sees at `directory`: a digest of its entries' names, None if nothing."""
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        return None
    return hashlib.sha256("\0".join(names).encode("utf-8", "surrogateescape")).hexdigest()


def probe(directories: Mapping[str, Path]) -> dict[str, str | None]:
    """Runs on every worker: its code version and what it sees of each directory."""
    return {"code": code_version(), **{k: fingerprint(p) for k, p in directories.items()}}


def check_workers(client: Any, directories: Mapping[str, Path]) -> None:
    """Refuse a cluster whose workers run other code or cannot see `directories` (name →
    path) as this machine does: they would fail, or worse, build from other files."""
    mine = probe(directories)
    for worker, seen in sorted(client.run(probe, directories).items()):
        if seen["code"] != mine["code"]:
            raise ClusterError(
                f"工作进程 {worker} 运行的 juesuan 代码或 Python 版本与本机不同，"
                f"请在各节点安装相同版本 / worker {worker} runs other juesuan code or "
                "another Python than this machine: install the same version on every worker"
            )
        for name, path in directories.items():
            if seen[name] != mine[name]:
                raise ClusterError(
                    f"工作进程 {worker} 看不到与本机相同的目录 {path}：集群各节点须以相同路径"
                    f"共享文件系统 / worker {worker} does not see the {name} directory {path} "
                    "as this machine does: every worker must share the file system, at the "
                    "same paths"
                )


def _check_address(address: str) -> None:
    """Refuse a malformed address before connecting: a Client built on one fails late,
    and then waits again while it is collected."""
    from distributed.comm import parse_address, parse_host_port
    from distributed.comm.registry import backends

    try:
        scheme, location = parse_address(address)
        port = parse_host_port(location)[1] if scheme in {"tcp", "tls", "ws", "wss"} else 1
    except ValueError as exc:
        scheme, port, problem = "", 0, str(exc)
    else:
        problem = "unknown protocol" if scheme not in backends else "no such port"
    if scheme not in backends or not 0 < port < 65536:
        raise ClusterError(
            f"不是有效的 Dask 调度器地址：{address}（应为 tcp://主机:端口） / not a Dask "
            f"scheduler address: {address} ({problem}; expected tcp://HOST:PORT)"
        )


@contextmanager
def on_cluster(
    address: str,
    directories: Mapping[str, Path],
    scratch: Path,
    timeout_s: float = CONNECT_TIMEOUT_S,
    reducers: Reducers | None = None,
) -> Iterator[None]:
    """Every map_in_order inside the block runs on the Dask cluster at `address`; the
    workers are checked first (check_workers) on `directories` and on `scratch`, a
    directory of this build's own where a fresh file tells a shared volume from a copy.
    `reducers` name the objects that travel to the workers as references (pack)."""
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        problem = f"未安装 dask[distributed] / dask[distributed] is missing: {exc}"
        raise ClusterError(problem) from None
    _check_address(address)
    try:
        client = Client(address, timeout=timeout_s, set_as_default=False)
    except (OSError, TimeoutError, ValueError, TypeError) as exc:
        raise ClusterError(
            f"无法连接 Dask 调度器 {address} / cannot reach the Dask scheduler at {address}: "
            f"{exc or type(exc).__name__}"
        ) from None
    marker = scratch / f".cluster-probe-{uuid.uuid4().hex}"
    try:
        try:
            client.wait_for_workers(1, timeout=timeout_s)
        except TimeoutError:
            raise ClusterError(
                f"Dask 调度器 {address} 没有工作进程 / the Dask scheduler at {address} has no "
                "workers: start some with `dask worker ADDRESS`"
            ) from None
        marker.write_bytes(b"")
        try:
            check_workers(client, {**directories, "build": scratch})
        finally:
            marker.unlink(missing_ok=True)
        with running_on(ClusterExecutor(client, reducers)):
            yield
    finally:
        client.close()
