"""Validating the portal-wide package a disclosure at a time.

The portal package changes with every disclosure, and frictionless reads all of it: ~3 s
at 1,000 disclosures, ~15 s at 5,000, on every build that adds one. But its tables other
than the catalogue and the ranking (portal.BY_DISCLOSURE) are each the header followed by
every disclosure's own lines, joined in package-name order from the lines the build keeps
(build/cache/portal-rows, by conversion key); only the new disclosures' lines are new.

So frictionless validates a copy of the package in which those tables hold only the new
disclosures' lines, beside the whole catalogue and ranking (same descriptor, same schemas,
so the same checks: types, constraints, keys within the new lines, references to the
catalogue). Each disclosure's lines, once found valid, leave a record (their length in
bytes and the package names in their rows) and are not read again. What frictionless
would check across disclosures is then checked on the records: every table's key begins
with `package`, so keys are unique across disclosures when no package name is in the rows
of two of them; a reference from `package` to the catalogue holds when every name is in
the catalogue; and each file is exactly its header and the disclosures' lines when its
size is their sum. The schemas are checked to allow this reasoning (no `unique` field, no
reference but package → catalogue).

Anything else, or any problem found, and validate_portal_by_parts answers False: the
build then validates the whole package with frictionless, which reports each problem at
its row of the real file.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from juesuan.infra.cache import Cache, entry_key, json_object
from juesuan.package.csv_dialect import file_read_as_written
from juesuan.package.files import csv_header
from juesuan.package.portal import BY_DISCLOSURE, rows_entry
from juesuan.package.validate_one import validate_package
from juesuan.registry.fields import ResourceSpec
from juesuan.registry.portal import CATALOGUE, PACKAGE

PACKAGE_FIELD = PACKAGE.name


@dataclass(frozen=True)
class PortalParts:
    """What the portal's tables were joined from: each disclosure's package name and
    conversion key, in package-name order, and the folder keeping their lines."""

    rows: Path
    keys: tuple[tuple[str, str], ...]


Record = dict[str, list[Any]]  # table file → [bytes, sorted package names in its rows]


def _record_name(validator: str, key: str) -> str:
    return entry_key(validator, "portal part", key)


def keep_part_records(parts: PortalParts, cache_dir: Path, validator: str) -> None:
    """Mark the records of `parts` used (a build whose portal was found valid whole, by its
    digest, reads none of them; pruned then, the next build would read every line again)."""
    store = Cache(cache_dir)
    for _, key in parts.keys:
        store.has(_record_name(validator, key))


def _reasoning_holds(descriptor: dict[str, Any]) -> bool:
    """Whether the schemas are as the module docstring assumes."""
    resources = {r.get("name"): r for r in descriptor.get("resources", [])}
    for spec in BY_DISCLOSURE:
        resource = resources.get(spec.name) or {}
        schema = resource.get("schema") or {}
        key = schema.get("primaryKey") or []
        key = [key] if isinstance(key, str) else key
        if not key or key[0] != PACKAGE_FIELD or resource.get("path") != spec.path:
            return False
        if any((f.get("constraints") or {}).get("unique") for f in schema.get("fields", [])):
            return False
        for reference in schema.get("foreignKeys") or []:
            target = reference.get("reference", {})
            if (reference.get("fields"), target.get("resource"), target.get("fields")) != (
                PACKAGE_FIELD,
                CATALOGUE.name,
                PACKAGE_FIELD,
            ):
                return False
    return True


def _names_in(spec: ResourceSpec, lines: str) -> list[str]:
    column = spec.columns.index(PACKAGE_FIELD)
    return sorted({row[column] for row in csv.reader(io.StringIO(lines)) if len(row) > column})


def _catalogue_names(folder: Path) -> set[str]:
    with open(folder / CATALOGUE.path, encoding="utf-8", newline="") as handle:
        return {row.get(PACKAGE_FIELD, "") for row in csv.DictReader(handle)}


def _validate_new(folder: Path, new: list[dict[str, str]]) -> bool:
    """frictionless on the package with the BY_DISCLOSURE tables cut to `new`'s lines."""
    cut = {spec.path for spec in BY_DISCLOSURE}
    copy = Path(tempfile.mkdtemp(prefix="juesuan-portal-parts-"))
    try:
        for path in folder.iterdir():
            if path.name not in cut:
                shutil.copyfile(path, copy / path.name)
        for spec in BY_DISCLOSURE:
            with open(copy / spec.path, "w", encoding="utf-8", newline="") as handle:
                handle.write(csv_header(spec))
                for lines in new:
                    handle.write(lines[spec.path])
            if not file_read_as_written(copy / spec.path):
                return False
        return not validate_package(copy / "datapackage.json")
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def validate_portal_by_parts(
    folder: Path, parts: PortalParts, cache_dir: Path, validator: str
) -> bool:
    """Whether the portal package in `folder` is valid, found as the module docstring says;
    False also when that cannot be told so (validate it whole). `validator`: what verdicts
    depend on besides the files and this code (validate.validator_version)."""
    try:
        descriptor = json.loads((folder / "datapackage.json").read_bytes())
    except (OSError, ValueError):
        return False
    if not isinstance(descriptor, dict) or not _reasoning_holds(descriptor):
        return False
    store, kept = Cache(cache_dir), Cache(parts.rows)
    records: list[Record | None] = [
        store.load(_record_name(validator, key), json_object) for _, key in parts.keys
    ]
    new: dict[int, dict[str, str]] = {}
    for i, (_, key) in enumerate(parts.keys):
        if records[i] is None:
            lines = kept.load(rows_entry(key), json_object)
            if lines is None or any(spec.path not in lines for spec in BY_DISCLOSURE):
                return False
            new[i] = lines
    try:
        if not all(file_read_as_written(folder / spec.path) for spec in BY_DISCLOSURE):
            return False
        if not _validate_new(folder, list(new.values())):
            return False
        catalogue = _catalogue_names(folder)
    except (OSError, UnicodeDecodeError, csv.Error):
        return False
    for i, lines in new.items():
        records[i] = {
            spec.path: [len(lines[spec.path].encode("utf-8")), _names_in(spec, lines[spec.path])]
            for spec in BY_DISCLOSURE
        }
    for spec in BY_DISCLOSURE:
        owner: dict[str, int] = {}
        size = len(csv_header(spec).encode("utf-8"))
        for i, record in enumerate(records):
            found = (record or {}).get(spec.path)
            if not isinstance(found, list) or len(found) != 2:
                return False  # a record of another shape: read the lines again
            length, names = found
            if not isinstance(length, int) or not isinstance(names, list):
                return False
            size += length
            for name in names:
                if owner.setdefault(name, i) != i or name not in catalogue:
                    return False  # in two disclosures' lines, or not in the catalogue
        try:
            if os.stat(folder / spec.path).st_size != size:
                return False
        except OSError:
            return False
    for i in new:
        store.store(_record_name(validator, parts.keys[i][1]), json.dumps(records[i]))
    return True
