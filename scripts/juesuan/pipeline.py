"""The whole build: every source → data packages → validation → pages → site.

A source that cannot be converted is reported and skipped; the rest of the
build goes on. Two sources that name the same department and year are both
kept out of the way of each other: the first (by file name) is published, the
second is reported, and neither silently replaces the other.
"""

from __future__ import annotations

import dataclasses
import fcntl
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .convert import Disclosure, convert_path
from .dcat import site_url
from .functional import code_table, fill_codes
from .package import package_files, write_directory_atomically
from .pages import SkippedSource
from .portal import portal_files
from .portal_resources import PORTAL_NAME
from .site import assemble_docs, build_site
from .source import SIDECAR_SUFFIXES, SourceError
from .validate import ValidationProblem, find_packages, validate_all


@dataclass(frozen=True)
class BuildPaths:
    """Where a build reads and writes; tests point all of them into a temporary directory."""

    sources: Path
    datapackages: Path
    build: Path
    docs: Path
    config: Path

    @property
    def site(self) -> Path:
        return self.build / "site"

    @property
    def generated_docs(self) -> Path:
        return self.build / "docs"

    @classmethod
    def from_root(cls, root: Path) -> BuildPaths:
        return cls(
            root / "sources",
            root / "datapackages",
            root / "build",
            root / "docs",
            root / "mkdocs.yml",
        )


@dataclass
class BuildResult:
    disclosures: list[Disclosure] = field(default_factory=list)
    skipped: list[SkippedSource] = field(default_factory=list)
    problems: list[ValidationProblem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def list_sources(sources: Path) -> list[Path]:
    """Every raw disclosure under `sources` (sidecars and hidden files excluded), sorted."""
    return sorted(
        p
        for p in sources.rglob("*")
        if p.is_file()
        and p.suffix.lower() not in SIDECAR_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(sources).parts)
        and p.name.lower() not in {"readme.md", "readme.txt"}
    )


@contextmanager
def build_lock(build_dir: Path) -> Iterator[None]:
    """One build at a time per build directory; a second one waits for the first."""
    build_dir.mkdir(parents=True, exist_ok=True)
    with open(build_dir / ".lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"another build holds {build_dir / '.lock'}; waiting for it…", file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def convert_all(paths: list[Path], log: Callable[[str], None]) -> BuildResult:
    result = BuildResult()
    owner: dict[str, Path] = {}
    for i, path in enumerate(paths, 1):
        try:
            d = convert_path(path)
        except SourceError as exc:
            result.skipped.append(SkippedSource(path.name, exc.problem))
            log(f"[{i}/{len(paths)}] SKIP {exc}")
            continue
        if d.name in owner:
            problem = f"same department and year as {owner[d.name].name} ({d.name}); not published"
            result.skipped.append(SkippedSource(path.name, problem))
            log(f"[{i}/{len(paths)}] SKIP {path}: {problem}")
            continue
        owner[d.name] = path
        result.disclosures.append(d)
        log(f"[{i}/{len(paths)}] {path.name} → {d.name} ({len(d.facts)} facts)")
    result.disclosures = fill_codes_across(result.disclosures)
    return result


def fill_codes_across(disclosures: list[Disclosure]) -> list[Disclosure]:
    """Codes printed by any disclosure fill the same names in those that print none."""
    codes = code_table(item for d in disclosures for item in d.expenditure_items)
    return [
        dataclasses.replace(
            d, expenditure_items=tuple(fill_codes(list(d.expenditure_items), codes))
        )
        for d in disclosures
    ]


def write_packages(disclosures: list[Disclosure], root: Path) -> None:
    """Write every package and the portal-wide one, then remove packages whose source is gone."""
    keep = {d.name for d in disclosures} | {PORTAL_NAME}
    for d in disclosures:
        write_directory_atomically(root / d.name, dict(package_files(d)))
    write_directory_atomically(root / PORTAL_NAME, dict(portal_files(disclosures)))
    for descriptor in find_packages(root):
        if descriptor.parent.name not in keep:
            shutil.rmtree(descriptor.parent)


def run_build(paths: BuildPaths, log: Callable[[str], None], site: bool = True) -> BuildResult:
    """The full pipeline; returns what was built, skipped and found invalid."""
    with build_lock(paths.build):
        started = time.perf_counter()
        sources = list_sources(paths.sources)
        log(f"converting {len(sources)} sources from {paths.sources}")
        result = convert_all(sources, log)
        result.timings["convert_s"] = time.perf_counter() - started

        mark = time.perf_counter()
        write_packages(result.disclosures, paths.datapackages)
        count, result.problems = validate_all(paths.datapackages)
        result.timings["package_s"] = time.perf_counter() - mark
        log(f"validated {count} data packages: {len(result.problems)} problems")
        if result.problems or not site:
            return result

        mark = time.perf_counter()
        assemble_docs(
            result.disclosures,
            result.skipped,
            paths.docs,
            paths.generated_docs,
            paths.build / "cache",
            site_url(paths.config),
        )
        result.timings["render_s"] = time.perf_counter() - mark
        mark = time.perf_counter()
        log("building the site with mkdocs…")
        build_site(paths.config, paths.generated_docs, paths.site)
        result.timings["mkdocs_s"] = time.perf_counter() - mark
        result.timings["total_s"] = time.perf_counter() - started
        return result
