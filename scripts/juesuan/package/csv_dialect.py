"""Whether frictionless reads a CSV file in the dialect we write it in, decided fast.

frictionless's CSV parser sniffs each file's dialect from its first lines with
`csv.Sniffer().sniff(sample, ",\\t;|")`. The batch validator (validate_batch.py) merges
only files that sniff as plain comma-separated text, so it sniffs every file of every
package: a fifth of validating a package. Most of that is the sniffer's fallback,
`_guess_delimiter`, taken when no quoted field shows the delimiter (and the search for
one is skipped where the sample has no quote character at all): it counts each of the
127 ASCII characters on every line, in Python, but only the candidate delimiters can
come out of it. Its answer is a function of how often each candidate occurs on each
non-empty line, and of how often each is followed by a space on the first one; so it is
computed once per such profile (a few dozen across thousands of packages) by the
sniffer itself, and looked up for every other sample with the same profile. The rest of
`sniff` is run as it is.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

CANDIDATES = ",\t;|"  # the delimiters frictionless lets the sniffer choose from

_SNIFFER = csv.Sniffer()
# What sniff() does in two steps (CPython's csv module, 3.11 to 3.13); elsewhere, sniff().
_STEPWISE = hasattr(_SNIFFER, "_guess_quote_and_delimiter") and hasattr(
    _SNIFFER, "_guess_delimiter"
)

Profile = tuple[tuple[tuple[int, ...], ...], tuple[int, ...]]


def _profile(sample: str) -> Profile:
    """What `_guess_delimiter(sample, CANDIDATES)` depends on: the candidates' counts on each
    non-empty line (split as it splits), and of each followed by a space on the first."""
    lines = [line for line in sample.split("\n") if line]
    counts = tuple(tuple(line.count(c) for c in CANDIDATES) for line in lines)
    spaced = tuple(lines[0].count(f"{c} ") for c in CANDIDATES) if lines else ()
    return counts, spaced


_guessed: dict[Profile, tuple[str, bool]] = {}


def _guess_delimiter(sample: str) -> tuple[str, bool]:
    profile = _profile(sample)
    found = _guessed.get(profile)
    if found is None:
        found = _guessed[profile] = _SNIFFER._guess_delimiter(sample, CANDIDATES)
    return found


def _sniffed(sample: str) -> tuple[str, str, bool] | None:
    """(delimiter, quote character, skip initial space) as sniff() finds them; None where
    it raises csv.Error."""
    if not _STEPWISE:
        try:
            dialect = csv.Sniffer().sniff(sample, CANDIDATES)
        except csv.Error:
            return None
        return dialect.delimiter, dialect.quotechar, bool(dialect.skipinitialspace)
    if '"' in sample or "'" in sample:
        quotechar, _, delimiter, skip = _SNIFFER._guess_quote_and_delimiter(sample, CANDIDATES)
    else:  # each of its patterns needs a quote character: it finds nothing
        quotechar, delimiter, skip = "", None, False
    if not delimiter:
        delimiter, skip = _guess_delimiter(sample)
    if not delimiter:
        return None
    return delimiter, quotechar or '"', bool(skip)


@lru_cache(maxsize=64)  # the vocabulary, and often other files, repeat byte for byte
def read_as_written(sample: str) -> bool:
    """Whether frictionless's CSV parser, which sniffs the dialect from this sample, reads
    the file as package.py writes it: comma-separated, double quotes, no initial-space
    skipping (a sniffed dialect has no escape character)."""
    found = _sniffed(sample)
    if found is None:
        return True  # frictionless falls back to the excel dialect: comma, double quote
    delimiter, quotechar, skip = found
    return delimiter == "," and quotechar in {'"', "'"} and not skip  # ' is read as "


# frictionless's CSV parser sniffs a file's dialect from its first lines, this many
SNIFF_LINES = 100


def file_read_as_written(path: Path) -> bool:
    """read_as_written of the lines frictionless would sniff from the file at `path`."""
    with open(path, encoding="utf-8", newline="") as handle:
        sample = "".join(line for _, line in zip(range(SNIFF_LINES), handle, strict=False))
    return read_as_written(sample)
