"""Write a converted disclosure as a Frictionless data package.

Output is byte-reproducible — sorted JSON keys, fixed row order, no timestamps —
so that a change in the data is a readable git diff of `datapackages/`. A
build writes every package into a directory next to `datapackages/` and swaps
it in whole (atomic.py), so an interrupted build leaves the previous packages.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from juesuan.disclosure import Disclosure
from juesuan.domain.licence import LICENCE, SOURCE_LICENCE
from juesuan.domain.template import DOCUMENT_KINDS
from juesuan.domain.vocabulary import vocabulary_csv_text
from juesuan.infra.atomic import write_file_atomically
from juesuan.package.rows import resource_rows
from juesuan.registry import RESOURCES
from juesuan.registry.facts import VOCABULARY
from juesuan.registry.fields import ResourceSpec


def csv_text(spec: ResourceSpec, rows: Iterable[dict[str, Any]]) -> str:
    return "".join(csv_pieces(spec, [rows]))


def csv_rows(spec: ResourceSpec, rows: Iterable[dict[str, Any]]) -> str:
    """The lines `csv_pieces` writes for `rows`, without the header."""
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=spec.columns, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def csv_header(spec: ResourceSpec) -> str:
    """The header line `csv_pieces` writes first."""
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=spec.columns, lineterminator="\n").writeheader()
    return buffer.getvalue()


def csv_pieces(spec: ResourceSpec, groups: Iterable[Iterable[dict[str, Any]]]) -> Iterator[str]:
    """The text of `csv_text(spec, rows of every group)`: the header, then a piece per group
    (a file of millions of rows need never be one string)."""
    yield csv_header(spec)
    for rows in groups:
        yield csv_rows(spec, rows)


def resource_descriptor(spec: ResourceSpec, described: bool = True) -> dict[str, Any]:
    """A resource's descriptor; `described=False` (a disclosure's package) leaves the field
    descriptions to the data dictionary (docs page and the portal package's descriptor)."""
    return {
        "name": spec.name,
        "path": spec.path,
        "type": "table",
        "scheme": "file",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": f"{spec.title_zh} / {spec.title_en}",
        "description": spec.description,
        "schema": spec.table_schema(described),
    }


def package_descriptor(d: Disclosure) -> dict[str, Any]:
    meta, side = d.meta, d.source.sidecar
    kind_zh, kind_en = DOCUMENT_KINDS.get(meta.document_kind or "", ("未知", "unknown"))
    return {
        "name": d.name,
        "title": d.title,
        "description": (
            f"{d.title}：从公开文本中提取的数据"
            f"（{len(d.facts)} 项事实，{len(d.checks)} 项勾稽检查）。"
            f" Data extracted from the published {kind_en.lower()} of "
            f"{meta.department or 'an unknown department'}, fiscal year "
            f"{meta.fiscal_year or 'unknown'}; every value carries the sentence it was read from."
        ),
        "licenses": [LICENCE.descriptor()],
        "sources": [
            {
                "title": side.original_filename or d.source.path.name,
                "path": side.source_url or f"sources/{d.source.path.name}",
                "licence": side.licence or SOURCE_LICENCE,
            }
        ],
        "keywords": ["决算", "部门决算", "final accounts", kind_zh],
        "juesuan": {
            "department": meta.department,
            "fiscal_year": meta.fiscal_year,
            "document_kind": meta.document_kind,
            "region": meta.region.model_dump(),
            "source_file": d.source.path.name,
            "source_sha256": d.source.sha256,
            "source_encoding": d.source.encoding,
            "template_parts_found": list(d.parts_found),
            "sections": [
                {"level": x.level, "title": x.title, "char_start": x.start, "char_end": x.end}
                for x in d.sections
            ],
            "tables": [
                {
                    "title": t.title,
                    "code": t.code,
                    "unit": t.unit,
                    "layout": t.layout,
                    "rows": len(t.rows),
                    "char_start": t.start,
                    "char_end": t.end,
                }
                for t in d.tables
            ],
            "warnings": list(d.warnings),
        },
        "resources": [resource_descriptor(spec, described=False) for spec in RESOURCES],
    }


def _holds_records(value: Any) -> bool:
    """True when `value` holds a list of objects somewhere (fields, sections, tables)."""
    if isinstance(value, dict):
        return any(_holds_records(v) for v in value.values())
    if isinstance(value, list):
        return any(isinstance(v, dict) or _holds_records(v) for v in value)
    return False


def descriptor_json(value: Any, depth: int = 0) -> str:
    """Indented JSON whose innermost records (a field, a section, a table, a licence) each
    take one line: a change to one field is a one-line diff, and the descriptor is a third
    smaller than with every key on its own line."""
    if (depth and not _holds_records(value)) or not isinstance(value, dict | list) or not value:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    pad = "  " * (depth + 1)
    if isinstance(value, dict):
        items = [
            f"{pad}{json.dumps(k, ensure_ascii=False)}: {descriptor_json(value[k], depth + 1)}"
            for k in sorted(value)
        ]
        opening, closing = "{", "}"
    else:
        items = [pad + descriptor_json(v, depth + 1) for v in value]
        opening, closing = "[", "]"
    return opening + "\n" + ",\n".join(items) + "\n" + "  " * depth + closing


def _member(key: str, value: Any) -> str:
    """A top-level member as `descriptor_json` writes it inside the descriptor."""
    return f"  {json.dumps(key, ensure_ascii=False)}: {descriptor_json(value, 1)}"


@cache
def _resources_member() -> str:
    """The `resources` of every package are the same Table Schemas, most of the descriptor's
    text: serialised once per process."""
    return _member("resources", [resource_descriptor(spec, described=False) for spec in RESOURCES])


def descriptor_text(d: Disclosure) -> str:
    """Exactly `descriptor_json(package_descriptor(d))`, in a fifth of the time."""
    members = {k: _member(k, v) for k, v in package_descriptor(d).items() if k != "resources"}
    members["resources"] = _resources_member()
    return "{\n" + ",\n".join(members[k] for k in sorted(members)) + "\n}"


def package_files(d: Disclosure) -> dict[str, str]:
    """File name → exact text of every file of the package."""
    files = {"datapackage.json": descriptor_text(d) + "\n"}
    for spec in RESOURCES:
        if spec is VOCABULARY:
            files[spec.path] = vocabulary_csv_text()
        else:
            files[spec.path] = csv_text(spec, resource_rows(spec, d))
    return files


@cache
def package_files_names() -> tuple[str, ...]:
    """The names of a disclosure package's files."""
    return ("datapackage.json", *(spec.path for spec in RESOURCES))


def files_digest(files: Mapping[str, bytes]) -> str:
    """SHA-256 over the names and bytes of a set of files, in name order."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(f"{name}\0{len(files[name])}\0".encode() + files[name])
    return digest.hexdigest()


def write_package(d: Disclosure, out_dir: Path) -> Path:
    """Write the package files of `d` into `out_dir`, leaving anything else there alone."""
    for name, content in package_files(d).items():
        write_file_atomically(out_dir / name, content)
    return out_dir / "datapackage.json"
