"""Read a raw disclosure and its optional metadata sidecar.

Raw files come from office exports and web pages in whatever encoding the
publisher used; this stage turns bytes into text or refuses with a one-line
reason naming the file. It never writes to the source.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from charset_normalizer import from_bytes
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

MAX_BYTES = 20 * 1024 * 1024  # the largest real disclosure text is well under 1 MB
SIDECAR_SUFFIXES = (".yml", ".yaml")
SOURCE_SUFFIXES = (".txt", ".md", ".text")
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Encodings Chinese publishers actually use; anything else charset-normalizer
# proposes for a Chinese text is a mis-detection.
_ACCEPTED_GUESSES = {"gb18030", "gbk", "gb2312", "big5", "utf_8", "utf_16", "hz"}


class SourceError(Exception):
    """A source that cannot be turned into a disclosure; str() is the one-line reason."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


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
    """A decoded source: text as published (not yet normalised) plus provenance."""

    path: Path
    sha256: str
    encoding: str
    text: str
    sidecar: Sidecar
    truncated: bool = False  # the file ends inside a character: a cut-off download


def sidecar_path(path: Path) -> Path | None:
    for suffix in SIDECAR_SUFFIXES:
        candidate = path.with_suffix(suffix)
        if candidate.is_file():
            return candidate
    return None


def read_sidecar(path: Path) -> Sidecar:
    side = sidecar_path(path)
    if side is None:
        return Sidecar()
    try:
        data = yaml.safe_load(side.read_text(encoding="utf-8")) or {}
        return Sidecar.model_validate(data)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SourceError(side, f"sidecar is not readable YAML ({exc.__class__.__name__})") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise SourceError(side, f"sidecar field {where}: {first['msg']}") from exc


def _decode_prefix(data: bytes, encoding: str) -> tuple[str, bool]:
    """Decode; a character cut off by the end of the file (a truncated download) is
    dropped and reported as truncation, any other undecodable byte raises."""
    try:
        return data.decode(encoding), False
    except UnicodeDecodeError as exc:
        if exc.end < len(data) or exc.start < len(data) - 3:
            raise
        return data[: exc.start].decode(encoding), True


def _guess_encoding(data: bytes) -> str | None:
    """A Chinese encoding for `data`; the last bytes may be half a character of a cut-off
    file, so detection is retried without them."""
    for trim in range(4):
        best = from_bytes(data[: min(200_000, len(data) - trim)]).best()
        if best is not None and best.encoding.lower() in _ACCEPTED_GUESSES:
            return "gb18030" if best.encoding.lower() in {"gbk", "gb2312"} else best.encoding
        if len(data) - trim <= 1:
            break
    return None


def decode_source(data: bytes, path: Path | str = "<bytes>") -> tuple[str, str, bool]:
    """Bytes → (text, encoding name, truncated), or SourceError when it is not text."""
    if not data.strip():
        raise SourceError(path, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text, cut = _decode_prefix(data, encoding)
            except UnicodeDecodeError as exc:
                raise SourceError(
                    path, f"starts with a {encoding} BOM but does not decode"
                ) from exc
            return text, encoding, cut
    if b"\x00" in data[:8192]:
        raise SourceError(path, "binary file (contains NUL bytes), not a text export")
    try:
        text, cut = _decode_prefix(data, "utf-8")
        return text, "utf-8", cut
    except UnicodeDecodeError:
        pass
    encoding = _guess_encoding(data)
    if encoding is None:
        raise SourceError(path, "not decodable as UTF-8, UTF-16 or GB18030 text")
    try:
        text, cut = _decode_prefix(data, encoding)
        return text, encoding, cut
    except UnicodeDecodeError as exc:
        raise SourceError(path, f"looks like {encoding} but does not decode") from exc


def decode(data: bytes, path: Path | str = "<bytes>") -> tuple[str, str]:
    """Bytes → (text, encoding name), or SourceError when it is not text."""
    text, encoding, _ = decode_source(data, path)
    return text, encoding


def read_source(path: Path) -> RawSource:
    """Read one raw disclosure; raises SourceError with a one-line reason."""
    path = Path(path)
    if not path.exists():
        raise SourceError(path, "no such file")
    if not path.is_file():
        raise SourceError(path, "not a regular file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SourceError(path, f"{size / 1e6:.0f} MB is too large for a disclosure text")
    with path.open("rb") as handle:  # never more than MAX_BYTES, even if the file grows
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
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
