"""Read printed amounts: digits with thousands separators, and the unit printed after them.

Everything the portal publishes in money is in 万元 (10,000 yuan), the unit of
the national template; amounts printed in 元 or 亿元 are converted exactly with
Decimal, and the printed text stays in the evidence.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

# A number as printed: 8,065.31 / 658.30 / 0 / -39.18. No spaces between digits: in
# PDF exports a space between digits separates two table cells. A thousands separator
# may be followed by one space (1, 537.40万元: a web page's line fill), but only where
# exactly three digits and then a decimal point or a money unit follow, so that a pair
# of integers “1, 537人” is never one number. A space alone separates thousands
# (8 065.31万元, as another export tool prints) only in well-formed groups of three
# right before a money unit, which no pair of table cells is followed by.
NO_DIGIT_BEFORE = r"(?<![\d,.])"
_GROUPS = r"\d{1,3}(?:,\d{3})+"
_SPACED_GROUPS = r"\d{1,3}(?:, ?\d{3})+(?=\.\d|\s*(?:万|亿|元))"
_SPACE_GROUPS = r"\d{1,3}(?: \d{3})+(?=(?:\.\d+)?(?:万|亿|元))"
NUMBER = (
    NO_DIGIT_BEFORE
    + rf"-?(?:{_GROUPS}|{_SPACED_GROUPS}|{_SPACE_GROUPS}|\d+)(?:\.\d+)?(?![\d,.]*\d)"
)
# A number that must carry decimals, so that "X,Y" pairs are not read as thousands.
DECIMAL_NUMBER = NO_DIGIT_BEFORE + r"-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+"
# The money unit, possibly split by a hard line wrap (万\n元); 万 alone only where a
# mark ends the phrase (经营收入 0.00 万，为…), never before another word (万人次).
MONEY_UNIT = r"(?:万\s*元|亿\s*元|元|万(?=\s*[，,。；;、：:）)]))"

_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_SPACE_GROUPED = re.compile(r"-?\d{1,3}(?: \d{3})+(?:\.\d+)?")
_SCALE_TO_WAN = {
    "万元": Decimal(1),
    "万": Decimal(1),
    "元": Decimal("0.0001"),
    "亿元": Decimal(10000),
}


# The same few thousand printed numbers are read again and again (each amount by the
# extractors, the checks and the unreadable-amount notes); a Decimal is immutable.
@lru_cache(maxsize=16384)
def parse_number(printed: str) -> Decimal | None:
    """A printed number as Decimal, or None when it is not one unambiguous number."""
    cleaned = printed.replace(", ", ",").replace(",", "").strip()
    if _SPACE_GROUPED.fullmatch(cleaned):  # 8 065.31
        cleaned = cleaned.replace(" ", "")
    if not _PLAIN_NUMBER.fullmatch(cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the regex admits only valid literals
        return None


def to_wan_yuan(value: Decimal, printed_unit: str) -> Decimal:
    """Convert an amount in its printed money unit to 万元, exactly."""
    unit = "".join(printed_unit.split())
    result = value * _SCALE_TO_WAN[unit]
    # Decimal keeps trailing zeros of the scale factor (1.23450000); drop only those
    # the conversion added, never the printed precision of a 万元 amount.
    return result if unit in {"万元", "万"} else result.normalize()


def format_decimal(value: Decimal) -> str:
    """Plain positional notation (never 1E+1), stable across runs."""
    text = format(value, "f")
    return text.lstrip("-") if value == 0 else text


def budget_then_actual(*, lead: bool = True, actual_optional: bool = False) -> str:
    """The template's budget-then-actual pair, as a regex: “预算数X万元，决算数Y万元”.

    Its wordings: (支出)(全年)预算(数)(为|是)X万元，(支出)决算(数)(为|是)Y万元 — e.g.
    全年预算数6.53万元，决算数6.53万元 / 支出预算为2.60万元，支出决算为2.46万元. Named
    groups: budget, budget_unit, actual, actual_unit (read them with budget_and_actual).
    `lead`: the match may start before 预算 with 支出 / 全年 (after a label such as “三公”经费);
    without it the match starts at 预算. `actual_optional`: the budget alone matches too.
    """
    budget = (
        rf"预\s*算\s*(?:数\s*)?(?:为|是)?\s*(?P<budget>{NUMBER})\s*(?P<budget_unit>{MONEY_UNIT})"
    )
    actual = (
        rf"\s*[，,]\s*(?:支\s*出\s*)?决\s*算\s*(?:数\s*)?(?:为|是)?\s*"
        rf"(?P<actual>{NUMBER})\s*(?P<actual_unit>{MONEY_UNIT})"
    )
    head = r"(?:\s*支\s*出)?\s*(?:全\s*年)?\s*" if lead else ""
    return head + budget + (f"(?:{actual})?" if actual_optional else actual)


def budget_and_actual(match: re.Match[str]) -> tuple[Decimal | None, Decimal | None]:
    """(budget, actual) in 万元 from a match of budget_then_actual; None where not read."""
    found = []
    for group in ("budget", "actual"):
        printed = match.group(group)
        value = parse_number(printed) if printed is not None else None
        found.append(None if value is None else to_wan_yuan(value, match.group(f"{group}_unit")))
    return found[0], found[1]


def execution_rate(budget: Decimal | None, actual: Decimal | None) -> Decimal | None:
    """决算 as a percentage of 年初预算, half-up to one decimal (107.3); None without a
    budget, an actual, or when the budget is zero (no rate of nothing)."""
    if budget is None or actual is None or budget == 0:
        return None
    return (actual * 100 / budget).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
