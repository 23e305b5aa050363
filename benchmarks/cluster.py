"""Cluster benchmark: the cold build of N synthetic disclosures on the local process pool
and on a two-worker Dask LocalCluster (loopback), side by side.

Usage: .venv/bin/python benchmarks/cluster.py N [--workdir build/bench-cluster]
       (or: make bench-cluster N=1000)

Both builds start from an empty cache, into the same paths, from the same sources
(benchmarks/corpus.py), so their outputs must be byte-identical; this is checked. The
cluster is started before the clock starts, as a standing cluster would be (its workers
with the preload the README asks for). Prints the stage times of each kind of build and
the ratio cluster / pool, for the whole build and for the stages that fan out (convert,
package + validate, render); the last line is one JSON object. It measures; it does not
judge the times (exit 1 only when the bytes differ).

The speed of a shared virtual machine drifts by tens of percent within minutes (the same
pool build took 45 s and 70 s on one afternoon), so by default the builds run in the order
pool, cluster, cluster, pool (`--rounds 2`) and each kind's times are summed: a drift
that is steady over the four builds weighs on both kinds alike. `--rounds 1` runs one of
each, pool first.

cpu_s is the processor time the build took in all processes (this one, which also runs
the LocalCluster's scheduler, and the pool's or the cluster's workers): on a machine
shared with other work the wall times move with the load, the work done much less.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate

from juesuan.pipeline.build import BuildPaths, run_build

ROOT = Path(__file__).resolve().parent.parent
FANNED_OUT = ("convert_s", "package_s", "render_s")


def cpu_seconds() -> float:
    """Processor time so far of this process, its ended children and its live ones."""
    import psutil  # a dependency of distributed

    ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    live = 0.0
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
        except psutil.Error:
            continue
        live += times.user + times.system
    return time.process_time() + ended.ru_utime + ended.ru_stime + live


def cold_build(paths: BuildPaths, scheduler: str | None) -> tuple[dict[str, float], str]:
    """Stage times of a build from an empty cache, and a digest of what it wrote."""
    import hashlib

    shutil.rmtree(paths.datapackages, ignore_errors=True)
    shutil.rmtree(paths.build, ignore_errors=True)
    started, cpu = time.perf_counter(), cpu_seconds()
    result = run_build(paths, lambda _: None, scheduler=scheduler)
    wall = time.perf_counter() - started
    cpu = cpu_seconds() - cpu
    if result.problems:
        raise SystemExit(f"{len(result.problems)} invalid packages, e.g. {result.problems[0]}")
    digest = hashlib.sha256()
    for root in (paths.datapackages, paths.generated_docs):
        for p in sorted(root.rglob("*")):
            if p.is_file():
                digest.update(str(p.relative_to(root)).encode() + b"\0" + p.read_bytes())
    timings = {**result.timings, "wall_s": wall, "cpu_s": cpu}
    timings["fanned_out_s"] = sum(timings[k] for k in FANNED_OUT)
    return timings, digest.hexdigest()


def main(argv: list[str]) -> int:
    from juesuan.testing.cluster import loopback_cluster

    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("n", type=int)
    p.add_argument("--workdir", type=Path, default=ROOT / "build" / "bench-cluster")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--rounds", type=int, default=2, help="pool, cluster, cluster, pool, …")
    args = p.parse_args(argv)

    work = args.workdir / f"n{args.n}"
    shutil.rmtree(work, ignore_errors=True)
    paths = BuildPaths(
        work / "sources", work / "datapackages", work / "build", ROOT / "docs", ROOT / "mkdocs.yml"
    )
    generate(args.n, paths.sources, args.seed)
    pair = ("pool", "cluster")
    order = [kind for i in range(args.rounds) for kind in (pair if i % 2 == 0 else pair[::-1])]
    runs: dict[str, list[dict[str, float]]] = {"pool": [], "cluster": []}
    digests: set[str] = set()
    for kind in order:
        if kind == "cluster":  # started for its build only: the pool's builds run alone
            with loopback_cluster(silence_logs=40) as cluster:
                timings, digest = cold_build(paths, cluster.scheduler_address)
        else:
            timings, digest = cold_build(paths, None)
        runs[kind].append(timings)
        digests.add(digest)
        print(f"{kind}: {timings['wall_s']:.1f}s", flush=True)
    pool, on = (
        {key: sum(r[key] for r in runs[kind]) for key in runs[kind][0]}
        for kind in ("pool", "cluster")
    )
    same = len(digests) == 1

    print(f"\nN = {args.n}, {args.rounds} build(s) of each, summed: {' '.join(order)}")
    print("  stage              pool s   cluster s   ratio")
    for key in (*FANNED_OUT, "fanned_out_s", "mkdocs_s", "wall_s", "cpu_s"):
        print(f"  {key:<18} {pool[key]:8.1f} {on[key]:10.1f} {on[key] / pool[key]:7.2f}")
    print(f"  same bytes (datapackages + docs): {same}")
    summary = {
        "n": args.n,
        "order": order,
        "pool": {k: round(v, 2) for k, v in pool.items()},
        "cluster": {k: round(v, 2) for k, v in on.items()},
        "walls": {kind: [round(r["wall_s"], 2) for r in runs[kind]] for kind in runs},
        "ratio_wall": round(on["wall_s"] / pool["wall_s"], 3),
        "ratio_fanned_out": round(on["fanned_out_s"] / pool["fanned_out_s"], 3),
        "ratio_cpu": round(on["cpu_s"] / pool["cpu_s"], 3),
        "same_bytes": same,
    }
    print(json.dumps(summary))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
