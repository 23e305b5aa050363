"""Find the section tree of the national disclosure template.

Every 决算公开说明 follows the same outline — 第一部分 … / 一、… / （一）… —
whatever the layout of the export, so headings are recognised by their
numbering, not by their wording. A heading is a short line that starts with
such a number and does not read as a sentence; a table of contents (list items
or a 目录 block) yields headings too, which is harmless: their sections are empty.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from juesuan.infra.by_fields import ByFields

_CN_NUM = "一二三四五六七八九十"
_HEADING_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^第[{_CN_NUM}]+部分")),
    (2, re.compile(rf"^[{_CN_NUM}]{{1,3}}[、．.]")),
    (3, re.compile(rf"^[（(][{_CN_NUM}]{{1,3}}[）)]")),
)
_MARKDOWN_PREFIX = re.compile(r"^[#>\s]*")
# What every heading pattern starts with, after that prefix: most lines fail this one test.
_HEADING_START = re.compile(rf"[#>\s]*[第{_CN_NUM}（(]")
MAX_HEADING_CHARS = 40


@dataclass(frozen=True, slots=True)
class Section(ByFields):
    """A heading and the span of text it governs (to the next heading of its level or above)."""

    level: int
    title: str
    start: int
    end: int
    path: tuple[str, ...] = field(default=())


def _heading_level(line: str) -> int | None:
    if not _HEADING_START.match(line):
        return None
    stripped = _MARKDOWN_PREFIX.sub("", line).strip()
    if not stripped or len(stripped) > MAX_HEADING_CHARS:
        return None
    if stripped[-1] in "。；，;,：:" or "万元" in stripped:
        return None
    for level, pattern in _HEADING_PATTERNS:
        if pattern.match(stripped):
            return level
    return None


def find_sections(text: str) -> list[Section]:
    """Sections in document order, each with the path of titles above it."""
    heads: list[tuple[int, str, int]] = []
    offset = 0
    for line in text.split("\n"):
        # A line of tab-separated cells is a table row, even when its first cell is numbered
        # like a heading (一、一般公共服务支出 in a PDF's 收入支出决算总表).
        level = None if "\t" in line.strip("\t ") else _heading_level(line)
        if level is not None:
            title = _MARKDOWN_PREFIX.sub("", line).strip()
            heads.append((level, title, offset))
        offset += len(line) + 1
    sections: list[Section] = []
    stack: list[tuple[int, str]] = []
    for i, (level, title, start) in enumerate(heads):
        end = len(text)
        for later_level, _, later_start in heads[i + 1 :]:
            if later_level <= level:
                end = later_start
                break
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, title))
        sections.append(Section(level, title, start, end, tuple(t for _, t in stack)))
    return sections


class SectionIndex:
    """Answers "which section is this offset in?" for evidence paths."""

    def __init__(self, sections: list[Section]) -> None:
        self._sections = sections
        self._starts = [s.start for s in sections]

    def path_at(self, offset: int) -> tuple[str, ...]:
        i = bisect.bisect_right(self._starts, offset) - 1
        while i >= 0:
            section = self._sections[i]
            if section.start <= offset < section.end:
                return section.path
            i -= 1
        return ()

    def titles(self) -> list[str]:
        return [s.title for s in self._sections]


def is_heading(line: str) -> bool:
    """Whether a line reads as a heading of the template's outline (第一部分 / 一、 / （一）)."""
    return "\t" not in line.strip("\t ") and _heading_level(line) is not None
