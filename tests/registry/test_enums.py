"""The closed string sets are enums whose values are the published codes: renaming a
member must not change a published value, and each schema enum lists exactly them."""

from __future__ import annotations

from juesuan.checks.core import STATUSES
from juesuan.domain.check_status import CheckStatus
from juesuan.domain.sangong import Phase
from juesuan.domain.template import FoundBy, FunctionLevel, PartStatus
from juesuan.registry.checks import CHECKS
from juesuan.registry.completeness import COMPLETENESS
from juesuan.registry.expenditure import EXPENDITURE_BY_FUNCTION, SANGONG


def _enum(spec, name: str) -> list[str]:
    return next(f for f in spec.fields if f.name == name).constraints["enum"]


def test_published_values_are_unchanged():
    assert [s.value for s in CheckStatus] == ["pass", "rounding", "fail", "not_checkable"]
    assert tuple(CheckStatus) == STATUSES
    assert [p.value for p in Phase] == ["budget", "actual"]
    assert [v.value for v in FunctionLevel] == ["class", "kuan", "xiang"]
    assert [f.value for f in FoundBy] == [
        "table",
        "fact",
        "section",
        "statement",
        "performance_table",
        "reference",
    ]
    assert [s.value for s in PartStatus] == ["present", "empty_declared", "missing", "referenced"]


def test_a_member_is_its_published_string():
    assert CheckStatus.PASS == "pass" and f"{CheckStatus.NOT_CHECKABLE}" == "not_checkable"
    assert str(Phase.BUDGET) == "budget" and Phase("actual") is Phase.ACTUAL


def test_the_schema_enums_are_the_members():
    assert _enum(CHECKS, "status") == [s.value for s in CheckStatus]
    assert _enum(COMPLETENESS, "found_by") == [f.value for f in FoundBy]
    assert _enum(COMPLETENESS, "status") == [s.value for s in PartStatus]
    assert _enum(EXPENDITURE_BY_FUNCTION, "level") == [v.value for v in FunctionLevel]
    assert _enum(SANGONG, "phase") == [p.value for p in Phase]
