"""The lines that hold a word of elsewhere (附, 另, 单) are found from those characters.

`completeness._lines_with` must give exactly the lines of `str.splitlines(keepends=True)`
holding one of the characters, with their offsets: on the seeds, and on texts whose lines
also end at the other breaks splitlines knows (\\r, \\f, \\u2028), or whose last line has
no line end.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan.extract.completeness import _lines_with
from juesuan.read.normalize import normalize_text
from juesuan.read.source import read_source

SOURCES = sorted((Path(__file__).resolve().parents[2] / "sources").glob("*.txt"))
TEXTS = [
    "附件：决算公开表\n另行公开\n\n正文\n单独公开附表",  # the last line without an end
    "见附表\n\n",
    "第一行\f附后\u2028另附\r\n单独公开\n",
    "附",
    "",
    "没有这些字\n",
    *(normalize_text(read_source(p).text) for p in SOURCES),
]


def _reference(text: str, characters: str) -> list[tuple[int, str]]:
    out, offset = [], 0
    for line in text.splitlines(keepends=True):
        if any(c in line for c in characters):
            out.append((offset, line))
        offset += len(line)
    return out


@pytest.mark.parametrize("text", TEXTS, ids=lambda t: repr(t[:10]))
def test_the_lines_holding_a_character_are_those_splitlines_gives(text: str):
    assert list(_lines_with(text, "附另单")) == _reference(text, "附另单")


def test_the_seeds_hold_such_lines():
    assert any(_reference(t, "附另单") for t in TEXTS[6:])
