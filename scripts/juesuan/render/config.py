"""What the pages depend on besides the disclosures: passed in, never read while rendering.

A setting read from the environment in the middle of rendering is invisible to the
render cache: a page cached under one repository kept linking to it after the site
moved. The pipeline reads the environment once, at its top, and the settings are part
of every page's cache key.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class RenderConfig:
    """Settings of one build's pages."""

    # owner/name on GitHub, for the pre-filled 报告问题 (report a problem) link; None: no link.
    repository: str | None = None

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> RenderConfig:
        """GitHub Actions sets GITHUB_REPOSITORY; locally set JUESUAN_REPOSITORY=owner/name."""
        return cls(
            repository=environ.get("JUESUAN_REPOSITORY") or environ.get("GITHUB_REPOSITORY") or None
        )

    def digest(self) -> str:
        return hashlib.sha256(repr(sorted(asdict(self).items())).encode()).hexdigest()


# Pages rendered without settings (tests, `juesuan convert`): no report link.
NO_SETTINGS = RenderConfig()
