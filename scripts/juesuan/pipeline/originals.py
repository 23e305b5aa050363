"""Make the manifest's originals visible to the build as if they were committed.

Every row of `sources/originals.csv` becomes a file in `build/originals/`, at the path the
manifest gives it under `sources/`: a hard link to the verified bytes in
`build/cache/originals/<sha256>` (fetched when missing) or to the committed file (which
must hash as the manifest says). Beside it goes its sidecar: the committed one, with the
manifest's publisher address as `source_url` when the sidecar states none. The build
then reads these paths exactly as committed sources, so the packages are the same bytes
whichever way the original is kept. A row whose bytes cannot be had or differ from the
manifest is refused with both hashes; the rest of the build goes on.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from juesuan.infra.atomic import write_file_atomically
from juesuan.infra.fetch import Digest, FetchError, fetch_verified, file_digest
from juesuan.read.manifest import MANIFEST_NAME, Original, read_manifest
from juesuan.read.source import SourceError, read_sidecar, sidecar_path

FETCH_THREADS = 8  # downloads wait on the network, not the two cores


@dataclass
class Originals:
    """What the manifest adds to a build."""

    root: Path  # build/originals: the manifest's files, laid out as under sources/
    paths: list[Path] = field(default_factory=list)  # ready to convert, under root
    refused: dict[Path, SourceError] = field(default_factory=dict)  # by the sources/ path
    listed: set[Path] = field(default_factory=set)  # committed files the manifest names
    fetched: int = 0  # downloaded by this build (the others were in the cache or committed)


def _refusal(row: Original, target: Path, got: Digest, what: str) -> SourceError:
    return SourceError(
        target,
        f"{row.where()}: {what}，已拒绝 / refused: 清单 manifest sha256 {row.sha256} "
        f"({row.size} 字节 bytes), 实得 received sha256 {got.sha256} ({got.size} 字节 bytes)",
    )


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


def _bytes_of(row: Original, sources: Path, store: Path, timeout: float) -> Path:
    """The verified file holding the row's bytes; SourceError when there is none."""
    target = sources / row.file
    if target.exists():
        if not _inside(target, sources):
            raise SourceError(
                target, "链接指向来源目录以外的文件，拒绝读取 / links outside sources"
            )
        got = file_digest(target)
        if got != Digest(row.sha256, row.size):
            raise _refusal(row, target, got, "已提交的文件与清单不符 (the committed file differs)")
        return target
    try:
        found = fetch_verified(row.url, row.sha256, row.size, store, timeout)
    except FetchError as exc:
        raise SourceError(target, f"{row.where()}: {exc}") from exc
    if isinstance(found, Digest):
        raise _refusal(
            row, target, found, f"从 {row.url} 下载的文件与清单不符 (fetched bytes differ)"
        )
    return found


def _sidecar_bytes(row: Original, target: Path, sources: Path) -> bytes:
    """The committed sidecar's statements, plus the manifest's address if it gives none."""
    committed = sidecar_path(target)
    if committed is not None and not _inside(committed, sources):
        raise SourceError(committed, "链接指向来源目录以外的文件，拒绝读取 / links outside sources")
    stated = read_sidecar(target).model_dump(mode="json")
    stated["source_url"] = stated.get("source_url") or row.provenance_url
    head = f"# generated from sources/{MANIFEST_NAME} and the sidecar of {row.file}; edit those\n"
    return (head + yaml.safe_dump(stated, allow_unicode=True, sort_keys=True)).encode("utf-8")


def _place(entry: Path, at: Path) -> None:
    """`at` becomes the same file as `entry` (a hard link; a copy across file systems)."""
    at.parent.mkdir(parents=True, exist_ok=True)
    if at.exists() and os.path.samefile(entry, at):
        return
    staging = at.with_name(f".{at.name}.{os.getpid()}")
    staging.unlink(missing_ok=True)
    try:
        os.link(entry, staging)
    except OSError:
        shutil.copyfile(entry, staging)
    os.replace(staging, at)


def _lay_out(row: Original, sources: Path, store: Path, root: Path, timeout: float) -> Path:
    target = sources / row.file
    side = _sidecar_bytes(row, target, sources)  # a bad sidecar refuses before any download
    entry = _bytes_of(row, sources, store, timeout)
    at = root / row.file
    _place(entry, at)
    side_at = at.with_suffix(".yml")
    if not side_at.is_file() or side_at.read_bytes() != side:
        write_file_atomically(side_at, side)
    return at


def _remove_stale(root: Path, keep: set[Path]) -> None:
    """Files of rows no longer in the manifest (or refused now) must not be built."""
    for path in sorted(root.rglob("*"), reverse=True):
        if path.is_file() and path not in keep:
            path.unlink()


def resolve_originals(
    sources: Path,
    build: Path,
    log: Callable[[str], None] = lambda _: None,
    timeout: float = 60.0,
) -> Originals:
    """Fetch and verify every manifest row, lay them out in `build/originals`."""
    rows, errors = read_manifest(sources / MANIFEST_NAME)
    found = Originals(root=build / "originals")
    found.refused.update({Path(e.path): e for e in errors})
    store = build / "cache" / "originals"
    found.listed = {sources / r.file for r in rows if (sources / r.file).exists()}
    cached = {r.sha256 for r in rows if (store / r.sha256).is_file()}
    to_fetch = {r.file for r in rows if sources / r.file not in found.listed} - {
        r.file for r in rows if r.sha256 in cached
    }
    if rows:
        log(f"{len(rows)} originals in {MANIFEST_NAME}; {len(to_fetch)} to download")

    def one(row: Original) -> Path | SourceError:
        try:
            return _lay_out(row, sources, store, found.root, timeout)
        except SourceError as exc:
            return exc

    with ThreadPoolExecutor(FETCH_THREADS) as pool:
        outcomes = list(pool.map(one, rows))
    keep: set[Path] = set()
    for row, outcome in zip(rows, outcomes, strict=True):
        if isinstance(outcome, SourceError):
            found.refused[sources / row.file] = outcome
            log(f"REFUSED {outcome}")
            continue
        found.paths.append(outcome)
        found.fetched += row.file in to_fetch
        keep |= {outcome, outcome.with_suffix(".yml")}
    if found.root.is_dir():
        _remove_stale(found.root, keep)
    return found
