"""One disclosure from raw file to extracted, checked content: the convert stage.

`convert_source` runs four named steps, one per stage — read (`read_document`), extract
(`extract`), check (`check_document`), assemble — and only this module builds a
`Disclosure`.
"""

from __future__ import annotations

import re
from pathlib import Path

from juesuan.checks import CheckResult, check_document
from juesuan.disclosure import Disclosure
from juesuan.domain.template import (
    BUDGET_REFUSAL,
    CORE_PARTS,
    NEWS_REFUSAL,
    ONE_PART_KINDS,
    TEMPLATE_PARTS,
    WHOLE_TEMPLATE_KINDS,
    DocumentKind,
    template_number,
)
from juesuan.extract.completeness import ScoredText, scorecard
from juesuan.extract.extracted import Extracted, extract
from juesuan.extract.template_tables import unreadable_cells
from juesuan.extract.unreadable import unreadable_amounts
from juesuan.read.document import Document, read_document
from juesuan.read.source import RawSource, SourceError, read_source


def _parts_found(text: str) -> tuple[str, ...]:
    flat = "".join(text.split())
    return tuple(part for part, marker in TEMPLATE_PARTS.items() if marker in flat)


def _warnings(doc: Document, found: Extracted, parts: tuple[str, ...]) -> tuple[str, ...]:
    meta = doc.meta
    warnings = [*doc.notes, *meta.notes, *found.notes]
    if meta.department is None:
        warnings.append(
            "文中未找到部门名称，元数据文件也未载明 / "
            "department not found in the text and no sidecar states it"
        )
    if meta.fiscal_year is None:
        warnings.append(
            "文中未找到年度，元数据文件也未载明 / "
            "fiscal year not found in the text and no sidecar states it"
        )
    warnings += unreadable_amounts(doc.text, doc.section_path)
    warnings += [str(u) for u in unreadable_cells(list(doc.tables))]
    if meta.document_kind in WHOLE_TEMPLATE_KINDS:
        missing = [p for p in list(TEMPLATE_PARTS)[:CORE_PARTS] if p not in parts]
        if missing:
            warnings.append(
                "未见模板的以下部分（文本不完整？）/ template sections missing (truncated?): "
                + "、".join(missing)
            )
    return tuple(warnings)


def assemble(
    raw: RawSource, doc: Document, found: Extracted, checks: tuple[CheckResult, ...]
) -> Disclosure:
    parts = _parts_found(doc.text)
    scored = ScoredText(
        doc.text,
        doc.sections,
        doc.tables,
        found.facts,
        found.sangong,
        found.projects,
        doc.meta.document_kind,
    )
    return Disclosure(
        source=raw,
        # One string for both where reading changed nothing: pickled once in the cache.
        text=raw.text if raw.text == doc.text else doc.text,
        meta=doc.meta,
        sections=doc.sections,
        facts=found.facts,
        checks=checks,
        parts_found=parts,
        warnings=_warnings(doc, found, parts),
        tables=doc.tables,
        expenditure_items=found.items,
        economic=found.economic,
        projects=found.projects,
        indicators=found.indicators,
        sangong=found.sangong,
        completeness=tuple(scorecard(scored)),
    )


# A template table's printed code (公开01表, 财决公开05表) anywhere in the text.
_TABLE_CODE = re.compile(r"公开\s*0?\d\s*表")


def _shows_the_template(doc: Document, found: Extracted) -> bool:
    """Something of the national template is in the text: a figure read, headed parts, a
    template table (by title or printed code), or the one part a one-part page is about
    (recognised from its statements of actual spending)."""
    return bool(
        found.facts
        or found.sangong
        or len(doc.sections) >= 3
        or doc.meta.document_kind in ONE_PART_KINDS
        or any(template_number(t.code, t.title) for t in doc.tables)
        or _TABLE_CODE.search(doc.text)
    )


def _refuse_unless_disclosure(raw: RawSource, doc: Document, found: Extracted) -> None:
    if doc.meta.document_kind == DocumentKind.BUDGET:
        raise SourceError(raw.path, BUDGET_REFUSAL)
    if doc.meta.document_kind == DocumentKind.NEWS:
        raise SourceError(raw.path, NEWS_REFUSAL)
    if doc.meta.document_kind is None or not _shows_the_template(doc, found):
        # What the format reader could not read (a scanned page, a cap) is the likelier cause.
        why = "；".join(raw.layout.notes[:2]) + " | " if raw.layout and raw.layout.notes else ""
        raise SourceError(
            raw.path,
            f"{why}不是决算公开：既无决算或绩效自评标题，也无全国模板的数字 / not a "
            "final-accounts disclosure: no 决算/绩效自评 title and no figures of the national "
            "template",
        )


def convert_source(raw: RawSource) -> Disclosure:
    """Raise SourceError when the text is not a disclosure; otherwise extract all we can."""
    doc = read_document(raw)
    found = extract(doc)
    _refuse_unless_disclosure(raw, doc, found)
    return assemble(raw, doc, found, check_document(doc, found))


def convert_path(path: Path) -> Disclosure:
    return convert_source(read_source(path))
