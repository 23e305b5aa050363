"""Join prose lines that another export tool wrapped inside a paragraph.

A text exported at a fixed width (20–40 characters a line) breaks lines anywhere:
inside a word, a number or a unit. A line break inside a paragraph is not a phrase
boundary, so `…；政府性基金预算⏎财政拨款收入0.00万元` must not read as a phrase
that starts with 财政拨款收入. A line continues the one above when the one above
is a line of prose — it has clause punctuation (，；。、) and does not end a
sentence or announce a list (。！？：) — and neither is a heading, a list item,
a table row or an indented line (a new paragraph or a cell). Lines are joined
without a space (Chinese is written without spaces); a short title, a heading,
a table and a sentence's last line are never joined to anything.
"""

from __future__ import annotations

import re

from juesuan.read.sections import is_heading

_CLAUSE = re.compile(r"[，；。、,;]")
_MARK_END = "。！？!?：:"
# An item at a line start (1. / 2、 / (3) / a Markdown list or quote): a new item.
_LIST = re.compile(r"^[-*+#>] ")  # a Markdown list item, heading or quote: one line each
_ITEM = re.compile(r"^(?:\d{1,2}[.、．](?!\d)|[（(]\d{1,2}[）)]|第|[-*+#>] )")


def _continues(above: str, line: str) -> bool:
    if not above or not line or "\t" in above or "\t" in line:
        return False
    if above[0].isspace() and not _CLAUSE.search(above):
        return False
    if line[0].isspace() or above[-1] in _MARK_END or above[-1].isspace():
        return False
    if not _CLAUSE.search(above) or _ITEM.match(line) or _LIST.match(above):
        return False
    return not (is_heading(above) or is_heading(line))


def unwrap_prose(text: str) -> str:
    """The text with line breaks inside a paragraph of prose removed."""
    lines = text.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        if _continues(out[-1], line):
            out[-1] += line
        else:
            out.append(line)
    return "\n".join(out)
