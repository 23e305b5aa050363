"""A real browser for tests: Chromium driven by playwright, and a local web server.

Debian's /usr/bin/chromium (which `make test` installs where it can), else the
build `playwright install chromium` downloaded (GitHub CI, where Ubuntu's
chromium is a snap). Browser tests are marked `browser`. Without a browser they
are skipped with a loud reason on a developer machine, and fail under CI (env CI
set), where a missing browser must not pass silently.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from juesuan.testing.browser import CHROMIUM_ARGS, DEBIAN_CHROMIUM, chromium_path, serve

__all__ = ["WIDTHS", "chromium", "serve", "site_at_width"]

# A desktop and a phone: every reader-facing browser test runs at both.
WIDTHS = (1280, 390)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Chromium for the session (a playwright Browser)."""
    executable = chromium_path()
    if executable is None:
        reason = f"BROWSER TESTS NOT RUN: no Chromium ({DEBIAN_CHROMIUM}: apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(reason + " — CI must install it (make test does)")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module", params=WIDTHS, ids=lambda w: f"{w}px")
def site_at_width(request, built, chromium) -> Iterator[tuple[Any, str, Any, int]]:
    """(page, base URL, build result, width): the built site served, one page per width."""
    paths, result = built
    with serve(paths.site) as url:
        page = chromium.new_page(viewport={"width": request.param, "height": 900})
        yield page, url.rstrip("/"), result, request.param
        page.close()


def split_pages(site: Path, folder: str) -> list[str]:
    """The URLs (relative to the site) of `folder`'s pages of a year or a province (issue 17),
    the one with the most table rows first: the page a test of long tables wants."""
    pages = [p for p in (site / folder).glob("*/index.html")]
    pages.sort(key=lambda p: (-p.read_text("utf-8").count("<tr>"), str(p)))
    return [f"{p.parent.relative_to(site).as_posix()}/" for p in pages]


def department_pages(site: Path) -> list[str]:
    """The department pages of a built site (a department with two disclosures or more);
    a department with one disclosure has a small page that sends the reader to it."""
    return sorted(
        p.parent.name
        for p in (site / "departments").glob("*/index.html")
        if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")
    )
