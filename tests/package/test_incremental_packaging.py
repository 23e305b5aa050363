"""A rebuild validates only packages whose bytes changed and rewrites only changed files.

Builds run on copies of two seeds (002, 004); the validation cache lives under the
build directory, as in run_build.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import frictionless
import pytest

from build_edits import EDITS, layout, state_licence
from conftest import SEEDS
from juesuan import cli
from juesuan.convert import convert_path
from juesuan.disclosure import Disclosure
from juesuan.infra import atomic
from juesuan.package import validate
from juesuan.package import validate_one as package_validation
from juesuan.package.files import (
    descriptor_json,
    descriptor_text,
    package_descriptor,
    package_files,
)
from juesuan.pipeline import build as pipeline
from juesuan.pipeline.build import BuildPaths, run_build
from juesuan.registry.portal import PORTAL_NAME

pytestmark = pytest.mark.build  # runs full builds or the frictionless CLI


@pytest.fixture
def validated(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the packages handed to frictionless, in every call of the test: by
    validate_all, by the workers that write them (pipeline._written with a cache), or, for
    the portal's, a disclosure's lines at a time (package.portal_parts)."""
    names: list[str] = []
    real, real_written = validate._validate_many, pipeline._written
    real_parts = validate.validate_portal_by_parts

    def spy_parts(folder: Path, *args) -> bool:
        names.append(folder.name)
        return real_parts(folder, *args)

    def spy(descriptors: list[Path]) -> list:
        names.extend(d.parent.name for d in descriptors)
        return real(descriptors)

    def spy_written(
        ds: list, folders: list[Path], previous: list, cache: Path | None, rows: list
    ) -> list:
        if cache is not None:
            names.extend(folder.name for folder in folders)
        return real_written(ds, folders, previous, cache, rows)

    monkeypatch.setattr(validate, "_validate_many", spy)
    monkeypatch.setattr(validate, "validate_portal_by_parts", spy_parts)
    monkeypatch.setattr(pipeline, "_written", spy_written)
    return names


def files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def inodes(root: Path) -> dict[str, int]:
    return {str(p.relative_to(root)): p.stat().st_ino for p in root.rglob("*") if p.is_file()}


def build(paths: BuildPaths) -> None:
    assert run_build(paths, lambda _: None, site=False).problems == []


def package_of(paths: BuildPaths, seed: str) -> Path:
    return next(
        p.parent
        for p in paths.datapackages.glob("*/datapackage.json")
        if f'"source_file": "{SEEDS[seed].name}"' in p.read_text("utf-8")
    )


def test_a_rebuild_validates_exactly_the_packages_whose_bytes_changed(tmp_path, validated):
    paths = layout(tmp_path)
    build(paths)
    names = sorted(p.name for p in paths.datapackages.iterdir())
    assert sorted(validated) == names and len(names) == 3 and PORTAL_NAME in names
    validated.clear()
    build(paths)
    assert validated == []
    before = {name: files(paths.datapackages / name) for name in names}
    state_licence(paths, "004")
    build(paths)
    changed = [n for n in names if files(paths.datapackages / n) != before[n]]
    assert package_of(paths, "004").name in changed
    assert package_of(paths, "002").name not in changed
    assert validated == changed


def test_a_cell_broken_after_validation_is_reported_every_time(tmp_path, validated):
    paths = layout(tmp_path)
    build(paths)
    facts = package_of(paths, "002") / "facts.csv"
    rows = list(csv.DictReader(io.StringIO(facts.read_text("utf-8"))))
    rows[0]["value"] = "六百五十八"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    facts.write_text(buffer.getvalue(), "utf-8")
    for _ in range(2):  # an invalid package leaves no marker behind
        count, problems = validate.validate_all(
            paths.datapackages, paths.build / "cache" / "validate"
        )
        assert count == 3
        assert [(p.package, p.resource, p.row, p.field) for p in problems] == [
            (facts.parent.name, "facts", 2, "value")
        ]


def test_a_new_frictionless_or_new_code_validates_everything_again(
    tmp_path, validated, monkeypatch
):
    paths = layout(tmp_path)
    build(paths)
    validated.clear()
    monkeypatch.setattr(validate, "validator_version", lambda: "frictionless 6")
    build(paths)
    assert len(validated) == 3


def test_the_validate_command_ignores_the_cache(tmp_path, validated, capsys):
    paths = layout(tmp_path)
    build(paths)
    validated.clear()
    assert cli.main(["validate", "--datapackages", str(paths.datapackages)]) == 0
    assert len(validated) == 3 and "3 data packages checked, 0 problems" in capsys.readouterr().out


def test_a_file_is_linked_from_the_previous_build_exactly_when_its_bytes_are_unchanged(
    tmp_path,
):
    paths = layout(tmp_path / "a")
    build(paths)
    before, old = inodes(paths.datapackages), files(paths.datapackages)
    state_licence(paths, "004")
    build(paths)
    after, new = inodes(paths.datapackages), files(paths.datapackages)
    linked = {name for name in after if before.get(name) == after[name]}
    assert linked == {name for name in new if old.get(name) == new[name]}
    assert f"{package_of(paths, '004').name}/datapackage.json" not in linked
    assert f"{package_of(paths, '004').name}/facts.csv" in linked
    fresh = layout(tmp_path / "b")
    state_licence(fresh, "004")
    build(fresh)
    assert files(fresh.datapackages) == new


def test_only_a_plain_file_with_the_same_bytes_and_mode_is_linked(tmp_path):
    previous = tmp_path / "previous"
    previous.mkdir()
    (previous / "same.csv").write_bytes(b"a\n1\n")
    (previous / "other.csv").write_bytes(b"a\n2\n")
    (previous / "private.csv").write_bytes(b"a\n1\n")
    (tmp_path / "outside.csv").write_bytes(b"a\n1\n")
    (previous / "link.csv").symlink_to(tmp_path / "outside.csv")
    for name in ("same.csv", "other.csv", "outside.csv"):
        os.chmod(previous / name if name != "outside.csv" else tmp_path / name, 0o644)
    os.chmod(previous / "private.csv", 0o600)
    names = ("same.csv", "other.csv", "private.csv", "link.csv", "new.csv")
    previous_inode = (previous / "same.csv").stat().st_ino
    target = tmp_path / "target"
    atomic.write_directory_atomically(target, dict.fromkeys(names, "a\n1\n"), reuse=previous)
    assert (target / "same.csv").stat().st_ino == previous_inode
    for name in names:
        written = target / name
        assert written.read_bytes() == b"a\n1\n" and not written.is_symlink(), name
        assert written.stat().st_mode & 0o777 == 0o644, name
        if name != "same.csv":
            assert written.stat().st_nlink == 1, name


def test_a_file_written_in_pieces_is_linked_only_where_the_bytes_and_mode_are_the_same(
    tmp_path,
):
    previous = tmp_path / "previous"
    previous.mkdir()
    for name, content, mode in [
        ("same.csv", b"a\n1\n2\n", 0o644),
        ("longer.csv", b"a\n1\n2\n3\n", 0o644),
        ("other.csv", b"a\n1\n3\n", 0o644),
        ("private.csv", b"a\n1\n2\n", 0o600),
    ]:
        (previous / name).write_bytes(content)
        os.chmod(previous / name, mode)
    target = tmp_path / "target"
    for name in ("same.csv", "longer.csv", "other.csv", "private.csv", "new.csv"):
        atomic.write_pieces(target / name, iter([b"a\n", b"1\n", b"2\n"]), previous / name)
        written = target / name
        assert written.read_bytes() == b"a\n1\n2\n", name
        assert written.stat().st_mode & 0o777 == 0o644, name
        linked = (
            written.stat().st_ino == (previous / name).stat().st_ino if name != "new.csv" else False
        )
        assert linked == (name == "same.csv"), name
    assert sorted(p.name for p in target.iterdir()) == [
        "longer.csv",
        "new.csv",
        "other.csv",
        "private.csv",
        "same.csv",
    ]


def test_where_links_fail_files_are_written(tmp_path, monkeypatch):
    previous = tmp_path / "previous"
    atomic.write_directory_atomically(previous, {"x/a.csv": "a\n1\n"})

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("no links here")

    monkeypatch.setattr(os, "link", refuse)
    atomic.write_directory_atomically(previous, {"x/a.csv": "a\n1\n"}, reuse=previous)
    assert (previous / "x" / "a.csv").read_bytes() == b"a\n1\n"


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_the_descriptor_is_written_as_descriptor_json_writes_it(seed):
    d = convert_path(SEEDS[seed])
    d = dataclasses.replace(d, warnings=(*d.warnings, 'a "quoted"\nline\\break\t{}[]'))
    expected = descriptor_json(package_descriptor(d))
    assert json.loads(expected) == json.loads(json.dumps(package_descriptor(d)))
    assert descriptor_text(d) == expected
    assert package_files(d)["datapackage.json"] == expected + "\n"


def test_an_unchanged_package_is_not_laid_out_again_and_a_hand_edit_is_undone(
    tmp_path, monkeypatch
):
    paths = layout(tmp_path)
    build(paths)
    first = files(paths.datapackages)
    laid_out: list[str] = []
    package_files, portal_texts = pipeline.package_files, pipeline.portal_texts

    def package_spy(d: Disclosure) -> dict[str, str]:
        laid_out.append(d.source.path.name)
        return package_files(d)

    def portal_spy(disclosures: list[Disclosure]) -> Iterator[tuple[str, Iterator[str]]]:
        laid_out.append(PORTAL_NAME)
        return portal_texts(disclosures)

    monkeypatch.setattr(pipeline, "package_files", package_spy)
    monkeypatch.setattr(pipeline, "portal_texts", portal_spy)
    build(paths)
    assert laid_out == []
    state_licence(paths, "004")
    build(paths)
    assert laid_out == [SEEDS["004"].name, PORTAL_NAME]  # the portal depends on every package
    laid_out.clear()
    facts = package_of(paths, "002") / "facts.csv"
    expected = facts.read_bytes()
    facts.write_bytes(expected.replace(b"\n", b"\r\n"))  # still valid, no longer ours
    catalogue = paths.datapackages / PORTAL_NAME / "catalogue.csv"
    catalogue.unlink()
    build(paths)
    assert laid_out == [SEEDS["002"].name, PORTAL_NAME]
    assert facts.read_bytes() == expected and catalogue.is_file()
    assert files(paths.datapackages).keys() == first.keys()


@pytest.mark.parametrize("edit", EDITS)
def test_validate_package_reports_what_frictionless_validate_reports(tmp_path, edit):
    package = tmp_path / "pkg"
    package.mkdir()
    for name, content in package_files(convert_path(SEEDS["003"])).items():
        (package / name).write_text(content, "utf-8")
    EDITS[edit](package)
    descriptor = package / "datapackage.json"
    report = frictionless.validate(str(descriptor))  # as the CLI reads it, from its path
    expected = [[None, None, None, e.message] for e in report.errors] + [
        [task.name, getattr(e, "row_number", None), getattr(e, "field_name", None), e.message]
        for task in report.tasks
        for e in task.errors
    ]
    found = [
        [p.resource, p.row, p.field, p.message]
        for p in package_validation.validate_package(descriptor)
    ]
    assert found == expected
    assert bool(found) == (edit != "as written")
