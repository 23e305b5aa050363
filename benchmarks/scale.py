"""Scale benchmark: build the portal from N synthetic disclosures and measure it.

Usage: .venv/bin/python benchmarks/scale.py N [--workdir build/bench] [--no-browser]
       (or: make bench N=1000)

Generates N disclosures from the seeds (benchmarks/corpus.py) into WORKDIR/nN/sources,
runs a cold full build (empty conversion cache) into WORKDIR/nN, then adds one
disclosure and builds again. Prints per stage the wall time and the process's peak
RSS so far (workers included), the site's size, the largest page, the search index
(raw and gzip), the HTML of one fixed disclosure page (the same disclosure at every
N), the files served from the download place beside the site (render/downloads.py;
--downloads-on-site puts them on it), and the time to the first search result in
headless Chromium — with Material's search and, side by side, with a Pagefind index
of the same site. The last line is
one JSON object. It measures; it does not judge: the exit status is 0 whatever the
numbers are.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generate

from juesuan.checks import CheckInput
from juesuan.pipeline.build import BuildPaths, run_build
from juesuan.testing.browser import CHROMIUM_ARGS, chromium_path, serve

ROOT = Path(__file__).resolve().parent.parent
QUERY = "三公"
# Where a province's portal serves its zips and originals (GitHub releases, one a shelf).
DOWNLOAD_PLACE = "https://github.com/OWNER/REPO/releases/download/{shelf}/"
WORKERS = len(os.sched_getaffinity(0))


def cpu_s() -> float:
    """CPU seconds used so far by this process and its finished workers."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def peak_rss_mb() -> float:
    """Peak resident memory of this process or of any finished worker, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024


class StageLog:
    """Collects build log lines and the peak RSS at each stage boundary."""

    def __init__(self) -> None:
        self.rss: dict[str, float] = {}
        self.cpu: dict[str, float] = {"start": cpu_s()}
        self.lines: list[str] = []

    def mark(self, stage: str) -> None:
        self.rss[stage] = peak_rss_mb()
        self.cpu[stage] = cpu_s()

    def __call__(self, message: str) -> None:
        self.lines.append(message)
        if message.startswith("converted "):
            self.mark("convert")
        elif message.startswith("validated "):
            self.mark("package")
        elif message.startswith("building the site"):
            self.mark("render")

    def cpu_of(self, stage: str) -> float:
        order = ["start", "convert", "package", "render", "mkdocs"]
        return self.cpu[stage] - self.cpu[order[order.index(stage) - 1]]


def build(paths: BuildPaths) -> tuple[dict[str, float], StageLog, int, int]:
    log = StageLog()
    result = run_build(paths, log)
    log.mark("mkdocs")
    if result.problems:
        raise SystemExit(f"{len(result.problems)} invalid packages, e.g. {result.problems[0]}")
    return dict(result.timings), log, len(result.disclosures), result.converted


def check_share(sample: list[Path]) -> float:
    """Share of conversion CPU spent in the checks, measured in-process on a sample
    (the checks run inside convert_source, on statements a Disclosure does not keep)."""
    import juesuan.checks as checks
    import juesuan.convert as conversion

    original, spent = checks.run_checks, 0.0

    def timed(data: CheckInput) -> list:
        nonlocal spent
        started = time.process_time()
        try:
            return original(data)
        finally:
            spent += time.process_time() - started

    checks.run_checks = timed  # check_document calls it through the module
    try:
        started = time.process_time()
        for path in sample:
            conversion.convert_path(path)
        total = time.process_time() - started
    finally:
        checks.run_checks = original
    return spent / total


def site_numbers(site: Path, first: str) -> dict[str, float]:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    largest = max(pages, key=lambda p: p.stat().st_size)
    from juesuan.site.search_index import INDEX_PATH

    index = (site / INDEX_PATH).read_bytes()
    first_page = site / "disclosures" / first / "index.html"
    return {
        "site_mb": sum(p.stat().st_size for p in files) / 1e6,
        "site_files": len(files),
        "largest_page_kb": largest.stat().st_size / 1e3,
        "largest_page": str(largest.relative_to(site)),
        "fixed_page_kb": first_page.stat().st_size / 1e3 if first_page.is_file() else -1,
        "search_index_kb": len(index) / 1e3,
        "search_index_gz_kb": len(gzip.compress(index, 6)) / 1e3,
        "search_docs": len(json.loads(index)["docs"]),
    }


def first_search_s(site: Path) -> float:
    """Seconds from typing the query (as soon as the page is parsed) to the first result."""
    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(base, wait_until="domcontentloaded")
        started = time.perf_counter()
        page.locator("input.md-search__input").fill(QUERY)
        page.keyboard.press("End")
        page.wait_for_selector(".md-search-result__item", timeout=120_000)
        elapsed = time.perf_counter() - started
        browser.close()
    return elapsed


def search_assembly(work: Path, site: Path, n: int) -> dict[str, float]:
    """What the search index costs a build that redoes one page: reading every page's
    cached piece and assembling the published index (search_publish.publish)."""
    from juesuan.site.search_index import Piece, assemble

    config = json.loads((site / "search" / "search_index.json").read_bytes())["config"]
    config.pop("index")
    settings = {k: config[k] for k in ("lang", "separator", "pipeline", "fields")}
    started = time.perf_counter()
    pieces = []
    for path in sorted((work / "cache" / "search").glob("*.piece.json")):
        data = json.loads(path.read_bytes())
        pieces.append(Piece(data["src_uri"], data["digest"], data["docs"], data["words"]))
    index = assemble(settings, pieces)
    return {
        "search_assemble_s": round(time.perf_counter() - started, 2),
        "search_pieces": len(pieces),
        "search_index_bytes_per_disclosure": round(len(index) / n),
    }


def pagefind_numbers(site: Path) -> dict[str, float]:
    """The same site indexed by Pagefind (extended: it segments Chinese), for comparison:
    seconds to index, index size, and seconds from the query to the first result's data
    in headless Chromium. Pagefind reads the built HTML, so it indexes what Material's
    index leaves out (evidence, checks) too; it is measured here, not shipped."""
    import subprocess

    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    command = [sys.executable, "-m", "pagefind", "--site", str(site)]
    options = ["--root-selector", "article", "--output-subdir", "_pagefind", "--silent"]
    subprocess.run([*command, *options], check=True)
    index_s = time.perf_counter() - started
    bundle = {p: p.stat().st_size for p in (site / "_pagefind").rglob("*") if p.is_file()}
    script = """async (query) => {
        const started = performance.now();
        const pagefind = await import("/_pagefind/pagefind.js");
        const search = await pagefind.search(query);
        const first = await search.results[0].data();
        return [performance.now() - started, search.results.length, first.url];
    }"""
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(base, wait_until="load")
        elapsed_ms, results, _ = page.evaluate(script, QUERY)
        browser.close()
    return {
        "pagefind_index_s": round(index_s, 2),
        "pagefind_index_mb": round(sum(bundle.values()) / 1e6, 1),
        "pagefind_files": len(bundle),
        "pagefind_first_search_s": round(elapsed_ms / 1000, 2),
        "pagefind_results": results,
    }


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("n", type=int)
    p.add_argument("--workdir", type=Path, default=ROOT / "build" / "bench")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--no-browser", action="store_true", help="skip the search timing")
    p.add_argument("--no-pagefind", action="store_true", help="skip the Pagefind comparison")
    p.add_argument(
        "--downloads-on-site",
        action="store_true",
        help="publish the package zips on the site, as a small portal does (default: a "
        "download place outside it, as a province's portal does; render/downloads.py)",
    )
    args = p.parse_args(argv)
    if not args.downloads_on_site:
        os.environ["JUESUAN_DOWNLOADS_URL"] = DOWNLOAD_PLACE

    work = args.workdir / f"n{args.n}"
    paths = BuildPaths(
        work / "sources", work / "datapackages", work, ROOT / "docs", ROOT / "mkdocs.yml"
    )
    shutil.rmtree(work, ignore_errors=True)
    started = time.perf_counter()
    made = generate(args.n, paths.sources, args.seed)
    generate_s = time.perf_counter() - started
    print(f"generated {len(made)} disclosures in {generate_s:.1f}s → {paths.sources}", flush=True)

    full, log, built, converted = build(paths)
    print(f"full build: {built} disclosures, {converted} converted", flush=True)
    share = check_share(sorted(paths.sources.glob("*.txt"))[:25])
    full["check_s"] = share * log.cpu_of("convert") / WORKERS
    first = next(line for line in log.lines if line.startswith("[1/")).split("→ ")[1].split()[0]
    numbers = site_numbers(paths.site, first)
    served = [p for p in paths.downloads.rglob("*") if p.is_file()]
    numbers["downloads_mb"] = sum(p.stat().st_size for p in served) / 1e6  # not on the site
    search = -1.0 if args.no_browser else first_search_s(paths.site)
    skip_pagefind = args.no_browser or args.no_pagefind
    pagefind = {} if skip_pagefind else pagefind_numbers(paths.site)

    generate(args.n + 1, paths.sources, args.seed, start=args.n)
    incremental, _, _, reconverted = build(paths)
    pipeline_inc = sum(incremental[k] for k in ("convert_s", "package_s", "render_s"))
    assembly = search_assembly(work, paths.site, args.n + 1)
    pipeline_full = sum(full[k] for k in ("convert_s", "package_s", "render_s"))
    unchanged, _, _, unconverted = build(paths)  # nothing changed since the +1 build

    rows = [
        ("convert (incl. check)", full["convert_s"], "convert"),
        ("  of which check (est.)", full["check_s"], None),
        ("package + validate", full["package_s"], "package"),
        ("render pages", full["render_s"], "render"),
        ("mkdocs build", full["mkdocs_s"], "mkdocs"),
        ("total", full["total_s"], None),
    ]
    print(f"\nN = {args.n}   stage            wall s    CPU s   peak RSS MB (so far)")
    for name, seconds, stage in rows:
        extra = f"{log.cpu_of(stage):8.1f} {log.rss[stage]:8.0f}" if stage else ""
        print(f"  {name:<24} {seconds:8.1f} {extra}")
    print(
        f"  incremental (+1 disclosure): {reconverted} converted; convert "
        f"{incremental['convert_s']:.1f}s, package {incremental['package_s']:.1f}s, render "
        f"{incremental['render_s']:.1f}s = {pipeline_inc:.1f}s "
        f"({100 * pipeline_inc / pipeline_full:.1f}% of the full build's {pipeline_full:.1f}s); "
        f"mkdocs {incremental['mkdocs_s']:.1f}s"
    )
    print(
        f"  +1 disclosure end to end (site included): {incremental['total_s']:.1f}s = "
        f"{100 * incremental['total_s'] / full['total_s']:.1f}% of the full build; "
        f"a build that changes nothing: {unchanged['total_s']:.1f}s ({unconverted} converted)"
    )
    for key, value in numbers.items():
        print(f"  {key}: {value:.1f}" if isinstance(value, float) else f"  {key}: {value}")
    print(f"  first search result ({QUERY}): {search:.2f}s")
    for key, value in [*assembly.items(), *pagefind.items()]:
        print(f"  {key}: {value}")
    summary = {
        "n": args.n,
        "generate_s": round(generate_s, 2),
        "convert_s": round(full["convert_s"], 2),
        "check_s": round(full["check_s"], 3),
        "package_s": round(full["package_s"], 2),
        "render_s": round(full["render_s"], 2),
        "mkdocs_s": round(full["mkdocs_s"], 2),
        "total_s": round(full["total_s"], 2),
        "incremental_s": round(pipeline_inc, 2),
        "incremental_converted": reconverted,
        "incremental_mkdocs_s": round(incremental["mkdocs_s"], 2),
        "incremental_total_s": round(incremental["total_s"], 2),
        "incremental_share_pct": round(100 * incremental["total_s"] / full["total_s"], 1),
        "unchanged_total_s": round(unchanged["total_s"], 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "cpu_s": {k: round(log.cpu_of(k), 1) for k in ("convert", "package", "render", "mkdocs")},
        **{k: round(v, 1) if isinstance(v, float) else v for k, v in numbers.items()},
        "first_search_s": round(search, 2),
        **assembly,
        **pagefind,
    }
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
