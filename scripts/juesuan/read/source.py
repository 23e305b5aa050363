"""Read a raw disclosure and its optional metadata sidecar.

Raw files come from office exports and web pages in whatever encoding the
publisher used; this stage turns bytes into text or refuses with a one-line
reason naming the file. It never writes to the source.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from juesuan.domain.template import budget_refusal
from juesuan.read.encoding import _BOMS, decode_source
from juesuan.read.errors import SourceError
from juesuan.read.layout import LaidOut, SourceFormat

MAX_BYTES = 20 * 1024 * 1024  # the largest real disclosure text is well under 1 MB
# A scanned PDF or a workbook with pictures is far larger than its text; the readers
# bound what they inflate or parse themselves.
MAX_BINARY_BYTES = 64 * 1024 * 1024
SIDECAR_SUFFIXES = (".yml", ".yaml")
SOURCE_SUFFIXES = (".txt", ".md", ".text", ".pdf", ".docx", ".xlsx", ".html", ".htm")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html[\s>])", re.I)


class Region(BaseModel):
    """Administrative region: province / prefecture-level city / county."""

    model_config = ConfigDict(extra="forbid")
    province: str | None = None
    prefecture: str | None = None
    county: str | None = None


class Sidecar(BaseModel):
    """What a maintainer states about a source that the text may not."""

    model_config = ConfigDict(extra="forbid")
    department: str | None = None
    fiscal_year: int | None = None
    region: Region | None = None
    document_kind: str | None = None
    original_filename: str | None = None
    source_url: str | None = None
    licence: str | None = None

    @field_validator("fiscal_year")
    @classmethod
    def _plausible_year(cls, v: int | None) -> int | None:
        if v is not None and not 1990 <= v <= 2100:
            raise ValueError(f"fiscal_year {v} is not a plausible year")
        return v

    @field_validator("source_url")
    @classmethod
    def _web_address(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(r"https?://[^\s<>\"'()\[\]]+", v):
            raise ValueError("source_url must be an http(s) address")
        return v

    @field_validator("original_filename")
    @classmethod
    def _plain_name(cls, v: str | None) -> str | None:
        if v is not None and ("/" in v or "\\" in v or v.startswith("..")):
            raise ValueError("original_filename must be a bare file name, not a path")
        return v


@dataclass(frozen=True)
class RawSource:
    """A decoded source: text as published (not yet normalised) plus provenance.

    For a PDF, Word, Excel or web page `text` is the reader's laid-out text (already
    normalised, tables as tab rows) and `layout` keeps its pages, cells and notes.
    """

    path: Path
    sha256: str
    encoding: str
    text: str
    sidecar: Sidecar
    truncated: bool = False  # the file ends inside a character: a cut-off download
    source_format: SourceFormat = SourceFormat.TEXT
    layout: LaidOut | None = None


def sidecar_path(path: Path) -> Path | None:
    for suffix in SIDECAR_SUFFIXES:
        candidate = path.with_suffix(suffix)
        if candidate.is_file():
            return candidate
    return None


def _safe_load(text: str) -> Any:
    """yaml.safe_load's result, by libyaml's parser where PyYAML was built with it (~1 ms
    less a source). Whatever libyaml does not read is read again by safe_load, so that a
    bad sidecar fails with safe_load's own error."""
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is not None:
        try:
            return yaml.load(text, Loader=loader)  # the safe loader, in C
        except Exception:  # any refusal is safe_load's to report
            pass
    return yaml.safe_load(text)


def read_sidecar(path: Path) -> Sidecar:
    side = sidecar_path(path)
    if side is None:
        return Sidecar()
    try:
        data = _safe_load(side.read_text(encoding="utf-8")) or {}
        return Sidecar.model_validate(data)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SourceError(
            side,
            f"元数据文件不是可读的 YAML / sidecar is not readable YAML ({exc.__class__.__name__})",
        ) from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise SourceError(
            side, f"元数据文件字段 {where} 有误 / sidecar field {where}: {first['msg']}"
        ) from exc


def _legacy_office(data: bytes) -> str:
    """Which program wrote an OLE2 compound file, from its directory's stream names."""
    head = data[:1_048_576]
    if "WordDocument".encode("utf-16-le") in head:
        return "Word (.doc)"
    if "Workbook".encode("utf-16-le") in head or "Book".encode("utf-16-le") in head:
        return "Excel (.xls)"
    return "Word/Excel (.doc/.xls)"


def _is_binary_format(head: bytes) -> bool:
    return b"%PDF-" in head[:1024] or head.startswith((_ZIP, _OLE2))


def _looks_like_html(data: bytes) -> bool:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            head = data[: 2048 + len(bom)].decode(encoding, errors="ignore").lstrip()
            return head[:1].startswith("<") and bool(
                _HTML_START.search(head[:1024].encode("ascii", errors="ignore"))
            )
    head = data[:4096].lstrip()[:1024]
    return head.startswith(b"<") and bool(_HTML_START.search(head))


def sniff_format(data: bytes, path: Path | str = "<bytes>") -> SourceFormat:
    """The format the bytes are in, whatever the file is called.

    Publishers rename files (a web page saved as .doc, a workbook without a suffix),
    so the first bytes decide. A legacy binary .doc/.xls or a zip that is no Office
    document raises SourceError saying what to do instead.
    """
    if b"%PDF-" in data[:1024]:
        return SourceFormat.PDF
    if data.startswith(_OLE2):
        kind = _legacy_office(data)
        raise SourceError(
            path,
            f"旧版 {kind} 二进制格式无法读取，请用 Word/Excel/WPS 另存为 .docx 或 .xlsx 后再提交 "
            "(legacy .doc/.xls: save it as .docx/.xlsx)",
        )
    if data.startswith(_ZIP):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = {n.lower() for n in archive.namelist()}
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
            raise SourceError(path, f"zip 文件已损坏 (damaged zip archive: {exc})") from exc
        if "word/document.xml" in names:
            return SourceFormat.DOCX
        if "xl/workbook.xml" in names:
            return SourceFormat.XLSX
        raise SourceError(
            path,
            "zip 压缩包既不是 Word (.docx) 也不是 Excel (.xlsx) 文件，请解压后提交其中的文件 "
            "(a zip archive that is not a .docx or .xlsx)",
        )
    if _looks_like_html(data):
        return SourceFormat.HTML
    return SourceFormat.TEXT


def _lay_out(fmt: SourceFormat, data: bytes, path: Path) -> LaidOut:
    """Hand the bytes to the reader of their format; whatever a parser library raises
    on a broken file becomes one line about that file, never a crashed build."""
    try:
        return _read_format(fmt, data, path)
    except SourceError:
        raise
    except Exception as exc:  # third-party parsers raise anything on bad input
        first = (str(exc).splitlines() or [""])[0][:160]
        raise SourceError(
            path, f"{fmt.value} 文件无法读取 (unreadable {fmt.value}: {type(exc).__name__} {first})"
        ) from exc


def _read_format(fmt: SourceFormat, data: bytes, path: Path) -> LaidOut:
    """The reader of each format, imported only when a file of it comes."""
    if fmt is SourceFormat.PDF:
        try:
            from juesuan.read.pdf import read_pdf
        except ImportError as exc:
            raise SourceError(path, "PDF 读取不可用 (PDF reading is not available)") from exc
        return read_pdf(data, path, refuse=budget_refusal)
    if fmt is SourceFormat.DOCX:
        from juesuan.read.docx import read_docx

        return read_docx(data, path)
    if fmt is SourceFormat.XLSX:
        from juesuan.read.xlsx import read_xlsx

        return read_xlsx(data, path)
    from juesuan.read.html import read_html

    return read_html(data, path)


def _encoding_of(fmt: SourceFormat, data: bytes) -> str:
    """What `RawSource.encoding` reports for a laid-out format: the characters' encoding
    where the format has one (Office XML is UTF-8; a web page states or is guessed)."""
    if fmt is SourceFormat.HTML:
        from juesuan.read.html import page_encoding

        return page_encoding(data)
    return "utf-8" if fmt in (SourceFormat.DOCX, SourceFormat.XLSX) else "binary"


def read_source(path: Path) -> RawSource:
    """Read one raw disclosure; raises SourceError with a one-line reason."""
    path = Path(path)
    if not path.exists():
        raise SourceError(path, "no such file")
    if not path.is_file():
        raise SourceError(path, "not a regular file")
    size = path.stat().st_size
    with path.open("rb") as handle:
        binary = _is_binary_format(handle.read(1024))
    limit = MAX_BINARY_BYTES if binary else MAX_BYTES
    if size > limit:
        what = "a disclosure file" if binary else "a disclosure text"
        raise SourceError(path, f"{size / 1e6:.0f} MB is too large for {what}")
    with path.open("rb") as handle:  # never more than the limit, even if the file grows
        data = handle.read(size + 1)  # not limit + 1: read() allocates what it is asked for
        if len(data) > size:
            data += handle.read(limit + 1 - len(data))
    if len(data) > limit:
        raise SourceError(path, "grew beyond the size limit while being read")
    fmt = sniff_format(data, path)
    if fmt is SourceFormat.TEXT:
        if len(data) > MAX_BYTES:  # was binary-looking when first read, text now
            raise SourceError(path, "grew beyond the size limit while being read")
        text, encoding, truncated = decode_source(data, path)
        return RawSource(
            path=path,
            sha256=hashlib.sha256(data).hexdigest(),
            encoding=encoding,
            text=text,
            sidecar=read_sidecar(path),
            truncated=truncated,
        )
    layout = _lay_out(fmt, data, path)
    return RawSource(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=_encoding_of(fmt, data),
        text=layout.text,
        sidecar=read_sidecar(path),
        source_format=fmt,
        layout=layout,
    )
