"""The one row writer: every column of every published table is taken as the registry says."""

from __future__ import annotations

import dataclasses
import typing

import pytest

from juesuan.disclosure import Disclosure
from juesuan.package.rows import ACCESSORS, cell_text
from juesuan.registry import RESOURCES
from juesuan.registry.portal import PORTAL_RESOURCES

WRITTEN = [s for s in (*RESOURCES, *PORTAL_RESOURCES) if s.records is not None]


def _record_type(attribute: str) -> type:
    return typing.get_args(typing.get_type_hints(Disclosure)[attribute])[0]


def _resolves(cls: type, path: str) -> bool:
    for part in path.split("."):
        hints = typing.get_type_hints(cls) if dataclasses.is_dataclass(cls) else {}
        if part not in hints:
            # a computed attribute ends the path
            return isinstance(getattr(cls, part, None), property)
        cls = hints[part]
    return True


@pytest.mark.parametrize("spec", WRITTEN, ids=lambda s: s.name)
def test_every_column_has_a_getter(spec):
    record = _record_type(spec.records)
    for f in spec.fields:
        if f.getter.startswith("@"):
            assert f.getter[1:] in ACCESSORS, f"{spec.name}.{f.name}: no accessor {f.getter}"
        else:
            assert _resolves(record, f.getter), f"{spec.name}.{f.name}: {record} has no {f.getter}"


def test_cell_text():
    from decimal import Decimal

    assert cell_text(None) == ""
    assert cell_text(True) == "true"
    assert cell_text(False) == "false"
    assert cell_text(Decimal("1.50")) == "1.50"
    assert cell_text(3) == 3
