"""Zip archives that are byte-identical for identical content.

Fixed member dates, sorted member names and fixed permissions, so a rebuilt
site only changes a download when its data changed.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from pathlib import Path

ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def deterministic_zip(
    folder: str, files: Mapping[str, str | bytes | Path], level: int | None = None
) -> bytes:
    """`files` (name → UTF-8 text, bytes kept as they are, or a file whose bytes are read
    when its turn comes: only one is in memory at a time) under `folder/` in a zip, or at
    its root when `folder` is "" (frictionless reads a zipped package only with
    datapackage.json there). `level`: zlib's compression level (default 6); the same
    level gives the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{name}" if folder else name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            content = files[name]
            if isinstance(content, Path):
                content = content.read_bytes()
            data = content.encode("utf-8") if isinstance(content, str) else content
            archive.writestr(info, data, compresslevel=level)
    return buffer.getvalue()
