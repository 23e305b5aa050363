"""A budget (预算) is never read as final accounts (决算): the eleven real budget PDFs are
refused, the two real 决算 PDFs, the seeds and the real-world 决算 pages are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan.convert import convert_source
from juesuan.read.identity import is_budget
from juesuan.read.source import RawSource, SourceError, read_source

ORIGINALS = Path(__file__).resolve().parents[3] / "shared" / "originals"
REALWORLD = Path(__file__).resolve().parents[3] / "shared" / "realworld" / "texts"
SOURCES = Path(__file__).resolve().parents[2] / "sources"
needs_originals = pytest.mark.skipif(not ORIGINALS.is_dir(), reason="../shared/originals absent")


def _pdf_text(path: Path) -> str:
    from juesuan.read.pdf import read_pdf

    return read_pdf(path.read_bytes(), path).text


@needs_originals
@pytest.mark.parametrize("name", sorted(p.name for p in ORIGINALS.glob("yusuan_*.pdf")))
def test_every_real_budget_is_recognised_and_refused(name):
    path = ORIGINALS / name
    text = _pdf_text(path)
    assert is_budget(text)
    # The seed's sidecar says final_accounts: the text still decides that this is a budget.
    sidecar = read_source(SOURCES / "000_a1db828f484ee6df.txt").sidecar
    assert sidecar.document_kind == "final_accounts"
    with pytest.raises(SourceError, match="预算") as refused:
        convert_source(RawSource(path, "0" * 64, "pdf", text, sidecar))
    assert "不是决算" in refused.value.problem


@needs_originals
@pytest.mark.parametrize("name", sorted(p.name for p in ORIGINALS.glob("juesuan_*.pdf")))
def test_the_real_final_accounts_are_not_taken_for_budgets(name):
    assert not is_budget(_pdf_text(ORIGINALS / name))


def test_no_seed_is_taken_for_a_budget():
    for path in sorted(SOURCES.glob("*.txt")):
        assert not is_budget(path.read_text("utf-8")), path.name


@pytest.mark.skipif(not REALWORLD.is_dir(), reason="../shared/realworld absent")
def test_no_real_world_final_accounts_page_is_taken_for_a_budget():
    # w01's cover form asks 是否编制部门预算 and names its 单位预算级次: still a 决算.
    for path in sorted(REALWORLD.glob("*.txt")):
        assert not is_budget(path.read_text("utf-8")), path.name


def test_a_budget_cover_in_real_wording_is_recognised():
    cover = (
        "某某区2025年区级部门预算\n预算主管部门：某某区某某局\n目录\n一、部门主要职能\n"
        "二、部门机构设置\n三、名词解释\n四、部门预算编制说明\n五、部门预算表\n"
        "1、部门财务收支预算总表\n2、部门收入预算总表\n3、部门支出预算总表\n"
        "4、部门财政拨款收支预算总表\n5、部门一般公共预算支出功能分类预算表\n"
    )
    assert is_budget(cover)
    assert not is_budget(cover.replace("预算表", "决算表").replace("部门预算", "部门决算"))


@needs_originals
def test_a_budget_pdf_is_refused_before_its_tables_are_parsed(monkeypatch):
    import juesuan.read.pdf as pdf

    def no_table_parsing(*args, **kwargs):
        raise AssertionError("tables parsed for a budget")

    monkeypatch.setattr(pdf, "_find_tables", no_table_parsing)
    with pytest.raises(SourceError, match="不是决算"):
        read_source(ORIGINALS / "yusuan_2019_jiangsu_gaoyuan.pdf")
