"""A disclosure's data package as the one zip the site publishes for it.

It is the only copy of a disclosure's package on the site: publishing the files
unpacked beside it too would take ~160 KB a disclosure, most of the 1 GB GitHub
Pages allows at a province's scale; the portal-wide package carries the tables
unpacked, and `datapackages/` in the repository holds every package unpacked.
"""

from __future__ import annotations

import json
from pathlib import Path

from juesuan.disclosure import Disclosure
from juesuan.domain.licence import LICENCE, citation
from juesuan.infra.deterministic_zip import deterministic_zip
from juesuan.package.files import package_files, package_files_names
from juesuan.package.original import original_bytes, original_name


def _readme(d: Disclosure) -> str:
    side = d.source.sidecar
    return (
        f"# {d.title}\n\n"
        f"Data package `{d.name}` of the juesuan open-data portal.\n\n"
        f"- Source: {side.original_filename or d.source.path.name}"
        f" ({side.source_url or 'original URL unknown'})\n"
        f"- Department: {d.meta.department or 'unknown'}; fiscal year: "
        f"{d.meta.fiscal_year or 'unknown'}\n"
        f"- Licence: {LICENCE.markdown()}\n"
        f"- Cite as: {citation(d.meta.department, d.title)}\n\n"
        "Files: datapackage.json (Frictionless descriptor with Table Schemas) and one CSV per "
        "resource; source.txt is the original text the values were read from. Every fact carries "
        "the sentence it was read from (column `evidence`) and its offsets in source.txt"
        + (
            f"; {original_name(d)} is the file as published, and column `page` is the page "
            "of it the value was printed on.\n"
            if original_name(d)
            else ".\n"
        )
    )


def _package(d: Disclosure, written: Path | None) -> dict[str, str]:
    """The package's files: as written into `written` when it holds `d`'s package (its
    descriptor names d's source and its SHA-256), else laid out afresh."""
    try:
        found = {p.name: p.read_text("utf-8") for p in written.iterdir()} if written else {}
        juesuan = json.loads(found["datapackage.json"])["juesuan"]
    except (OSError, KeyError, ValueError, TypeError):
        return package_files(d)
    same = (juesuan.get("source_file"), juesuan.get("source_sha256")) == (
        d.source.path.name,
        d.source.sha256,
    )
    return found if same and set(found) == set(package_files_names()) else package_files(d)


def package_zip(d: Disclosure, written: Path | None = None) -> bytes:
    """The whole package plus the original text and a README, byte-identical for identical
    content (`frictionless validate NAME.zip` reads it as it is); `written` is the package's
    directory in datapackages/ if this build wrote it."""
    files: dict[str, str | bytes] = {
        **_package(d, written),
        "README.md": _readme(d),
        "source.txt": d.source.text,
    }
    name, data = original_name(d), original_bytes(d)
    if name is not None and data is not None:
        files[name] = data
    return deterministic_zip("", files)
