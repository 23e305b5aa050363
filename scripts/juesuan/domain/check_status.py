"""The outcome of a consistency check, as published (checks.csv `status`).

One home because the checks decide it, the registry publishes its values, and the
package and the pages count and show it.
"""

from __future__ import annotations

from enum import StrEnum


class CheckStatus(StrEnum):
    """pass: holds as printed; rounding: holds within the printed rounding; fail: does not;
    not_checkable: a term was not read, or was read twice with different values."""

    PASS = "pass"
    ROUNDING = "rounding"
    FAIL = "fail"
    NOT_CHECKABLE = "not_checkable"
