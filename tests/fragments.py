"""Readers of text fragments shared by the fragment tests: facts by key, a whole conversion."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from juesuan.convert import convert_source
from juesuan.disclosure import Disclosure
from juesuan.extract.facts import extract_facts
from juesuan.read.normalize import normalize_text
from juesuan.read.sections import SectionIndex, find_sections
from juesuan.read.source import RawSource, Sidecar


def facts_of(text: str) -> dict[str, list[Decimal]]:
    """Every value the fact reader finds in `text`, by key, in the order it finds them."""
    text = normalize_text(text)
    out: dict[str, list[Decimal]] = {}
    for fact in extract_facts(text, SectionIndex(find_sections(text))):
        out.setdefault(fact.key, []).append(fact.value)
    return out


def fragment_disclosure(text: str, filename: str = "fragment.txt") -> Disclosure:
    """`text` converted as if it were a source file named `filename` with no sidecar."""
    raw = RawSource(
        path=Path(filename), sha256="0" * 64, encoding="utf-8", text=text, sidecar=Sidecar()
    )
    return convert_source(raw)
