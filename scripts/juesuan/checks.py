"""Check the template's accounting identities against the stated facts.

A disclosure that contradicts itself should say so on its page; a disclosure
we could not read fully must never look consistent. So a check whose terms are
not all stated (or are stated twice with different values) is `not_checkable`,
never `pass`. Amounts are printed to 0.01 万元, so a difference of at most
0.01 per summand is `rounding`, not `fail`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .facts import Fact

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Identity:
    """lhs = sum(rhs): one accounting identity of the national template."""

    check_id: str
    description_zh: str
    description_en: str
    lhs: str
    rhs: tuple[str, ...]


IDENTITIES: tuple[Identity, ...] = (
    Identity(
        "revenue.grand_total.parts",
        "收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余",
        "Total revenue = revenue of the year + non-appropriation balance used + carry-over",
        "revenue.grand_total",
        ("revenue.current_year", "revenue.non_fiscal_balance_used", "revenue.carryover_begin"),
    ),
    Identity(
        "expenditure.grand_total.parts",
        "支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余",
        "Total expenditure = expenditure of the year + surplus distribution + carry-over",
        "expenditure.grand_total",
        (
            "expenditure.current_year",
            "expenditure.surplus_distribution",
            "expenditure.carryover_end",
        ),
    ),
    Identity(
        "grand_total.balance",
        "收入总计 = 支出总计",
        "Total revenue = total expenditure",
        "revenue.grand_total",
        ("expenditure.grand_total",),
    ),
    Identity(
        "expenditure.current_year.parts",
        "本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出",
        "Expenditure of the year = basic + project + remittance + business + subsidies",
        "expenditure.current_year",
        (
            "expenditure.basic",
            "expenditure.project",
            "expenditure.remit_superior",
            "expenditure.business",
            "expenditure.affiliate_subsidy",
        ),
    ),
)


@dataclass(frozen=True)
class CheckResult:
    check_id: str
    description_zh: str
    description_en: str
    status: str
    expected: Decimal | None
    actual: Decimal | None
    difference: Decimal | None
    terms: str


def _single_values(facts: list[Fact]) -> dict[str, list[Fact]]:
    by_key: dict[str, list[Fact]] = {}
    for fact in facts:
        by_key.setdefault(fact.key, []).append(fact)
    return by_key


def run_checks(facts: list[Fact]) -> list[CheckResult]:
    by_key = _single_values(facts)
    results = []
    for identity in IDENTITIES:
        notes, values = [], {}
        for key in (identity.lhs, *identity.rhs):
            found = by_key.get(key, [])
            if not found:
                notes.append(f"{key}: not stated")
            elif len(found) > 1:
                notes.append(f"{key}: conflicting values {', '.join(str(f.value) for f in found)}")
            else:
                values[key] = found[0].value
                notes.append(f"{key} = {found[0].value}")
        if len(values) < 1 + len(identity.rhs):
            results.append(
                CheckResult(
                    identity.check_id,
                    identity.description_zh,
                    identity.description_en,
                    "not_checkable",
                    values.get(identity.lhs),
                    None,
                    None,
                    "; ".join(notes),
                )
            )
            continue
        expected = values[identity.lhs]
        actual = sum((values[k] for k in identity.rhs), Decimal(0))
        difference = actual - expected
        if difference == 0:
            status = "pass"
        elif abs(difference) <= CENT * len(identity.rhs):
            status = "rounding"
        else:
            status = "fail"
        results.append(
            CheckResult(
                identity.check_id,
                identity.description_zh,
                identity.description_en,
                status,
                expected,
                actual,
                difference,
                "; ".join(notes),
            )
        )
    return results
