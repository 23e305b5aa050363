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
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from juesuan.checks.core import CheckResult
from juesuan.disclosure import Disclosure
from juesuan.domain.amounts import format_decimal
from juesuan.domain.template import DOCUMENT_KINDS
from juesuan.domain.vocabulary import vocabulary_csv_text
from juesuan.extract.completeness import PartResult
from juesuan.extract.facts import Fact
from juesuan.infra.atomic import write_file_atomically
from juesuan.registry import RESOURCES
from juesuan.registry.checks import CHECKS
from juesuan.registry.completeness import COMPLETENESS
from juesuan.registry.expenditure import EXPENDITURE_BY_ECONOMIC, EXPENDITURE_BY_FUNCTION, SANGONG
from juesuan.registry.facts import FACTS, VOCABULARY
from juesuan.registry.fields import ResourceSpec
from juesuan.registry.performance import PERFORMANCE_INDICATORS, PERFORMANCE_PROJECTS

DEFAULT_LICENCE = (
    "政府信息公开（《中华人民共和国政府信息公开条例》）; "
    "reuse with credit to the issuing department"
)
PORTAL_LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 (the compilation); figures: public government "
    "information, credit the issuing department",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}


def csv_text(spec: ResourceSpec, rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=spec.columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def with_pages(d: Disclosure, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each row's `page`: where its evidence (at `char_start`) sits in the original file."""
    for row in rows:
        page = d.page_at(row.get("char_start"))
        row["page"] = "" if page is None else page
    return rows


def cell_text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "as_tuple"):  # Decimal
        return format_decimal(value)
    return value


def fact_rows(facts: tuple[Fact, ...]) -> list[dict[str, Any]]:
    return [
        {
            "key": f.key,
            "value": cell_text(f.value),
            "unit": f.unit,
            "evidence": f.evidence,
            "section": " > ".join(f.section),
            "char_start": f.start,
            "char_end": f.end,
            "conflict": cell_text(f.conflict),
        }
        for f in facts
    ]


def function_rows(d: Disclosure) -> list[dict[str, Any]]:
    """Items with ids F001…; `class_id` links each row to its class (类) row, if stated."""
    items = [(f"F{n:03d}", item) for n, item in enumerate(d.expenditure_items, 1)]
    class_ids: dict[str, str] = {}
    for item_id, item in items:
        if item.level == "class":
            class_ids.setdefault(item.class_name, item_id)
    rows = []
    for item_id, item in items:
        row = {
            name: cell_text(getattr(item, name, None)) for name in EXPENDITURE_BY_FUNCTION.columns
        }
        row.update(
            item_id=item_id,
            class_id=class_ids.get(item.class_name, "") if item.level != "class" else "",
            evidence=item.evidence,
            char_start=item.start,
            char_end=item.end,
        )
        rows.append(row)
    return rows


def completeness_rows(results: list[PartResult]) -> list[dict[str, Any]]:
    return [
        {
            "part_id": r.part.part_id,
            "label_zh": r.part.label_zh,
            "label_en": r.part.label_en,
            "status": r.status,
            "found_by": cell_text(r.found_by),
            "evidence": r.evidence,
            "char_start": cell_text(r.start),
        }
        for r in results
    ]


def economic_rows_of(d: Disclosure) -> list[dict[str, Any]]:
    return [
        {
            "code": r.code,
            "name": r.name,
            "amount": cell_text(r.amount),
            "category": r.category or "",
            "evidence": r.evidence,
            "char_start": r.start,
            "char_end": r.end,
        }
        for r in d.economic
    ]


def sangong_rows_of(d: Disclosure) -> list[dict[str, Any]]:
    return [
        {
            "item": r.item,
            "phase": r.phase,
            "value": cell_text(r.value),
            "unit": r.unit,
            "evidence": r.evidence,
            "char_start": r.start,
            "char_end": r.end,
            "conflict": cell_text(r.conflict),
        }
        for r in d.sangong
    ]


def record_rows(spec: ResourceSpec, records: tuple[Any, ...]) -> list[dict[str, Any]]:
    rows = []
    for record in records:
        row = {name: cell_text(getattr(record, name, None)) for name in spec.columns}
        row.update(char_start=record.start, char_end=record.end)
        rows.append(row)
    return rows


def check_rows(checks: tuple[CheckResult, ...]) -> list[dict[str, Any]]:
    rows = []
    for check in checks:
        row = {name: cell_text(getattr(check, name, None)) for name in CHECKS.columns}
        row["terms"] = check.terms_json
        rows.append(row)
    return rows


def resource_descriptor(spec: ResourceSpec) -> dict[str, Any]:
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
        "schema": spec.table_schema(),
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
        "licenses": [PORTAL_LICENSE],
        "sources": [
            {
                "title": side.original_filename or d.source.path.name,
                "path": side.source_url or f"sources/{d.source.path.name}",
                "licence": side.licence or DEFAULT_LICENCE,
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
        "resources": [resource_descriptor(spec) for spec in RESOURCES],
    }


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True)


def _member(key: str, text: str) -> str:
    """A top-level member as `_json` writes it: one level in. JSON strings hold no raw line
    break, so every line break of a serialised value is indentation."""
    return f"  {_json(key)}: " + text.replace("\n", "\n  ")


@cache
def _resources_member() -> str:
    """The `resources` of every package are the same Table Schemas, most of the descriptor's
    text: serialised once per process."""
    return _member("resources", _json([resource_descriptor(spec) for spec in RESOURCES]))


def descriptor_text(d: Disclosure) -> str:
    """Exactly `_json(package_descriptor(d))`, in a fifth of the time."""
    members = {
        k: _member(k, _json(v)) for k, v in package_descriptor(d).items() if k != "resources"
    }
    members["resources"] = _resources_member()
    return "{\n" + ",\n".join(members[k] for k in sorted(members)) + "\n}"


def package_files(d: Disclosure) -> dict[str, str]:
    """File name → exact text of every file of the package."""
    return {
        "datapackage.json": descriptor_text(d) + "\n",
        FACTS.path: csv_text(FACTS, with_pages(d, fact_rows(d.facts))),
        EXPENDITURE_BY_FUNCTION.path: csv_text(
            EXPENDITURE_BY_FUNCTION, with_pages(d, function_rows(d))
        ),
        EXPENDITURE_BY_ECONOMIC.path: csv_text(
            EXPENDITURE_BY_ECONOMIC, with_pages(d, economic_rows_of(d))
        ),
        SANGONG.path: csv_text(SANGONG, with_pages(d, sangong_rows_of(d))),
        PERFORMANCE_PROJECTS.path: csv_text(
            PERFORMANCE_PROJECTS, with_pages(d, record_rows(PERFORMANCE_PROJECTS, d.projects))
        ),
        PERFORMANCE_INDICATORS.path: csv_text(
            PERFORMANCE_INDICATORS,
            with_pages(d, record_rows(PERFORMANCE_INDICATORS, d.indicators)),
        ),
        COMPLETENESS.path: csv_text(COMPLETENESS, completeness_rows(list(d.completeness))),
        CHECKS.path: csv_text(CHECKS, check_rows(d.checks)),
        VOCABULARY.path: vocabulary_csv_text(),
    }


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
