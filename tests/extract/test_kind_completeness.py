"""Completeness is scored against what a publication is: a page of the 三公 accounts alone
is not "missing" 公开01–08表, a 政府采购 page is scored on the procurement parts, a whole
disclosure on every part. Invented fragments (tests/publications.py)."""

from __future__ import annotations

import pytest

from fragments import fragment_disclosure
from juesuan.domain.template import PARTS, DocumentKind
from publications import (
    PROCUREMENT_PAGE,
    SANGONG_PAGE,
    TOWN_AGGREGATE,
    UNTITLED_SANGONG,
    WHOLE,
)


@pytest.mark.parametrize("text", [SANGONG_PAGE, UNTITLED_SANGONG, TOWN_AGGREGATE])
def test_a_sangong_page_is_read_and_scored_against_its_own_parts(text):
    d = fragment_disclosure(text)
    assert d.meta.document_kind in (DocumentKind.SANGONG, DocumentKind.AGGREGATE_SANGONG)
    scored = {r.part.part_id for r in d.completeness}
    assert scored == {
        "table.09",
        "sangong.abroad",
        "sangong.vehicle_purchase",
        "sangong.vehicle_operation",
        "sangong.reception",
    }
    assert not any("template sections missing" in w for w in d.warnings)


def test_a_procurement_page_is_scored_against_the_procurement_parts():
    d = fragment_disclosure(PROCUREMENT_PAGE)
    assert d.meta.document_kind == DocumentKind.PROCUREMENT
    assert {r.part.part_id for r in d.completeness} == {
        "procurement.goods",
        "procurement.works",
        "procurement.services",
        "procurement.sme",
    }
    assert "政府采购决算" in d.title


def test_a_whole_disclosure_is_scored_against_every_part():
    d = fragment_disclosure(WHOLE)
    assert [r.part for r in d.completeness] == list(PARTS)
