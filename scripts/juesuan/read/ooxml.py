"""Open a Word or Excel file's zip only after its directory says it is safe to.

A .docx or .xlsx is a zip of XML parts. Its central directory states every
part's compressed and uncompressed size before anything is inflated, and
Python's zipfile never inflates a part beyond its stated size (a part that
lies fails its CRC instead), so checking the directory bounds the memory and
time any later parse can take: a zip bomb is refused before one byte of it is
decompressed.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from juesuan.read.errors import SourceError

MAX_ENTRIES = 5_000  # a real workbook of 100 sheets has a few hundred parts
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # all parts inflated; a real disclosure is a few MB
MAX_PART_BYTES = 192 * 1024 * 1024  # one part read as a stream (a worksheet)
# A part parsed into a tree in memory (Word's document, Excel's shared strings) costs
# ten times its size or more; a real disclosure's document.xml is under 5 MB.
MAX_TREE_BYTES = 32 * 1024 * 1024
# Office XML compresses 5–30×; zip bombs compress thousands of times. Small parts
# (a blank sheet, styles) can have any ratio without harm.
MAX_RATIO = 150
RATIO_FLOOR_BYTES = 1024 * 1024


def open_package(
    data: bytes, path: Path | str, kind: str, streamed: tuple[str, ...] = ()
) -> zipfile.ZipFile:
    """The zip of an Office file whose directory is within limits, or SourceError.

    Parts whose names start with one of `streamed` are read as a stream and may be
    larger than the parts a reader parses whole."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        raise SourceError(path, f"{kind} 文件已损坏，无法打开 (damaged {kind} zip: {exc})") from exc
    if len(infos) > MAX_ENTRIES:
        raise SourceError(
            path,
            f"{kind} 文件包含 {len(infos)} 个部件，超过上限 {MAX_ENTRIES} (too many zip entries)",
        )
    total = 0
    for info in infos:
        total += info.file_size
        limit = MAX_PART_BYTES if info.filename.startswith(streamed) else MAX_TREE_BYTES
        if info.file_size > limit:
            raise SourceError(
                path,
                f"{kind} 部件 {info.filename} 解压后 {info.file_size / 1e6:.0f} MB，超过上限 "
                f"(a part inflates beyond {limit // 2**20} MiB)",
            )
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise SourceError(
                path,
                f"{kind} 部件 {info.filename} 压缩比超过 {MAX_RATIO}:1，疑为压缩炸弹 "
                f"(zip bomb: compression ratio {info.file_size // max(info.compress_size, 1)}:1)",
            )
    if total > MAX_TOTAL_BYTES:
        raise SourceError(
            path,
            f"{kind} 文件解压后共 {total / 1e6:.0f} MB，超过上限 "
            f"(inflates beyond {MAX_TOTAL_BYTES // 2**20} MiB)",
        )
    return archive
