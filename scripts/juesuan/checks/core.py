"""What a check is, and how stated and computed values are compared.

A disclosure that contradicts itself should say so on its page; a disclosure we
could not read fully must never look consistent. So a check with a term that is
not stated (or stated twice with different values) is `not_checkable`, never
`pass`. Every check keeps each term with its value and the sentence or cell it
was read from, so a reader can redo the arithmetic from the source.

Rounding. Printed amounts are rounded. Each stated amount may be off by its own
rounding: 0.01 万元 when printed to two decimals or finer (the template's
precision; twice the half-unit, because a printed total is itself a sum of
rounded values), half a unit of the last printed digit when printed coarser
(97.6 → 0.05, 30 → 0.5). A sum or comparison is `rounding` when the difference
is within the rounding of all its terms, both sides counted. A printed percentage
p with d decimals stands for [p − ½·10⁻ᵈ, p + ½·10⁻ᵈ]: the check is `pass` when
the ratio of the printed amounts lies in that interval, `rounding` when it does
not but some amounts within their own rounding give a ratio in it, else `fail`.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Protocol

from juesuan.domain.amounts import format_decimal
from juesuan.domain.check_status import CheckStatus
from juesuan.extract.facts import Fact
from juesuan.infra.by_fields import ByFields

CENT = Decimal("0.01")
NOT_STATED = "未读到 / not stated"
HUNDRED = Decimal(100)
STATUSES = tuple(CheckStatus)


@dataclass(frozen=True, slots=True)
class Term(ByFields):
    """One value a check uses: what it is, its value (None: not read), where it was printed."""

    name: str
    value: Decimal | None
    evidence: str
    key: str = ""

    @property
    def stated(self) -> bool:
        """False when the text does not state it at all (a conflict is stated)."""
        return self.value is not None or self.evidence != NOT_STATED

    def as_json(self) -> dict[str, str | None]:
        value = None if self.value is None else format_decimal(self.value)
        return {"name": self.name, "key": self.key, "value": value, "evidence": self.evidence}


@dataclass(frozen=True, slots=True)
class CheckResult(ByFields):
    """One check's outcome.

    expected is the stated value, actual what the other terms give, difference = actual − expected.
    """

    check_id: str
    family: str
    description_zh: str
    description_en: str
    status: CheckStatus
    expected: Decimal | None
    actual: Decimal | None
    difference: Decimal | None
    tolerance: Decimal | None
    terms: tuple[Term, ...]
    note: str = ""

    @property
    def terms_json(self) -> str:
        return json.dumps(
            [t.as_json() for t in self.terms], ensure_ascii=False, separators=(",", ":")
        )


def amount_rounding(value: Decimal) -> Decimal:
    """How far a printed amount may be from the true one (see the module docstring)."""
    exponent = value.as_tuple().exponent
    half = Decimal(5).scaleb(exponent - 1) if isinstance(exponent, int) else CENT
    return max(CENT, half)


def percent_half_unit(value: Decimal) -> Decimal:
    exponent = value.as_tuple().exponent
    return Decimal(5).scaleb(exponent - 1) if isinstance(exponent, int) else Decimal("0.005")


class Stated(Protocol):
    """A value read with its evidence (a fact, a 三公 row)."""

    @property
    def value(self) -> Decimal: ...

    @property
    def evidence(self) -> str: ...


def stated_term(name: str, found: Sequence[Stated], key: str) -> Term:
    """The one value `found` states; none, or two different ones, give value None."""
    if not found:
        return Term(name, None, NOT_STATED, key)
    if len(found) > 1:
        shown = "; ".join(f"{format_decimal(f.value)}（{f.evidence}）" for f in found)
        return Term(name, None, f"数值冲突 / conflicting values: {shown}", key)
    return Term(name, found[0].value, found[0].evidence, key)


def fact_term(facts: Sequence[Fact], key: str, name: str) -> Term:
    """The one stated value of `key`; a missing or contradicted value has value None."""
    return stated_term(name, [f for f in facts if f.key == key], key)


@dataclass(frozen=True)
class Meta:
    """The identifying text of one check."""

    check_id: str
    family: str
    zh: str
    en: str


def outcome(
    meta: Meta,
    status: CheckStatus,
    expected: Decimal | None,
    actual: Decimal | None,
    difference: Decimal | None,
    tolerance: Decimal | None,
    terms: Sequence[Term],
    note: str = "",
) -> CheckResult:
    """The result of the check that `meta` identifies."""
    return CheckResult(
        meta.check_id,
        meta.family,
        meta.zh,
        meta.en,
        status,
        expected,
        actual,
        difference,
        tolerance,
        tuple(terms),
        note,
    )


def not_checkable(meta: Meta, terms: Sequence[Term], note: str = "") -> CheckResult:
    missing = [t.name for t in terms if t.value is None]
    why = note or ("未读到或数值冲突：" + "、".join(missing) if missing else "")
    return outcome(meta, CheckStatus.NOT_CHECKABLE, None, None, None, None, terms, why)


def sum_check(
    meta: Meta,
    total: Term,
    parts: Sequence[Term],
    note: str = "",
    rounding: Callable[[Decimal], Decimal] = lambda value: amount_rounding(value),
) -> CheckResult:
    """total = Σ parts; `rounding` is how far one printed term may be off."""
    terms = (total, *parts)
    if any(t.value is None for t in terms):
        return not_checkable(meta, terms)
    expected = total.value
    actual = sum((p.value for p in parts if p.value is not None), Decimal(0))
    tolerance = sum((rounding(t.value) for t in terms if t.value is not None), Decimal(0))
    assert expected is not None
    difference = actual - expected
    status = (
        CheckStatus.PASS
        if difference == 0
        else CheckStatus.ROUNDING
        if abs(difference) <= tolerance
        else CheckStatus.FAIL
    )
    return outcome(meta, status, expected, actual, difference, tolerance, terms, note)


def at_most_check(meta: Meta, part: Term, bound: Term, note: str = "") -> CheckResult:
    """part ≤ bound: pass when it holds as printed, rounding when it holds within rounding.

    expected is the bound, actual the part, difference = part − bound (≤ 0 when it holds).
    """
    if part.value is None or bound.value is None:
        return not_checkable(meta, (part, bound))
    difference = part.value - bound.value
    tolerance = amount_rounding(part.value) + amount_rounding(bound.value)
    status = (
        CheckStatus.PASS
        if difference <= 0
        else CheckStatus.ROUNDING
        if difference <= tolerance
        else CheckStatus.FAIL
    )
    return outcome(
        meta, status, bound.value, part.value, difference, tolerance, (part, bound), note
    )


def _ratio_range(
    formula: Callable[..., Decimal], values: Sequence[Decimal]
) -> tuple[Decimal, Decimal] | None:
    """Smallest and largest value of a formula monotone in each argument, over the rounding box."""
    corners = itertools.product(*((v - amount_rounding(v), v + amount_rounding(v)) for v in values))
    results = []
    for corner in corners:
        try:
            results.append(formula(*corner))
        except ArithmeticError:
            return None
    return min(results), max(results)


def percent_check(
    meta: Meta,
    stated: Term,
    inputs: Sequence[Term],
    formula: Callable[..., Decimal],
    note: str = "",
) -> CheckResult:
    """A printed percentage against `formula(*inputs)`, in percent.

    A zero base makes a rate undefined: 0 of 0 printed as 0% is the template's way of
    saying "no difference" and passes; any other rate over a zero base is not checkable.
    """
    terms = (stated, *inputs)
    if any(t.value is None for t in terms):
        return not_checkable(meta, terms)
    values = [t.value for t in inputs if t.value is not None]
    printed = stated.value
    assert printed is not None
    half = percent_half_unit(printed)
    try:
        actual = formula(*values)
    except ArithmeticError:
        if printed == 0 and all(v == 0 for v in values):
            zero = Decimal(0)
            return outcome(
                meta, CheckStatus.PASS, printed, zero, zero - printed, half, terms, "0/0：无差异"
            )
        return not_checkable(meta, terms, "基数为0，比率无定义 / base is zero, rate undefined")
    actual = actual.quantize(Decimal("0.0001"))
    if abs(actual - printed) <= half:
        status = CheckStatus.PASS
    else:
        span = _ratio_range(formula, values)
        overlaps = span is not None and span[0] <= printed + half and span[1] >= printed - half
        status = CheckStatus.ROUNDING if overlaps else CheckStatus.FAIL
    return outcome(meta, status, printed, actual, actual - printed, half, terms, note)


def share(part: Decimal, whole: Decimal) -> Decimal:
    return HUNDRED * part / whole


def change_rate(change: Decimal, current: Decimal) -> Decimal:
    """Growth in percent from the signed change and this year's amount.

    Last year's amount is current − change.
    """
    return HUNDRED * change / (current - change)


def budget_deviation(budget: Decimal, actual: Decimal) -> Decimal:
    """预决算差异率: (决算 − 预算) / 预算."""
    return HUNDRED * (actual - budget) / budget


def completion(budget: Decimal, actual: Decimal) -> Decimal:
    """完成预算的 / 执行率: 决算 / 预算."""
    return HUNDRED * actual / budget


def unique_ids(results: Sequence[CheckResult]) -> list[CheckResult]:
    """Stable, unique ids: a repeated id gets #2, #3 … in document order."""
    seen: dict[str, int] = {}
    out = []
    for result in results:
        seen[result.check_id] = seen.get(result.check_id, 0) + 1
        n = seen[result.check_id]
        out.append(result if n == 1 else replace(result, check_id=f"{result.check_id}#{n}"))
    return out
