"""Synthetic corpus for scale benchmarks: N disclosures made from the seeds.

Usage: .venv/bin/python benchmarks/corpus.py N [--out build/bench/corpus] [--seed 0]

Disclosure i is a copy of seed i mod 5 (so every layout the seeds use is represented
equally: Word export, Word with performance tables, PDF text with hard wraps, web page
with tab-separated 公开表) in which
- the department becomes <a real region> + <a department kind>; the region is drawn
  from cpca's gazetteer (the one the parser uses) and kept only if cpca reads that
  region back from the new name, so region detection works on it;
- the seed's region names (province, prefecture, county) become the new region's;
- every year written before 年 is shifted by the same number of years (fiscal years
  2021–2025), Chinese-numeral years (二〇二五年) too;
- every amount is multiplied by one integer factor k. Integers keep 2-decimal sums
  exact: if a = b + c to the cent, then k·a = k·b + k·c to the cent. A seed whose own
  sums are off by rounding (尾差) gets only factors that keep k·difference within the
  checker's rounding tolerance (k·difference ≤ tolerance), so a generated copy has the
  seed's check statuses.
  Amounts are the numbers printed before 万元/元/亿元 and the decimal cells of tables,
  except columns headed 得分/分值/权重/…率 and cells after a percentage in a row
  (scores); integer cells only in columns headed 预算数/执行数/决算数/金额/万元 (elsewhere
  they are scores, codes, row numbers and counts).
- the sidecar states the new department, year and region, as a maintainer would.

Deterministic: the same N and --seed give byte-identical files, and the first N of
N + 1 are the first N of N (so one disclosure can be added to a corpus). Never
writes under sources/.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import io
import itertools
import math
import random
import re
import sys
import warnings
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from juesuan.convert import convert_source
from juesuan.domain.amounts import MONEY_UNIT, NUMBER
from juesuan.read.normalize import normalize_text
from juesuan.read.source import read_source
from juesuan.read.tables import find_tables

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "sources"
DEFAULT_OUT = ROOT / "build" / "bench" / "corpus"
YEARS = tuple(range(2021, 2026))
MAX_FACTOR = 12
BODIES = (
    "科学技术协会",
    "科学技术局",
    "财政局",
    "教育局",
    "审计局",
    "统计局",
    "民政局",
    "农业农村局",
    "自然资源局",
    "文化和旅游局",
    "卫生健康委员会",
    "妇女联合会",
    "档案馆",
)
_MONEY = re.compile(f"({NUMBER})(?=\\s*{MONEY_UNIT}(?!\\s*(?:[（(]含[）)])?\\s*以[上下]))")
_CELL_NUMBER = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+")
_CELL_INTEGER = re.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)")
_MONEY_HEADER = re.compile(r"预算数|执行数|决算数|金额|万元")
_NOT_MONEY = re.compile(r"得分|分值|权重|分数|评分|总分|率|栏次|行次|序号|编码|代码|人数|编制")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?=\s*年)")
_ZH_DIGITS = "〇一二三四五六七八九"
_ZH_YEAR = re.compile(f"[{_ZH_DIGITS}零]{{4}}(?=年)")


@dataclass(frozen=True)
class Place:
    province: str
    prefecture: str
    county: str | None

    @property
    def prefix(self) -> str:
        return self.prefecture + (self.county or "")

    def names(self) -> tuple[str | None, str | None, str | None]:
        return (self.province, self.prefecture, self.county)


@dataclass(frozen=True)
class Seed:
    """A seed disclosure and where its amounts and years are, in raw-text offsets."""

    path: Path
    text: str
    sidecar: dict
    department: str
    place: Place
    year: int
    amounts: tuple[tuple[int, int], ...]
    years: tuple[tuple[int, int], ...]
    max_factor: int


@dataclass(frozen=True)
class Generated:
    path: Path
    seed: Path
    department: str
    place: Place
    year: int
    factor: int


def _raw_offsets(raw: str, norm: str) -> tuple[dict[int, int], dict[int, int]]:
    """Normalised → raw (span starts, span ends) for the characters normalisation kept.

    Lines are aligned first and characters only inside lines that differ, which keeps
    this fast on texts of 30,000 characters.
    """
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}

    def same(n_at: int, r_at: int, size: int) -> None:
        for i in range(size):
            starts[n_at + i] = r_at + i
            ends[n_at + i + 1] = r_at + i + 1

    raw_lines, norm_lines = raw.splitlines(keepends=True), norm.splitlines(keepends=True)
    r_off = [0, *itertools.accumulate(map(len, raw_lines))]
    n_off = [0, *itertools.accumulate(map(len, norm_lines))]
    lines = difflib.SequenceMatcher(None, raw_lines, norm_lines, autojunk=False)
    for tag, r0, r1, n0, n1 in lines.get_opcodes():
        if tag == "equal":
            same(n_off[n0], r_off[r0], r_off[r1] - r_off[r0])
            continue
        chars = difflib.SequenceMatcher(
            None, "".join(raw_lines[r0:r1]), "".join(norm_lines[n0:n1]), autojunk=False
        )
        for op, cr0, cr1, cn0, _ in chars.get_opcodes():
            if op == "equal":
                same(n_off[n0] + cn0, r_off[r0] + cr0, cr1 - cr0)
    return starts, ends


def _table_amounts(norm: str) -> list[tuple[int, int]]:
    """Decimal cells of tables, except score/rate columns and rows (aligned from the right,
    because merged label cells shift a row's left end, not its right end)."""
    spans = []
    # A table without a header row continues the one above (a blank line split it), so the
    # header's columns carry over until the next header row.
    excluded: set[int] = set()  # column positions counted from the row's end
    money: set[int] = set()  # columns whose header names an amount: integers count too
    for table in find_tables(norm):
        for row in table.rows:
            texts = [c.text.strip() for c in row]
            if sum(bool(t) for t in texts) >= 2 and not any(
                re.fullmatch(r"[\d.,%-]+", t) for t in texts
            ):
                excluded = {len(row) - i for i, t in enumerate(texts) if _NOT_MONEY.search(t)}
                money = {len(row) - i for i, t in enumerate(texts) if _MONEY_HEADER.search(t)}
                continue
            label = next((t for t in texts if t and not _CELL_NUMBER.fullmatch(t)), "")
            after_percent = bool(_NOT_MONEY.search(label))  # a row of scores or rates
            for i, cell in enumerate(row):
                after_percent = after_percent or "%" in cell.text
                if after_percent or len(row) - i in excluded:
                    continue
                m = _CELL_NUMBER.fullmatch(cell.text.strip())
                if m is None and len(row) - i in money:
                    m = _CELL_INTEGER.fullmatch(cell.text.strip())
                if m:
                    start = norm.index(m.group(0), cell.start, cell.end)
                    spans.append((start, start + len(m.group(0))))
    return spans


def _max_factor(raw_path: Path) -> int:
    """The largest k that keeps every rounding difference of the seed within its tolerance."""
    k = MAX_FACTOR
    for check in convert_source(read_source(raw_path)).checks:
        if check.status == "rounding" and check.difference and check.tolerance:
            k = min(k, math.floor(check.tolerance / abs(check.difference)))
    return max(k, 1)


@cache
def load_seed(path: Path) -> Seed:
    raw = read_source(path).text
    norm = normalize_text(raw)
    side = yaml.safe_load(path.with_suffix(".yml").read_text(encoding="utf-8"))
    starts, ends = _raw_offsets(raw, norm)
    money = {m.span(1) for m in _MONEY.finditer(norm)} | set(_table_amounts(norm))
    years = {m.span() for m in (*_YEAR.finditer(norm), *_ZH_YEAR.finditer(norm))}

    def mapped(spans: set[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
        ok = [(starts[a], ends[b]) for a, b in spans if a in starts and b in ends]
        return tuple(sorted(ok))

    region = side["region"]
    return Seed(
        path=path,
        text=raw,
        sidecar=side,
        department=side["department"],
        place=Place(region["province"], region["prefecture"], region.get("county")),
        year=int(side["fiscal_year"]),
        amounts=mapped(money),
        years=mapped(years),
        max_factor=_max_factor(path),
    )


@cache
def places() -> tuple[tuple[Place, ...], tuple[Place, ...]]:
    """(prefecture-level places, county-level places) of cpca's gazetteer, sorted."""
    text = resources.files("cpca.resources").joinpath("adcodes.csv").read_text("utf-8")
    names = {row["adcode"]: row["name"] for row in csv.DictReader(io.StringIO(text))}
    prefectures, counties = set(), set()
    for code, name in names.items():
        province = names.get(code[:2] + "0" * 10)
        prefecture = names.get(code[:4] + "0" * 8)
        if not province or not prefecture or code[2:4] == "00" or "直辖" in prefecture:
            continue
        if prefecture in {"市辖区", "县"} or prefecture == province:
            continue
        if code[4:6] == "00":
            prefectures.add(Place(province, prefecture, None))
        elif name not in {"市辖区", "县"}:
            counties.add(Place(province, prefecture, name))
    return _readable(sorted(prefectures, key=repr)), _readable(sorted(counties, key=repr))


def _readable(candidates: list[Place]) -> tuple[Place, ...]:
    """The places cpca reads back from "<place>财政局" (one batch: cpca is slow per call)."""
    import cpca

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = cpca.transform([p.prefix + "财政局" for p in candidates])
    rows = zip(found["省"], found["市"], found["区"], strict=True)
    return tuple(
        p
        for p, row in zip(candidates, rows, strict=True)
        if tuple(v if isinstance(v, str) and v else None for v in row) == p.names()
    )


def _body(seed: Seed) -> str:
    """The seed department without its region prefix (…）科学技术协会 → 科学技术协会)."""
    dept = seed.department
    cut = max(dept.rfind(n) + len(n) for n in seed.place.names() if n and n in dept)
    return dept[cut:].lstrip("）)") if cut > 0 else dept


def plan(n: int, seed_number: int = 0) -> list[tuple[Seed, str, Place, int, int]]:
    """(seed, department, place, year, factor) of disclosures 0..n-1."""
    seeds = [load_seed(p) for p in sorted(SEED_DIR.glob("*.txt"))]
    rng = random.Random(seed_number)
    used: set[tuple[str, Place, int]] = set()
    out = []
    prefectures, counties = places()
    for i in range(n):
        seed = seeds[i % len(seeds)]
        pool = counties if seed.place.county else prefectures
        while True:
            place = rng.choice(pool)
            body = rng.choice((_body(seed), *BODIES))
            year = rng.choice(YEARS)
            department = place.prefix + body
            key = (department, place, year)
            if key not in used:
                break
        used.add(key)
        out.append((seed, department, place, year, rng.randint(1, seed.max_factor)))
    return out


def _scaled(printed: str, factor: int) -> str:
    value = Decimal(printed.replace(",", "")) * factor
    return f"{value:,}" if "," in printed else f"{value}"


def _shift_year(printed: str, delta: int) -> str:
    if printed.isdigit() and printed.isascii():
        return str(int(printed) + delta)
    digits = "".join(str(_ZH_DIGITS.index(c)) if c in _ZH_DIGITS else "0" for c in printed)
    return "".join(_ZH_DIGITS[int(c)] for c in str(int(digits) + delta))


def render(seed: Seed, department: str, place: Place, year: int, factor: int) -> str:
    """The seed's text with new names, years and amounts; the layout is untouched."""
    edits: list[tuple[int, int, str]] = []
    for a, b in seed.amounts:
        edits.append((a, b, _scaled(seed.text[a:b], factor)))
    for a, b in seed.years:
        edits.append((a, b, _shift_year(seed.text[a:b], year - seed.year)))
    renames = {seed.department: department}
    for old, new in zip(seed.place.names(), place.names(), strict=True):
        if old and new:
            renames.setdefault(old, new)
    pattern = "|".join(
        r"\s*".join(map(re.escape, old)) for old in sorted(renames, key=len, reverse=True)
    )
    flat = {re.sub(r"\s+", "", k): v for k, v in renames.items()}
    for m in re.finditer(pattern, seed.text):
        breaks = "\n" * m.group(0).count("\n")  # a name wrapped over lines keeps its lines
        edits.append((m.start(), m.end(), flat[re.sub(r"\s+", "", m.group(0))] + breaks))
    out, at = [], 0
    for a, b, new in sorted(edits):
        if a < at:  # overlaps an earlier edit (cannot happen: names hold no digits)
            continue
        out.append(seed.text[at:a] + new)
        at = b
    return "".join(out) + seed.text[at:]


def _sidecar(seed: Seed, name: str, department: str, place: Place, year: int, k: int) -> str:
    side = dict(seed.sidecar)
    side.update(
        department=department,
        fiscal_year=year,
        region={"province": place.province, "prefecture": place.prefecture, "county": place.county},
        original_filename=name,
        source_url=None,
    )
    head = f"# Synthetic disclosure made from {seed.path.name} (amounts ×{k}); not real data.\n"
    return head + yaml.safe_dump(side, allow_unicode=True, sort_keys=False)


def generate(n: int, out: Path, seed_number: int = 0, start: int = 0) -> list[Generated]:
    """Write disclosures start..n-1 (text + sidecar) into `out`; return all n."""
    out = Path(out).resolve()
    if out == SEED_DIR.resolve() or SEED_DIR.resolve() in out.parents:
        raise ValueError(f"refusing to write synthetic disclosures under {SEED_DIR}")
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for i, (seed, department, place, year, k) in enumerate(plan(n, seed_number)):
        path = out / f"syn{i:05d}_{seed.path.name[:3]}.txt"
        if i >= start:
            path.write_bytes(render(seed, department, place, year, k).encode("utf-8"))
            sidecar = _sidecar(seed, path.name, department, place, year, k)
            path.with_suffix(".yml").write_text(sidecar, encoding="utf-8")
        made.append(Generated(path, seed.path, department, place, year, k))
    return made


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(description="Write N synthetic disclosures made from the seeds.")
    p.add_argument("n", type=int)
    p.add_argument("--out", type=Path, default=DEFAULT_OUT)
    p.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = p.parse_args(argv)
    made = generate(args.n, args.out, args.seed)
    print(f"{len(made)} disclosures in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
