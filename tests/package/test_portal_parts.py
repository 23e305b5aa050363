"""The portal package is validated a disclosure's lines at a time (package.portal_parts).

Each disclosure's lines of the portal tables are read by frictionless once; later builds
check only what frictionless would check across disclosures, on records. Anything the
parts cannot vouch for answers False, and the build validates the whole package. Builds on
copies of seeds 002 and 004 (build_edits.layout), then 003.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import juesuan.package.portal_parts as portal_parts
from build_edits import add_seed, layout
from juesuan.package.portal_parts import PortalParts, validate_portal_by_parts
from juesuan.package.validate import validator_version
from juesuan.pipeline.build import BuildPaths, BuildResult, run_build
from juesuan.registry.portal import PORTAL_NAME

pytestmark = pytest.mark.build  # runs builds and frictionless


def build(paths: BuildPaths) -> BuildResult:
    result = run_build(paths, lambda _: None, site=False)
    assert result.problems == []
    return result


def parts_of(paths: BuildPaths, result: BuildResult) -> PortalParts:
    keys = tuple(sorted((d.name, d.conversion_key) for d in result.disclosures))
    return PortalParts(paths.cache / "portal-rows", keys)


def names_in(table: Path) -> set[str]:
    """The package names in the rows of a CSV table (its first column)."""
    return {line.split(",", 1)[0] for line in table.read_text("utf-8").splitlines()[1:]}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildPaths, BuildResult]:
    paths = layout(tmp_path_factory.mktemp("portal-parts"))
    return paths, build(paths)


def check(paths: BuildPaths, parts: PortalParts, portal: Path, records: Path) -> bool:
    return validate_portal_by_parts(portal, parts, records, validator_version())


def copy_of(paths: BuildPaths, tmp_path: Path) -> Path:
    portal = tmp_path / PORTAL_NAME
    shutil.copytree(paths.datapackages / PORTAL_NAME, portal)
    return portal


def test_a_build_reads_the_new_disclosures_lines_only(tmp_path, monkeypatch):
    paths = layout(tmp_path)
    read: list[set[str]] = []  # package names in the facts table frictionless was given
    real = portal_parts.validate_package

    def spy(descriptor: Path):
        read.append(names_in(descriptor.parent / "facts.csv"))
        return real(descriptor)

    monkeypatch.setattr(portal_parts, "validate_package", spy)
    first = build(paths)
    assert read == [{d.name for d in first.disclosures}]  # a first build: all lines are new
    add_seed(paths, "003")
    second = build(paths)
    (new,) = {d.name for d in second.disclosures} - {d.name for d in first.disclosures}
    # 003's codes fill unprinted codes of the others (build.fill_codes_across): a disclosure
    # so changed has new lines too; an unchanged one's are not read again
    before = {d.name: d.expenditure_items for d in first.disclosures}
    changed = {
        d.name
        for d in second.disclosures
        if d.name in before and d.expenditure_items != before[d.name]
    }
    assert read[1] == {new} | changed
    assert len(read[1]) < len(second.disclosures)
    # nothing new: the portal's digest is known valid, and no lines are read at all
    build(paths)
    assert len(read) == 2


def test_it_vouches_for_the_package_the_build_wrote(built, tmp_path):
    paths, result = built
    parts = parts_of(paths, result)
    records = tmp_path / "records"
    assert check(paths, parts, paths.datapackages / PORTAL_NAME, records)
    assert len(list(records.iterdir())) == len(result.disclosures)  # a record each
    assert check(paths, parts, paths.datapackages / PORTAL_NAME, records)  # from the records


def test_a_bad_cell_in_new_lines_is_not_vouched_for(built, tmp_path, monkeypatch):
    paths, result = built
    parts = parts_of(paths, result)
    found: list[str] = []
    real = portal_parts.validate_package

    def spy(descriptor: Path):
        problems = real(descriptor)
        found.extend(f"{p.resource} {p.field}" for p in problems)
        return problems

    monkeypatch.setattr(portal_parts, "validate_package", spy)
    rows = tmp_path / "rows"
    shutil.copytree(parts.rows, rows)
    for entry in rows.iterdir():  # every disclosure's 三公 amounts stated as words
        lines = json.loads(entry.read_text("utf-8"))
        lines["sangong.csv"] = lines["sangong.csv"].replace(",wan_yuan,", ",万元,")
        entry.chmod(0o644)
        entry.write_text(json.dumps(lines, ensure_ascii=False), "utf-8")
    moved = PortalParts(rows, parts.keys)
    assert not check(paths, moved, paths.datapackages / PORTAL_NAME, tmp_path / "records")
    assert found and set(found) == {"sangong unit"}  # frictionless found the cells
    assert not (tmp_path / "records").exists() or not any((tmp_path / "records").iterdir())


def test_a_disclosure_s_lines_twice_are_not_vouched_for(built, tmp_path):
    paths, result = built
    parts = parts_of(paths, result)
    key, other = parts.keys[0][1], parts.keys[1]
    twice = PortalParts(parts.rows, (parts.keys[0], (other[0], key)))  # its lines, two places
    records = tmp_path / "records"
    assert check(paths, parts, paths.datapackages / PORTAL_NAME, records)
    assert not check(paths, twice, paths.datapackages / PORTAL_NAME, records)


def test_lines_of_a_disclosure_gone_from_the_catalogue_are_not_vouched_for(built, tmp_path):
    paths, result = built
    parts = parts_of(paths, result)
    records = tmp_path / "records"
    portal = copy_of(paths, tmp_path)
    assert check(paths, parts, portal, records)  # the records are made
    gone = parts.keys[0][0]
    for table in ("catalogue.csv", "completeness_ranking.csv"):  # which refers to it
        lines = (portal / table).read_text("utf-8").splitlines(keepends=True)
        (portal / table).write_text("".join(x for x in lines if gone not in x), "utf-8")
    assert not check(paths, parts, portal, records)


def test_a_table_that_is_not_its_parts_is_not_vouched_for(built, tmp_path):
    paths, result = built
    parts = parts_of(paths, result)
    records = tmp_path / "records"
    portal = copy_of(paths, tmp_path)
    assert check(paths, parts, portal, records)
    facts = portal / "facts.csv"
    text = facts.read_text("utf-8")
    facts.write_text(text + text.splitlines(keepends=True)[1], "utf-8")  # a row twice
    assert not check(paths, parts, portal, records)


def test_a_schema_the_reasoning_does_not_cover_is_not_vouched_for(built, tmp_path):
    paths, result = built
    parts = parts_of(paths, result)
    portal = copy_of(paths, tmp_path)
    descriptor = json.loads((portal / "datapackage.json").read_text("utf-8"))
    facts = next(r for r in descriptor["resources"] if r["name"] == "facts")
    evidence = next(f for f in facts["schema"]["fields"] if f["name"] == "evidence")
    evidence.setdefault("constraints", {})["unique"] = True  # across every disclosure
    (portal / "datapackage.json").write_text(json.dumps(descriptor), "utf-8")
    assert not check(paths, parts, portal, tmp_path / "records")
