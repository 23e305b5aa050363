"""Facts with provenance: merge what the narrative and the tables state.

Every stated value is kept with the sentence or cell it came from. The same
value stated twice (narrative and table) is one fact with its first evidence;
two different values for one key are both kept and flagged as a conflict —
choosing one would be guessing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from juesuan.extract.narrative import Candidate, narrative_candidates
from juesuan.infra.by_fields import ByFields
from juesuan.read.sections import SectionIndex


@dataclass(frozen=True, slots=True)
class Fact(ByFields):
    """One stated value of a vocabulary key and where it was read."""

    key: str
    value: Decimal
    unit: str
    evidence: str
    section: tuple[str, ...]
    start: int
    end: int
    conflict: bool = False


# A line break between two non-ASCII characters (a wrapped Chinese line), with its spaces.
_WRAP = re.compile(r"(?<=[^\x00-\x7f])\s*\n\s*(?=[^\x00-\x7f])")


def evidence_at(text: str, start: int, end: int, limit: int = 160) -> str:
    """The sentence around [start, end), line wraps folded, as quoted on the site."""
    since = max(0, start - limit)
    left = max(text.rfind("。", since, start), text.rfind("；", since, start))
    left = max(left, text.rfind("\n", since, start))
    left = max(left + 1, start - limit, 0)
    stops = [i for i in (text.find(mark, end, end + limit) for mark in "。；") if i != -1]
    right = min(stops) + 1 if stops else min(len(text), end + limit)
    sentence = text[left:right]
    if "\n" in sentence:  # what every _WRAP match holds
        sentence = _WRAP.sub("", sentence)
    return " ".join(sentence.split())  # as re.sub(r"\s+", " ", …).strip(): the same spaces


def extract_facts(
    text: str,
    sections: SectionIndex,
    extra: Iterable[Candidate] = (),
    narrative: list[Candidate] | None = None,
) -> list[Fact]:
    """Every distinct stated value per key, first evidence kept; conflicts flagged.

    `extra` are candidates read elsewhere (tables), with their own offsets;
    `narrative` the narrative's candidates when the caller has read them already.
    """

    def titles_at(offset: int) -> str:
        return " ".join(sections.path_at(offset))

    if narrative is None:
        narrative = list(narrative_candidates(text, titles_at))
    candidates = [*narrative, *extra]
    seen: dict[tuple[str, Decimal], Fact] = {}
    for c in sorted(candidates, key=lambda c: (c.start, c.key)):
        if (c.key, c.value) in seen:
            continue
        seen[(c.key, c.value)] = Fact(
            key=c.key,
            value=c.value,
            unit=c.unit,
            evidence=c.evidence or evidence_at(text, c.start, c.end),
            section=sections.path_at(c.start),
            start=c.start,
            end=c.end,
        )
    values_per_key: dict[str, int] = {}
    for key, _ in seen:
        values_per_key[key] = values_per_key.get(key, 0) + 1
    return [
        replace(fact, conflict=values_per_key[fact.key] > 1)
        for fact in sorted(seen.values(), key=lambda f: (f.start, f.key))
    ]
