"""The converter on the real 决算 PDFs, scored against the hand-read expectations.

Usage: PYTHONPATH=scripts .venv/bin/python benchmarks/originals.py [DIR] [-v]
DIR defaults to /work/shared/originals. For each 决算 PDF with a hand-read file in
tests/expected/originals/, prints facts (keys expected / read / correct / wrong values),
expenditure_by_function rows of the 一般公共预算财政拨款支出决算表, rows of the 基本支出
决算表, 三公 cells and counts, contradictions found, and the seconds (and per page) from
bytes to a checked Disclosure. -v lists what was missed and what was wrong. Exit status
is 0 whatever the numbers: this measures, it does not judge.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))

from juesuan.read.source import SourceError  # noqa: E402
from read.originals import EXPECTED, ORIGINALS, convert_pdf, score  # noqa: E402


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("-")]
    verbose = "-v" in argv
    folder = Path(args[0]) if args else ORIGINALS
    header = (
        f"{'file':<38} {'facts exp/read/ok/wrong':>24} {'fn rows exp/read/ok':>20} "
        f"{'econ exp/read/ok':>17} {'三公 exp/read/ok':>16} {'contra':>7} {'s':>6} {'s/page':>7}"
    )
    print(header)
    for expected in sorted(EXPECTED.glob("*.yaml")):
        pdf = folder / f"{expected.stem}.pdf"
        if not pdf.exists():
            print(f"{expected.stem:<38} (PDF absent)")
            continue
        start = time.perf_counter()
        disclosure = convert_pdf(pdf)
        seconds = time.perf_counter() - start
        pages = len(disclosure.source.layout.pages) if disclosure.source.layout else 1
        s = score(pdf, disclosure)
        print(
            f"{s.name:<38} "
            f"{f'{s.facts_expected}/{s.facts_read}/{s.facts_correct}/{s.wrong}':>24} "
            f"{f'{s.items_expected}/{s.items_read}/{s.items_correct}':>20} "
            f"{f'{s.economic_expected}/{s.economic_read}/{s.economic_correct}':>17} "
            f"{f'{s.sangong_expected}/{s.sangong_read}/{s.sangong_correct}':>16} "
            f"{f'{s.contradictions_found}/{s.contradictions_expected}':>7} "
            f"{seconds:>6.2f} {seconds / pages:>7.3f}"
        )
        if verbose:
            for label, found in (
                ("missing keys", s.missing_keys),
                ("wrong facts", s.wrong_facts),
                ("unexpected facts", s.unexpected_facts),
                ("wrong items", s.wrong_items),
                ("wrong economic rows", s.wrong_economic),
                ("wrong 三公", s.wrong_sangong),
                ("contradictions missed", s.missed_contradictions),
            ):
                if found:
                    print(f"    {label}: " + "; ".join(found))
    _budgets(folder)
    return 0


def _budgets(folder: Path) -> None:
    """Every other PDF must come out as a budget, refused: none may publish actuals."""
    print(f"\n{'file':<42} {'outcome':<34} {'s':>6}")
    for pdf in sorted(folder.glob("*.pdf")):
        if (EXPECTED / f"{pdf.stem}.yaml").exists():
            continue
        start = time.perf_counter()
        try:
            d = convert_pdf(pdf)
            outcome = f"CONVERTED as {d.meta.document_kind} ({len(d.facts)} facts)"
        except SourceError as exc:
            outcome = "refused: budget" if "不是决算" in exc.problem else f"refused: {exc.problem}"
        print(f"{pdf.stem:<42} {outcome[:34]:<34} {time.perf_counter() - start:>6.2f}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
