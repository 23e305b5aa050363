"""Convert a real PDF as the pipeline does, and score it against the hand-read values.

Used by tests/extract/test_originals.py and benchmarks/originals.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

from juesuan.convert import convert_path
from juesuan.disclosure import Disclosure

ORIGINALS = Path(__file__).resolve().parents[3] / "shared" / "originals"
EXPECTED = Path(__file__).resolve().parent.parent / "expected" / "originals"


def convert_pdf(pdf: Path) -> Disclosure:
    """One real PDF through the pipeline's own path: sniffed, read, converted."""
    return convert_path(Path(pdf))


# ---- scoring against the hand-read expectations (tests/expected/originals/*.yaml) ----

_COMPONENTS = ("total", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation", "reception")


@dataclass
class Score:
    """What the converter read from one PDF, measured against the hand-read YAML."""

    name: str
    facts_expected: int = 0  # keys
    facts_read: int = 0  # keys with at least one emitted fact
    facts_correct: int = 0  # keys whose every emitted value is a hand-read statement
    wrong_facts: list[str] = field(default_factory=list)  # "key value" not stated by hand
    unexpected_facts: list[str] = field(default_factory=list)  # key the YAML does not list
    items_expected: int = 0
    items_read: int = 0
    items_correct: int = 0
    wrong_items: list[str] = field(default_factory=list)
    economic_expected: int = 0
    economic_read: int = 0
    economic_correct: int = 0
    wrong_economic: list[str] = field(default_factory=list)
    sangong_expected: int = 0
    sangong_read: int = 0
    sangong_correct: int = 0
    wrong_sangong: list[str] = field(default_factory=list)
    contradictions_expected: int = 0
    contradictions_found: int = 0
    missed_contradictions: list[str] = field(default_factory=list)
    missing_keys: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.facts_correct / self.facts_expected if self.facts_expected else 1.0

    @property
    def wrong(self) -> int:
        return len(self.wrong_facts) + len(self.unexpected_facts)


def _dec(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def expected_for(pdf: Path) -> dict:
    return yaml.safe_load((EXPECTED / f"{Path(pdf).stem}.yaml").read_text(encoding="utf-8"))


def score(pdf: Path, disclosure: Disclosure) -> Score:
    want = expected_for(pdf)
    s = Score(Path(pdf).stem)
    _score_facts(s, want, disclosure)
    _score_items(s, want, disclosure)
    _score_economic(s, want, disclosure)
    _score_sangong(s, want, disclosure)
    _score_contradictions(s, want, disclosure)
    return s


def _score_facts(s: Score, want: dict, d: Disclosure) -> None:
    stated = {k: {_dec(x["value"]) for x in v} for k, v in (want.get("facts") or {}).items()}
    emitted: dict[str, list[Decimal]] = {}
    for fact in d.facts:
        emitted.setdefault(fact.key, []).append(fact.value)
    s.facts_expected = len(stated)
    for key, values in emitted.items():
        if key not in stated:
            s.unexpected_facts += [f"{key} {v}" for v in values]
            continue
        s.facts_read += 1
        bad = [v for v in values if v not in stated[key]]
        s.wrong_facts += [f"{key} {v} (stated: {sorted(stated[key])})" for v in bad]
        if not bad:
            s.facts_correct += 1
    s.missing_keys = sorted(k for k in stated if k not in emitted)


def _score_items(s: Score, want: dict, d: Disclosure) -> None:
    rows = {r["code"]: r for r in want["expenditure_by_function"]["rows"]}
    s.items_expected = len(rows)
    for item in d.expenditure_items:
        if item.code is None or item.code_source != "printed":
            continue
        row = rows.get(item.code)
        if row is None:
            s.wrong_items.append(f"{item.code} {item.amount}: no such row")
            continue
        s.items_read += 1
        pairs = (
            ("合计", item.amount),
            ("基本支出", item.basic),
            ("项目支出", item.project),
        )
        bad = [f"{col} {got} ≠ {row[col]}" for col, got in pairs if got != _dec(row[col])]
        if bad:
            s.wrong_items.append(f"{item.code}: " + "; ".join(bad))
        else:
            s.items_correct += 1


def _score_economic(s: Score, want: dict, d: Disclosure) -> None:
    econ = want.get("expenditure_by_economic") or {}
    halves = [r for half in ("personnel", "public") for r in econ.get(half) or []]
    rows = {r["code"]: _dec(r["amount"]) for r in halves}
    s.economic_expected = len(rows)
    for row in d.economic:
        if row.code not in rows:
            s.wrong_economic.append(f"{row.code} {row.amount}: no such row")
            continue
        s.economic_read += 1
        if row.amount == rows[row.code]:
            s.economic_correct += 1
        else:
            s.wrong_economic.append(f"{row.code} {row.amount} ≠ {rows[row.code]}")


def _score_sangong(s: Score, want: dict, d: Disclosure) -> None:
    table = want["sangong"]
    expected: dict[tuple[str, str], Decimal] = {}
    for component in _COMPONENTS:
        for phase in ("budget", "actual"):
            if (value := _dec(table[component][phase])) is not None:
                expected[(component, phase)] = value
    for count, value in (table.get("counts") or {}).items():
        if value is not None and not count.startswith("foreign"):
            expected[(count, "actual")] = _dec(value)
    s.sangong_expected = len(expected)
    seen: set[tuple[str, str]] = set()
    for row in d.sangong:
        key = (row.item, row.phase)
        if key not in expected:
            s.wrong_sangong.append(f"{row.item}/{row.phase} {row.value}: not printed")
        elif row.value != expected[key]:
            s.wrong_sangong.append(f"{row.item}/{row.phase} {row.value} ≠ {expected[key]}")
        else:
            seen.add(key)
    s.sangong_read = len({(r.item, r.phase) for r in d.sangong} & set(expected))
    s.sangong_correct = len(seen)


def _score_contradictions(s: Score, want: dict, d: Disclosure) -> None:
    entries = want.get("contradictions") or []
    s.contradictions_expected = len(entries)
    for entry in entries:
        key = entry["key"]
        if key.startswith("expenditure_by_function"):
            code = key.split()[1]
            found = any(
                c.status == "fail" and any(t.key == code for t in c.terms) for c in d.checks
            )
        else:
            flagged = [f for f in d.facts if f.key == key and f.conflict]
            failed = any(
                c.status == "fail" and any(t.key == key for t in c.terms) for c in d.checks
            )
            found = len(flagged) >= 2 or failed
        if found:
            s.contradictions_found += 1
        else:
            s.missed_contradictions.append(key)
