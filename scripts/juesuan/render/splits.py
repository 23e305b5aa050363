"""How pages across disclosures are split: by fiscal year, by province, and into pages of rows.

A page listing every disclosure grows with N (6.4 MB for the comparison at N = 5,000) and
changes whenever any disclosure is added. Split by year and province (省级行政区, from the
disclosure's region metadata) and cut into pages of a bounded number of rows, a page stays
small at any N, and adding a disclosure changes only the pages of its year and province
and the national overviews.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from pypinyin import lazy_pinyin

from juesuan.disclosure import Disclosure

T = TypeVar("T")

UNKNOWN = "未知"
# Rows of a listing page; disclosures of a comparison page (five tables of them, ~1.5 KB of
# Markdown a disclosure, beside charts of at most CHART_TOP rows a choice). Both keep a page
# under 300 KB of HTML (tests/render/test_bounded_pages.py).
LISTING_ROWS = 200
COMPARE_ROWS = 50


def province(d: Disclosure) -> str:
    return d.meta.region.province or UNKNOWN


def year(d: Disclosure) -> str:
    return str(d.meta.fiscal_year or UNKNOWN)


def slug(name: str) -> str:
    """A stable ASCII address for a province or a year: pinyin and a short hash (山西 and
    陕西 are both shanxi)."""
    if name == UNKNOWN:
        return "unknown"
    if name.isascii() and name.isalnum():
        return name
    letters = "".join(lazy_pinyin(name, errors="ignore")).lower()
    letters = "".join(ch for ch in letters if ch.isascii() and ch.isalnum())[:24] or "x"
    return f"{letters}-{hashlib.sha1(name.encode()).hexdigest()[:4]}"


def groups(disclosures: Sequence[Disclosure], key: Callable[[Disclosure], str]) -> dict:
    """`disclosures` by `key`, keys sorted (an unknown one last), each list in input order."""
    out: dict[str, list[Disclosure]] = {}
    for d in disclosures:
        out.setdefault(key(d), []).append(d)
    return {k: out[k] for k in sorted(out, key=lambda k: (k == UNKNOWN, k))}


def by_year(disclosures: Sequence[Disclosure]) -> dict[str, list[Disclosure]]:
    """By fiscal year, the latest first (an unknown year last)."""
    out = groups(disclosures, year)
    return {k: out[k] for k in sorted(out, key=lambda k: (k != UNKNOWN, k), reverse=True)}


@dataclass(frozen=True)
class Paged:
    """One page of a split: its rows, its number, and the addresses of all its pages."""

    rows: list
    number: int
    paths: list[str]  # docs paths of every page of the split, first page first

    @property
    def path(self) -> str:
        return self.paths[self.number - 1]


def paginate(base: str, rows: Sequence[T], size: int) -> list[Paged]:
    """`rows` cut into pages of `size`: `base`.md, `base`-2.md, … (at least one page)."""
    chunks = [list(rows[i : i + size]) for i in range(0, len(rows), size)] or [[]]
    paths = [f"{base}.md" if n == 1 else f"{base}-{n}.md" for n in range(1, len(chunks) + 1)]
    return [Paged(chunk, n, paths) for n, chunk in enumerate(chunks, 1)]


def page_links(paged: Paged) -> str:
    """Markdown links to the other pages of a split ("" when it has one page)."""
    if len(paged.paths) == 1:
        return ""
    links = [
        f"**{n}**" if n == paged.number else f"[{n}]({_relative(paged.path, p)})"
        for n, p in enumerate(paged.paths, 1)
    ]
    return "分页 / Pages：" + " · ".join(links)


def _relative(here: str, there: str) -> str:
    """`there` relative to `here` (both docs paths in the same folder)."""
    return there.rsplit("/", 1)[-1]
