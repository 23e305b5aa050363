"""The portal package's zip is kept in the render cache under the package's digest: an
unchanged package is not zipped again, a changed one gets a zip of its new files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from juesuan.package.files import files_digest
from juesuan.site import assemble


def package(folder: Path, texts: dict[str, str]) -> tuple[dict[str, Path], str]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, "utf-8")
    files = {name: folder / name for name in texts}
    return files, files_digest({n: p.read_bytes() for n, p in files.items()})


def members(zipped: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(zipped.read_bytes())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture
def zipped(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many zips were made."""
    made: list[int] = []
    real = assemble.deterministic_zip

    def spy(folder: str, files, level=None):
        made.append(1)
        return real(folder, files, level)

    monkeypatch.setattr(assemble, "deterministic_zip", spy)
    return made


def test_an_unchanged_package_is_zipped_once(tmp_path, zipped):
    texts = {"datapackage.json": '{"name": "portal"}\n', "catalogue.csv": "a,b\n1,2\n"}
    files, digest = package(tmp_path / "portal", texts)
    first = assemble._portal_zip(files, digest, tmp_path / "render")
    again = assemble._portal_zip(files, digest, tmp_path / "render")
    assert isinstance(first, Path) and again == first
    assert len(zipped) == 1
    assert members(first) == {n: t.encode() for n, t in texts.items()}


def test_a_changed_package_gets_a_new_zip(tmp_path, zipped):
    texts = {"datapackage.json": '{"name": "portal"}\n', "catalogue.csv": "a,b\n1,2\n"}
    files, digest = package(tmp_path / "portal", texts)
    first = assemble._portal_zip(files, digest, tmp_path / "render")
    old = first.read_bytes()
    texts["catalogue.csv"] = "a,b\n1,2\n3,4\n"
    files, changed = package(tmp_path / "portal", texts)
    assert changed != digest
    second = assemble._portal_zip(files, changed, tmp_path / "render")
    assert second != first and first.read_bytes() == old  # the old entry is left as it was
    assert members(second)["catalogue.csv"] == b"a,b\n1,2\n3,4\n"
    assert len(zipped) == 2


def test_the_zip_is_placed_by_a_hard_link_or_a_copy(tmp_path, monkeypatch):
    files, digest = package(tmp_path / "portal", {"datapackage.json": "{}\n"})
    cached = assemble._portal_zip(files, digest, tmp_path / "render")
    assert isinstance(cached, Path)
    linked = tmp_path / "downloads" / "portal.zip"
    assemble._place(linked, cached)
    assert linked.stat().st_ino == cached.stat().st_ino

    def refuse(*_: object, **__: object) -> None:
        raise OSError("no links here")

    monkeypatch.setattr(assemble.os, "link", refuse)
    copied = tmp_path / "site" / "portal.zip"
    assemble._place(copied, cached)
    assert copied.read_bytes() == cached.read_bytes()
    assert copied.stat().st_ino != cached.stat().st_ino


def test_without_a_digest_the_zip_is_made_in_memory(tmp_path):
    files, _ = package(tmp_path / "portal", {"datapackage.json": "{}\n"})
    found = assemble._portal_zip(files, None, tmp_path / "render")
    assert isinstance(found, bytes)
    assert not (tmp_path / "render").exists()
