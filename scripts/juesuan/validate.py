"""Validate data packages with frictionless and report errors a maintainer can act on.

Every problem is one line naming the package, the resource, the row and the
field, so a failing CI log points straight at the bad cell.
"""

from __future__ import annotations

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
    """(number of packages, problems) for every package below `root`."""
    packages = find_packages(root)
    problems = [p for descriptor in packages for p in validate_package(descriptor)]
    return len(packages), problems
