"""Validate many disclosure packages in one frictionless pass.

frictionless spends ~0.13 s of CPU per package opening its nine resources (it copies and
re-validates every field's metadata on each open); reading the few hundred rows of a
disclosure costs a small fraction of that. Every package that package.py writes has the
same resources — the registry's Table Schemas, byte for byte — so the rows of a batch of
packages can be validated together: each resource becomes one table whose rows carry
their package's name in front, its primary key and references are extended by that
name (so a key may repeat across packages but not within one, and a reference must be
met inside its own package), and frictionless validates that table once per batch.
Rows that are the same in several packages of a resource no reference leads out of (the
vocabulary, a fifth of a package's rows, is the same in all) are merged once, under the
first such package's name, and the references of the others lead there: the same rows
give the same verdicts, and a problem in them flags every package they stand for.

This is a screen, not a second validator. A package is screened only when it has
exactly the registry's resources, every file is UTF-8, read by frictionless's own CSV
dialect sniffing as plain comma-separated text, with the schema's header and no ragged
or blank row, and its descriptor's own metadata passes frictionless's metadata check.
Any package that does not fit, or that the merged pass flags in any row, is validated
alone by `validate_package`, so every problem is reported exactly as frictionless
reports it; and the first package of each batch is validated alone too, which checks
the shared resources' metadata with frictionless itself.
"""

from __future__ import annotations

import csv
import json
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from frictionless import Package

from juesuan.package.csv_dialect import SNIFF_LINES, read_as_written
from juesuan.package.files import resource_descriptor
from juesuan.package.validate_one import ValidationProblem, validate_package
from juesuan.registry import RESOURCES

PACKAGE_FIELD = "_package"


def _canonical(value: Any) -> str:
    """JSON text that two values share only when JSON says they are equal (Python's == says
    1 == True; frictionless's metadata check does not)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@cache
def registry_resources() -> str:
    """The `resources` member every disclosure package has, canonically."""
    return _canonical([resource_descriptor(spec, described=False) for spec in RESOURCES])


def _as_list(fields: str | list[str]) -> list[str]:
    return [fields] if isinstance(fields, str) else list(fields)


@dataclass(frozen=True)
class _MergedShape:
    """Columns of one merged resource: the package's name, the registry's columns, and
    one column per reference holding the package's name only where the reference has a
    value (frictionless skips a reference whose cells are all empty)."""

    name: str
    columns: list[str]
    references: list[list[str]]  # for each foreign key: its own fields
    targets: list[str]  # for each foreign key: the resource it refers to

    @property
    def shareable(self) -> bool:
        """Whether rows the same in two packages can be merged once: no reference leads
        out of the resource (the rows of the resource it leads to may differ)."""
        return all(target == self.name for target in self.targets)

    @property
    def header(self) -> list[str]:
        guards = [f"_reference_{i}" for i in range(len(self.references))]
        return [PACKAGE_FIELD, *self.columns, *guards]


@cache
def _merged_schemas() -> tuple[tuple[_MergedShape, dict[str, Any]], ...]:
    out = []
    for spec in RESOURCES:
        schema = spec.table_schema()
        keys = schema.get("foreignKeys", [])
        references = [_as_list(fk["fields"]) for fk in keys]
        targets = [fk["reference"]["resource"] or spec.name for fk in keys]
        shape = _MergedShape(spec.name, spec.columns, references, targets)
        guards = [{"name": f"_reference_{i}", "type": "string"} for i in range(len(references))]
        merged: dict[str, Any] = {
            "fields": [
                {"name": PACKAGE_FIELD, "type": "string", "constraints": {"required": True}},
                *schema["fields"],
                *guards,
            ]
        }
        if spec.primary_key:
            merged["primaryKey"] = [PACKAGE_FIELD, *spec.primary_key]
        merged["foreignKeys"] = [
            {
                "fields": [f"_reference_{i}", *_as_list(fk["fields"])],
                "reference": {
                    "resource": fk["reference"]["resource"],
                    "fields": [PACKAGE_FIELD, *_as_list(fk["reference"]["fields"])],
                },
            }
            for i, fk in enumerate(schema.get("foreignKeys", []))
        ]
        if not merged["foreignKeys"]:
            del merged["foreignKeys"]
        out.append((shape, merged))
    return tuple(out)


def _plain_csv_rows(path: Path) -> list[list[str]] | None:
    """The rows of a CSV file if frictionless reads it as we write it, UTF-8 and plain;
    None otherwise, and the package is then validated alone."""
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    lines = text.splitlines(keepends=True)
    return list(csv.reader(lines)) if read_as_written("".join(lines[:SNIFF_LINES])) else None


def _screenable(descriptor: Path) -> dict[str, list[list[str]]] | None:
    """Each resource's data rows, when the package has the registry's shape exactly."""
    try:
        loaded = json.loads(descriptor.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(loaded, dict) or _canonical(loaded.get("resources")) != registry_resources():
        return None
    stub = {**loaded, "resources": [{"name": "stub", "data": [["a"]]}]}
    if any(True for _ in Package.metadata_validate(stub)):
        return None
    rows: dict[str, list[list[str]]] = {}
    for spec in RESOURCES:
        found = _plain_csv_rows(descriptor.parent / spec.path)
        if not found or found[0] != spec.columns:
            return None
        body = found[1:]
        if any(len(row) != len(spec.columns) or not any(row) for row in body):
            return None
        rows[spec.name] = body
    return rows


def _aliases(
    batch: list[tuple[str, dict[str, list[list[str]]]]],
) -> dict[str, dict[str, str]]:
    """For each resource, each package's name in the merged table: that of the first package
    of the batch with the same rows, where the resource is shareable (the vocabulary is the
    same in every package: merged once, not once a package), else its own."""
    aliases: dict[str, dict[str, str]] = {}
    for shape, _ in _merged_schemas():
        first: dict[tuple[tuple[str, ...], ...], str] = {}
        aliases[shape.name] = {
            package: first.setdefault(tuple(map(tuple, rows[shape.name])), package)
            if shape.shareable
            else package
            for package, rows in batch
        }
    return aliases


def _merged_package(
    batch: list[tuple[str, dict[str, list[list[str]]]]], folder: Path
) -> tuple[Package, dict[str, list[list[str]]]]:
    """The batch as one package of CSV files in `folder` (files, not inline data: frictionless
    deep-copies inline data whenever it copies a resource), and for each resource the
    packages each data row stands for (rows the same in several packages are merged once,
    and a reference leads to the rows that stand for its own package's: _aliases)."""
    owners: dict[str, list[list[str]]] = {}
    resources = []
    aliases = _aliases(batch)
    for shape, schema in _merged_schemas():
        owner: list[list[str]] = []
        alias = aliases[shape.name]
        sharing: dict[str, list[str]] = {}
        for package, _ in batch:
            sharing.setdefault(alias[package], []).append(package)
        positions = [[shape.columns.index(f) for f in ref] for ref in shape.references]
        with open(folder / f"{shape.name}.csv", "w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(shape.header)
            for package, rows in batch:
                if alias[package] != package:
                    continue  # its rows are those of the package it is an alias of
                to = [aliases[target][package] for target in shape.targets]
                refs = list(zip(to, positions, strict=True))
                for row in rows[shape.name]:
                    guards = [name if any(row[i] for i in pos) else "" for name, pos in refs]
                    writer.writerow([package, *row, *guards])
                    owner.append(sharing[package])
        owners[shape.name] = owner
        resources.append(
            {"name": shape.name, "path": f"{shape.name}.csv", "format": "csv", "schema": schema}
        )
    return Package.from_descriptor({"resources": resources}, basepath=str(folder)), owners


# The registry's resources (registry_resources) once frictionless has passed their metadata
# in this process, through a screened package validated alone without a problem: every
# screened package has exactly these resources, so one such pass a process is enough (a
# cluster's worker takes many small batches: one alone a batch was ~4 CPU s a build at 1,000).
_METADATA_PASSED: set[str] = set()


def validate_batch(descriptors: list[Path]) -> list[list[ValidationProblem]]:
    """Problems of each package, in order, as `validate_package` would report them. One
    package alone is validated alone: the merged pass would only repeat it (a +1 build's
    new package, ~0.1 s)."""
    if len(descriptors) == 1:
        return [validate_package(descriptors[0])]
    shaped: list[tuple[int, str, dict[str, list[list[str]]]]] = []
    alone: set[int] = set()
    metadata_passed = registry_resources() in _METADATA_PASSED
    for i, descriptor in enumerate(descriptors):
        rows = _screenable(descriptor)
        if rows is None or not (shaped or metadata_passed):  # the first screened one too
            alone.add(i)
        if rows is not None:
            shaped.append((i, descriptor.parent.name, rows))
    if shaped:
        alone |= _flagged(shaped)
    found = [validate_package(d) if i in alone else [] for i, d in enumerate(descriptors)]
    if any(i in alone and not found[i] for i, _, _ in shaped):
        _METADATA_PASSED.add(registry_resources())
    return found


def _flagged(shaped: list[tuple[int, str, dict[str, list[list[str]]]]]) -> set[int]:
    """Indexes of the screened packages that the merged pass finds any problem in (all
    of them when a problem cannot be traced to a row)."""
    index = {name: i for i, name, _ in shaped}
    with tempfile.TemporaryDirectory(prefix="juesuan-validate-") as folder:
        package, owners = _merged_package([(n, rows) for _, n, rows in shaped], Path(folder))
        report = package.validate(limit_errors=10**9)
    flagged: set[int] = set()
    if report.errors:
        return set(index.values())
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None)
            if row is None or task.name not in owners:
                return set(index.values())
            flagged.update(index[package] for package in owners[task.name][row - 2])
    return flagged
