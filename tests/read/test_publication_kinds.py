"""Every real publication is read and named for what it is: a whole 部门决算, a page of the
三公 accounts alone, a page of 政府采购 alone, a level of government's 本级 aggregate; what
is nobody's disclosure (a news report of a province's total, unrelated text) is refused
with its reason. Fragments are invented: departments and figures are made up."""

from __future__ import annotations

from pathlib import Path

import pytest

from fragments import fragment_disclosure
from juesuan.domain.template import DOCUMENT_KINDS, KIND_PARTS, DocumentKind
from juesuan.read.identity import detect_document_kind, is_news_report
from juesuan.read.source import SourceError
from publications import (
    NEWS,
    PROCUREMENT_PAGE,
    REGION_TOTAL,
    SANGONG_BUDGET,
    SANGONG_PAGE,
    TOWN_AGGREGATE,
    UNRELATED,
    UNTITLED_SANGONG,
    WHOLE,
)

REALWORLD = Path(__file__).resolve().parents[3] / "shared" / "realworld" / "texts"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (SANGONG_PAGE, DocumentKind.SANGONG),
        (UNTITLED_SANGONG, DocumentKind.SANGONG),
        (TOWN_AGGREGATE, DocumentKind.AGGREGATE_SANGONG),
        (PROCUREMENT_PAGE, DocumentKind.PROCUREMENT),
        (WHOLE, DocumentKind.FINAL_ACCOUNTS),
        (NEWS, DocumentKind.NEWS),
        (REGION_TOTAL, DocumentKind.NEWS),
        (UNRELATED, None),
        (SANGONG_BUDGET, None),
    ],
)
def test_what_a_text_is(text, kind):
    assert detect_document_kind(text) == kind


def test_a_county_level_aggregate_of_final_accounts():
    head = "青山县2023年度县本级部门决算汇总公开说明\n" + WHOLE.split("\n", 1)[1]
    assert detect_document_kind(head) == DocumentKind.AGGREGATE


def test_a_department_whose_name_holds_a_news_word_is_not_a_news_report():
    text = WHOLE.replace("柳河县档案馆", "柳河县记者协会").replace("县档案馆", "县记者协会")
    assert not is_news_report(text)
    assert detect_document_kind(text) == DocumentKind.FINAL_ACCOUNTS


@pytest.mark.parametrize("text", [NEWS, REGION_TOTAL])
def test_a_news_report_is_refused_as_news(text):
    with pytest.raises(SourceError, match="新闻报道"):
        fragment_disclosure(text)


@pytest.mark.parametrize("text", [UNRELATED, SANGONG_BUDGET])
def test_text_that_is_no_disclosure_is_refused(text):
    with pytest.raises(SourceError, match="不是决算公开"):
        fragment_disclosure(text)


def test_every_kind_scored_alone_is_published_with_labels():
    for kind in KIND_PARTS:
        assert kind in DOCUMENT_KINDS
    assert DocumentKind.BUDGET not in DOCUMENT_KINDS
    assert DocumentKind.NEWS not in DOCUMENT_KINDS


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="../shared/realworld absent")
def test_no_real_world_excerpt_is_refused():
    # Each is a department's real publication, whole or in part.
    for path in sorted(REALWORLD.glob("*.txt")):
        d = fragment_disclosure(path.read_text("utf-8"), path.name)
        assert d.meta.document_kind in DOCUMENT_KINDS, path.name
