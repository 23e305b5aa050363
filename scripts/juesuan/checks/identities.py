"""Identities of the national template between the stated scalar facts.

Sums: total = Σ parts, each term a vocabulary fact. Bounds: a part that the
template defines as a subset of another can be at most that other —
授予中小企业合同金额 ≤ 政府采购支出总额, 授予小微企业合同金额 ≤ 授予中小企业合同金额
(small and micro firms are SMEs), and 机关运行经费 ≤ 公用经费: 机关运行经费 is
the 公用经费 of the administrative units (and units managed under the civil
servant law) within the department, so it equals 公用经费 for a purely
administrative department and is smaller when public-service units are included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from juesuan.checks.core import CheckResult, Meta, at_most_check, fact_term, sum_check
from juesuan.domain.vocabulary import EXPENDITURE_PARTS, REVENUE_PARTS, load_vocabulary
from juesuan.extract.facts import Fact


@dataclass(frozen=True)
class Identity:
    """lhs = sum(rhs) over vocabulary keys."""

    meta: Meta
    lhs: str
    rhs: tuple[str, ...]


def _identity(check_id: str, zh: str, en: str, lhs: str, *rhs: str) -> Identity:
    return Identity(Meta(check_id, "totals", zh, en), lhs, rhs)


IDENTITIES: tuple[Identity, ...] = (
    _identity(
        "revenue.grand_total.parts",
        "收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余",
        "Total revenue = revenue of the year + non-appropriation balance used + carry-over",
        "revenue.grand_total",
        "revenue.current_year",
        "revenue.non_fiscal_balance_used",
        "revenue.carryover_begin",
    ),
    _identity(
        "expenditure.grand_total.parts",
        "支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余",
        "Total expenditure = expenditure of the year + surplus distribution + carry-over",
        "expenditure.grand_total",
        "expenditure.current_year",
        "expenditure.surplus_distribution",
        "expenditure.carryover_end",
    ),
    _identity(
        "grand_total.balance",
        "收入总计 = 支出总计",
        "Total revenue = total expenditure",
        "revenue.grand_total",
        "expenditure.grand_total",
    ),
    _identity(
        "revenue.current_year.parts",
        "本年收入合计 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入"
        " + 附属单位上缴收入 + 其他收入",
        "Revenue of the year = appropriation + superior subsidy + service + business "
        "+ affiliate remittance + other",
        "revenue.current_year",
        *REVENUE_PARTS,
    ),
    _identity(
        "expenditure.current_year.parts",
        "本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出",
        "Expenditure of the year = basic + project + remittance + business + subsidies",
        "expenditure.current_year",
        *EXPENDITURE_PARTS,
    ),
    _identity(
        "fiscal.balance",
        "财政拨款收入总计 = 财政拨款支出总计",
        "Appropriation revenue total = appropriation expenditure total",
        "fiscal.revenue_total",
        "fiscal.expenditure_total",
    ),
    _identity(
        "gpb.basic.parts",
        "一般公共预算财政拨款基本支出 = 人员经费 + 公用经费",
        "GPB basic expenditure = personnel + public (office) expenses",
        "gpb.basic",
        "gpb.personnel",
        "gpb.public_funds",
    ),
    _identity(
        "procurement.total.parts",
        "政府采购支出总额 = 货物 + 工程 + 服务",
        "Procurement total = goods + works + services",
        "procurement.total",
        "procurement.goods",
        "procurement.works",
        "procurement.services",
    ),
)

# (check id, part, bound, zh, en)
BOUNDS: tuple[tuple[str, str, str, str, str], ...] = (
    (
        "procurement.sme.bound",
        "procurement.sme",
        "procurement.total",
        "授予中小企业合同金额 ≤ 政府采购支出总额",
        "Contracts to SMEs ≤ procurement total",
    ),
    (
        "procurement.small_micro.bound",
        "procurement.small_micro",
        "procurement.sme",
        "授予小微企业合同金额 ≤ 授予中小企业合同金额",
        "Contracts to small and micro firms ≤ contracts to SMEs",
    ),
    (
        "admin.operating_expenses.bound",
        "admin.operating_expenses",
        "gpb.public_funds",
        "机关运行经费 ≤ 公用经费（行政单位的公用经费即机关运行经费）",
        "Administrative operating expenses ≤ public (office) expenses",
    ),
)


def identity_checks(facts: Sequence[Fact]) -> list[CheckResult]:
    vocabulary = load_vocabulary()

    def term(key: str):
        return fact_term(facts, key, vocabulary[key].label_zh)

    results = [
        sum_check(identity.meta, term(identity.lhs), [term(k) for k in identity.rhs])
        for identity in IDENTITIES
    ]
    for check_id, part, bound, zh, en in BOUNDS:
        results.append(at_most_check(Meta(check_id, "bounds", zh, en), term(part), term(bound)))
    return results
