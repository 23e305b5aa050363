"""Bytes of a text or web page → text, in whatever encoding a Chinese publisher used.

Office exports and web pages come as UTF-8, UTF-16 or GB18030 (often declared as GBK or
GB2312); a file cut off mid-download ends inside a character. Shared by the text source
reader and the web-page reader.
"""

from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

from juesuan.read.errors import SourceError

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Encodings Chinese publishers actually use; anything else charset-normalizer
# proposes for a Chinese text is a mis-detection.
_ACCEPTED_GUESSES = {"gb18030", "gbk", "gb2312", "big5", "utf_8", "utf_16", "hz"}


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
