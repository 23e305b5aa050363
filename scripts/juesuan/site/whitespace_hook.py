"""MkDocs hook (see mkdocs.yml `hooks:`): drops the indentation of the theme's templates,
and writes the theme's settings script in Chinese characters rather than \\u escapes.

Material's templates indent every tag; on a page of this site that whitespace was ~4 KB,
the same on every page: 40 MB of a site of 5,000 disclosures (a page and a department
page each), where GitHub Pages allows 1 GB. A line break and the whitespace after it
become one line break, which the browser renders the same, except inside <pre> and
<textarea>, where whitespace is content (JSON and scripts keep their line breaks). A
minifier (htmlmin) parses every page in Python: ~10 ms a page, a minute at that scale,
for little more than this.

Material writes its settings (`<script id="__config">`, the search labels in Chinese) as
JSON with every character escaped: \\u5df2\\u590d\\u5236 for 已复制, six bytes a character
where UTF-8 takes three, ~0.6 KB on every page. The same JSON unescaped (with `<`, `>` and
`&` still escaped, so it cannot end the script) is the same data to the browser.
"""

from __future__ import annotations

import json
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


_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_HTML_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def unescaped_config(html: str) -> str:
    """`html` with the theme's settings JSON written in plain UTF-8 (see the docstring)."""

    def rewrite(match: re.Match[str]) -> str:
        text = json.dumps(json.loads(match.group(2)), ensure_ascii=False)
        for char, escape in _HTML_UNSAFE.items():
            text = text.replace(char, escape)
        return match.group(1) + text + match.group(3)

    return _CONFIG.sub(rewrite, html, count=1)


def on_post_page(output: str, page: Any, config: Any) -> str:
    return unescaped_config(collapse(output))
