"""Table Schemas carry the constraints, and frictionless rejects rows that break them."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEEDS
from juesuan.convert import convert_path
from juesuan.package.files import write_package
from juesuan.package.validate_one import validate_package
from juesuan.registry import RESOURCES
from juesuan.registry.checks import CHECKS
from juesuan.registry.portal import PORTAL_RESOURCES

FRICTIONLESS = Path(sys.executable).parent / "frictionless"

# Column types of the Fiscal Data Package budget taxonomy
# (https://specs.frictionlessdata.io/taxonomies/fiscal/budgets.json) that we use, as listed there.
FDP_COLUMN_TYPES = {
    "value",
    "value-kind:code",
    "value-kind:label",
    "date:fiscal-year",
    "phase:id",
    "budget-line-id",
    "functional-classification:generic:code",
    "functional-classification:generic:level1:label",
    "functional-classification:generic:level2:label",
    "functional-classification:generic:level3:label",
    "economic-classification:generic:code",
    "economic-classification:generic:label",
    "administrative-classification:generic:label",
    "administrative-classification:generic:level1:label",
    "administrative-classification:generic:level2:label",
    "activity:generic:project:code",
    "activity:generic:project:label",
}
ALL_SPECS = (*RESOURCES, *PORTAL_RESOURCES)


def _fields(spec_name: str, schema: dict) -> dict[str, dict]:
    return {f["name"]: f for f in schema["fields"]}


def test_every_field_has_titles_and_descriptions_in_both_languages():
    for spec in ALL_SPECS:
        if spec is CHECKS:  # its fields are being extended on another branch
            continue
        for f in spec.fields:
            assert f.title_zh and f.title_en and f.description, (spec.name, f.name)
            assert f.description_zh, (spec.name, f.name)
            schema = f.to_schema()
            assert schema["title"] == f"{f.title_zh} / {f.title_en}"
            assert schema["description"].startswith(f.description_zh)


def test_column_types_are_ids_of_the_fiscal_taxonomy():
    used = {f.column_type for spec in ALL_SPECS for f in spec.fields if f.column_type}
    assert used <= FDP_COLUMN_TYPES, used - FDP_COLUMN_TYPES
    assert {"value", "phase:id", "functional-classification:generic:code"} <= used


def test_schemas_carry_keys_patterns_and_fiscal_types():
    by_name = {spec.name: spec.table_schema() for spec in RESOURCES}
    items = by_name["expenditure_by_function"]
    fields = _fields("items", items)
    assert fields["code"]["constraints"]["pattern"] == r"^\d{3}(\d{2}){0,2}$"
    assert fields["code"]["columnType"] == "functional-classification:generic:code"
    assert fields["amount"]["columnType"] == "value"
    assert fields["item_id"]["constraints"]["required"] is True
    assert items["primaryKey"] == ["item_id"]
    assert {"fields": "class_id", "reference": {"resource": "", "fields": "item_id"}} in items[
        "foreignKeys"
    ]
    sangong = _fields("sangong", by_name["sangong"])
    assert sangong["phase"]["columnType"] == "phase:id"
    assert sangong["phase"]["constraints"]["enum"] == ["budget", "actual"]
    assert sangong["value"]["constraints"]["minimum"] == 0
    indicators = by_name["performance_indicators"]
    assert indicators["foreignKeys"][0]["reference"]["resource"] == "performance_projects"
    assert _fields("i", indicators)["row"]["constraints"]["minimum"] == 1


def _written(seed: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp(f"pkg{seed}")
    write_package(convert_path(SEEDS[seed]), out)
    assert validate_package(out / "datapackage.json") == []
    return out


@pytest.fixture(scope="module")
def package_003(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _written("003", tmp_path_factory)


@pytest.fixture(scope="module")
def package_000(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """000 prints project self-evaluation tables with their indicators."""
    return _written("000", tmp_path_factory)


def _edit(package: Path, resource: str, row: int, column: str, value: str, tmp: Path) -> Path:
    """A copy of `package` with one cell changed."""
    copy = tmp / "edited"
    copy.mkdir()
    for file in package.iterdir():
        (copy / file.name).write_bytes(file.read_bytes())
    path = copy / f"{resource}.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
    assert column in rows[row]
    rows[row][column] = value
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), "utf-8")
    return copy / "datapackage.json"


def _cli_fails(descriptor: Path) -> str:
    run = subprocess.run(
        [str(FRICTIONLESS), "validate", str(descriptor)], capture_output=True, text=True
    )
    assert run.returncode != 0
    return run.stdout


def test_a_bad_classification_code_is_rejected(package_003, tmp_path):
    descriptor = _edit(package_003, "expenditure_by_function", 2, "code", "20601X", tmp_path)
    problems = validate_package(descriptor)
    assert [(p.resource, p.field) for p in problems] == [("expenditure_by_function", "code")]
    assert "pattern" in problems[0].message
    assert "constraint-error" in _cli_fails(descriptor)


def test_an_item_whose_class_row_does_not_exist_is_rejected(package_003, tmp_path):
    descriptor = _edit(package_003, "expenditure_by_function", 2, "class_id", "F999", tmp_path)
    problems = validate_package(descriptor)
    assert len(problems) == 1 and "foreign key" in problems[0].message


def test_an_indicator_whose_project_does_not_exist_is_rejected(package_000, tmp_path):
    descriptor = _edit(package_000, "performance_indicators", 0, "project_id", "P99", tmp_path)
    problems = validate_package(descriptor)
    assert len(problems) == 1 and problems[0].resource == "performance_indicators"
    assert "foreign key" in problems[0].message
    assert "foreign-key" in _cli_fails(descriptor)


def test_a_negative_sangong_amount_is_rejected(package_003, tmp_path):
    descriptor = _edit(package_003, "sangong", 0, "value", "-1.00", tmp_path)
    problems = validate_package(descriptor)
    assert [(p.resource, p.field) for p in problems] == [("sangong", "value")]


def test_items_point_at_the_class_row_of_their_class(package_003):
    rows = list(
        csv.DictReader(io.StringIO((package_003 / "expenditure_by_function.csv").read_text()))
    )
    by_id = {r["item_id"]: r for r in rows}
    linked = [r for r in rows if r["class_id"]]
    assert linked
    for r in linked:
        parent = by_id[r["class_id"]]
        assert parent["level"] == "class" and parent["class_name"] == r["class_name"]
    # 003 prints 科学技术支出 (206) as a class row with 行政运行 (2060101) under it.
    administration = next(r for r in rows if r["code"] == "2060101")
    assert by_id[administration["class_id"]]["code"] == "206"
