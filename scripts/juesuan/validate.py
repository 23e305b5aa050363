"""Validate data packages with frictionless and report errors a maintainer can act on.

Every problem is one line naming the package, the resource, the row and the
field, so a failing CI log points straight at the bad cell.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from frictionless import validate


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


def validate_package(descriptor: Path) -> list[ValidationProblem]:
    """All problems of one package (empty when valid)."""
    package = descriptor.parent.name
    if not descriptor.is_file():
        return [ValidationProblem(package, None, None, None, f"{descriptor} does not exist")]
    report = validate(str(descriptor))
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


def validate_all(root: Path) -> tuple[int, list[ValidationProblem]]:
    """(number of packages, problems) for every package below `root`, on all cores.

    frictionless spends ~0.15 s of CPU per package, mostly re-validating metadata, so a
    portal of thousands of packages validates in a process pool; problems keep package order.
    """
    packages = find_packages(root)
    workers = min(len(packages), len(os.sched_getaffinity(0)))
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            chunk = max(1, len(packages) // (workers * 8))
            found = list(pool.map(validate_package, packages, chunksize=chunk))
    else:
        found = [validate_package(descriptor) for descriptor in packages]
    return len(packages), [p for problems in found for p in problems]
