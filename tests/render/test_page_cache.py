"""Pages across disclosures come from the cache while their disclosures are unchanged."""

from __future__ import annotations

import dataclasses

from juesuan.render.comparison import departments
from juesuan.render.page_cache import page_key, rendered
from juesuan.render.portal_pages import department_pages


def title(d) -> str:
    return d.title


def never(d) -> str:
    raise AssertionError(f"{d.name} rendered again")


def test_a_page_is_rendered_once_while_its_disclosures_are_unchanged(seed_disclosures, tmp_path):
    ds = [seed_disclosures[s] for s in ("002", "004")]
    names = [page_key("title", d.name, [d]) for d in ds]
    first = rendered(title, [(d,) for d in ds], names, tmp_path)
    assert first == [d.title for d in ds] and len(list(tmp_path.iterdir())) == 2
    assert rendered(never, [(d,) for d in ds], names, tmp_path) == first
    edited = dataclasses.replace(ds[1], warnings=(*ds[1].warnings, "另附说明"))
    assert page_key("title", edited.name, [edited]) != names[1]


def test_department_pages_from_the_cache_equal_fresh_ones(seed_disclosures, tmp_path):
    # a department needs two disclosures for a page: seed 000 again, a year earlier
    first = seed_disclosures["000"]
    earlier = dataclasses.replace(first, meta=dataclasses.replace(first.meta, fiscal_year=2023))
    ds = [*seed_disclosures.values(), earlier]
    assert any(len(group) == 2 for group in departments(ds).values())
    fresh = department_pages(ds)
    assert department_pages(ds, tmp_path) == fresh
    assert any(tmp_path.iterdir())
    assert department_pages(ds, tmp_path) == fresh  # now read back from the entries
