"""Layout changes a second export tool makes to the same disclosure, done to seed text.

Each function takes a text and returns the same disclosure as another tool would
export it: prose re-wrapped at 20–40 characters (breaks inside words, numbers and
units), amounts with thousands separators as spaces, page markers and blank lines
between lines (also inside one-cell-per-line tables), tabs as runs of spaces, all
digits full-width. A person reads the same figures in every one of them. The random
choices are seeded, so a failure is reproducible.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

_FULLWIDTH = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
_AMOUNT = re.compile(r"(?<![\d.,])(\d{4,})(?=(?:\.\d+)?万?元)")
_WIDTH = (20, 40)


def rewrap(text: str, seed: int = 0) -> str:
    """Every prose line longer than 40 characters cut into pieces of 20–40 characters,
    wherever the cut falls; table rows (lines with a tab) stay whole."""
    rng = random.Random(seed)
    out = []
    for line in text.split("\n"):
        if "\t" in line or len(line) <= _WIDTH[1]:
            out.append(line)
            continue
        while len(line) > _WIDTH[1]:
            at = rng.randint(*_WIDTH)
            out.append(line[:at])
            line = line[at:]
        out.append(line)
    return "\n".join(out)


def _grouped(m: re.Match[str]) -> str:
    digits = m.group(1)
    head = len(digits) % 3 or 3
    return " ".join([digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)])


def space_thousands(text: str, seed: int = 0) -> str:
    """An amount of a thousand or more before 元/万元 printed with spaces: 8 065.31万元."""
    return _AMOUNT.sub(_grouped, text)


def page_markers(text: str, seed: int = 0) -> str:
    """A page footer every 30–50 lines (— 3 — or 第 3 页 共 N 页), with blank lines around it,
    wherever it falls: in prose, between table rows, between the cells of a row."""
    rng = random.Random(seed)
    lines = text.split("\n")
    pages = len(lines) // 30 + 1
    out, page, next_break = [], 1, rng.randint(30, 50)
    for i, line in enumerate(lines):
        out.append(line)
        if i == next_break:
            marker = f"—{page}—" if page % 2 else f"第 {page} 页 共 {pages} 页"
            out.extend(["", marker, ""])
            page += 1
            next_break += rng.randint(30, 50)
    return "\n".join(out)


def tabs_to_spaces(text: str, seed: int = 0) -> str:
    """Every tab a run of two to four spaces, as a tool that pads columns prints it."""
    rng = random.Random(seed)
    return re.sub("\t", lambda _: " " * rng.randint(2, 4), text)


def full_width_digits(text: str, seed: int = 0) -> str:
    """Every digit, decimal point and per-cent sign full-width."""
    return text.translate(_FULLWIDTH)


PERTURBATIONS: dict[str, Callable[[str, int], str]] = {
    "rewrap": rewrap,
    "space_thousands": space_thousands,
    "page_markers": page_markers,
    "tabs_to_spaces": tabs_to_spaces,
    "full_width_digits": full_width_digits,
}
