"""Place the rows of a performance self-evaluation table under its header's columns.

Word exports drop merged cells and some print more grid columns than header cells, so
a row that does not fit as it stands is placed under its header by trying every shift
and keeping the only one whose cells fit the columns' kinds (a weight is a number, an
indicator's name is not). A row that fits no way or several ways is left out: a
missing indicator is acceptable, a misread one is not.
"""

from __future__ import annotations

from juesuan.extract.performance.cells import DASHES, Header, is_value, percent, points, text_of
from juesuan.read.tables import Cell

_LABEL_ROLES = frozenset({"level1", "level2", "level3", "basis", "deviation"})


def right_aligned(row: tuple[Cell, ...], header: Header, first: int) -> dict[str, Cell] | None:
    """Role → cell for the header's columns from `first` on, lining the row up on the right.

    Word exports drop the merged cells on a row's left, so rows line up on their right
    edge; a row too short to cover every value column has lost a cell in between and
    cannot be placed. The cell just left of the values is the row's label.
    """
    width = len(header) - first
    if len(row) < width:
        return None
    values = row[len(row) - width :]
    out = {role: cell for role, cell in zip(header[first:], values, strict=True) if role}
    if len(row) > width:
        out["label"] = row[len(row) - width - 1]
    return out


def _fits(row: tuple[Cell, ...], header: Header, shift: int, exact: bool) -> bool:
    """Whether the row, its cell i under column i + shift, fits the columns' kinds."""
    if shift + len(row) > len(header) or any(is_value(c.text) for c in row[: max(0, -shift)]):
        return False
    by_role = {header[i + shift]: c.text.strip() for i, c in enumerate(row) if i + shift >= 0}
    name, weight = by_role.get("level3", ""), by_role.get("weight", "")
    if not name or is_value(name) or points(weight) is None:
        return False
    if not exact and "score" in header and "score" not in by_role:
        return False
    for role, text in by_role.items():
        if text in DASHES:
            continue
        if (
            (role in _LABEL_ROLES and is_value(text))
            or (role == "score" and points(text) is None)
            or (role == "completion_rate" and percent(text) is None)
        ):
            return False
    return True


def align(row: tuple[Cell, ...], header: Header) -> dict[int, Cell] | None:
    """Column → cell of an indicator row, when exactly one placement fits.

    A row as long as its header has kept every cell in place (empty cells included) and
    is read as it stands when it fits there; other rows have lost cells, or belong to a
    grid wider than its header, and are placed by their content. Trailing empty cells
    carry no content, so they are left out of that search rather than taken for a score.
    """
    if len(row) == len(header) and _fits(row, header, 0, exact=True):
        return dict(enumerate(row))
    while row and not row[-1].text.strip():
        row = row[:-1]
    shifts = [s for s in range(1 - len(row), len(header)) if _fits(row, header, s, False)]
    if len(shifts) != 1:
        return None
    return {i + shifts[0]: c for i, c in enumerate(row) if i + shifts[0] >= 0}


def level_names(
    mapped: dict[int, Cell], header: Header, above: list, pending: list[Cell], previous: int
) -> list[str | None]:
    """一级/二级 names of an indicator row: its own, else filled down from the rows above.

    Label cells left over just above the row (a row split where a cell ends in a blank
    line) are its leading levels only when they fill the missing columns exactly (cells
    left of column 0 must be empty) and cannot be the tail of the row before; otherwise
    the levels they may hold are unknown.
    """
    first = min(mapped) - len(pending)  # the column of pending[0], placed just before the row
    fits_before = first <= 0 and not any(c.text.strip() for c in pending[:-first])
    fits_after = previous >= 0 and previous + 1 + len(pending) < len(header)
    out, given = list(above), [False, False]
    for k, level in enumerate(("level1", "level2")):
        col = header.index(level) if level in header else None
        if col is not None and col in mapped:  # an empty cell is the lower part of a merge
            given[k] = bool(text_of(mapped[col]))
            out[k] = text_of(mapped[col]) or above[k]
        elif col is not None and pending:
            given[k] = fits_before and not fits_after
            out[k] = text_of(pending[col - first]) if given[k] else None
    if given[0] and out[0] != above[0] and not given[1]:
        out[1] = None  # a new 一级 does not inherit the 二级 of the one before
    return out
