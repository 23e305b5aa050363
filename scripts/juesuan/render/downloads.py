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
import os
import stat
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

    def manifest(
        self, folder: Path, packages: list[str], known: dict[str, list] | None = None
    ) -> str:
        """data/downloads.csv: a row for each file of `packages` in `folder` (build/downloads),
        ordered by package name, the zip first (a readable diff from one build to the next).

        `known` (file name → [size, mtime, inode, SHA-256] as the last build found them)
        saves hashing files that did not change: they are hard links into the render cache,
        never edited in place (at 5,000 disclosures, hundreds of MB a build). It is brought
        up to date: after the call it names the files of this manifest only."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(MANIFEST_COLUMNS)
        seen: dict[str, list] = {}
        present = set(os.listdir(folder)) if folder.is_dir() else set()  # no stat that fails
        for package in sorted(packages):
            originals = sorted(original_file(package, name) for name, _ in ORIGINALS.values())
            candidates = [zip_file(package), *originals]
            for name in (c for c in candidates if c in present):
                found = _file_digest(folder / name, (known or {}).get(name))
                if found is None:
                    continue
                seen[name] = found
                writer.writerow((package, name, self._url(package, name), found[0], found[3]))
        if known is not None:
            known.clear()
            known.update(seen)
        return out.getvalue()


def _file_digest(path: Path, known: list | None) -> list | None:
    """[size, mtime, inode, SHA-256] of a plain file (`known` where the stats are the
    same), None when there is none."""
    try:
        found = path.stat()
        if not stat.S_ISREG(found.st_mode):
            return None
        stats = [found.st_size, found.st_mtime_ns, found.st_ino]
        if known is not None and known[:3] == stats and len(known) == 4:
            return known
        data = path.read_bytes()
    except OSError:
        return None
    return [len(data), stats[1], stats[2], hashlib.sha256(data).hexdigest()]


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
