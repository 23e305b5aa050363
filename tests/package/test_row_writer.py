"""The one row writer: every column of every published table is taken as the registry says."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import typing

import pytest

from juesuan.disclosure import Disclosure
from juesuan.package.files import package_files
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


def test_check_terms_point_to_the_fact_row_holding_their_evidence(seed_disclosures):
    """checks.csv does not repeat a sentence facts.csv publishes for the same key; a sentence
    no other table holds (a stated share) stays in the term. Seed 000, line 18 and 22."""
    files = package_files(seed_disclosures["000"])
    checks = {r["check_id"]: json.loads(r["terms"]) for r in _csv(files["checks.csv"])}
    facts = {r["key"]: r["evidence"] for r in _csv(files["facts.csv"])}
    balance = checks["grand_total.balance"]
    assert balance[0] == {
        "name": "收入总计",
        "key": "revenue.grand_total",
        "value": "658.30",
        "in": "facts",
    }
    assert "2024年度收入总计658.30万元" in facts["revenue.grand_total"]
    share = checks["stated.share.L22"][0]
    assert share["value"] == "100.00" and "in" not in share
    assert share["evidence"] == "本年收入610.56万元，其中：财政拨款收入610.56万元，占100.00%；"


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))
