"""Download a file into a content-addressed store, keeping it only if its hash is right.

Originals kept out of git are fetched at build time into `build/cache/originals/<sha256>`.
The name is the hash the manifest states, so an entry that exists and hashes right is
never fetched again, and bytes that differ (a publisher's edited re-upload, a proxy's
error page, a truncated transfer) are never kept: what the portal publishes is exactly
what the manifest committed to. Only http(s) is spoken, with a timeout, and a download
stops as soon as it exceeds the stated size.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from juesuan.infra.cache import mark_used

CHUNK = 1 << 20
TIMEOUT_S = 60.0


class FetchError(Exception):
    """The bytes could not be had, or were not the stated ones; str() is the reason."""


@dataclass(frozen=True)
class Digest:
    """A file's SHA-256 and size: what was stated, or what arrived."""

    sha256: str
    size: int


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to another http(s) address (never ftp: or file:)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if not newurl.lower().startswith(("http://", "https://")):
            raise FetchError(
                f"重定向到非 http(s) 地址 / redirected to a non-http(s) address {newurl}"
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_HttpOnlyRedirects)


def file_digest(path: Path) -> Digest:
    """SHA-256 and size of a file, read in chunks (originals run to tens of megabytes)."""
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return Digest(digest.hexdigest(), size)


def _download(url: str, size: int, into: Path, timeout: float) -> Digest:
    """Stream `url` into the open file `into`; stop one byte past `size`."""
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(f"只能下载 http(s) 地址 / only http(s) addresses are fetched: {url}")
    digest, got = hashlib.sha256(), 0
    request = urllib.request.Request(url, headers={"User-Agent": "juesuan-fetch"})
    try:
        with _OPENER.open(request, timeout=timeout) as response, into.open("wb") as out:
            while got <= size and (chunk := response.read(min(CHUNK, size + 1 - got))):
                digest.update(chunk)
                out.write(chunk)
                got += len(chunk)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        raise FetchError(f"下载失败 / download failed: {url}: {exc}") from exc
    return Digest(digest.hexdigest(), got)


def fetch_verified(
    url: str, sha256: str, size: int, store: Path, timeout: float = TIMEOUT_S
) -> Path | Digest:
    """The store's entry for `sha256`, downloaded from `url` if it is not there already.

    Returns what arrived instead (a Digest) when the bytes differ from the stated hash or
    size; those bytes are deleted. Raises FetchError when nothing could be downloaded."""
    entry = store / sha256
    if entry.is_file():
        if file_digest(entry) == Digest(sha256, size):
            mark_used(entry)
            return entry
        entry.unlink()  # damaged in place: fetch it again
    store.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{sha256[:16]}.", dir=store)
    os.close(fd)
    staging = Path(name)
    try:
        arrived = _download(url, size, staging, timeout)
        if arrived != Digest(sha256, size):
            return arrived
        staging.chmod(0o444)  # shared by hard link: never edited in place
        os.replace(staging, entry)
        return entry
    finally:
        with contextlib.suppress(FileNotFoundError):
            staging.unlink()
