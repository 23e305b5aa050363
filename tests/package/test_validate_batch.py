"""Validating packages in batches reports exactly what validating each alone reports.

The batch is the five seed packages; one of them is damaged in each test. The merged pass
is a screen: whatever it cannot vouch for is validated alone, so the results must equal
`validate_package` on every package, and the damage must be found.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from build_edits import EDITS
from conftest import SEEDS
from juesuan.convert import convert_path
from juesuan.package import validate_batch as batch_module
from juesuan.package.files import package_files
from juesuan.package.validate_batch import validate_batch
from juesuan.package.validate_one import validate_package

pytestmark = pytest.mark.build  # runs full builds or the frictionless CLI


@pytest.fixture(scope="module")
def seed_packages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("seed-packages")
    for seed in sorted(SEEDS):
        d = convert_path(SEEDS[seed])
        (root / d.name).mkdir()
        for name, content in package_files(d).items():
            (root / d.name / name).write_text(content, "utf-8")
    return root


def copy_of(seed_packages: Path, tmp_path: Path) -> list[Path]:
    shutil.copytree(seed_packages, tmp_path / "p")
    return sorted((tmp_path / "p").glob("*/datapackage.json"))


def rewrite_rows(path: Path, change) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
    change(rows)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), "utf-8")


def items_of(package: Path) -> int:
    return len((package / "expenditure_by_function.csv").read_text("utf-8").splitlines()) - 1


def point_at_other_package(packages: list[Path]) -> Path:
    """A class reference to an item id that only another package has."""
    by_items = sorted(packages, key=lambda d: items_of(d.parent))
    small, large = by_items[1].parent, by_items[-1].parent
    assert items_of(small) < items_of(large)
    missing = f"F{items_of(large):03d}"

    def change(rows: list[list[str]]) -> None:
        rows[1][rows[0].index("class_id")] = missing

    rewrite_rows(small / "expenditure_by_function.csv", change)
    return small


def duplicate_key(packages: list[Path]) -> Path:
    package = packages[0].parent
    rewrite_rows(package / "facts.csv", lambda rows: rows.append(list(rows[1])))
    return package


def ragged_row(packages: list[Path]) -> Path:
    package = packages[0].parent
    rewrite_rows(package / "checks.csv", lambda rows: rows[1].append("extra"))
    return package


def blank_row(packages: list[Path]) -> Path:
    package = packages[0].parent
    path = package / "facts.csv"
    path.write_text(path.read_text("utf-8") + ",,,,,,,\n", "utf-8")
    return package


def semicolons(packages: list[Path]) -> Path:
    package = packages[2].parent
    path = package / "vocabulary.csv"
    path.write_text(path.read_text("utf-8").replace(",", ";"), "utf-8")
    return package


def not_utf8(packages: list[Path]) -> Path:
    package = packages[1].parent
    path = package / "sangong.csv"
    path.write_bytes(path.read_text("utf-8").encode("gb18030"))
    return package


def vocabulary_key_twice(packages: list[Path]) -> Path:
    package = packages[1].parent
    rewrite_rows(package / "vocabulary.csv", lambda rows: rows.append(list(rows[1])))
    return package


def key_only_in_other_vocabularies(packages: list[Path]) -> Path:
    """A fact whose key the other packages' vocabularies have, but not its own."""
    package = packages[2].parent
    used = {row[0] for row in csv.reader(io.StringIO((package / "facts.csv").read_text("utf-8")))}

    def change(rows: list[list[str]]) -> None:
        del rows[next(i for i, row in enumerate(rows) if i and row[0] in used)]

    rewrite_rows(package / "vocabulary.csv", change)
    return package


def one_package(edit):
    def damage(packages: list[Path]) -> Path:
        package = packages[3].parent
        edit(package)
        return package

    return damage


DAMAGE = {
    "reference met only in another package": point_at_other_package,
    "key twice in one package": duplicate_key,
    "ragged row": ragged_row,
    "blank row": blank_row,
    "not UTF-8": not_utf8,
    "vocabulary key twice in one package": vocabulary_key_twice,
    "fact key only in the other packages' vocabularies": key_only_in_other_vocabularies,
    **{name: one_package(edit) for name, edit in EDITS.items() if name != "as written"},
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_package_is_reported_as_frictionless_reports_it_alone(
    seed_packages, tmp_path, damage
):
    packages = copy_of(seed_packages, tmp_path)
    damaged = DAMAGE[damage](packages)
    found = validate_batch(packages)
    assert found == [validate_package(d) for d in packages]
    by_name = {d.parent.name: problems for d, problems in zip(packages, found, strict=True)}
    assert by_name.pop(damaged.name), damage
    assert not any(by_name.values())


def test_sound_packages_are_validated_together_not_one_by_one(seed_packages, tmp_path, monkeypatch):
    """The point of batching: frictionless opens each resource once for the batch, and
    only the first package (which checks the shared resource metadata) goes alone, once a
    process: a second batch has no package alone."""
    packages = copy_of(seed_packages, tmp_path)
    alone: list[str] = []

    def spy(descriptor: Path) -> list:
        alone.append(descriptor.parent.name)
        return validate_package(descriptor)

    monkeypatch.setattr(batch_module, "validate_package", spy)
    monkeypatch.setattr(batch_module, "_METADATA_PASSED", set())  # a fresh process
    assert validate_batch(packages) == [[]] * len(packages)
    assert alone == [packages[0].parent.name]
    assert validate_batch(packages[1:]) == [[]] * (len(packages) - 1)
    assert alone == [packages[0].parent.name]


def test_the_same_keys_in_different_packages_are_not_a_problem(seed_packages, tmp_path):
    """Every seed package has the same vocabulary keys and check ids; the merged primary key
    includes the package, so only a repeat inside one package counts."""
    packages = copy_of(seed_packages, tmp_path)
    vocabularies = {(d.parent / "vocabulary.csv").read_bytes() for d in packages}
    assert len(vocabularies) == 1
    assert (
        batch_module._flagged(
            [(i, d.parent.name, batch_module._screenable(d)) for i, d in enumerate(packages)]
        )
        == set()
    )


def test_a_file_frictionless_would_read_in_another_dialect_is_validated_alone(
    seed_packages, tmp_path, monkeypatch
):
    """frictionless sniffs each CSV's dialect; a semicolon-separated file is valid to it. The
    screen reads only plain comma-separated text, so such a package goes to frictionless."""
    packages = copy_of(seed_packages, tmp_path)
    odd = semicolons(packages)
    alone: list[str] = []

    def spy(descriptor: Path) -> list:
        alone.append(descriptor.parent.name)
        return validate_package(descriptor)

    monkeypatch.setattr(batch_module, "validate_package", spy)
    assert validate_batch(packages) == [validate_package(d) for d in packages]
    assert odd.name in alone


def test_a_problem_in_rows_every_package_shares_is_reported_for_every_package(
    seed_packages, tmp_path
):
    """The vocabulary, the same in every package, is merged once per batch; a problem in it
    must still be reported for each package, as frictionless reports it alone."""
    packages = copy_of(seed_packages, tmp_path)
    for d in packages:
        rewrite_rows(d.parent / "vocabulary.csv", lambda rows: rows.append(list(rows[1])))
    found = validate_batch(packages)
    assert found == [validate_package(d) for d in packages]
    assert all(found)


def test_the_shared_vocabulary_is_merged_once(seed_packages, tmp_path):
    packages = copy_of(seed_packages, tmp_path)
    shaped = [(d.parent.name, batch_module._screenable(d)) for d in packages]
    _, owners = batch_module._merged_package(shaped, tmp_path)
    vocabulary = shaped[0][1]["vocabulary"]
    assert owners["vocabulary"] == [[name for name, _ in shaped]] * len(vocabulary)
