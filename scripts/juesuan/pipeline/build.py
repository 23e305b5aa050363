"""The whole build: every source → data packages → validation → pages → site.

A source that cannot be converted is reported and skipped; the rest of the
build goes on. Two sources that name the same department and year are both
published and reported: the first (by file name) under the usual package name,
the next under that name plus a hash of its bytes, so neither silently
replaces the other (a byte-identical copy is published once). A source or
sidecar that is a link to a file outside the sources directory is refused.
"""

from __future__ import annotations

import dataclasses
import fcntl
import hashlib
import json
import os
import shutil
import stat
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from juesuan.disclosure import Disclosure, restore
from juesuan.extract.expenditure_by_function import code_table, fill_codes
from juesuan.infra.atomic import (
    clear_interrupted,
    write_files,
    write_pieces,
    written_whole,
)
from juesuan.infra.cache import Cache, build_started, entry_key, json_object, prune_unused
from juesuan.infra.cluster import on_cluster
from juesuan.infra.gc_pause import long_lived
from juesuan.infra.git_dates import last_changed, resolved
from juesuan.infra.mirror import directory_updated_atomically
from juesuan.infra.parallel import beside, map_in_order, worker_count
from juesuan.package.files import files_digest, package_files
from juesuan.package.portal import (
    disclosure_rows,
    portal_tables,
    portal_texts,
    rows_entry,
)
from juesuan.package.portal_parts import PortalParts
from juesuan.package.validate import (
    ValidationProblem,
    batch_size,
    validate_all,
    validate_portal_locally,
    validate_written,
)
from juesuan.pipeline.convert_cache import by_reference, convert_many
from juesuan.pipeline.originals import Originals, resolve_originals
from juesuan.read.manifest import MANIFEST_NAME
from juesuan.read.source import SIDECAR_SUFFIXES, SourceError, sidecar_path
from juesuan.registry.portal import PORTAL_NAME
from juesuan.render.config import RenderConfig, pages_url
from juesuan.render.pages import SkippedSource
from juesuan.site.assemble import assemble_docs, build_site
from juesuan.site.dcat import site_url


@dataclass(frozen=True)
class BuildPaths:
    """Where a build reads and writes; tests point all of them into a temporary directory."""

    sources: Path
    datapackages: Path
    build: Path
    docs: Path
    config: Path

    @property
    def cache(self) -> Path:
        """What earlier builds computed, by content: convert, package, validate, render."""
        return self.build / "cache"

    @property
    def site(self) -> Path:
        return self.build / "site"

    @property
    def generated_docs(self) -> Path:
        return self.build / "docs"

    @property
    def downloads(self) -> Path:
        """The package zips and originals, when a download place outside the site serves
        them (render.downloads): the workflow uploads them from here."""
        return self.build / "downloads"

    def absolute(self) -> BuildPaths:
        """The same places as absolute paths: what a cluster's workers, each in its own
        working directory, can find."""
        return BuildPaths(*(Path(os.path.abspath(p)) for p in dataclasses.astuple(self)))

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
    # published, but stating the same department and year as another source
    duplicates: list[SkippedSource] = field(default_factory=list)
    problems: list[ValidationProblem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    converted: int = 0  # sources converted afresh; the others came from the cache


def list_sources(sources: Path) -> list[Path]:
    """Every raw disclosure under `sources` (sidecars and hidden files excluded), sorted."""
    return sorted(
        p
        for p in sources.rglob("*")
        if p.is_file()
        and p.suffix.lower() not in SIDECAR_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(sources).parts)
        and p.name.lower() not in {"readme.md", "readme.txt"}
        and p != sources / MANIFEST_NAME
    )


def sources_to_build(sources: Path, originals: Originals) -> list[Path]:
    """The committed sources and the manifest's originals (refused ones included, to be
    reported), in the order of their names under sources/: a file builds the same whether
    it is committed or fetched."""
    committed = [p for p in list_sources(sources) if p not in originals.listed]
    paths = {*committed, *originals.paths, *originals.refused}

    def name(path: Path) -> str:
        for root in (originals.root, sources):
            if path.is_relative_to(root):
                return path.relative_to(root).as_posix()
        return str(path)

    return sorted(paths, key=lambda p: (name(p), str(p)))


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


def _refuse_links_out(
    paths: list[Path], roots: tuple[Path, ...], refused: dict[Path, SourceError]
) -> None:
    """Add to `refused` each source that is, or whose sidecar is, a link to a file outside
    every one of `roots` (each folder resolved once: git_dates.resolved)."""
    inside = [root.resolve() for root in roots]
    candidates = {p: [c for c in (p, sidecar_path(p)) if c is not None] for p in paths}
    real = resolved(c for group in candidates.values() for c in group)
    for path, group in candidates.items():
        for candidate in group:
            if path not in refused and not any(real[candidate].is_relative_to(r) for r in inside):
                refused[path] = SourceError(
                    candidate,
                    f"链接指向来源目录以外的文件，拒绝读取 / links to a file outside {roots[0]}; "
                    "refused",
                )


def convert_all(
    paths: list[Path],
    log: Callable[[str], None],
    root: Path | tuple[Path, ...] | None = None,
    cache_dir: Path | None = None,
    refused: dict[Path, SourceError] | None = None,
) -> BuildResult:
    """Convert every source on all cores; `root` (the sources directory, and the laid-out
    originals) bounds where links may point; with `cache_dir`, unchanged sources are not
    converted again; `refused` sources are reported with their error, not converted."""
    result = BuildResult()
    owner: dict[str, int] = {}  # package name → index of the first source that has it
    refused = dict(refused or {})
    roots = (root,) if isinstance(root, Path) else root
    if roots is not None:
        _refuse_links_out([p for p in paths if p not in refused], roots, refused)
    converted = convert_many([p for p in paths if p not in refused], cache_dir)
    outcomes = {done.path: done for done in converted}
    for i, path in enumerate(paths, 1):
        try:
            if path in refused:
                raise refused[path]
            done = outcomes[path]
            result.converted += not done.cached
            if done.disclosure is None:
                raise done.error()
            d = done.disclosure
        except SourceError as exc:
            result.skipped.append(SkippedSource(path.name, exc.problem))
            log(f"[{i}/{len(paths)}] SKIP {exc}")
            continue
        first = result.disclosures[owner[d.name]] if d.name in owner else None
        if first is not None and first.source.sha256 == d.source.sha256:
            problem = (
                f"与 {first.source.path.name} 逐字节相同，只发布一次 / "
                f"byte-identical copy of {first.source.path.name}; published once"
            )
            result.skipped.append(SkippedSource(path.name, problem))
            log(f"[{i}/{len(paths)}] SKIP {path}: {problem}")
            continue
        if first is not None:
            d = _both_published(result, owner[d.name], d)
            log(f"[{i}/{len(paths)}] DUPLICATE {path}: {result.duplicates[-1].problem}")
        else:
            owner[d.name] = len(result.disclosures)
        result.disclosures.append(d)
        log(f"[{i}/{len(paths)}] {path.name} → {d.name} ({len(d.facts)} facts)")
    result.disclosures = fill_codes_across(result.disclosures)
    log(f"converted {result.converted} sources, {len(paths) - result.converted} from the cache")
    return result


def _both_published(result: BuildResult, index: int, second: Disclosure) -> Disclosure:
    """Publish `second` beside result.disclosures[index] under its own name; both say so."""
    first = result.disclosures[index]
    second = dataclasses.replace(second, name_suffix=second.source.sha256[:8])
    same = f"department {second.meta.department}, year {second.meta.fiscal_year}"
    same_zh = f"部门（{second.meta.department}）和年度（{second.meta.fiscal_year}）"

    def note(other: Disclosure) -> str:
        return (
            f"另一来源文件 {other.source.path.name} 载明相同的{same_zh}，另行发布为 "
            f"{other.name}，两者互不覆盖 / another source, {other.source.path.name}, states "
            f"the same {same}; it is published as {other.name} — neither replaces the other"
        )

    note_first, note_second = note(second), note(first)
    result.disclosures[index] = dataclasses.replace(first, warnings=(*first.warnings, note_first))
    second = dataclasses.replace(second, warnings=(*second.warnings, note_second))
    result.duplicates.append(
        SkippedSource(
            second.source.path.name,
            f"与 {first.source.path.name} 的{same_zh}相同，两者均已发布 / "
            f"same {same} as {first.source.path.name}; both published "
            f"({first.name}, {second.name})",
        )
    )
    return second


def fill_codes_across(disclosures: list[Disclosure]) -> list[Disclosure]:
    """Codes printed by any disclosure fill the same names in those that print none."""
    codes = code_table(item for d in disclosures for item in d.expenditure_items)
    out = []
    for d in disclosures:
        if any(i.code is None and i.names in codes for i in d.expenditure_items):
            filled = tuple(fill_codes(list(d.expenditure_items), codes))
            d = dataclasses.replace(d, expenditure_items=filled)
        out.append(d)  # unchanged: the same object, with what it has computed (its name)
    return out


def _folder_digest(folder: Path) -> tuple[dict[str, Path], str]:
    """The files in `folder` by name, and files_digest of their bytes, read one at a time."""
    found = {p.name: p for p in folder.iterdir()}
    digest = hashlib.sha256()
    for name in sorted(found):
        data = found[name].read_bytes()
        digest.update(f"{name}\0{len(data)}\0".encode() + data)
    return found, digest.hexdigest()


def _folder_stats(folder: Path) -> dict[str, list[int]] | None:
    """Size, modification time and inode of each file in `folder`; None if it holds
    anything but plain files. Every writer here replaces a file (a new inode and time),
    never edits it in place, and a hard link into the next build keeps all three."""
    found: dict[str, list[int]] = {}
    with os.scandir(folder) as entries:
        for entry in entries:
            own = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(own.st_mode):
                return None
            found[entry.name] = [own.st_size, own.st_mtime_ns, own.st_ino]
    return found


def _marker(folder: Path, digest: str) -> str:
    """A marker's text: the digest of the files in `folder`, then their stats (JSON)."""
    return f"{digest}\n{json.dumps(_folder_stats(folder), sort_keys=True)}"


@dataclass(frozen=True)
class _Previous:
    """A package folder the previous build wrote that is what would be laid out now."""

    digest: str
    hashed: bool  # verified by reading its bytes: its marker's stats are to be recorded


def _previous_files(folder: Path, key: str, markers: Cache) -> _Previous | None:
    """The digest of the files in `folder` as the previous build wrote them, if they are what
    would be laid out now: the marker named after `key` (what they depend on) holds it. Read
    one at a time, not into memory: at a province's scale the packages are hundreds of MB.

    The marker also holds each file's stats as they were when it was written: where they are
    all the same, the files are taken as they are without reading them (the portal package
    alone is hundreds of MB at a province's scale); else their bytes are hashed."""

    def files_if_current(expected: bytes) -> _Previous | None:
        digest, _, recorded = expected.decode("ascii", "replace").partition("\n")
        try:
            stats = json.loads(recorded) if recorded else None
            if isinstance(stats, dict) and stats == _folder_stats(folder):
                return _Previous(digest, False)
            actual = _folder_digest(folder)[1]
        except (OSError, ValueError):
            return None
        return _Previous(digest, True) if actual == digest else None

    return markers.load(key, files_if_current)


def _keep_rows(d: Disclosure, kept: Cache, key: str) -> dict[str, str]:
    rows = disclosure_rows(d)
    kept.store(rows_entry(key), json.dumps(rows, ensure_ascii=False))
    return rows


def _kept_rows(kept: Cache | None, keys: dict[str, str]) -> Callable[[Disclosure], dict[str, str]]:
    """portal.disclosure_rows as kept (in `kept`) by the worker that laid out the
    disclosure's package, or by an earlier build (by conversion_key, `keys`: package name →
    key); made and kept here where missing."""

    def rows_of(d: Disclosure) -> dict[str, str]:
        if kept is None:
            return disclosure_rows(d)
        found = kept.load(rows_entry(keys[d.name]), json_object)
        return found if found is not None else _keep_rows(d, kept, keys[d.name])

    return rows_of


def _write_package_of(
    d: Disclosure, folder: Path, previous: Path, rows: tuple[Path, str] | None = None
) -> str:
    """In a worker: lay out the package of the complete disclosure behind `d` in `folder`
    (files whose bytes are those in `previous` hard-linked from there) and return its digest.
    The bytes never travel back: the build process held every package at once, gigabytes at
    a province's scale. With `rows` (build/cache/portal-rows and d's conversion_key), d's
    lines of the portal tables are kept there too, made from `d` as the build holds it."""
    if rows is not None:
        _keep_rows(d, Cache(rows[0]), rows[1])
    found = {n: t.encode("utf-8") for n, t in package_files(restore(d)).items()}
    write_files(folder, found, reuse=previous)
    return files_digest(found)


def _write_batch(
    ds: list[Disclosure],
    folders: list[Path],
    previous: list[Path],
    validated: Path | None,
    rows: list[tuple[Path, str] | None] | None = None,
) -> list[str]:
    """In a worker: lay out a batch of packages (_write_package_of) and return their digests;
    with `validated` (validate_all's cache), validate them together right away, while their
    files are fresh, and mark the valid ones (validate_written)."""
    jobs = zip(ds, folders, previous, rows or [None] * len(ds), strict=True)
    digests = [_write_package_of(*job) for job in jobs]
    if validated is not None:
        validate_written([f / "datapackage.json" for f in folders], digests, validated)
    return digests


def _written(
    ds: list[Disclosure],
    folders: list[Path],
    previous: list[Path],
    validated: Path | None,
    rows: list[tuple[Path, str] | None],
) -> list[str]:
    """Digests of the packages of `ds` laid out on all cores, in batches (validate.batch_size:
    a frictionless pass is cheaper the more packages it takes)."""
    size = batch_size(len(ds))
    cut = [slice(i, i + size) for i in range(0, len(ds), size)]
    found = map_in_order(
        _write_batch,
        [ds[c] for c in cut],
        [folders[c] for c in cut],
        [previous[c] for c in cut],
        [validated] * len(cut),
        [rows[c] for c in cut],
        workers=worker_count(len(cut)),
        chunks_per_worker=0,
    )
    return [digest for batch in found for digest in batch]


def _write_portal_package(
    folder: Path,
    disclosures: list[Disclosure],
    rows_of: Callable[[Disclosure], dict[str, str]],
    previous: Path,
) -> None:
    """The portal package's files in `folder`, each written a piece at a time (hundreds of MB
    at a province's scale); a file with the same bytes as in `previous` is hard-linked."""
    for name, pieces in portal_texts(disclosures):
        write_pieces(folder / name, (piece.encode("utf-8") for piece in pieces), previous / name)
    with ExitStack() as opened:
        handles: dict[str, Any] = {}
        for name, piece in portal_tables(disclosures, rows_of):
            if name not in handles:
                handles[name] = opened.enter_context(open(folder / name, "wb"))
            handles[name].write(piece.encode("utf-8"))
    for name in handles:
        written_whole(folder / name, previous / name)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _clear(staging: Path, names: set[str], todo: list[int], ds: list[Disclosure]) -> None:
    """In the copy of the previous set: remove what is not a package of this build, and the
    folders of the packages to lay out afresh (their files are the live ones)."""
    for entry in staging.iterdir():
        if entry.name not in names:
            _remove(entry)
    for i in todo:
        _remove(staging / ds[i].name)


def write_packages(
    disclosures: list[Disclosure],
    root: Path,
    markers: Path | None = None,
    validated: Path | None = None,
    rows: Path | None = None,
) -> dict[str, str]:
    """Write every package and the portal-wide one as the new content of `root`, swapped in
    whole: a package whose source is gone disappears, and a killed build leaves the previous
    set. Files that did not change are hard-linked from the previous set, not rewritten: the
    new set starts as a hard-linked copy of it (infra.mirror), from which the packages laid
    out afresh and those that are gone are removed.

    With `markers`, a package is not even laid out again when what it depends on is
    unchanged: a disclosure's key (conversion_key) for its own package, the sequence of every
    disclosure's key for the portal's. The packages to lay out are laid out on all cores,
    each written where it goes by the worker that made it; the portal's files are written one
    at a time. With `validated` (validate_all's cache), the workers validate the packages
    they write, and validate_all then finds them valid (validate_written). With `rows`, each
    disclosure's lines of the portal tables are kept there by its conversion_key, and the
    portal's tables are joined from them (portal.disclosure_rows). Returns each package's
    digest (validate_all keys on it)."""
    store = Cache(markers) if markers is not None else None
    kept = Cache(rows) if rows is not None else None
    laid_out: dict[str, tuple[str, str]] = {}  # marker name → (package, digest) to record
    digests: dict[str, str] = {}  # package name → digest of its files
    keys = [d.conversion_key for d in disclosures]

    def reuse(found: _Previous, name: str, key: str) -> None:
        """The folder stays as the copy of the previous set has it."""
        digests[name] = found.digest
        if found.hashed:  # its marker gets the stats of the files, as laid out from now on
            laid_out[key] = (name, found.digest)

    with directory_updated_atomically(root) as staging:  # a copy of the previous set
        todo: list[int] = []
        for i, (d, key) in enumerate(zip(disclosures, keys, strict=True)):
            found = _previous_files(root / d.name, key, store) if store is not None else None
            if found is None:
                todo.append(i)
            else:
                reuse(found, d.name, key)
                if kept is not None:  # its portal lines stay in use while it is unchanged,
                    kept.has(rows_entry(key))  # the portal rewritten or not (has() marks)
        _clear(staging, {d.name for d in disclosures} | {PORTAL_NAME}, todo, disclosures)
        written = _written(
            [disclosures[i] for i in todo],
            [staging / disclosures[i].name for i in todo],
            [root / disclosures[i].name for i in todo],
            validated,
            [(rows, keys[i]) if rows is not None else None for i in todo],
        )
        for i, digest in zip(todo, written, strict=True):
            digests[disclosures[i].name] = digest
            laid_out[keys[i]] = (disclosures[i].name, digest)
        portal_key = entry_key(PORTAL_NAME, *keys)
        found = (
            _previous_files(root / PORTAL_NAME, portal_key, store) if store is not None else None
        )
        if found is None:
            portal = staging / PORTAL_NAME
            _remove(portal)  # its files are the live ones: never written into
            by_name = {d.name: key for d, key in zip(disclosures, keys, strict=True)}
            rows_of = _kept_rows(kept, by_name)
            _write_portal_package(portal, disclosures, rows_of, root / PORTAL_NAME)
            digests[PORTAL_NAME] = _folder_digest(portal)[1]
            laid_out[portal_key] = (PORTAL_NAME, digests[PORTAL_NAME])
        else:
            reuse(found, PORTAL_NAME, portal_key)
    if store is not None:  # only now: a marker names files that are in place
        for key, (name, digest) in laid_out.items():
            store.store(key, _marker(root / name, digest))
    return digests


def executor_for(paths: BuildPaths, scheduler: str | None) -> AbstractContextManager[None]:
    """Where the per-source work runs: the local process pool, or the Dask cluster whose
    scheduler is at `scheduler` (its workers must see the sources, the build directory and
    the data packages' folder at the same paths)."""
    if scheduler is None:
        return nullcontext()
    shared = {"sources": paths.sources, "datapackages": paths.datapackages.resolve().parent}
    return on_cluster(scheduler, shared, scratch=paths.build, reducers={Disclosure: by_reference})


def run_build(
    paths: BuildPaths,
    log: Callable[[str], None],
    site: bool = True,
    scheduler: str | None = None,
) -> BuildResult:
    """The full pipeline; returns what was built, skipped and found invalid. With
    `scheduler` (a Dask scheduler's address) the per-source work runs on that cluster;
    the output is the same bytes."""
    if scheduler is not None:
        paths = paths.absolute()
    with build_lock(paths.build), executor_for(paths, scheduler), long_lived() as keep:
        if scheduler is not None:
            log(f"running on the Dask cluster at {scheduler}")
        for target in (paths.datapackages, paths.generated_docs, paths.site, paths.downloads):
            clear_interrupted(target)
        started, since = time.perf_counter(), build_started(paths.cache)
        originals = resolve_originals(paths.sources, paths.build, log)
        sources = sources_to_build(paths.sources, originals)
        log(f"converting {len(sources)} sources from {paths.sources}")
        roots = (paths.sources, originals.root)
        result = convert_all(sources, log, roots, paths.cache / "convert", originals.refused)
        result.timings["convert_s"] = time.perf_counter() - started
        keep()  # the disclosures, until the build ends
        _publish(paths, result, log, started, since, site)
        return result


def render_config(disclosures: list[Disclosure], configured_url: str) -> RenderConfig:
    """The environment's settings, the site's address (mkdocs site_url, else the GitHub
    Pages address of the repository) and each package's last change in git."""
    config = RenderConfig.from_environment()
    sources = {
        d.name: [p for p in (d.source.path, sidecar_path(d.source.path)) if p is not None]
        for d in disclosures
    }
    paths = [p for group in sources.values() for p in group]
    real = resolved(paths)
    dates = last_changed(paths[0].parent, paths) if paths else {}
    updated = tuple(
        sorted(
            (name, max(found))
            for name, group in sources.items()
            if (found := [dates[real[p]] for p in group if real[p] in dates])
        )
    )
    return dataclasses.replace(
        config, site_url=configured_url or pages_url(config.repository), updated=updated
    )


def _publish(
    paths: BuildPaths,
    result: BuildResult,
    log: Callable[[str], None],
    started: float,
    since: float,
    site: bool,
) -> None:
    """Everything after conversion: packages, validation, pages, site, cache pruning."""
    mark = time.perf_counter()
    digests = write_packages(
        result.disclosures,
        paths.datapackages,
        paths.cache / "package",
        paths.cache / "validate",
        paths.cache / "portal-rows",
    )
    validating = (paths.datapackages, paths.cache / "validate", digests)
    count, result.problems = validate_all(*validating, portal=False)
    keys = tuple(sorted((d.name, d.conversion_key) for d in result.disclosures))
    parts = PortalParts(paths.cache / "portal-rows", keys)  # what the portal was joined from
    if result.problems or not site:
        result.problems += validate_portal_locally(*validating, parts)
    result.timings["package_s"] = time.perf_counter() - mark
    log(f"validated {count} data packages: {len(result.problems)} problems")
    if result.problems or not site:
        return
    # The portal-wide package changes with any disclosure and is the largest to validate
    # (~15 s at 5,000 whole; package.portal_parts reads only the new disclosures' lines): it
    # is validated in a process of its own while the pages and the site are built, and the
    # site is published only if it is valid.
    with beside(validate_portal_locally, *validating, parts) as portal_problems:
        _site(paths, result, log, portal_problems, digests.get(PORTAL_NAME))
    removed = prune_unused(paths.cache, since)
    log(f"removed {removed} cache entries this build did not use")
    result.timings["total_s"] = time.perf_counter() - started


class _PortalInvalid(Exception):
    """The portal-wide package is invalid: the site is not published."""


def _site(
    paths: BuildPaths,
    result: BuildResult,
    log: Callable[[str], None],
    portal_problems: Callable[[], list[ValidationProblem]],
    portal_digest: str | None = None,
) -> None:
    """Pages and site; the site replaces the previous one only once the portal-wide package
    has been found valid (`portal_problems` waits for its validation). `portal_digest`:
    the digest of the portal package as write_packages laid it out."""
    mark = time.perf_counter()
    configured_url = site_url(paths.config)
    settings = render_config(result.disclosures, configured_url)  # reads git: once
    assemble_docs(
        result.disclosures,
        result.skipped,
        paths.docs,
        paths.generated_docs,
        paths.build / "cache",
        configured_url,
        result.duplicates,
        paths.datapackages,
        settings,
        paths.downloads,
        portal_digest,
    )
    result.timings["render_s"] = time.perf_counter() - mark
    mark = time.perf_counter()
    log("building the site with mkdocs…")

    def portal_valid() -> None:
        result.problems = portal_problems()
        log(f"validated the portal-wide package: {len(result.problems)} problems")
        if result.problems:
            raise _PortalInvalid

    try:
        rebuilt = build_site(
            paths.config,
            paths.generated_docs,
            paths.site,
            settings.site_url,
            paths.cache / "site",
            portal_valid,
        )
    except _PortalInvalid:
        log("the site was not published: the portal-wide package is invalid")
        return
    log(
        "mkdocs rendered every page"
        if rebuilt is None
        else f"mkdocs rendered {rebuilt[0]} of {rebuilt[1]} files (those that changed); "
        "the rest of the site was reused"
    )
    result.timings["mkdocs_s"] = time.perf_counter() - mark
