"""Issue 17: no page grows with the number of disclosures, and adding one disclosure changes
only the pages it appears on (its province's, its year's and the national overviews).

The portal here is made of the seeds under other names, places and years (as the scale
benchmark's corpus does, without converting anything again): a few hundred disclosures.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from juesuan.disclosure import Disclosure
from juesuan.read.source import Region
from juesuan.render.compare_pages import compare_pages
from juesuan.render.completeness_pages import completeness_pages
from juesuan.render.listings import index_pages, overview_rows
from juesuan.render.pages import render_home_page
from juesuan.render.portal_pages import department_pages, home_chart
from juesuan.render.splits import slug

PROVINCES = ("河南省", "湖南省")
YEARS = (2023, 2024)
# 300 KB of HTML is the bound; the theme adds ~50 KB to a page's Markdown (the nav,
# the header, the search box), so its Markdown is held to 200 KB.
BOUND = 200_000


def portal(seeds: list[Disclosure], n: int) -> list[Disclosure]:
    """`n` disclosures: seed i mod 5 as department i of a province and a year."""
    made = []
    for i in range(n):
        seed = seeds[i % len(seeds)]
        meta = dataclasses.replace(
            seed.meta,
            department=f"第{i:04d}号科学技术协会",
            fiscal_year=YEARS[i // 2 % len(YEARS)],
            region=Region(province=PROVINCES[i % len(PROVINCES)], prefecture=f"第{i % 7}市"),
        )
        made.append(dataclasses.replace(seed, meta=meta))
    return made


def pages(disclosures: list[Disclosure]) -> dict[str, str]:
    """Every page made from all disclosures together, by docs path."""
    out = {
        "index.md": render_home_page(
            disclosures, [], [], home_chart(disclosures), None, overview_rows(disclosures)
        )
    }
    for page in [
        *compare_pages(disclosures),
        *index_pages(disclosures),
        *completeness_pages(disclosures),
        *department_pages(disclosures),
    ]:
        assert page.path not in out, page.path
        out[page.path] = page.markdown
    return out


@pytest.fixture(scope="module")
def seeds(seed_disclosures) -> list[Disclosure]:
    return [seed_disclosures[s] for s in sorted(seed_disclosures)]


def test_no_page_grows_with_the_number_of_disclosures(seeds):
    small, large = pages(portal(seeds, 200)), pages(portal(seeds, 400))
    assert len(large) > len(small)
    size = {path: len(text.encode()) for path, text in large.items()}
    biggest = max(size, key=size.get)
    assert size[biggest] <= BOUND, (biggest, size[biggest])
    # The comparison of a year and a province is cut into pages: 400 disclosures make
    # 100 a year and province, two pages each.
    assert "compare/2024-" + slug("河南省") + "-2.md" in large
    # The largest page at 400 is no larger than at 200 with a page's worth of rows more.
    assert size[biggest] <= max(len(t.encode()) for t in small.values()) * 1.25
    # Every disclosure is still listed: on its province's and its year's pages.
    for d in portal(seeds, 400)[::37]:
        for folder in ("regions/", "years/", "compare/", "completeness/"):
            assert any(
                f"disclosures/{d.name}" in text
                for path, text in large.items()
                if path.startswith(folder)
            ), (folder, d.name)


def test_adding_a_disclosure_changes_only_the_pages_it_appears_on(seeds):
    before = portal(seeds, 241)
    *kept, added = before
    old, new = pages(kept), pages(before)
    changed = {p for p in new if old.get(p) != new[p]}
    province, year = slug(added.meta.region.province), str(added.meta.fiscal_year)
    own = re.compile(
        rf"^(index|regions|years|compare|completeness|departments/index)\.md$"
        rf"|^regions/{province}|^years/{year}|^compare/{year}-{province}"
        rf"|^completeness/{year}-{province}|^departments/province/{province}"
        rf"|^departments/[a-z]+-[0-9a-f]{{6}}(\.md|/index\.html)$"
    )
    assert changed and all(own.match(p) for p in changed), sorted(changed)
    # one department page: the added disclosure's own
    assert len([p for p in changed if re.match(r"^departments/[a-z]+-", p)]) == 1
    # the other province's and year's pages did not change
    assert not [p for p in changed if p.startswith(("regions/", "compare/")) and province not in p]
