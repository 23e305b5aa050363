"""Staff stated per kind of post (编制): 行政编制10人，实有人数9人；事业编制5人….

The template states 编制数 and 实有人数 of the whole unit. Many pages state them per kind of
post instead: 事业编制60人，实有人数7人 (one kind: the unit's figures) or 行政编制X人，实有
人数Y人；事业编制Z人，实有人数W人 (several kinds: each part is only a part). A part is
never the total: where several kinds are stated, a figure is read only when every other
kind is stated as 0 (then the one left is the unit's, with nothing added), and the 实有
figure after each kind is not the unit's 实有人数.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from juesuan.extract.label_rules import CoreLabelSearch, matches_at_labels

# The kind of post: 行政, 事业 (全额/差额/自收自支 (拨款) 事业), 工勤, 参公 / 参照公务员(法)管理.
_KIND = (
    r"(?P<kind>(?:参照公务员法?管理|参公)?(?:全额|差额|自收自支)?(?:拨款)?"
    r"(?:行政|事业|工勤))"
)
# (?=[…]): the characters a match can start with (核定, 参照/参公, 全额/差额/自收自支, 拨款,
# 行政/事业/工勤), tested first: the optional words would be tried at every offset.
_POSTS = re.compile(
    r"(?=[核参全差自拨行事工])(?:核定)?"
    + _KIND
    + r"\s*(?P<posts>编\s*制)\s*(?:数)?\s*(?:为|是|共)?\s*(?P<n>\d+)\s*(?:人|名)"
    r"(?:\s*[，,]\s*(?P<held_label>实\s*有\s*(?:人\s*数|人\s*员)?)\s*(?:为|是|共)?\s*"
    r"(?P<m>\d+)\s*(?:人|名))?"
)
# Where _POSTS can start: before each 编制 (label_rules.CoreLabelSearch), its kind (at most
# 核定参照公务员法管理自收自支拨款事业, no space inside) and spaces in front of it.
_POSTS_LABEL = CoreLabelSearch(
    re.compile(r"(?:核定)?" + _KIND + r"\s*编\s*制"),
    re.compile(r"编\s*制"),
    len("核定参照公务员法管理自收自支拨款事业"),
    "核参全差自拨行事工",
)
# A total stated before the kinds in the same sentence makes each kind a part of it.
_TOTAL_FIRST = re.compile(r"其中|编\s*制")
# Any 编制 count: one that is not a kind of post read here (核定编制30人, 事业单位编制…)
# may be the total or another kind, so the kinds then state no figure of the unit.
_ANY_COUNT = re.compile(r"编\s*制\s*(?:数)?\s*(?:为|是|共)?\s*\d+\s*(?:人|名)")


class Posts(NamedTuple):
    """One kind of post: authorised (n) and, where stated right after, held (m)."""

    kind: str
    n: int
    m: int | None
    start: int
    end: int
    held_start: int | None
    posts_at: int
    after_total: bool  # a part of a total (or 其中) stated before it in its sentence


def _sentence_start(text: str, offset: int) -> int:
    left = max(text.rfind("。", 0, offset), text.rfind("\n", 0, offset))
    return left + 1


def stated_posts(text: str) -> list[Posts]:
    """Every kind of post stated with a count."""
    found = []
    for m in matches_at_labels(_POSTS, _POSTS_LABEL, text, None):
        before = _POSTS.sub("", text[_sentence_start(text, m.start()) : m.start()])
        held = m.group("m")
        found.append(
            Posts(
                kind="".join(m.group("kind").split()),
                n=int(m.group("n")),
                m=int(held) if held is not None else None,
                start=m.start(),
                end=m.end(),
                held_start=m.start("held_label") if held is not None else None,
                posts_at=m.start("posts"),
                after_total=bool(_TOTAL_FIRST.search(before)),
            )
        )
    return found


class StaffReading(NamedTuple):
    """What the kinds of post state: (key, value, start, end) and the parts' 实有 offsets."""

    values: list[tuple[str, Decimal, int, int]]
    part_held_starts: set[int]


def staff_by_kind(text: str) -> StaffReading:
    """The unit's 编制数 (and 实有人数) from the kinds of post, and where parts are stated.

    Figures are read only where every 编制 count of the text is a kind of post read here
    and none follows a total: one kind is the unit's; of several kinds, the one left
    when all others are 0. Otherwise each kind's 实有 figure is a part, never read.
    """
    posts = stated_posts(text)
    if not posts:
        return StaffReading([], set())
    kinds = {p.kind for p in posts}
    read = {p.posts_at for p in posts}
    alone = not any(p.after_total for p in posts) and all(
        m.start() in read for m in _ANY_COUNT.finditer(text)
    )
    if len(kinds) == 1 and alone:
        # One kind of post (the same figure may be repeated): the unit's 编制数.
        return StaffReading(
            [("staff.authorized", Decimal(p.n), p.start, p.end) for p in posts], set()
        )
    parts = {p.held_start for p in posts if p.held_start is not None}
    values: list[tuple[str, Decimal, int, int]] = []
    nonzero = [p for p in posts if p.n or p.m]
    if alone and len({(p.kind, p.n, p.m) for p in nonzero}) == 1:
        only = nonzero[0]
        values.append(("staff.authorized", Decimal(only.n), only.start, only.end))
        if all(p.m is not None for p in posts) and only.m is not None:
            values.append(("staff.total", Decimal(only.m), only.start, only.end))
    return StaffReading(values, parts)
