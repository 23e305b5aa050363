"""Heavy parts of a disclosure page, rendered here and put into the built page by a hook.

Charts, the evidence tables, the checks and the downloads are most of a
disclosure page's HTML but are kept out of the search index. Given to MkDocs as
Markdown, they would be parsed twice per page — by Python-Markdown's HTML block
parser and by the search plugin, which reads excluded HTML before skipping it —
which made MkDocs the slowest stage at a province's scale. So a page's Markdown
holds a marker comment where each part goes; the part is rendered once with
markdown-it-py and stored beside the docs in `.fragments/` (MkDocs ignores dot
directories), and `fragment_hook.py` splices it into the finished HTML after the
search index has been built (`on_post_page`). Headings stay in the Markdown, so
the table of contents and anchors are MkDocs' own.

Links inside a fragment are written relative to the page's final URL
(`disclosures/NAME/`), which is why the site requires `use_directory_urls`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt

FRAGMENT_DIR = ".fragments"
_MARKER = "<!-- juesuan-fragment:{} -->"
_MARKER_RE = re.compile(r"<!-- juesuan-fragment:([a-z0-9-]+) -->")


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable("table")


class FragmentCollector:
    """Passed to a template as `fragment`: `{% call fragment("id") %}…{% endcall %}`."""

    def __init__(self) -> None:
        self.fragments: dict[str, str] = {}

    def __call__(self, fragment_id: str, caller: Callable[[], str]) -> str:
        if fragment_id in self.fragments or not _MARKER_RE.fullmatch(_MARKER.format(fragment_id)):
            raise ValueError(f"fragment id {fragment_id!r} is repeated or not [a-z0-9-]+")
        self.fragments[fragment_id] = _markdown().render(caller())
        return "\n" + _MARKER.format(fragment_id) + "\n"


def fragment_file(docs_dir: Path, page_src_uri: str) -> Path:
    """Where the fragments of the page built from `page_src_uri` (e.g. disclosures/x.md) are."""
    return docs_dir / FRAGMENT_DIR / (page_src_uri.removesuffix(".md") + ".json")


def fragments_json(fragments: dict[str, str]) -> bytes:
    return json.dumps(fragments, ensure_ascii=False, sort_keys=True).encode("utf-8")


def splice(html: str, fragments: dict[str, str], where: str) -> str:
    """`html` with every marker replaced by its fragment; a marker without one is an error."""

    def replace(match: re.Match[str]) -> str:
        try:
            return fragments[match.group(1)]
        except KeyError:
            raise ValueError(f"{where}: no fragment {match.group(1)!r}") from None

    return _MARKER_RE.sub(replace, html)
