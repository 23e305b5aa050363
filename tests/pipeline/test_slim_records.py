"""The slim records the build holds in memory give every portal-wide output the complete
disclosures give, and restore to the complete disclosures.

`slim` drops what only a disclosure's own package and page read (juesuan.disclosure); if a
portal-wide step read any of it, its output from slim records would differ from its
output from the complete disclosures, which is what these tests compare.
"""

from __future__ import annotations

import pickle
import shutil

import pytest

from conftest import SEEDS, SOURCES, seed_text
from juesuan.disclosure import restore
from juesuan.domain.template import ALL_PARTS
from juesuan.package.portal import portal_files
from juesuan.pipeline.build import BuildResult, convert_all
from juesuan.render.compare_pages import compare_pages
from juesuan.render.completeness_pages import completeness_pages
from juesuan.render.listings import index_pages, overview_rows
from juesuan.render.pages import listing_rows, render_home_page
from juesuan.render.portal_pages import department_pages, home_chart
from juesuan.site.dcat import data_json


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildResult, BuildResult]:
    """The seeds (and seed 000 a year earlier: a department with two years) converted
    without a cache (complete disclosures) and read back from the cache (slim records)."""
    sources = tmp_path_factory.mktemp("slim") / "sources"
    shutil.copytree(SOURCES, sources)
    earlier = seed_text("000").replace("2023", "2020").replace("2024", "2021")
    (sources / "zz_second_year.txt").write_text(earlier, encoding="utf-8")
    sidecar = SEEDS["000"].with_suffix(".yml").read_text(encoding="utf-8")
    (sources / "zz_second_year.yml").write_text(sidecar.replace("2023", "2020"), "utf-8")
    paths = sorted(sources.glob("*.txt"))
    cache = sources.parent / "cache"
    full = convert_all(paths, lambda _: None)
    convert_all(paths, lambda _: None, cache_dir=cache)
    slim = convert_all(paths, lambda _: None, cache_dir=cache)
    assert slim.converted == 0 and len(slim.disclosures) == len(paths) == 6
    return full, slim


def _pages(pages: list) -> list[tuple[str, str, dict[str, str]]]:
    return [(p.path, p.markdown, p.files) for p in pages]


def test_slim_records_hold_less_than_the_complete_disclosures(both):
    full, slim = both
    for d in slim.disclosures:
        assert d.full_entry and not d.text and not d.tables and not d.sections
        assert not d.indicators and not d.economic
        assert all(not c.terms and c.expected is None and not c.description_zh for c in d.checks)
    assert any(d.indicators for d in full.disclosures)  # seed 001 has performance tables
    assert all(d.sections and d.checks for d in full.disclosures)


def test_a_slim_record_restores_to_the_complete_disclosure(both):
    full, slim = both
    for a, b in zip(full.disclosures, slim.disclosures, strict=True):
        assert restore(b) == a
        assert [(c.check_id, c.status) for c in b.checks] == [
            (c.check_id, c.status) for c in a.checks
        ]


def test_every_portal_wide_output_is_the_same_from_slim_records(both):
    full, slim = both
    a, b = full.disclosures, slim.disclosures
    assert portal_files(b) == portal_files(a)
    assert listing_rows(b) == listing_rows(a)
    assert overview_rows(b) == overview_rows(a)
    assert home_chart(b) == home_chart(a)
    assert render_home_page(b, []) == render_home_page(a, [])
    assert data_json(b, "https://example.org/") == data_json(a, "https://example.org/")
    for pages in (compare_pages, completeness_pages, index_pages, department_pages):
        assert _pages(pages(b)) == _pages(pages(a)), pages.__name__


def test_a_template_part_unpickles_as_the_template_own(both):
    _, slim = both
    d = pickle.loads(pickle.dumps(slim.disclosures[0], pickle.HIGHEST_PROTOCOL))
    assert d.completeness and all(r.part in ALL_PARTS for r in d.completeness)
    known = {id(p) for p in ALL_PARTS}
    assert all(id(r.part) in known for r in d.completeness)  # shared, not one copy each
