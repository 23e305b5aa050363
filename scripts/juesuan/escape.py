"""Make text from sources inert in Markdown and HTML.

Department names and table cells come from thousands of web sites; a name
containing `<script>`, `|` or `**` must render as those characters, in pages,
in the search index and in chart tooltips. Escaping as numeric character
references works in both Markdown (no syntax is ever formed) and HTML.
"""

from __future__ import annotations

import json
from typing import Any

# Characters that can start Markdown/HTML syntax (inline or in tables) or close an attribute.
_MARKUP = set("\\`*_{}[]()#+!|<>&\"'~^$=")


def md(text: object) -> str:
    """Text for a Markdown or HTML context (inline, table cell, heading, quoted attribute)."""
    s = "" if text is None else str(text)
    out = []
    for i, ch in enumerate(s):
        if ch in _MARKUP or (i == 0 and ch in "-.") or ch == "\n":
            out.append(" " if ch == "\n" else f"&#{ord(ch)};")
        else:
            out.append(ch)
    return "".join(out)


def json_for_script(data: Any) -> str:
    """JSON that can sit inside <script type="application/json"> without closing it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
