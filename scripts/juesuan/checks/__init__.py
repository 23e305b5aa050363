"""Check a converted disclosure's arithmetic: every family of checks, in one list.

The families live in their own modules (checks_identities, checks_tables,
checks_stated_ratios, checks_restated, checks_performance); checks_core says
what the statuses mean and how rounding is allowed for. The result goes into
the `checks` resource of the data package and the page's checks section.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from juesuan.checks.across_tables import class_amount_checks
from juesuan.checks.core import STATUSES, CheckResult, unique_ids
from juesuan.checks.identities import identity_checks
from juesuan.checks.performance import performance_checks
from juesuan.checks.restated import (
    conflicting_fact_checks,
    restated_fact_checks,
    restated_item_checks,
)
from juesuan.checks.stated_ratios import stated_ratio_checks
from juesuan.checks.sums import economic_checks, functional_checks, sangong_checks
from juesuan.domain.check_status import CheckStatus
from juesuan.domain.template import DocumentKind
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
    # DocumentKind; None (unknown) is checked as final accounts.
    document_kind: str | None = None


# Families of the final-accounts template (its tables' sums and bounds, the 三公 table).
# A 绩效自评 or other kind does not carry those tables: a template check none of whose
# terms it states (政府采购 on a 绩效自评) is not applicable there, so it is left out
# rather than listed as a gap. One stated term keeps it: then a missing term is a gap.
TEMPLATE_FAMILIES = frozenset({"totals", "bounds", "sangong"})


def applies(result: CheckResult, document_kind: str | None) -> bool:
    """False for a template check about nothing a document without the template states."""
    return (
        document_kind in (None, DocumentKind.FINAL_ACCOUNTS)
        or result.family not in TEMPLATE_FAMILIES
        or result.status != CheckStatus.NOT_CHECKABLE
        or any(t.stated for t in result.terms)
    )


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
    results += conflicting_fact_checks(data.facts, results)
    return unique_ids([r for r in results if applies(r, data.document_kind)])


def summary(checks: Sequence[CheckResult]) -> dict[str, int]:
    """Counts per status, every status present (for the page badge)."""
    counts = Counter(c.status for c in checks)
    return {status.value: counts[status] for status in STATUSES}


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
                document_kind=doc.meta.document_kind,
            )
        )
    )
