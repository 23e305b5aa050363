"""The original file as the department published it, beside the data read from it.

A reader checking a figure wants the PDF opened at its page, not our text of it; the
original is published in the package zip and on the site (its bytes unchanged, under a
name that says its format). A text source needs no copy: source.txt is the original.
"""

from __future__ import annotations

import hashlib

from juesuan.disclosure import Disclosure
from juesuan.read.layout import SourceFormat

# Format → (published file name, label shown on the page).
ORIGINALS = {
    SourceFormat.PDF: ("original.pdf", "PDF"),
    SourceFormat.DOCX: ("original.docx", "Word (.docx)"),
    SourceFormat.XLSX: ("original.xlsx", "Excel (.xlsx)"),
    SourceFormat.HTML: ("original.html", "网页 HTML"),
}
FORMAT_LABELS = {
    SourceFormat.TEXT: "文本 text",
    **{f: label for f, (_, label) in ORIGINALS.items()},
}


def original_name(d: Disclosure) -> str | None:
    """The original's file name in the zip and on the site; None for a text source."""
    found = ORIGINALS.get(d.source.source_format)
    return found[0] if found else None


def original_bytes(d: Disclosure) -> bytes | None:
    """The published bytes, only while the file is still the one that was converted."""
    if original_name(d) is None:
        return None
    try:
        data = d.source.path.read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == d.source.sha256 else None
