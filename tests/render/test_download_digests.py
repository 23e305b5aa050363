"""The download manifest hashes a file only when its stats differ from those the last
build recorded with its digest (render.downloads.DownloadPlace.manifest)."""

from __future__ import annotations

import csv
import hashlib
import io
import os

from juesuan.render.downloads import DownloadPlace

PLACE = DownloadPlace("https://example.org/{shelf}/")


def rows(text: str) -> dict[str, tuple[str, str]]:
    return {r["file"]: (r["bytes"], r["sha256"]) for r in csv.DictReader(io.StringIO(text))}


def test_digests_are_recorded_then_trusted_while_the_stats_hold(tmp_path):
    (tmp_path / "a.zip").write_bytes(b"zip of a")
    (tmp_path / "b.zip").write_bytes(b"zip of b, longer")
    known: dict[str, list] = {}
    first = rows(PLACE.manifest(tmp_path, ["a", "b"], known))
    assert first == {
        "a.zip": ("8", hashlib.sha256(b"zip of a").hexdigest()),
        "b.zip": ("16", hashlib.sha256(b"zip of b, longer").hexdigest()),
    }
    assert sorted(known) == ["a.zip", "b.zip"]
    known["a.zip"][3] = "recorded"  # what the record says is used, the file is not read
    assert rows(PLACE.manifest(tmp_path, ["a", "b"], known))["a.zip"] == ("8", "recorded")


def test_a_file_with_other_stats_is_hashed_again(tmp_path):
    path = tmp_path / "a.zip"
    path.write_bytes(b"zip of a")
    known: dict[str, list] = {}
    PLACE.manifest(tmp_path, ["a"], known)
    known["a.zip"][3] = "stale"
    own = path.stat()
    os.utime(path, ns=(own.st_atime_ns, own.st_mtime_ns + 1_000_000_000))
    assert rows(PLACE.manifest(tmp_path, ["a"], known))["a.zip"] == (
        "8",
        hashlib.sha256(b"zip of a").hexdigest(),
    )


def test_the_record_keeps_only_the_files_listed(tmp_path):
    (tmp_path / "a.zip").write_bytes(b"a")
    known: dict[str, list] = {"gone.zip": [1, 2, 3, "x"]}
    PLACE.manifest(tmp_path, ["a"], known)
    assert sorted(known) == ["a.zip"]
