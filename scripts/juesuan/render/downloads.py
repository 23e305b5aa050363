"""Where a disclosure's package zip and original file are downloaded from.

A small portal publishes them on its own site (data/NAME.zip, data/NAME/original.pdf).
At a province's scale they are most of the site: at 5,000 disclosures the zips alone
were 224 MB of a 713 MB site (GitHub Pages allows 1 GB), and originals as published
(PDFs of 0.2–4 MB each) would be gigabytes. Then RenderConfig.downloads_url names
another place that serves them, the pages link there, and the build lays them out flat
in build/downloads/ (NAME.zip, NAME-original.pdf) for the workflow to upload, with a
manifest (file, URL, bytes, SHA-256) the site publishes as data/downloads.csv, so that
what a reader fetched from elsewhere can be checked against what was built.

A URL with "{shelf}" in it is a set of GitHub releases: a release holds at most 1,000
assets, so the files are spread over 256 releases ("shelves", files-00 … files-ff) by
a hash of their package's name, which never changes; a package's zip and original
share a shelf. That holds about 250,000 files; a national portal uses an object store
(a URL without "{shelf}").
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from juesuan.package.original import ORIGINALS

# The prefix, in a disclosure's rendered files, of the files that go to the download place
# rather than into the site (render_all puts them into build/downloads/).
DOWNLOADS_PREFIX = "downloads/"
MANIFEST_PATH = "data/downloads.csv"
MANIFEST_COLUMNS = ("package", "file", "url", "bytes", "sha256")
SHELF_PLACEHOLDER = "{shelf}"


def zip_file(package: str) -> str:
    return f"{package}.zip"


def original_file(package: str, original: str) -> str:
    """original: its name in ORIGINALS (original.pdf …), the same for every package."""
    return f"{package}-{original}"


def shelf(package: str) -> str:
    """The release a package's files are assets of (see the module docstring)."""
    return "files-" + hashlib.sha256(package.encode("utf-8")).hexdigest()[:2]


@dataclass(frozen=True)
class DownloadPlace:
    """The download place of one build: `url` is RenderConfig.downloads_url ("" for the
    site itself)."""

    url: str = ""

    @property
    def off_site(self) -> bool:
        return bool(self.url)

    def _url(self, package: str, file: str) -> str:
        return self.url.replace(SHELF_PLACEHOLDER, shelf(package)) + file

    def zip_href(self, package: str, up: str = "../../") -> str:
        """The zip's address from a page `up` below the site root."""
        if self.off_site:
            return self._url(package, zip_file(package))
        return f"{up}data/{package}.zip"

    def original_href(self, package: str, original: str, up: str = "../../") -> str:
        if self.off_site:
            return self._url(package, original_file(package, original))
        return f"{up}data/{package}/{original}"

    def zip_path(self, package: str) -> str:
        """Where the zip goes among a disclosure's rendered files."""
        if self.off_site:
            return DOWNLOADS_PREFIX + zip_file(package)
        return f"data/{package}.zip"

    def original_path(self, package: str, original: str) -> str:
        if self.off_site:
            return DOWNLOADS_PREFIX + original_file(package, original)
        return f"data/{package}/{original}"

    def zip_url(self, package: str, site_url: str) -> str:
        """The zip's absolute address when known (DCAT needs one), else site-relative."""
        return self.zip_href(package, up=site_url)

    def manifest(self, folder: Path, packages: list[str]) -> str:
        """data/downloads.csv: a row for each file of `packages` in `folder` (build/downloads),
        ordered by package name, the zip first (a readable diff from one build to the next)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(MANIFEST_COLUMNS)
        for package in sorted(packages):
            originals = sorted(original_file(package, name) for name, _ in ORIGINALS.values())
            candidates = [zip_file(package), *originals]
            for name in candidates:
                path = folder / name
                if not path.is_file():
                    continue
                data = path.read_bytes()
                digest = hashlib.sha256(data).hexdigest()
                writer.writerow((package, name, self._url(package, name), len(data), digest))
        return out.getvalue()


# The site itself serves the downloads (no downloads_url).
ON_SITE = DownloadPlace()


def files_to_upload(current: str, published: str | None) -> list[tuple[str, str]]:
    """(release, file) for each row of the `current` manifest that the `published` one
    (the live site's, None before the first) does not list with the same SHA-256: a
    daily update uploads what changed, not the province."""
    before = set()
    if published:
        before = {(r["file"], r["sha256"]) for r in csv.DictReader(io.StringIO(published))}
    return [
        (shelf(r["package"]), r["file"])
        for r in csv.DictReader(io.StringIO(current))
        if (r["file"], r["sha256"]) not in before
    ]
