"""Reading raw bytes: encodings, and refusing what is not a text disclosure."""

from __future__ import annotations

import pytest

from conftest import seed_text
from juesuan.read.encoding import decode
from juesuan.read.source import SourceError, read_source

FRAGMENT = seed_text("000").split("第二部分")[1][:400]


@pytest.mark.parametrize(
    "encoded, encoding",
    [
        (FRAGMENT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + FRAGMENT.encode("utf-8"), "utf-8-sig"),
        (FRAGMENT.encode("utf-16"), "utf-16"),
        (FRAGMENT.encode("gb18030"), "gb18030"),
    ],
)
def test_encodings_decode_to_the_same_text(encoded, encoding):
    text, found = decode(encoded)
    assert text == FRAGMENT
    assert found == encoding


@pytest.mark.parametrize(
    "data, problem",
    [
        (b"", "empty file"),
        (b"  \n\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
    ],
)
def test_not_text_is_refused_with_a_reason(tmp_path, data, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(SourceError) as err:
        read_source(path)
    assert str(err.value).startswith(f"{path}: {problem}")


def test_sidecar_with_a_path_or_a_script_url_is_refused(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text(FRAGMENT, encoding="utf-8")
    (tmp_path / "a.yml").write_text("original_filename: ../../etc/passwd\n", encoding="utf-8")
    with pytest.raises(SourceError, match="original_filename"):
        read_source(source)
    (tmp_path / "a.yml").write_text("source_url: javascript:alert(1)\n", encoding="utf-8")
    with pytest.raises(SourceError, match="source_url"):
        read_source(source)


def test_sources_are_never_modified(built):
    import hashlib

    from conftest import SEEDS, SOURCES

    _paths, result = built
    for d in result.disclosures:
        if d.source.path.name.startswith("zz_"):
            continue
        original = SOURCES / d.source.path.name
        assert hashlib.sha256(original.read_bytes()).hexdigest() == d.source.sha256
    assert set(SEEDS.values()) <= set(SOURCES.iterdir())
