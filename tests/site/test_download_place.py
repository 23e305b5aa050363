"""Zips and originals served outside the site (JUESUAN_DOWNLOADS_URL, render.downloads).

At a province's scale the package zips and the originals are most of the site; with a
download place the site keeps neither, every link and the DCAT catalogue point there, and
the manifest the site publishes gives the size and SHA-256 of exactly the files the
workflow uploads from build/downloads/.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile

import pytest

from conftest import ROOT, SEEDS
from juesuan.pipeline.build import BuildPaths, BuildResult, run_build
from juesuan.render.downloads import DownloadPlace, shelf
from juesuan.testing.hostile_files import docx_bytes

RELEASES = "https://github.com/example/juesuan/releases/download/{shelf}/"


@pytest.fixture(scope="module")
def off_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildPaths, BuildResult, bytes]:
    """A text seed and a Word file (seed 004's text as a .docx: it has an original)."""
    tmp = tmp_path_factory.mktemp("downloads")
    sources = tmp / "sources"
    sources.mkdir()
    for suffix in (".txt", ".yml"):
        seed = SEEDS["000"].with_suffix(suffix)
        (sources / seed.name).write_bytes(seed.read_bytes())
    word = docx_bytes(*SEEDS["004"].read_text(encoding="utf-8").split("\n"))
    (sources / "report.docx").write_bytes(word)
    paths = BuildPaths(
        sources, tmp / "datapackages", tmp / "build", ROOT / "docs", ROOT / "mkdocs.yml"
    )
    with pytest.MonkeyPatch.context() as env:
        env.setenv("JUESUAN_DOWNLOADS_URL", RELEASES)
        for name in ("GITHUB_REPOSITORY", "JUESUAN_REPOSITORY", "JUESUAN_PACKAGE_FILES_URL"):
            env.delenv(name, raising=False)
        result = run_build(paths, log=lambda message: None)
    assert not result.skipped and len(result.disclosures) == 2
    return paths, result, word


def _url(package: str, file: str) -> str:
    digest = hashlib.sha256(package.encode("utf-8")).hexdigest()
    return f"https://github.com/example/juesuan/releases/download/files-{digest[:2]}/{file}"


def _manifest(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_site_keeps_no_zip_or_original(off_site) -> None:
    paths, result, word = off_site
    assert not list(paths.site.rglob("*.zip"))  # the portal-wide package's neither
    assert not list(paths.site.rglob("original.*"))
    downloads = sorted(p.name for p in paths.downloads.iterdir())
    docx = next(d for d in result.disclosures if d.source.path.suffix == ".docx")
    text = next(d for d in result.disclosures if d is not docx)
    assert downloads == sorted(
        [
            "downloads.csv",
            "portal.zip",
            f"{docx.name}.zip",
            f"{docx.name}-original.docx",
            f"{text.name}.zip",
        ]
    )
    # The original is the file as published, byte for byte.
    assert (paths.downloads / f"{docx.name}-original.docx").read_bytes() == word


def test_manifest_names_each_uploaded_file_with_its_size_and_hash(off_site) -> None:
    paths, _, _ = off_site
    published = (paths.site / "data" / "downloads.csv").read_text(encoding="utf-8")
    assert published == (paths.downloads / "downloads.csv").read_text(encoding="utf-8")
    rows = _manifest(published)
    assert [r["package"] for r in rows] == sorted(r["package"] for r in rows)
    files = {p.name for p in paths.downloads.iterdir()} - {"downloads.csv"}
    assert {r["file"] for r in rows} == files
    for row in rows:
        data = (paths.downloads / row["file"]).read_bytes()
        assert int(row["bytes"]) == len(data)
        assert row["sha256"] == hashlib.sha256(data).hexdigest()
        assert row["url"] == _url(row["package"], row["file"])


def test_pages_readme_and_catalogue_link_to_the_download_place(off_site) -> None:
    paths, result, _ = off_site
    docx = next(d for d in result.disclosures if d.source.path.suffix == ".docx")
    page = (paths.site / "disclosures" / docx.name / "index.html").read_text(encoding="utf-8")
    assert f'href="{_url(docx.name, f"{docx.name}.zip")}"' in page
    assert f'href="{_url(docx.name, f"{docx.name}-original.docx")}"' in page
    assert "../../data/downloads.csv" in page
    with zipfile.ZipFile(paths.downloads / f"{docx.name}.zip") as z:
        readme = z.read("README.md").decode("utf-8")
        charts = z.read("charts/README.md").decode("utf-8")
    assert (
        f"{_url(docx.name, f'{docx.name}-original.docx')}, SHA-256 {docx.source.sha256}" in readme
    )
    assert _url(docx.name, f"{docx.name}.zip") in charts
    catalogue = json.loads((paths.site / "data.json").read_text(encoding="utf-8"))
    urls = {
        d["identifier"]: [x["downloadURL"] for x in d["distribution"]] for d in catalogue["dataset"]
    }
    assert urls[docx.name] == [_url(docx.name, f"{docx.name}.zip")]
    # the portal-wide package too: catalogue, home, completeness and data dictionary pages
    portal = _url("portal", "portal.zip")
    assert urls["portal"][0] == portal
    for page in ("index.html", "completeness/index.html", "data-dictionary/index.html"):
        assert f'href="{portal}"' in (paths.site / page).read_text(encoding="utf-8"), page


def test_a_package_and_its_original_share_a_release_and_releases_stay_small() -> None:
    """GitHub allows 1,000 assets a release: 256 shelves by the name's hash spread
    100,000 packages' zips and originals at well under that."""
    names = [f"2024-dept{i}-{i:06x}" for i in range(100_000)]
    counts: dict[str, int] = {}
    for name in names:
        counts[shelf(name)] = counts.get(shelf(name), 0) + 2
    assert len(counts) == 256 and max(counts.values()) < 1000
    place = DownloadPlace(RELEASES)
    name = names[0]
    zip_release = place.zip_href(name).rsplit("/", 2)[-2]
    assert zip_release == place.original_href(name, "original.pdf").rsplit("/", 2)[-2]


def test_without_a_download_place_the_site_serves_both() -> None:
    place = DownloadPlace()
    assert place.zip_href("2024-x-abc123") == "../../data/2024-x-abc123.zip"
    assert place.original_path("2024-x-abc123", "original.pdf") == "data/2024-x-abc123/original.pdf"
    assert place.zip_path("2024-x-abc123") == "data/2024-x-abc123.zip"


def test_only_new_or_changed_files_are_listed_for_upload(off_site, tmp_path, capsys) -> None:
    """What the workflow uploads: files the live site's manifest lacks or lists with another
    hash; the first time (no manifest published) every file."""
    from juesuan.cli import main

    paths, _, _ = off_site
    current = (paths.downloads / "downloads.csv").read_text(encoding="utf-8")
    header, first, second, *rest = current.splitlines()
    changed = first.rsplit(",", 1)[0] + "," + "0" * 64  # first file: another hash
    published = tmp_path / "published.csv"
    published.write_text("\n".join([header, changed, *rest]) + "\n", encoding="utf-8")
    assert (
        main(
            [
                "downloads",
                "--downloads",
                str(paths.downloads),
                "--published",
                str(published),
            ]
        )
        == 0
    )
    listed = capsys.readouterr().out.splitlines()
    first_row, second_row = _manifest("\n".join([header, first, second]))
    assert listed == [
        f"{shelf(r['package'])}\t{r['file']}" for r in (first_row, second_row)
    ]  # the changed one and the one the live site lacks
    assert main(["downloads", "--downloads", str(paths.downloads)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == len(current.splitlines()) - 1
