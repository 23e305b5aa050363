"""MkDocs hook (see mkdocs.yml `hooks:`): puts each page's pre-rendered parts into its HTML.

Runs at `on_post_page`, after the search plugin has read the page, so the parts
are neither parsed by Python-Markdown nor read by the search indexer; see
juesuan.page_fragments for why.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from juesuan.render.fragments import fragment_file, splice


def on_config(config: Any) -> Any:
    if not config.use_directory_urls:
        raise ValueError("juesuan pages need use_directory_urls: true (fragment links assume it)")
    return config


def on_post_page(output: str, page: Any, config: Any) -> str:
    path = fragment_file(Path(config.docs_dir), page.file.src_uri)
    if not path.is_file():
        return output
    fragments = json.loads(path.read_text(encoding="utf-8"))
    return splice(output, fragments, page.file.src_uri)
