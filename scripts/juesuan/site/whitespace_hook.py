"""MkDocs hook (see mkdocs.yml `hooks:`): drops the indentation of the theme's templates.

Material's templates indent every tag; on a page of this site that whitespace was ~4 KB,
the same on every page: 40 MB of a site of 5,000 disclosures (a page and a department
page each), where GitHub Pages allows 1 GB. A line break and the whitespace after it
become one line break, which the browser renders the same, except inside <pre> and
<textarea>, where whitespace is content (JSON and scripts keep their line breaks). A
minifier (htmlmin) parses every page in Python: ~10 ms a page, a minute at that scale,
for little more than this.
"""

from __future__ import annotations

import re
from typing import Any

# <pre> and <textarea> blocks keep their whitespace; everything between them is collapsed.
_VERBATIM = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
_BREAKS = re.compile(r"\n\s+")


def collapse(html: str) -> str:
    parts = _VERBATIM.split(html)
    # split() yields text, block, tag name, text, block, tag name, …
    out = []
    for i, part in enumerate(parts):
        kind = i % 3
        if kind == 0:
            out.append(_BREAKS.sub("\n", part))
        elif kind == 1:
            out.append(part)
    return "".join(out)


def on_post_page(output: str, page: Any, config: Any) -> str:
    return collapse(output)
