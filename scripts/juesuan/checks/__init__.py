"""Check a converted disclosure's arithmetic: every family of checks, in one list.

The families live in their own modules (checks_identities, checks_tables,
checks_stated_ratios, checks_restated, checks_performance); checks_core says
what the statuses mean and how rounding is allowed for. The result goes into
the `checks` resource of the data package and the page's checks section.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from juesuan.checks.across_tables import class_amount_checks
from juesuan.checks.core import STATUSES, CheckResult, unique_ids
from juesuan.checks.identities import identity_checks
from juesuan.checks.performance import performance_checks
from juesuan.checks.restated import restated_fact_checks, restated_item_checks
from juesuan.checks.stated_ratios import stated_ratio_checks
from juesuan.checks.sums import economic_checks, functional_checks, sangong_checks
from juesuan.extract.expenditure_by_economic import EconomicRow
from juesuan.extract.expenditure_by_function import FunctionItem
from juesuan.extract.extracted import Extracted
from juesuan.extract.facts import Fact
from juesuan.extract.narrative import Candidate
from juesuan.extract.performance.tables import PerformanceIndicator, PerformanceProject
from juesuan.extract.sangong import SangongRow
from juesuan.extract.sangong_lists import actual_candidates
from juesuan.read.document import Document
from juesuan.read.tables import Table, find_tables

__all__ = ["CheckInput", "CheckResult", "run_checks", "summary"]


@dataclass(frozen=True)
class CheckInput:
    """What the checks read: the extracted content, and every statement before merging."""

    text: str
    facts: Sequence[Fact]
    narrative: Sequence[Candidate] = ()
    table_statements: Sequence[Candidate] = ()
    items: Sequence[FunctionItem] = ()
    # The narrative's own items (functional.narrative_items), before merging; None: read them.
    narrative_items: Sequence[FunctionItem] | None = None
    economic: Sequence[EconomicRow] = ()
    sangong: Sequence[SangongRow] = ()
    projects: Sequence[PerformanceProject] = ()
    indicators: Sequence[PerformanceIndicator] = ()
    # The tables of the text (read.tables.find_tables); None: find them in the text.
    tables: Sequence[Table] | None = None


def run_checks(data: CheckInput) -> list[CheckResult]:
    results = [
        *identity_checks(data.facts),
        *functional_checks(data.items, data.facts),
        *economic_checks(data.economic, data.facts),
        *sangong_checks(data.sangong),
        *stated_ratio_checks(data.text, data.facts, data.items, data.narrative),
        *restated_fact_checks(data.text, data.narrative, data.table_statements),
        *restated_item_checks(data.text, data.items, data.narrative_items),
        *class_amount_checks(find_tables(data.text) if data.tables is None else data.tables),
        *performance_checks(data.projects, data.indicators),
    ]
    return unique_ids(results)


def summary(checks: Sequence[CheckResult]) -> dict[str, int]:
    """Counts per status, every status present (for the page badge)."""
    return {status.value: sum(c.status == status for c in checks) for status in STATUSES}


def check_document(doc: Document, found: Extracted) -> tuple[CheckResult, ...]:
    """Arithmetic and restatement checks over what was read."""
    return tuple(
        run_checks(
            CheckInput(
                text=doc.text,
                facts=found.facts,
                narrative=[*found.narrative, *actual_candidates(list(found.listed))],
                table_statements=list(found.table_statements),
                items=found.items,
                narrative_items=list(found.stated_items),
                economic=found.economic,
                sangong=found.sangong,
                projects=found.projects,
                indicators=found.indicators,
                tables=doc.tables,
            )
        )
    )
