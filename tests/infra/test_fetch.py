"""Downloading into the content-addressed store: only the stated bytes are ever kept."""

from __future__ import annotations

import hashlib
import os

import pytest

from juesuan.infra.cache import prune_unused
from juesuan.infra.fetch import Digest, FetchError, fetch_verified
from loopback import serving

DATA = "收入总计 1,234.56 万元\n".encode() * 100


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_a_stored_entry_with_the_right_hash_is_not_fetched_again(tmp_path):
    store = tmp_path / "store"
    with serving(tmp_path / "served") as server:
        (server.root / "a.pdf").write_bytes(DATA)
        url = f"{server.url}/a.pdf"
        entry = fetch_verified(url, sha(DATA), len(DATA), store)
        assert entry == store / sha(DATA) and entry.read_bytes() == DATA
        assert fetch_verified(url, sha(DATA), len(DATA), store) == entry
        assert server.requests == ["/a.pdf"]
        os.chmod(entry, 0o644)
        entry.write_bytes(b"damaged in place")  # not what its name says: fetched again
        assert fetch_verified(url, sha(DATA), len(DATA), store).read_bytes() == DATA
        assert server.requests == ["/a.pdf", "/a.pdf"]


def test_a_download_longer_than_stated_stops_one_byte_past_the_size(tmp_path):
    store = tmp_path / "store"
    with serving(tmp_path / "served") as server:
        (server.root / "big.pdf").write_bytes(DATA + DATA)
        got = fetch_verified(f"{server.url}/big.pdf", sha(DATA), len(DATA), store)
    assert isinstance(got, Digest) and got.size == len(DATA) + 1
    assert got.sha256 == sha((DATA + DATA)[: len(DATA) + 1])
    assert list(store.iterdir()) == []  # neither kept nor left half-written


def test_only_http_addresses_are_fetched_and_redirects_stay_on_http(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_bytes(DATA)
    store = tmp_path / "store"
    with pytest.raises(FetchError, match="only http"):
        fetch_verified(secret.as_uri(), sha(DATA), len(DATA), store)
    moved = {"/file.pdf": secret.as_uri(), "/ftp.pdf": "ftp://127.0.0.1:9/secret.txt"}
    with serving(tmp_path / "served", moved) as server:
        with pytest.raises(FetchError, match="is not allowed"):  # urllib's own refusal
            fetch_verified(f"{server.url}/file.pdf", sha(DATA), len(DATA), store)
        with pytest.raises(FetchError, match="non-http"):  # urllib would follow ftp:
            fetch_verified(f"{server.url}/ftp.pdf", sha(DATA), len(DATA), store)
    assert not (store / sha(DATA)).exists()


def test_an_original_no_build_used_is_pruned(tmp_path):
    cache = tmp_path / "cache"
    old = cache / "originals" / ("0" * 64)
    old.parent.mkdir(parents=True)
    old.write_bytes(b"x")
    os.utime(old, (1_000_000, 1_000_000))
    assert prune_unused(cache, since=2_000_000) == 1 and not old.exists()
