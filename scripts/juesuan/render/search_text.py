"""What the search index holds of a disclosure's figures: a term and its figure, one line each.

The tables of a disclosure page are kept out of the search index (most of their
text is labels every page repeats, and evidence sentences), so searching a figure's
name would not reach the figure. Instead, the sections that hold a figure carry a
few lines written for the index only — 机关运行经费 22.23 万元, 科普活动 79.00 万元,
“三公”经费合计 6.53 万元 — which the search plugin reads and `search_hook.py` removes
from the finished page (the section's table already shows the same figure). A
result then lists the section, and Material shows the matching line, figure
included, as its snippet.

Terms are marked (`juesuan-term`) so the hook can give the Chinese segmenter each
short name as one word: 行政运行 is then one search term, not 行政 + 运行.

Lean by design: at 5,000 disclosures every byte a disclosure adds to the index
is 5 MB the browser downloads and indexes before the first result. So only the
figures people search by name are here: the vocabulary facts in SEARCH_FACTS,
each expenditure item by its own name (not its class and kuan), the 三公
components, and each performance project by name (no figures).
"""

from __future__ import annotations

from dataclasses import dataclass

from juesuan.disclosure import Disclosure
from juesuan.domain.amounts import format_decimal
from juesuan.domain.sangong import COMPONENTS
from juesuan.domain.vocabulary import UNITS, load_vocabulary
from juesuan.render.escape import md

# Vocabulary facts searchable by name that no other indexed section shows.
SEARCH_FACTS = ("admin.operating_expenses", "procurement.total")
# 三公 components in the index: the total and the three kinds (not the vehicle split).
SEARCH_SANGONG = ("total", "abroad", "vehicle", "reception")

SEARCH_ONLY_CLASS = "juesuan-search-only"
TERM_CLASS = "juesuan-term"


@dataclass(frozen=True)
class SearchLine:
    """One line for the index: the name searched for and the figure shown with it."""

    term: str
    figure: str
    # Marked as one word for jieba (TERM_CLASS): short names only; a project's long name is
    # searched by its parts.
    marked: bool = True


def _amount(value: object) -> str:
    return f"{format_decimal(value)} 万元"


def fact_lines(d: Disclosure) -> list[SearchLine]:
    vocabulary = load_vocabulary()
    lines = []
    for key in SEARCH_FACTS:
        stated = [f for f in d.facts if f.key == key]
        if stated:
            values = " / ".join(format_decimal(f.value) for f in stated)
            lines.append(
                SearchLine(vocabulary[key].label_zh, f"{values} {UNITS[stated[0].unit].zh}")
            )
    return lines


def item_lines(d: Disclosure) -> list[SearchLine]:
    """Each item by its most specific name (项, else 款, else 类) with its amount."""
    lines: dict[SearchLine, None] = {}  # a class and its only item may share name and amount
    for item in d.expenditure_items:
        name = next((n for n in reversed(item.names) if n), None)
        if name and item.amount is not None:
            lines[SearchLine(name, _amount(item.amount))] = None
    return list(lines)


def sangong_lines(d: Disclosure) -> list[SearchLine]:
    """决算 (actual) first, the 预算 (budget) in brackets, as the 三公 table shows them."""
    values: dict[str, dict[str, list[str]]] = {}
    for r in d.sangong:
        if r.item in SEARCH_SANGONG:
            values.setdefault(r.item, {}).setdefault(r.phase, []).append(format_decimal(r.value))
    lines = []
    for item in SEARCH_SANGONG:
        if item not in values:
            continue
        actual = " / ".join(values[item].get("actual", [])) or "未读到"
        budget = " / ".join(values[item].get("budget", []))
        figure = f"{actual} 万元" + (f"（预算 {budget}）" if budget else "")
        label = COMPONENTS[item]
        lines.append(SearchLine(label, figure))
    return lines


def project_lines(d: Disclosure) -> list[SearchLine]:
    """Each performance project by name: its table is put into the page after indexing
    (render.fragments), as the other tables are, so the names are indexed from here."""
    names = dict.fromkeys(p.name or p.project_id for p in d.projects)
    return [SearchLine(name, "", marked=False) for name in names]


def search_only(lines: list[SearchLine]) -> str:
    """The lines as HTML for the index only (hidden; removed from the page after indexing).

    One paragraph a line: Material's snippet is the top-level blocks of a section's text
    that hold the words searched for, so each line is shown alone."""
    if not lines:
        return ""
    body = "".join(
        f'<p><span class="{TERM_CLASS}">{md(line.term)}</span> {md(line.figure)}</p>'
        if line.marked
        else f"<p>{md(' '.join(filter(None, (line.term, line.figure))))}</p>"
        for line in lines
    )
    return f'\n<div class="{SEARCH_ONLY_CLASS}" hidden>{body}</div>\n'


@dataclass(frozen=True)
class SearchLines:
    """A disclosure's lines for the index, by the section that holds them."""

    facts: list[SearchLine]
    items: list[SearchLine]
    sangong: list[SearchLine]
    projects: list[SearchLine]


def search_lines(d: Disclosure) -> SearchLines:
    return SearchLines(fact_lines(d), item_lines(d), sangong_lines(d), project_lines(d))
