"""Figures a disclosure states but that cannot be read: said so, never guessed.

A sentence may put garbage where the template puts an amount (收入总计1,2 34.5万元,
收入总计—万元), and a file cut off in transit may end in the middle of a number
(…总计\t741 of 741.64). Such places yield no value; this module finds them so
that the reading notes of the disclosure can name each one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from juesuan.domain.amounts import MONEY_UNIT, parse_number
from juesuan.extract.label_rules import PHRASE_START, QUALIFIER, RULES, fuzzy

# What stands where an amount belongs: digits with stray marks, or a lone dash/slash.
_PRINTED = r"(?P<printed>[\d,.，．—–\-/ ]*\d[\d,.，．—–\-/ ]*|[—–\-/－]+)"
# Tested first at every offset: a character _PRINTED can start with, then (one possessive
# scan) its characters and spaces up to a unit's first character. Every match has that shape,
# and without the test _PRINTED's runs backtrack at each offset of every run of figures.
_AHEAD = r"(?=[\d,.，．—–\-/ －][\d,.，．—–\-/ －\s]*+[万亿元])"
_AMOUNT = re.compile(rf"{_AHEAD}{_PRINTED}\s*(?:{MONEY_UNIT})")
# A number touching the end of a text with no line end after it may have lost digits.


def _loose(labels: tuple[str, ...]) -> re.Pattern[str]:
    label = "(?:" + "|".join(fuzzy(x) for x in sorted(labels, key=len, reverse=True)) + ")"
    return re.compile(rf"{PHRASE_START}{label}{QUALIFIER}{_PRINTED}\s*(?:{MONEY_UNIT})")


_LOOSE = tuple(
    (rule, _loose(rule.labels))
    for rule in RULES
    if rule.unit == "wan_yuan" and rule.labels != ("",)
)


def unreadable_amounts(text: str, section_titles_at: Callable[[int], str]) -> list[str]:
    """One note per template phrase whose amount is not one unambiguous number."""
    notes = []
    for bad in _AMOUNT.finditer(text):
        if parse_number(bad.group("printed").strip()) is not None:
            continue
        window = max(0, bad.start() - 120)
        for rule, pattern in _LOOSE:
            m = pattern.search(text, window, bad.end())
            if m is None or m.end() != bad.end():
                continue
            if rule.section is not None and rule.section not in section_titles_at(m.start()):
                continue
            printed = m.group("printed").strip()
            if parse_number(printed) is None:
                phrase = " ".join(m.group(0).split())
                notes.append(
                    f"“{phrase}”中的“{printed}”不是数字，未读取 / "
                    f"{rule.key} not read from “{phrase}”: “{printed}” is not a number"
                )
    return notes
