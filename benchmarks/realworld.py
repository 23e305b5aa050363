"""The converter on real excerpts it was not built from: ../shared/realworld, scored.

Usage: .venv/bin/python benchmarks/realworld.py [DIR] [-v]
DIR defaults to ../shared/realworld (texts/wNN.txt and gold/wNN.json, values read by
hand). Per excerpt and overall: facts expected, found (keys with a value), correct,
wrong (a stated key with another value), extra (a key the person did not record: an
unverified value, counted against precision), precision, recall, and the refused
excerpts with their reason. -v lists what was missed, wrong and extra. Exit status is 0
whatever the numbers: this measures, it does not judge.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from juesuan.convert import convert_path  # noqa: E402
from juesuan.read.source import SourceError  # noqa: E402

REALWORLD = ROOT.parent / "shared" / "realworld"


def score(text: Path, gold: dict) -> dict:
    expected = {k: Decimal(str(v)) for k, v in gold["facts"].items()}
    try:
        d = convert_path(text)
    except SourceError as exc:
        return {"refused": exc.problem, "expected": len(expected), "missed": sorted(expected)}
    read: dict[str, set[Decimal]] = {}
    for f in d.facts:
        read.setdefault(f.key, set()).add(Decimal(f.value))
    correct = [k for k, v in expected.items() if read.get(k) == {v}]
    wrong = [
        f"{k}={sorted(map(str, read[k]))} (gold {v})"
        for k, v in expected.items()
        if k in read and read[k] != {v}
    ]
    extra = [f"{k}={sorted(map(str, vs))}" for k, vs in read.items() if k not in expected]
    missed = [k for k in expected if k not in read]
    return {
        "expected": len(expected),
        "found": len(read),
        "correct": len(correct),
        "wrong": wrong,
        "extra": extra,
        "missed": missed,
        "kind": d.meta.document_kind,
    }


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [a for a in argv if not a.startswith("-")]
    folder = Path(args[0]) if args else REALWORLD
    if not (folder / "gold").is_dir():
        print(f"{folder}: no gold/ folder (../shared absent): nothing to score")
        return 0
    print(
        f"{'id':<5} {'exp':>4} {'found':>5} {'ok':>4} {'wrong':>5} {'extra':>5}  {'P':>6} {'R':>6}"
    )
    total = {"expected": 0, "found": 0, "correct": 0, "wrong": 0, "extra": 0}
    refused = []
    for gold_path in sorted((folder / "gold").glob("*.json")):
        name = gold_path.stem
        s = score(folder / "texts" / f"{name}.txt", json.loads(gold_path.read_text("utf-8")))
        total["expected"] += s["expected"]
        if "refused" in s:
            refused.append((name, s["refused"]))
            print(f"{name:<5} {s['expected']:>4}  REFUSED: {s['refused'][:70]}")
            continue
        wrong, extra = len(s["wrong"]), len(s["extra"])
        for key in ("found", "correct"):
            total[key] += s[key]
        total["wrong"] += wrong
        total["extra"] += extra
        emitted = s["correct"] + wrong + extra
        p = s["correct"] / emitted if emitted else 1.0
        r = s["correct"] / s["expected"] if s["expected"] else 1.0
        print(
            f"{name:<5} {s['expected']:>4} {s['found']:>5} {s['correct']:>4} {wrong:>5} {extra:>5}"
            f"  {p:>6.1%} {r:>6.1%}"
        )
        if verbose:
            for label in ("missed", "wrong", "extra"):
                if s[label]:
                    print(f"      {label}: " + "; ".join(s[label]))
    emitted = total["correct"] + total["wrong"] + total["extra"]
    precision = total["correct"] / emitted if emitted else 1.0
    recall = total["correct"] / total["expected"] if total["expected"] else 1.0
    print(
        f"\nALL   {total['expected']:>4} {total['found']:>5} {total['correct']:>4} "
        f"{total['wrong']:>5} {total['extra']:>5}  {precision:>6.1%} {recall:>6.1%}"
        f"   refused {len(refused)}/{len(list((folder / 'gold').glob('*.json')))}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
