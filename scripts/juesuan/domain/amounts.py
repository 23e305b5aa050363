"""Read printed amounts: digits with thousands separators, and the unit printed after them.

Everything the portal publishes in money is in 万元 (10,000 yuan), the unit of
the national template; amounts printed in 元 or 亿元 are converted exactly with
Decimal, and the printed text stays in the evidence.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# A number as printed: 8,065.31 / 658.30 / 0 / -39.18. No spaces inside: in
# PDF exports a space between digits separates two table cells.
NO_DIGIT_BEFORE = r"(?<![\d,.])"
NUMBER = NO_DIGIT_BEFORE + r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d,.]*\d)"
# A number that must carry decimals, so that "X,Y" pairs are not read as thousands.
DECIMAL_NUMBER = NO_DIGIT_BEFORE + r"-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+"
# The money unit, possibly split by a hard line wrap (万\n元).
MONEY_UNIT = r"(?:万\s*元|亿\s*元|元)"

_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_SPACE = re.compile(r"\s+")
_SCALE_TO_WAN = {"万元": Decimal(1), "元": Decimal("0.0001"), "亿元": Decimal(10000)}


def parse_number(printed: str) -> Decimal | None:
    """A printed number as Decimal, or None when it is not one unambiguous number."""
    cleaned = printed.replace(",", "").strip()
    if not _PLAIN_NUMBER.fullmatch(cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the regex admits only valid literals
        return None


def to_wan_yuan(value: Decimal, printed_unit: str) -> Decimal:
    """Convert an amount in its printed money unit to 万元, exactly."""
    unit = _SPACE.sub("", printed_unit)
    result = value * _SCALE_TO_WAN[unit]
    # Decimal keeps trailing zeros of the scale factor (1.23450000); drop only those
    # the conversion added, never the printed precision of a 万元 amount.
    return result if unit == "万元" else result.normalize()


def format_decimal(value: Decimal) -> str:
    """Plain positional notation (never 1E+1), stable across runs."""
    text = format(value, "f")
    return text.lstrip("-") if value == 0 else text
