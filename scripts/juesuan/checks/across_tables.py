"""Table against table: a functional class carries one amount in every table that prints it.

The template states each class's spending twice per scope (see extract.class_amounts):
the summary table (收入支出决算总表 / 财政拨款收入支出决算总表) and the table by
functional class (支出决算表 / 一般公共预算财政拨款支出决算表). The two are one
quantity copied into two tables, so, as for a figure restated in the narrative, no
rounding is allowed between amounts printed to the same precision: any difference is a
contradiction, reported as fail with both values and their cells. Only amounts printed
to different precisions may differ by half a unit of the coarser one (`rounding`).
Classes are matched by name, since the summary tables print no codes; a class one
table prints and the other leaves blank is not compared (a blank cell states nothing).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from juesuan.checks.core import CheckResult, Meta, Term, outcome
from juesuan.domain.amounts import format_decimal
from juesuan.domain.check_status import CheckStatus
from juesuan.extract.class_amounts import SCOPES, ClassAmount, class_amounts
from juesuan.read.tables import Table


def _tolerance(values: Sequence[Decimal]) -> Decimal:
    """0 when every amount is printed to the same precision, else the coarser half unit."""
    exponents = {v.as_tuple().exponent for v in values}
    if len(exponents) == 1 or not all(isinstance(e, int) for e in exponents):
        return Decimal(0)
    coarsest = max(e for e in exponents if isinstance(e, int))
    return Decimal(5).scaleb(coarsest - 1)


def _check(scope: str, name: str, stated: Sequence[ClassAmount]) -> CheckResult:
    code = next((s.code for s in stated if s.code), None)
    subject = f"{code} {name}" if code else name
    zh, en = SCOPES[scope]
    meta = Meta(
        f"functional.tables.{code or name}.{scope}",
        "functional",
        f"{subject}：{zh}在{stated[0].table}与{stated[-1].table}中所列一致",
        f"{code or name}: the class amount ({en}) is the same in every table that prints it",
    )
    terms = [Term(f"{subject}（{s.table}）", s.value, s.evidence, code or "") for s in stated]
    expected = stated[0].value
    differing = [s.value for s in stated if s.value != expected]
    actual = differing[0] if differing else expected
    difference = actual - expected
    tolerance = _tolerance([s.value for s in stated])
    spread = max(s.value for s in stated) - min(s.value for s in stated)
    status = (
        CheckStatus.PASS
        if spread == 0
        else CheckStatus.ROUNDING
        if spread <= tolerance
        else CheckStatus.FAIL
    )
    shown = sorted({format_decimal(s.value) for s in stated})
    note = "" if status == CheckStatus.PASS else "所列数值 / values stated: " + ", ".join(shown)
    return outcome(meta, status, expected, actual, difference, tolerance, terms, note)


def class_amount_checks(tables: Sequence[Table]) -> list[CheckResult]:
    """One check per class and scope that both tables of the scope print."""
    grouped: dict[tuple[str, str], list[ClassAmount]] = {}
    for stated in class_amounts(tables):
        grouped.setdefault((stated.scope, stated.name), []).append(stated)
    results = []
    for (scope, name), stated in grouped.items():
        if len({s.table for s in stated}) < 2:
            continue  # printed in one table only: nothing to compare
        ordered = sorted(stated, key=lambda s: s.code is not None)  # summary table first
        results.append(_check(scope, name, ordered))
    return results
