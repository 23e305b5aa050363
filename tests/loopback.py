"""A web server on 127.0.0.1 serving a temporary directory: the only network tests use.

Stands in for release assets or an object store; it records every path asked for, so a
test can tell whether a file was downloaded again.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@dataclass
class Served:
    root: Path
    url: str
    requests: list[str] = field(default_factory=list)


@contextmanager
def serving(root: Path, redirects: dict[str, str] | None = None) -> Iterator[Served]:
    """Serve `root` until the block ends; `redirects` maps a path to a Location header."""
    root.mkdir(parents=True, exist_ok=True)
    served = Served(root, "")
    moved = redirects or {}

    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            served.requests.append(self.path)
            if self.path in moved:
                self.send_response(302)
                self.send_header("Location", moved[self.path])
                self.end_headers()
                return
            super().do_GET()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    served.url = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
