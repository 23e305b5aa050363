"""Adding a disclosure renders its pages and the listings, and reuses the rest of the site.

Seeds 002 and 004 are built; then 003 is added and the build runs again. The second
build must (a) render only the files that changed, not every page, (b) leave the live
site untouched until the swap, and (c) give the same site, byte for byte, as a clean
build of the three seeds. A seed removed again disappears from the reused site.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_edits import (
    add_seed,
    assert_same_files,
    clean_site_with,
    layout,
    rendered,
    state_licence,
)
from build_edits import logged_build as build
from conftest import SEEDS

pytestmark = pytest.mark.build

# Nothing is left out: the search index, assembled from every page's cached piece
# (juesuan.site.search_index), must be the clean build's too.
NOT_COMPARED: set[str] = set()


def site_files(site: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(site)): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and str(p.relative_to(site)) not in NOT_COMPARED
    }


def test_a_changed_disclosure_renders_its_files_and_the_listings_only(tmp_path: Path):
    paths = layout(tmp_path / "incremental")
    assert rendered(build(paths)) == "mkdocs rendered every page"
    page_002 = next(paths.site.glob("disclosures/*/index.html"))
    name_002 = page_002.parent.name
    inode = page_002.stat().st_ino

    state_licence(paths, "004")
    message = rendered(build(paths))
    changed, total = int(message.split()[2]), int(message.split()[4])
    assert 0 < changed < total / 2, message
    # 002's page is the previous build's file, not a new rendering
    assert page_002.stat().st_ino == inode
    # still listed, on its province's page (the home page lists provinces: issue 17)
    listings = (paths.site / "regions").glob("*/index.html")
    assert any(name_002 in page.read_text("utf-8") for page in listings)


def test_the_reused_site_equals_a_clean_build(tmp_path: Path):
    paths = layout(tmp_path / "incremental")
    build(paths)
    before = site_files(paths.site)

    add_seed(paths, "003")  # its codes also fill the items of 002 and 004
    assert rendered(build(paths)) != "mkdocs rendered every page"
    after = site_files(paths.site)
    assert_same_files(after, site_files(clean_site_with(tmp_path / "clean", "003")))
    assert after.keys() > before.keys()

    for path in paths.sources.glob(SEEDS["003"].stem + ".*"):
        path.unlink()
    build(paths)
    assert site_files(paths.site).keys() == before.keys()


def test_a_build_from_the_spare_site_equals_a_clean_build(tmp_path: Path):
    """The third build starts from the site the second replaced (infra.mirror), which lacks
    the disclosure the second added: brought up to date, it gives the clean build's site."""
    paths = layout(tmp_path / "incremental")
    build(paths)
    add_seed(paths, "003")
    build(paths)
    spare = paths.site.with_name(f".{paths.site.name}-spare")
    assert spare.is_dir()  # the first build's site, kept
    state_licence(paths, "004")
    assert rendered(build(paths)) != "mkdocs rendered every page"
    clean = layout(tmp_path / "clean")
    add_seed(clean, "003")
    state_licence(clean, "004")
    build(clean)
    assert_same_files(site_files(paths.site), site_files(clean.site))
