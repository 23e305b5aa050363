"""The one-cell-per-line test of every line, made by one scan of the text, is the per-line one.

`read.tables` finds the lines that are one tab-indented cell (a Word export's table) by a
single regex scan of the whole text instead of a match per line; it must flag exactly the
lines the per-line test flags, at the first and last line, next to tab-separated rows and
around lines that are only tabs or spaces.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan.read.normalize import normalize_text
from juesuan.read.source import read_source
from juesuan.read.tables import _cell_flags, _is_cell_line, _lines

SOURCES = sorted((Path(__file__).resolve().parents[2] / "sources").glob("*.txt"))
EDGES = "\n".join(
    [
        "\t收入",  # a cell on the first line
        "\t123.45\t",  # a tab left after the cell
        "\t123.45 \t",  # a space before that tab: not a cell line
        "\t\t",
        "\t",
        "\ta\tb",  # two cells: a tab-separated row
        "a\tb\tc",
        "\t 合计\t \t",  # tabs and spaces left after the cell
        "正文，不是表格。",
        "",
        "\t最后一个",  # and on the last line, with no line end after it
    ]
)


@pytest.mark.parametrize(
    "text",
    [EDGES, EDGES + "\n", "\t", "", *(read_source(p).text for p in SOURCES)],
    ids=lambda t: repr(t[:12]),
)
def test_cell_lines_found_by_one_scan_are_those_of_the_per_line_test(text: str):
    text = normalize_text(text)
    lines = _lines(text)
    assert [offset for offset, _ in lines] == [
        sum(len(x) + 1 for x in text.split("\n")[:i]) for i in range(len(lines))
    ]
    assert _cell_flags(text, lines) == [_is_cell_line(line) for _, line in lines]


def test_the_edges_hold_cell_lines_and_others():
    flags = _cell_flags(EDGES, _lines(EDGES))
    assert flags == [True, True, False, False, True, False, False, True, False, False, True]
