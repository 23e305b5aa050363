"""A real browser for tests: Chromium driven by playwright, and a local web server.

Debian's /usr/bin/chromium (which `make test` installs where it can), else the
build `playwright install chromium` downloaded (GitHub CI, where Ubuntu's
chromium is a snap). Browser tests are marked `browser`. Without a browser they
are skipped with a loud reason on a developer machine, and fail under CI (env CI
set), where a missing browser must not pass silently.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("JUESUAN_CHROMIUM"), str(CHROMIUM), shutil.which("chromium")):
        if candidate and Path(candidate).is_file():
            return candidate
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            bundled = p.chromium.executable_path
        return bundled if Path(bundled).is_file() else None
    except Exception:  # no playwright, or no browser downloaded for it
        return None


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """One headless Chromium for the session (a playwright Browser)."""
    executable = chromium_path()
    if executable is None:
        reason = f"BROWSER TESTS NOT RUN: no Chromium ({CHROMIUM}: apt-get install chromium)"
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


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 (a free port) in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
