"""A built site served on 127.0.0.1 and Debian's Chromium driven by Playwright.

Browser tests skip loudly when Chromium or Playwright is missing on a developer's
machine; under CI (env CI set) a missing browser is a failure, because `make test`
installs it there.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    for candidate in (
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def require_browser() -> str:
    """The Chromium executable, or a loud skip (a failure under CI)."""
    missing = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright Python package")
    path = chromium_path()
    if path is None:
        missing.append("Chromium (/usr/bin/chromium; `apt-get install chromium`)")
    if missing:
        message = "BROWSER TESTS NOT RUN: missing " + " and ".join(missing)
        if os.environ.get("CI"):
            pytest.fail(message + " — CI must install it (make test does)")
        pytest.skip(message)
    return path  # type: ignore[return-value]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """`root` served on an ephemeral loopback port for the duration of the block."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
