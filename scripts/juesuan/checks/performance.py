"""Performance self-evaluation tables: scores add up, execution rates are what the amounts say.

A project's 总分 is the 资金执行率 row's score plus every indicator's score. The
sum is only checked when the weights read add up to the template's 100 points:
fewer means an indicator row was not read, and a missing row must not look like
a contradiction in the disclosure.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from juesuan.checks.core import (
    CENT,
    CheckResult,
    Meta,
    Term,
    completion,
    not_checkable,
    percent_check,
    sum_check,
)
from juesuan.domain.amounts import format_decimal
from juesuan.extract.performance.tables import PerformanceIndicator, PerformanceProject

FULL_MARKS = Decimal(100)


def _indicator_term(indicator: PerformanceIndicator) -> Term:
    weight = format_decimal(indicator.weight) if indicator.weight is not None else "—"
    name = indicator.level3 or f"第{indicator.row}项指标"
    return Term(f"{name}（得分）", indicator.score, f"{name}｜分值 {weight}｜得分", "")


def score_check(
    project: PerformanceProject, indicators: Sequence[PerformanceIndicator]
) -> CheckResult:
    name = project.name or project.project_id
    meta = Meta(
        f"performance.{project.project_id}.score",
        "performance",
        f"{name}：总分 = 资金执行率得分 + 各指标得分",
        "Total score = funds score + indicator scores",
    )
    total = Term("总分", project.score, project.evidence)
    funds = Term("资金执行率得分", project.funds_score, project.evidence)
    parts = [funds, *(_indicator_term(i) for i in indicators)]
    if project.score is None:
        return not_checkable(meta, (total, *parts), "总分未列出 / total score not printed")
    weights = [i.weight for i in indicators] + [project.funds_weight]
    if None in weights or sum(w for w in weights if w is not None) != FULL_MARKS:
        shown = sum((w for w in weights if w is not None), Decimal(0))
        why = (
            f"读到的分值合计为{format_decimal(shown)}而非100，指标行可能未读全"
            f" / weights read sum to {format_decimal(shown)}"
        )
        return not_checkable(meta, (total, *parts), why)
    # Points are awarded, not measured: a printed score is exact, 0.01 allowed per score.
    return sum_check(meta, total, parts, rounding=lambda _: CENT)


def performance_checks(
    projects: Sequence[PerformanceProject], indicators: Sequence[PerformanceIndicator]
) -> list[CheckResult]:
    results = []
    for project in projects:
        name = project.name or project.project_id
        if project.execution_rate is not None:
            meta = Meta(
                f"performance.{project.project_id}.execution_rate",
                "performance",
                f"{name}：执行率 = 全年执行数 ÷ 全年预算数",
                "Execution rate = executed / full-year budget",
            )
            stated = Term("执行率（%）", project.execution_rate, project.evidence)
            budget = Term("全年预算数", project.full_year_budget, project.evidence)
            executed = Term("全年执行数", project.executed, project.evidence)
            results.append(percent_check(meta, stated, (budget, executed), completion))
        own = [i for i in indicators if i.project_id == project.project_id]
        if own:
            results.append(score_check(project, own))
    return results
