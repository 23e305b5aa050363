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

from juesuan.render.downloads import DownloadPlace


@dataclass(frozen=True)
class RenderConfig:
    """Settings of one build's pages."""

    # owner/name on GitHub, for the pre-filled 报告问题 (report a problem) link; None: no link.
    repository: str | None = None
    # The site's address with a trailing slash (mkdocs site_url, or the GitHub Pages address
    # of `repository`); "" when unknown: then citations name no URL.
    site_url: str = ""
    # Where each package's files can be read one by one, with a trailing slash (the
    # repository's datapackages/ on the branch the site is published from); "" when
    # unknown: then the pages offer the zip alone. The site itself publishes each package
    # zipped only: unpacked beside its zip it cost ~125 KB a disclosure, most of a
    # province's site (GitHub Pages allows 1 GB), for files the repository already serves.
    package_files_url: str = ""
    # Where the package zips and originals are served when not by the site itself
    # (render.downloads: a base URL, or GitHub releases by "{shelf}"); "": on the site.
    downloads_url: str = ""
    # package name → date its source last changed in git (YYYY-MM-DD). Not in digest():
    # each page's cache key takes only its own date (render_key).
    updated: tuple[tuple[str, str], ...] = ()

    def updated_on(self, package: str) -> str | None:
        return dict(self.updated).get(package)

    @property
    def last_updated(self) -> str | None:
        """The latest date of any package: the site's 'last updated'."""
        return max((date for _, date in self.updated), default=None)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> RenderConfig:
        """GitHub Actions sets GITHUB_REPOSITORY; locally set JUESUAN_REPOSITORY=owner/name.
        JUESUAN_PACKAGE_FILES_URL names another place that serves datapackages/;
        JUESUAN_DOWNLOADS_URL the place that serves the zips and originals (render.downloads)."""
        repository = environ.get("JUESUAN_REPOSITORY") or environ.get("GITHUB_REPOSITORY") or None
        files = environ.get("JUESUAN_PACKAGE_FILES_URL") or package_files_url(repository)
        downloads = environ.get("JUESUAN_DOWNLOADS_URL", "").strip()
        return cls(
            repository=repository,
            package_files_url=files and files.rstrip("/") + "/",
            downloads_url=downloads and downloads.rstrip("/") + "/",
        )

    @property
    def downloads(self) -> DownloadPlace:
        return DownloadPlace(self.downloads_url)

    def digest(self) -> str:
        settings = {k: v for k, v in asdict(self).items() if k != "updated"}
        return hashlib.sha256(repr(sorted(settings.items())).encode()).hexdigest()


def pages_url(repository: str | None) -> str:
    """The GitHub Pages address of owner/name: a project site under /name/, or the
    owner's own site for owner/owner.github.io; "" without a repository."""
    if not repository or "/" not in repository:
        return ""
    owner, name = repository.split("/", 1)
    host = f"{owner.lower()}.github.io"
    return f"https://{host}/" if name.lower() == host else f"https://{host}/{name}/"


# The branch the site is published from (.github/workflows/site.yml deploys main only);
# CI fails when the committed datapackages/ differ from the sources, so its files there are
# the published site's.
PUBLISHED_BRANCH = "main"


def package_files_url(repository: str | None) -> str:
    """The repository's datapackages/ as raw files (CORS allows the Excel link to fetch
    them): "" without a repository."""
    if not repository or "/" not in repository:
        return ""
    return f"https://raw.githubusercontent.com/{repository}/{PUBLISHED_BRANCH}/datapackages/"


# Pages rendered without settings (tests, `juesuan convert`): no report link.
NO_SETTINGS = RenderConfig()
