"""Narrative against table: a figure the disclosure prints in both must be the same.

Facts keep one row per distinct value, so the statements are compared before
merging: every value a narrative sentence states for a key against every value
a table cell states for it. Items of the functional classification are compared
by their names (类/款/项), the narrative amount against the table row's. A figure
stated with different values anywhere else (two sentences, two tables) fails too.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from juesuan.checks.core import CheckResult, Meta, Term, outcome
from juesuan.checks.sums import item_name
from juesuan.domain.amounts import format_decimal
from juesuan.domain.check_status import CheckStatus
from juesuan.domain.vocabulary import load_vocabulary
from juesuan.extract.expenditure_by_function import FunctionItem, narrative_items
from juesuan.extract.facts import Fact, evidence_at
from juesuan.extract.narrative import Candidate


def _compare(meta: Meta, table: list[Term], narrative: list[Term]) -> CheckResult:
    """pass when every statement gives the same value; fail otherwise (a restated value
    is copied, not recomputed, so no rounding is allowed)."""
    expected = table[0].value
    differing = [t for t in narrative if t.value != expected]
    actual = differing[0].value if differing else narrative[0].value
    assert expected is not None and actual is not None
    conflicting = differing or [t for t in table if t.value != expected]
    status = CheckStatus.FAIL if conflicting else CheckStatus.PASS
    shown = sorted({format_decimal(t.value) for t in (*table, *narrative) if t.value is not None})
    return outcome(
        meta,
        status,
        expected,
        actual,
        actual - expected,
        Decimal(0),
        (*table, *narrative),
        "" if status == CheckStatus.PASS else "所列数值 / values stated: " + ", ".join(shown),
    )


def restated_fact_checks(
    text: str, narrative: Sequence[Candidate], tables: Sequence[Candidate]
) -> list[CheckResult]:
    vocabulary = load_vocabulary()
    results = []
    for key in vocabulary:
        said = [c for c in narrative if c.key == key]
        printed = [c for c in tables if c.key == key]
        if not said or not printed:
            continue
        label = vocabulary[key].label_zh
        meta = Meta(
            f"restated.{key}",
            "narrative_vs_table",
            f"{label}：情况说明与表格所列一致",
            f"{vocabulary[key].label_en}: narrative agrees with the table",
        )
        table_terms = [
            Term(f"{label}（表）", c.value, c.evidence or evidence_at(text, c.start, c.end), key)
            for c in printed
        ]
        narrative_terms = [
            Term(f"{label}（说明）", c.value, evidence_at(text, c.start, c.end), key) for c in said
        ]
        results.append(_compare(meta, table_terms, narrative_terms))
    return results


def restated_item_checks(
    text: str, items: Sequence[FunctionItem], stated: Sequence[FunctionItem] | None = None
) -> list[CheckResult]:
    """`stated` = narrative_items(text), when the caller has read them already."""
    table = {(i.level, *i.names): i for i in items if i.code_source == "printed"}
    results = []
    for said in narrative_items(text) if stated is None else stated:
        row = table.get((said.level, *said.names))
        if row is None or row.amount is None or said.amount is None:
            continue
        name = item_name(row)
        meta = Meta(
            f"restated.functional.{row.code}",
            "narrative_vs_table",
            f"{name}：情况说明与支出决算表所列一致",
            "Item amount: narrative agrees with the table",
        )
        results.append(
            _compare(
                meta,
                [Term(f"{row.code} {name}（表）", row.amount, row.evidence, row.code or "")],
                [Term(f"{name}（说明）", said.amount, said.evidence, row.code or "")],
            )
        )
    return results


def conflicting_fact_checks(
    facts: Sequence[Fact], already: Sequence[CheckResult]
) -> list[CheckResult]:
    """A figure the text states with two or more different values is a contradiction.

    Facts keep one row per distinct value, so a key with several rows was stated
    differently somewhere (two sentences, two tables, a sentence and a table). A key
    whose narrative-vs-table check already fails is not counted twice.
    """
    vocabulary = load_vocabulary()
    failed = {c.check_id for c in already if c.status == CheckStatus.FAIL}
    results = []
    for key in vocabulary:
        stated = [f for f in facts if f.key == key]
        if len({f.value for f in stated}) < 2 or f"restated.{key}" in failed:
            continue
        label = vocabulary[key].label_zh
        meta = Meta(
            f"conflict.{key}",
            "conflicting_values",
            f"{label}：文中各处所列数值一致",
            f"{vocabulary[key].label_en}: stated with one value throughout",
        )
        terms = [
            Term(f"{label}（第{n}处）", f.value, f.evidence, key) for n, f in enumerate(stated, 1)
        ]
        expected, actual = stated[0].value, stated[1].value
        shown = ", ".join(format_decimal(f.value) for f in stated)
        results.append(
            outcome(
                meta,
                CheckStatus.FAIL,
                expected,
                actual,
                actual - expected,
                Decimal(0),
                terms,
                f"同一指标前后数值不一致 / one figure stated with different values: {shown}",
            )
        )
    return results
