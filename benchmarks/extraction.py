"""Extraction accuracy on the seeds: facts and table rows found vs the hand-read expectations.

Usage: .venv/bin/python benchmarks/extraction.py [--details]
Reads tests/expected/NNN.yaml (values read by a person from sources/NNN_*.txt) and prints, per
disclosure and overall, facts found / expected / correct, precision, recall, table rows found vs
expected, and the conversion time. Exit status is 0 whatever the numbers: this measures, it does
not judge.
"""

from __future__ import annotations

import sys
import time
from decimal import Decimal
from pathlib import Path

import yaml

from juesuan.convert import convert_path

ROOT = Path(__file__).resolve().parent.parent


def expected_facts(data: dict) -> set[tuple[str, Decimal]]:
    out = set()
    for key, values in (data.get("facts") or {}).items():
        for item in values:
            out.add((key, Decimal(str(item["value"]))))
    return out


def main(argv: list[str]) -> int:
    details = "--details" in argv
    totals = {"found": 0, "expected": 0, "correct": 0}
    rows_total = {
        "items_found": 0,
        "items_expected": 0,
        "projects_found": 0,
        "projects_expected": 0,
    }
    print(
        f"{'seed':5} {'found':>6} {'expect':>6} {'right':>6} {'prec':>7} {'recall':>7} "
        f"{'items':>9} {'projects':>9} {'ms':>6}"
    )
    for expected_file in sorted((ROOT / "tests" / "expected").glob("*.yaml")):
        seed = expected_file.stem
        data = yaml.safe_load(expected_file.read_text(encoding="utf-8"))
        source = next((ROOT / "sources").glob(f"{seed}_*.txt"))
        started = time.perf_counter()
        d = convert_path(source)
        ms = (time.perf_counter() - started) * 1000
        found = {(f.key, f.value) for f in d.facts}
        expected = expected_facts(data)
        correct = found & expected
        ours = {(i.names, i.amount) for i in d.expenditure_items if i.level == "xiang"}
        wanted = {
            # an item the table prints under other names is published under the table's
            (
                tuple(x.get("table_names") or (x["class"], x["kuan"], x["xiang"])),
                Decimal(str(x["amount"])),
            )
            for x in data.get("expenditure_items") or []
        }
        items_found = len(ours & wanted)  # items found with the right amount
        names = {p["name"] for p in data.get("performance_projects") or []}
        projects_found = sum(1 for p in d.projects if p.kind == "project" and p.name in names)
        items_expected = len(wanted)
        projects_expected = len(data.get("performance_projects") or [])
        precision = len(correct) / len(found) if found else 1.0
        recall = len(correct) / len(expected) if expected else 1.0
        print(
            f"{seed:5} {len(found):6} {len(expected):6} {len(correct):6} {precision:7.1%} "
            f"{recall:7.1%} {items_found:4}/{items_expected:<4} "
            f"{projects_found:4}/{projects_expected:<4} {ms:6.0f}"
        )
        if details:
            for key, value in sorted(found - expected):
                print(f"      WRONG   {key} = {value}")
            for key, value in sorted(expected - found):
                print(f"      MISSING {key} = {value}")
        totals["found"] += len(found)
        totals["expected"] += len(expected)
        totals["correct"] += len(correct)
        rows_total["items_found"] += items_found
        rows_total["items_expected"] += items_expected
        rows_total["projects_found"] += projects_found
        rows_total["projects_expected"] += projects_expected
    precision = totals["correct"] / totals["found"] if totals["found"] else 1.0
    recall = totals["correct"] / totals["expected"] if totals["expected"] else 1.0
    print(
        f"{'all':5} {totals['found']:6} {totals['expected']:6} {totals['correct']:6} "
        f"{precision:7.1%} {recall:7.1%} "
        f"{rows_total['items_found']:4}/{rows_total['items_expected']:<4} "
        f"{rows_total['projects_found']:4}/{rows_total['projects_expected']:<4}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
