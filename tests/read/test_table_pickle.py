"""A table pickles as flat tuples of its cells' fields and comes back equal, boxes included.

The conversion cache stores every disclosure's tables; `Table.__reduce__` packs the cells
instead of pickling each one by itself, so a table read back must be the same table: same
rows of the same widths, cells with their text, offsets and PDF boxes.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from juesuan.read.layout import Box
from juesuan.read.normalize import normalize_text
from juesuan.read.source import read_source
from juesuan.read.tables import Cell, Table, find_tables

SEED = sorted((Path(__file__).resolve().parents[2] / "sources").glob("*.txt"))[3]


def test_the_tables_of_a_seed_come_back_equal():
    tables = find_tables(normalize_text(read_source(SEED).text))
    assert len(tables) >= 8  # seed 003 prints the template's tables
    back = pickle.loads(pickle.dumps(tables, pickle.HIGHEST_PROTOCOL))
    assert back == tables
    assert [[len(r) for r in t.rows] for t in back] == [[len(r) for r in t.rows] for t in tables]


def test_a_table_with_boxes_rows_of_several_widths_and_no_rows_comes_back_equal():
    box = Box(2, 10.5, 20.0, 30.25, 40.0)
    rows = ((Cell("合计", 0, 2, box), Cell("1.00", 3, 7, None)), (Cell("", 8, 8),), ())
    table = Table("收入支出决算表", "公开01表", "万元", "pdf", rows, 0, 8)
    back = pickle.loads(pickle.dumps(table, pickle.HIGHEST_PROTOCOL))
    assert back == table and back.rows[0][0].box == box and back.rows[0][1].box is None
    empty = Table("", None, None, "tsv", (), 0, 0)
    assert pickle.loads(pickle.dumps(empty)) == empty
