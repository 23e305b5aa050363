"""PDF reading speed on the real originals: per document and per page, on one core.

Usage: PYTHONPATH=scripts .venv/bin/python benchmarks/pdf_reading.py [DIR] [--plumber-all]
DIR defaults to ../shared/originals (next to the repository). Prints file, pages, seconds,
seconds per page, tables found (as the extractors will see them: a table continued over a
page break counts once), scan pages, then totals. --plumber-all also times pdfplumber's
extract_tables on every page, the cost the page triage avoids. The target is ≤ 1.5 s for a
25-page disclosure. Exit status is 0 whatever the numbers: this measures, it does not judge.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

from juesuan.read.pdf import read_pdf
from juesuan.read.source import SourceError
from juesuan.read.tables import find_tables

ROOT = Path(__file__).resolve().parent.parent
_SCAN_NOTE = re.compile(r"第(\d+)(?:–(\d+))?页没有文字层")


def scan_pages(notes: tuple[str, ...]) -> int:
    count = 0
    for note in notes:
        if m := _SCAN_NOTE.match(note):
            first = int(m.group(1))
            count += int(m.group(2) or first) - first + 1
    return count


def plumber_all_pages(path: Path) -> float:
    import pdfplumber

    start = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()
    return time.perf_counter() - start


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    folder = Path(args[0]) if args else ROOT.parent / "shared" / "originals"
    compare = "--plumber-all" in argv
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says
    files = sorted(folder.glob("*.pdf"))
    if not files:
        print(f"no PDF in {folder}")
        return 0
    read_pdf(files[0].read_bytes(), files[0])  # warm imports so the first file is fair
    head = f"{'file':44} {'pages':>5} {'seconds':>8} {'s/page':>7} {'tables':>6} {'scans':>5}"
    print(head + ("  plumber-all" if compare else ""))
    total_pages = total_tables = total_scans = 0
    total_seconds = total_plumber = 0.0
    for path in files:
        data = path.read_bytes()
        start = time.perf_counter()
        try:
            laid = read_pdf(data, path)
        except SourceError as exc:
            print(f"{path.name:44} error: {exc.problem}")
            continue
        seconds = time.perf_counter() - start
        pages = len(laid.pages)
        tables = len(find_tables(laid.text))
        scans = scan_pages(laid.notes)
        line = (
            f"{path.name[:44]:44} {pages:5d} {seconds:8.2f} {seconds / max(pages, 1):7.3f} "
            f"{tables:6d} {scans:5d}"
        )
        if compare:
            plumber = plumber_all_pages(path)
            total_plumber += plumber
            line += f"  {plumber:11.2f}"
        print(line)
        total_pages += pages
        total_tables += tables
        total_scans += scans
        total_seconds += seconds
    print(
        f"{'TOTAL (' + str(len(files)) + ' files)':44} {total_pages:5d} {total_seconds:8.2f} "
        f"{total_seconds / max(total_pages, 1):7.3f} {total_tables:6d} {total_scans:5d}"
        + (f"  {total_plumber:11.2f}" if compare else "")
    )
    print(f"per 25 pages: {25 * total_seconds / max(total_pages, 1):.2f} s (target ≤ 1.5 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
