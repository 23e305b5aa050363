"""Package + validate benchmark: the stage between conversion and rendering, alone.

Usage: .venv/bin/python benchmarks/package_stage.py N [--workdir build/bench-package]

Generates N disclosures (benchmarks/corpus.py), converts them (cached in WORKDIR, so a
second run skips that), then times the package stage of run_build three times: a cold
build (no previous packages, nothing validated before), a rebuild of the same sources,
and a rebuild after adding one disclosure. Prints wall and CPU seconds (workers
included) of each, and of writing and validating apart; the last line is one JSON
object. It measures; it does not judge.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate

from juesuan.package.validate import validate_all
from juesuan.pipeline.build import BuildPaths, convert_all, list_sources, write_packages

ROOT = Path(__file__).resolve().parent.parent


def cpu_s() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def timed(step: Callable[[], object]) -> tuple[float, float]:
    """(wall s, CPU s) of one call."""
    wall, cpu = time.perf_counter(), cpu_s()
    step()
    return time.perf_counter() - wall, cpu_s() - cpu


def package_stage(paths: BuildPaths) -> dict[str, float]:
    """Convert (from the cache when it can), then write and validate as run_build does."""
    sources = list_sources(paths.sources)
    result = convert_all(sources, lambda _: None, paths.sources, paths.cache / "convert")
    write_wall, write_cpu = timed(
        lambda: write_packages(result.disclosures, paths.datapackages, paths.cache / "package")
    )
    problems: list = []
    validate_wall, validate_cpu = timed(
        lambda: problems.extend(validate_all(paths.datapackages, paths.cache / "validate")[1])
    )
    if problems:
        raise SystemExit(f"{len(problems)} problems, e.g. {problems[0]}")
    return {
        "write_s": write_wall,
        "write_cpu_s": write_cpu,
        "validate_s": validate_wall,
        "validate_cpu_s": validate_cpu,
        "stage_s": write_wall + validate_wall,
    }


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("n", type=int)
    p.add_argument("--workdir", type=Path, default=ROOT / "build" / "bench-package")
    args = p.parse_args(argv)

    work = args.workdir / f"n{args.n}"
    paths = BuildPaths(
        work / "sources", work / "datapackages", work, ROOT / "docs", ROOT / "mkdocs.yml"
    )
    shutil.rmtree(paths.sources, ignore_errors=True)
    shutil.rmtree(paths.datapackages, ignore_errors=True)
    for outputs in paths.cache.glob("*"):
        if outputs.name != "convert":  # conversion is not what this measures: keep its cache
            shutil.rmtree(outputs)
    generate(args.n, paths.sources)

    runs = {"cold": package_stage(paths), "unchanged": package_stage(paths)}
    generate(args.n + 1, paths.sources, start=args.n)
    runs["plus_one"] = package_stage(paths)

    print(f"N = {args.n}      write s (CPU)   validate s (CPU)   stage s")
    for name, r in runs.items():
        print(
            f"  {name:<10} {r['write_s']:6.2f} ({r['write_cpu_s']:5.2f}) "
            f"{r['validate_s']:8.2f} ({r['validate_cpu_s']:6.2f}) {r['stage_s']:9.2f}"
        )
    summary = {"n": args.n, **{k: {m: round(v, 2) for m, v in r.items()} for k, r in runs.items()}}
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
