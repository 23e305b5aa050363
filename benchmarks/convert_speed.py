"""CPU cost of converting disclosures, one process: ms per disclosure.

Usage: .venv/bin/python benchmarks/convert_speed.py [DIR ...] [--repeat R]
       (default DIR: sources/; a synthetic corpus: benchmarks/corpus.py N --out DIR)

For every *.txt in the directories, measures the CPU time (time.process_time) of
convert_path (read → normalise → sections/tables → facts/items/三公/performance →
checks) and then of package_files (completeness scorecard and every CSV of the
data package) on the result. The first conversion pays for loading the gazetteer
and pinyin dictionaries; it is converted once untimed beforehand so the numbers
are the steady per-disclosure cost a build pays. Prints median, p90 and total per
stage and per file with --details. It measures; it does not judge.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from juesuan.convert import convert_path
from juesuan.package.files import package_files
from juesuan.read.source import SourceError

ROOT = Path(__file__).resolve().parent.parent


def _cpu_ms(action) -> tuple[float, object]:
    started = time.process_time()
    result = action()
    return (time.process_time() - started) * 1000, result


def _line(label: str, values: list[float]) -> str:
    if not values:
        return f"{label:>10}: no disclosures"
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return (
        f"{label:>10}: median {statistics.median(ordered):7.1f} ms  p90 {p90:7.1f} ms  "
        f"total {sum(ordered) / 1000:7.2f} s CPU  ({len(ordered)} disclosures)"
    )


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description="CPU ms per disclosure to convert and package.")
    p.add_argument("dirs", nargs="*", type=Path, default=[ROOT / "sources"])
    p.add_argument("--repeat", type=int, default=1, help="convert each file R times (min kept)")
    p.add_argument("--details", action="store_true", help="one line per file")
    args = p.parse_args(argv)
    paths = sorted(path for d in args.dirs for path in d.glob("*.txt"))
    if not paths:
        print("no *.txt sources found")
        return 0
    warm, _ = _cpu_ms(lambda: _try_convert(paths[0]))
    print(f"warm-up (first conversion, loads dictionaries): {warm:.0f} ms CPU")
    convert_ms: list[float] = []
    package_ms: list[float] = []
    both_ms: list[float] = []
    for path in paths:
        runs = [_cpu_ms(lambda path=path: _try_convert(path)) for _ in range(args.repeat)]
        ms, d = min(runs, key=lambda run: run[0])
        convert_ms.append(ms)
        pack = 0.0
        if d is not None:
            pack, _ = _cpu_ms(lambda d=d: package_files(d))
            package_ms.append(pack)
            both_ms.append(ms + pack)
        if args.details:
            print(f"{path.name:40} convert {ms:7.1f} ms  package {pack:6.1f} ms")
    print(_line("convert", convert_ms))
    print(_line("package", package_ms))
    print(_line("both", both_ms))
    return 0


def _try_convert(path: Path):
    try:
        return convert_path(path)
    except SourceError:
        return None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
