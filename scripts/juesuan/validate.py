"""Validate data packages with frictionless and report errors a maintainer can act on.

Every problem is one line naming the package, the resource, the row and the
field, so a failing CI log points straight at the bad cell.

frictionless costs ~0.13 s of CPU per package whatever it is called with (it copies
and re-validates each field's metadata every time a resource is opened), so a build
does not validate a package twice: a package whose files are byte-identical to a set
already found valid — by the same frictionless and the same code — is valid again,
and a marker named after the SHA-256 of all four in `build/cache/validate/` says so.
Invalid packages leave no marker: their problems are reported on every build.
`juesuan validate` passes no cache and validates everything.
"""

from __future__ import annotations

import hashlib
import json
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

from frictionless import Package, Report, validate

from .atomic import write_file_atomically
from .convert_cache import code_version
from .package import files_digest


@dataclass(frozen=True)
class ValidationProblem:
    package: str
    resource: str | None
    row: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = [self.package]
        if self.resource:
            where.append(f"resource {self.resource}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field:
            where.append(f"field {self.field}")
        return f"{', '.join(where)}: {self.message}"


def _report(descriptor: Path) -> Report:
    """The report of `validate(str(descriptor))`, ~7% cheaper: a package loaded from a path
    is exported once more to remember its descriptor, one loaded from a dict is not."""
    try:
        loaded = json.loads(descriptor.read_bytes())
        package = Package.from_descriptor(loaded, basepath=str(descriptor.parent))
    except Exception:  # unreadable or invalid metadata: frictionless's own report says why
        return validate(str(descriptor))
    return package.validate()


def validate_package(descriptor: Path) -> list[ValidationProblem]:
    """All problems of one package (empty when valid)."""
    package = descriptor.parent.name
    if not descriptor.is_file():
        return [ValidationProblem(package, None, None, None, f"{descriptor} does not exist")]
    report = _report(descriptor)
    problems = [ValidationProblem(package, None, None, None, e.message) for e in report.errors]
    for task in report.tasks:
        for error in task.errors:
            problems.append(
                ValidationProblem(
                    package=package,
                    resource=task.name,
                    row=getattr(error, "row_number", None),
                    field=getattr(error, "field_name", None),
                    message=error.message,
                )
            )
    return problems


def find_packages(root: Path) -> list[Path]:
    """Every datapackage.json directly below `root` (one directory per package)."""
    return sorted(root.glob("*/datapackage.json"))


@cache
def validator_version() -> str:
    """What a verdict depends on besides the files: frictionless, its JSON Schema
    validator, and our code (which writes the schemas and reads the reports)."""
    return f"frictionless {version('frictionless')}\0jsonschema {version('jsonschema')}\0" + (
        code_version()
    )


def package_key(descriptor: Path) -> str | None:
    """SHA-256 of the validator version and every file of the package (names and bytes);
    None when a file cannot be read (frictionless will say what is wrong)."""
    directory = descriptor.parent
    try:
        files = {
            p.relative_to(directory).as_posix(): p.read_bytes()
            for p in directory.rglob("*")
            if not p.is_dir()
        }
    except OSError:
        return None
    return hashlib.sha256(f"{validator_version()}\0{files_digest(files)}".encode()).hexdigest()


def _validate_many(descriptors: list[Path]) -> list[list[ValidationProblem]]:
    """Problems of each package, in order, on all cores; the largest packages (the portal's)
    start first so that no core is left alone with one at the end."""
    workers = min(len(descriptors), len(os.sched_getaffinity(0)))
    if workers < 2:
        return [validate_package(descriptor) for descriptor in descriptors]
    sizes = [
        sum(p.stat().st_size for p in d.parent.iterdir()) if d.is_file() else 0 for d in descriptors
    ]
    order = sorted(range(len(descriptors)), key=lambda i: -sizes[i])
    with ProcessPoolExecutor(max_workers=workers) as pool:
        chunk = max(1, len(descriptors) // (workers * 8))
        found = pool.map(validate_package, [descriptors[i] for i in order], chunksize=chunk)
        by_index = dict(zip(order, found, strict=True))
    return [by_index[i] for i in range(len(descriptors))]


def validate_all(root: Path, cache_dir: Path | None = None) -> tuple[int, list[ValidationProblem]]:
    """(number of packages, problems) for every package below `root`, in package order;
    with `cache_dir`, packages already found valid as they are now are not validated again."""
    packages = find_packages(root)
    keys = [package_key(p) if cache_dir is not None else None for p in packages]
    todo = [
        i
        for i, key in enumerate(keys)
        if cache_dir is None or key is None or not (cache_dir / key).is_file()
    ]
    found = dict(zip(todo, _validate_many([packages[i] for i in todo]), strict=True))
    for i, problems in found.items():
        key = keys[i]
        if cache_dir is None or key is None or problems:
            continue
        if package_key(packages[i]) == key:  # what was validated is what was hashed
            write_file_atomically(cache_dir / key, f"{packages[i].parent.name}\n")
    return len(packages), [p for i in todo for p in found[i]]
