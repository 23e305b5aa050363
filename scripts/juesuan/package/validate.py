"""Validate every data package with frictionless, on all cores, at most once per content.

Every problem is one line naming the package, the resource, the row and the field
(package_validation.py), so a failing CI log points straight at the bad cell.

frictionless costs ~0.13 s of CPU per package whatever it is called with (it copies
and re-validates each field's metadata every time a resource is opened), so packages
are validated in batches (validate_batch.py), and a build does not validate a package
twice: a package whose files are byte-identical to a set
already found valid — by the same frictionless and the same code — is valid again,
and a marker named after the SHA-256 of all four in `build/cache/validate/` says so.
Invalid packages leave no marker: their problems are reported on every build.
`juesuan validate` passes no cache and validates everything.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import version
from pathlib import Path

from juesuan.infra.cache import Cache, entry_key
from juesuan.infra.parallel import distributed, map_in_order, running_on, worker_count
from juesuan.package.files import files_digest
from juesuan.package.portal_parts import (
    PortalParts,
    keep_part_records,
    validate_portal_by_parts,
)
from juesuan.package.validate_batch import validate_batch
from juesuan.package.validate_one import ValidationProblem
from juesuan.registry.portal import PORTAL_NAME


def find_packages(root: Path) -> list[Path]:
    """Every datapackage.json directly below `root` (one directory per package)."""
    return sorted(root.glob("*/datapackage.json"))


@cache
def validator_version() -> str:
    """What a verdict depends on besides the files and our code (which writes the schemas
    and reads the reports, and is part of every entry_key): frictionless and its JSON
    Schema validator."""
    return f"frictionless {version('frictionless')}\0jsonschema {version('jsonschema')}"


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
    return entry_key(validator_version(), files_digest(files))


BATCH_SIZE = 500  # at most this many packages per frictionless pass (validate_batch.py)


def validate_portal_locally(
    root: Path,
    cache_dir: Path | None,
    digests: dict[str, str] | None,
    parts: PortalParts | None = None,
) -> list[ValidationProblem]:
    """The portal-wide package's problems, validated in this process whatever executor the
    build runs on (infra.parallel.beside runs it in a process of its own). With `parts`
    (what its tables were joined from) and the cache, only the disclosures' lines that no
    earlier build validated are read (portal_parts); else, or if that finds anything to
    report, frictionless validates it whole."""
    with running_on(None):
        if parts is not None and cache_dir is not None and digests and PORTAL_NAME in digests:
            store = Cache(cache_dir)
            key = entry_key(validator_version(), digests[PORTAL_NAME])
            folder = root / PORTAL_NAME
            if store.has(key):
                keep_part_records(parts, cache_dir, validator_version())
            elif validate_portal_by_parts(folder, parts, cache_dir, validator_version()):
                store.store(key, f"{PORTAL_NAME}\n")
        return validate_all(root, cache_dir, digests, portal=True)[1]


def _validate_many(descriptors: list[Path]) -> list[list[ValidationProblem]]:
    """Problems of each package, in order: batches of packages validated together
    (validate_batch.py), two batches per core so that none is left alone at the end. The
    portal-wide package, which frictionless reads alone and which is the largest, goes
    first, by itself."""
    workers = worker_count(len(descriptors))
    first = [i for i, d in enumerate(descriptors) if d.parent.name == PORTAL_NAME]
    rest = sorted(set(range(len(descriptors))) - set(first))
    size = batch_size(len(rest))
    batches = [first] if first else []
    batches += [rest[i : i + size] for i in range(0, len(rest), size)]
    jobs = [[descriptors[i] for i in batch] for batch in batches]
    found = map_in_order(validate_batch, jobs, workers=workers, chunks_per_worker=0)
    by_index = {
        i: p
        for batch, ps in zip(batches, found, strict=True)
        for i, p in zip(batch, ps, strict=True)
    }
    return [by_index[i] for i in range(len(descriptors))]


def batch_size(count: int) -> int:
    """Packages per frictionless pass for `count` packages: two batches per core, so that
    none is left alone at the end, and at most BATCH_SIZE. On a cluster, eight a core: Dask
    places a few long tasks unevenly (four batches on two workers took twice the pool's
    time at N = 1,000)."""
    per_core = 8 if distributed() else 2
    return max(1, min(BATCH_SIZE, -(-count // (per_core * worker_count(count)))))


def validate_written(descriptors: list[Path], digests: list[str], cache_dir: Path) -> None:
    """Validate packages just written, together (validate_batch), and leave the marker
    validate_all leaves for each valid one: `digests` are the files_digest of each
    package's files as written, what validate_all keys on, so the build's validate_all
    then skips them. Run by the worker that wrote them, it saves a second pass over every
    package (another pool, each file read and hashed again). A package with problems
    gets no marker: validate_all validates it again and reports them."""
    store = Cache(cache_dir)
    found = validate_batch(descriptors)
    for descriptor, digest, problems in zip(descriptors, digests, found, strict=True):
        if not problems:
            store.store(entry_key(validator_version(), digest), f"{descriptor.parent.name}\n")


def validate_all(
    root: Path,
    cache_dir: Path | None = None,
    digests: dict[str, str] | None = None,
    portal: bool | None = None,
) -> tuple[int, list[ValidationProblem]]:
    """(number of packages, problems) for every package below `root`, in package order;
    with `cache_dir`, packages already found valid as they are now are not validated again.
    `digests` (package name → files_digest of its files, as the build has just written or
    checked them) saves reading every package again to key it. `portal`: True validates
    the portal-wide package only, False every package but it (the build validates the
    portal's, which changes with any disclosure, beside the site build); None all."""
    packages = [
        p for p in find_packages(root) if portal is None or (p.parent.name == PORTAL_NAME) == portal
    ]
    store = Cache(cache_dir) if cache_dir is not None else None
    known = digests or {}
    keys = [
        None
        if store is None
        else entry_key(validator_version(), known[p.parent.name])
        if p.parent.name in known
        else package_key(p)
        for p in packages
    ]
    todo = [
        i
        for i, key in enumerate(keys)
        if store is None or key is None or not store.has(key)  # has() marks a marker used
    ]
    found = dict(zip(todo, _validate_many([packages[i] for i in todo]), strict=True))
    for i, problems in found.items():
        key = keys[i]
        if store is None or key is None or problems:
            continue
        if package_key(packages[i]) == key:  # what was validated is what was hashed
            store.store(key, f"{packages[i].parent.name}\n")
    return len(packages), [p for i in todo for p in found[i]]
