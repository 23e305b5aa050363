"""The committed list of originals whose bytes live outside the repository.

A province's PDFs are gigabytes: too much for a git repository and for every clone.
`sources/originals.csv` names each such file by the path it would have under
`sources/`, where its bytes can be downloaded (a release asset, an object store or
the publisher), their SHA-256 and size, and optionally the publisher's page. The
hash is the provenance: the build fetches the bytes and refuses any that differ.
A small portal may still commit files directly; both kinds build the same packages.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from juesuan.infra.atomic import write_file_atomically
from juesuan.read.errors import SourceError
from juesuan.read.source import MAX_BINARY_BYTES, SIDECAR_SUFFIXES, SOURCE_SUFFIXES

MANIFEST_NAME = "originals.csv"
COLUMNS = ("file", "sha256", "size", "url", "publisher_url")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_WEB = re.compile(r"https?://[^\s<>\"'()\[\]]+")


@dataclass(frozen=True)
class Original:
    """One manifest row: a source file kept out of git, known by its hash."""

    file: str  # the path under sources/ the file would have (POSIX separators)
    sha256: str
    size: int
    url: str  # where the bytes are downloaded from
    publisher_url: str | None = None  # the publisher's page, when the bytes are a mirror
    line: int = 0  # the manifest line, for error messages

    @property
    def provenance_url(self) -> str:
        """The address a reader is shown when the sidecar states none: the publisher's."""
        return self.publisher_url or self.url

    def where(self) -> str:
        """The row as a maintainer finds it: the manifest's line and the file it names."""
        return f"{MANIFEST_NAME} 第 {self.line} 行 / line {self.line} ({self.file})"


def _file_problem(name: str) -> str | None:
    path = PurePosixPath(name)
    if not name or "\\" in name or path.is_absolute() or ".." in path.parts:
        return "文件名须为 sources/ 下的相对路径 / file must be a relative path under sources/"
    if any(part.startswith(".") for part in path.parts):
        return "文件名不能以点开头 / hidden files are not sources"
    suffix = path.suffix.lower()
    if suffix in SIDECAR_SUFFIXES or suffix not in SOURCE_SUFFIXES:
        return f"不支持的文件类型 / unsupported file type {suffix or '(none)'}"
    return None


def _row(fields: dict[str, str], line: int) -> Original:
    """One validated row; a SourceError names the line and the field at fault."""
    get = {k: (fields.get(k) or "").strip() for k in COLUMNS}
    problem = _file_problem(get["file"])
    if problem is None and not _SHA256.fullmatch(get["sha256"]):
        problem = "sha256 须为 64 位小写十六进制 / sha256 must be 64 lowercase hex digits"
    if problem is None and not (get["size"].isdigit() and int(get["size"]) <= MAX_BINARY_BYTES):
        problem = f"size 须为不超过 {MAX_BINARY_BYTES} 的字节数 / size must be a byte count"
    if problem is None and not _WEB.fullmatch(get["url"]):
        problem = "url 须为 http(s) 地址 / url must be an http(s) address"
    if problem is None and get["publisher_url"] and not _WEB.fullmatch(get["publisher_url"]):
        problem = "publisher_url 须为 http(s) 地址 / publisher_url must be an http(s) address"
    if problem is not None:
        raise SourceError(
            f"{MANIFEST_NAME}:{line}", f"清单第 {line} 行 / manifest line {line}: {problem}"
        )
    return Original(
        get["file"], get["sha256"], int(get["size"]), get["url"], get["publisher_url"] or None, line
    )


def read_manifest(path: Path) -> tuple[list[Original], list[SourceError]]:
    """The valid rows and one error per bad row: a bad row skips its file, not the build.
    No manifest is an empty one; an unreadable manifest is one error."""
    if not path.is_file():
        return [], []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return [], [SourceError(path, f"清单无法读取 / manifest unreadable ({exc})")]
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS[:4] if c not in (reader.fieldnames or [])]
    if missing:
        return [], [SourceError(path, f"清单缺少列 / manifest lacks columns: {', '.join(missing)}")]
    rows: list[Original] = []
    errors: list[SourceError] = []
    seen: set[str] = set()
    for fields in reader:
        line = reader.line_num
        try:
            row = _row(fields, line)
        except SourceError as exc:
            errors.append(exc)
            continue
        if row.file in seen:
            errors.append(
                SourceError(
                    f"{MANIFEST_NAME}:{line}", f"{row.where()}: 文件重复列出 / file listed twice"
                )
            )
            continue
        seen.add(row.file)
        rows.append(row)
    return rows, errors


def manifest_text(rows: list[Original]) -> str:
    """The manifest as committed: sorted by file, LF line ends, so a diff shows one row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in sorted(rows, key=lambda r: r.file):
        writer.writerow((r.file, r.sha256, r.size, r.url, r.publisher_url or ""))
    return out.getvalue()


def describe(data: bytes, file: str, url: str, publisher_url: str | None = None) -> Original:
    """The row for bytes a maintainer holds: their hash and size, checked like any row."""
    fields = {
        "file": file,
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": str(len(data)),
        "url": url,
        "publisher_url": publisher_url or "",
    }
    return _row(fields, 0)


def add_row(manifest: Path, row: Original) -> None:
    """Add or replace the row for `row.file`; the manifest is rewritten atomically."""
    rows, errors = read_manifest(manifest)
    if errors:
        raise errors[0]
    kept = [r for r in rows if r.file != row.file]
    write_file_atomically(manifest, manifest_text([*kept, row]))
