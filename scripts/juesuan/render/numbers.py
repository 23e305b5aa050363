"""Numbers as a reader sees them on the pages: 8,065.31, as the sources print them.

Display only: the CSVs and JSON keep plain numbers (domain.amounts.format_decimal).
Amounts and percentages get thousands separators and at least two decimals (a value
read with more, e.g. converted from 元, keeps them); counts (人, 个, 辆 …) are whole
numbers with separators.
"""

from __future__ import annotations

from decimal import Decimal

from juesuan.domain.amounts import format_decimal

# Units whose values are counts, not amounts (domain.vocabulary.UNITS codes).
COUNT_UNITS = frozenset({"person", "count", "vehicle", "unit"})
# Units printed with their own precision (a score of 99.8 is not 99.80).
AS_PRINTED_UNITS = frozenset({"score", "square_metre"})


def amount(value: Decimal | None) -> str:
    """8065.31 → 8,065.31; 0 → 0.00; 1.2345 → 1.2345; None → ""."""
    if value is None:
        return ""
    exponent = value.as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    text = f"{value:,.{places}f}"
    return text.lstrip("-") if value == 0 else text


def count(value: Decimal | None) -> str:
    """1234 → 1,234; a count printed with decimals keeps them."""
    if value is None:
        return ""
    if value == value.to_integral_value():
        return f"{value.to_integral_value():,f}"
    return f"{value:,f}"


def as_printed(value: Decimal | None) -> str:
    """Thousands separators, the printed decimals unchanged (scores, areas)."""
    if value is None:
        return ""
    text = format_decimal(value)
    whole, dot, decimals = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    return f"{sign}{int(whole.lstrip('-')):,}{dot}{decimals}"


def in_unit(value: Decimal | None, unit: str) -> str:
    """A value of the vocabulary unit `unit` (wan_yuan, person, score …)."""
    if unit in COUNT_UNITS:
        return count(value)
    if unit in AS_PRINTED_UNITS:
        return as_printed(value)
    return amount(value)
