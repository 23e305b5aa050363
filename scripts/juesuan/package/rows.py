"""The one row writer of every published table, driven by the data dictionary.

A table's rows are its records (`ResourceSpec.records`, an attribute of the
converted disclosure), one row each; a column's value is the record's attribute
the Field names (`Field.getter`, a dotted path) or, for a derived column, one of
the named accessors below. Every value is then written by `cell_text`, the same
for every table: booleans as true/false, decimals as printed, a missing value
as an empty cell. Adding a column is a Field in the registry, never a mapper here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from juesuan.disclosure import Disclosure
from juesuan.domain.amounts import format_decimal
from juesuan.registry.fields import ResourceSpec


def cell_text(value: Any) -> Any:
    """A value as its CSV cell: None → "", booleans → true/false, Decimal as printed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if hasattr(value, "as_tuple"):  # Decimal
        return format_decimal(value)
    return value


@dataclass
class RowContext:
    """What a derived column may look at besides its record: the disclosure, all records of
    the table, the record's position (from 1) and the values of the row's earlier columns."""

    disclosure: Disclosure | None
    records: Sequence[Any]
    index: int = 0
    _class_ids: dict[str, str] | None = field(default=None, repr=False)
    _published: set[tuple[str, str, str]] | None = field(default=None, repr=False)

    @property
    def class_ids(self) -> dict[str, str]:
        """Class (类) name → item_id of its class row, the first one stated."""
        if self._class_ids is None:
            self._class_ids = {}
            for n, item in enumerate(self.records, 1):
                if item.level == "class":
                    self._class_ids.setdefault(item.class_name, _item_id_at(n))
        return self._class_ids

    @property
    def published_evidence(self) -> set[tuple[str, str, str]]:
        """(resource, key or code, evidence) of every fact and function item the package
        publishes with its evidence: a check's term that cites one of them need not
        repeat the sentence."""
        if self._published is None:
            d = self.disclosure
            self._published = set()
            if d is not None:
                self._published.update((FACTS_RESOURCE, f.key, f.evidence) for f in d.facts)
                self._published.update(
                    (ITEMS_RESOURCE, i.code, i.evidence) for i in d.expenditure_items if i.code
                )
        return self._published


Accessor = Callable[[RowContext, Any, dict[str, Any]], Any]


def _item_id_at(n: int) -> str:
    return f"F{n:03d}"


def _item_id(ctx: RowContext, record: Any, row: dict[str, Any]) -> str:
    """F001…: the record's position in the table."""
    return _item_id_at(ctx.index)


def _class_id(ctx: RowContext, record: Any, row: dict[str, Any]) -> str:
    """The item_id of the row of the item's class (类); empty for a class row itself."""
    return "" if record.level == "class" else ctx.class_ids.get(record.class_name, "")


def _page(ctx: RowContext, record: Any, row: dict[str, Any]) -> int | None:
    """The page of the original file the row's evidence (its `char_start`) is printed on."""
    assert ctx.disclosure is not None, "a page needs the disclosure"
    return ctx.disclosure.page_at(row["char_start"])


def _section_path(ctx: RowContext, record: Any, row: dict[str, Any]) -> str:
    """The section headings above the evidence, joined with ' > '."""
    return " > ".join(record.section)


def _package(ctx: RowContext, record: Any, row: dict[str, Any]) -> str:
    """The disclosure's package name (the portal's combined tables)."""
    assert ctx.disclosure is not None, "a package column needs the disclosure"
    return ctx.disclosure.name


FACTS_RESOURCE, ITEMS_RESOURCE = "facts", "expenditure_by_function"


def _terms(ctx: RowContext, record: Any, row: dict[str, Any]) -> str:
    """A check's terms as a JSON array. A term whose evidence is that of the facts.csv row
    with its key (or the expenditure_by_function.csv row with its code) says `"in": "facts"`
    (or that table) instead of repeating the sentence: checks.csv was mostly evidence
    repeated from those tables (~40 KB a disclosure)."""
    published = ctx.published_evidence
    terms = []
    for term in record.terms:
        out = term.as_json()
        for resource in (FACTS_RESOURCE, ITEMS_RESOURCE):
            if term.key and (resource, term.key, term.evidence) in published:
                del out["evidence"]
                out["in"] = resource
                break
        terms.append(out)
    return json.dumps(terms, ensure_ascii=False, separators=(",", ":"))


ACCESSORS: dict[str, Accessor] = {
    "item_id": _item_id,
    "class_id": _class_id,
    "page": _page,
    "section_path": _section_path,
    "package": _package,
    "terms": _terms,
}


def _getters(spec: ResourceSpec) -> tuple[tuple[str, Accessor], ...]:
    """(column, accessor) of every column of `spec`."""
    getters = []
    for f in spec.fields:
        if f.getter.startswith("@"):
            accessor = ACCESSORS[f.getter[1:]]
        else:
            attribute = attrgetter(f.getter)

            def accessor(
                ctx: RowContext, record: Any, row: dict[str, Any], get: Any = attribute
            ) -> Any:
                return get(record)

        getters.append((f.name, accessor))
    return tuple(getters)


def rows(
    spec: ResourceSpec, records: Sequence[Any], d: Disclosure | None = None
) -> list[dict[str, Any]]:
    """One row per record, every column of `spec` in order, as CSV cells."""
    getters = _getters(spec)
    ctx = RowContext(d, records)
    out = []
    for ctx.index, record in enumerate(records, 1):
        raw: dict[str, Any] = {}
        for name, accessor in getters:
            raw[name] = accessor(ctx, record, raw)
        out.append({name: cell_text(value) for name, value in raw.items()})
    return out


def resource_rows(spec: ResourceSpec, d: Disclosure) -> list[dict[str, Any]]:
    """The rows of `spec` for disclosure `d`: its records `spec.records`."""
    if spec.records is None:
        raise ValueError(f"{spec.name} is not written from a disclosure's records")
    return rows(spec, getattr(d, spec.records), d)
