"""Make text from sources inert in Markdown and HTML.

Department names and table cells come from thousands of web sites; a name
containing `<script>`, `|` or `**` must render as those characters, in pages,
in the search index and in chart tooltips. Escaping as numeric character
references works in both Markdown (no syntax is ever formed) and HTML.
"""

from __future__ import annotations

import json
import re
from typing import Any

# Characters that can start Markdown/HTML syntax (inline or in tables) or close an attribute.
_MARKUP = set("\\`*_{}[]()#+!|<>&\"'~^$=")


_ENTITIES = {ord(ch): f"&#{ord(ch)};" for ch in _MARKUP} | {ord("\n"): " "}
# Whether a text has anything to replace: most have nothing, and a regex finds that in a
# tenth of the time translate takes to copy the text character by character.
_REPLACED = re.compile("[" + re.escape("".join(sorted(_MARKUP))) + "\n]")


def md(text: object) -> str:
    """Text for a Markdown or HTML context (inline, table cell, heading, quoted attribute)."""
    s = "" if text is None else str(text)
    if s[:1] in ("-", "."):  # would start a list item or a numbered list's dot
        return f"&#{ord(s[0])};" + s[1:].translate(_ENTITIES)
    return s.translate(_ENTITIES) if _REPLACED.search(s) else s


def json_for_script(data: Any) -> str:
    """JSON that can sit inside <script type="application/json"> without closing it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def prose(text: object) -> str:
    """A registry description as HTML text: `name` becomes <code>name</code>, all else as md
    (the registry writes code in backticks; a reader should not see the backticks)."""
    parts = ("" if text is None else str(text)).split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: no code spans
        return md("".join(parts))
    return "".join(f"<code>{md(p)}</code>" if i % 2 else md(p) for i, p in enumerate(parts))
