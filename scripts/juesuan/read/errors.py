"""The one error the read stage raises: a source that cannot become a disclosure.

Its own module so that every format reader can raise it without importing the module
that dispatches to the readers (no import cycle).
"""

from __future__ import annotations

from pathlib import Path


class SourceError(Exception):
    """A source that cannot be turned into a disclosure; str() is the one-line reason."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem
