"""Shared fixtures: the seed disclosures and one full build into a temporary directory."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from juesuan.convert import convert_path
from juesuan.disclosure import Disclosure
from juesuan.pipeline.build import BuildPaths, BuildResult, run_build

pytest_plugins = ("browser_support",)  # the `chromium` fixture for browser tests

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
# Where the test build says each package's files are read one by one (the repository's
# datapackages/ in CI); the browser tests serve this address from the build's datapackages/.
PACKAGE_FILES_URL = "https://files.example.org/juesuan/datapackages/"

SEEDS = {
    "000": SOURCES / "000_a1db828f484ee6df.txt",
    "001": SOURCES / "001_eb3973e7ca4e84e1.txt",
    "002": SOURCES / "002_f0243ef9e14cabee.txt",
    "003": SOURCES / "003_9ee8868df83b9797.txt",
    "004": SOURCES / "004_c97dd32673ca4290.txt",
}


HOSTILE = (
    "<script>alert(1)</script><img src=x onerror=alert(2)>**粗体**|表格|"
    "[链接](javascript:alert(3)){{ 7*7 }}科学技术协会"
)


def seed_text(seed: str) -> str:
    return SEEDS[seed].read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_disclosures() -> dict[str, Disclosure]:
    """Every seed converted once per test run (conversion is a pure function of the file)."""
    return {seed: convert_path(path) for seed, path in SEEDS.items()}


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildPaths, BuildResult]:
    """One full build of every seed plus one bad source, outside the working tree."""
    tmp = tmp_path_factory.mktemp("portal")
    sources = tmp / "sources"
    shutil.copytree(SOURCES, sources)
    (sources / "zz_empty.txt").write_bytes(b"")
    # A hostile sidecar: every kind of markup in the department name must render as text.
    (sources / "zz_hostile.txt").write_bytes(SEEDS["002"].read_bytes())
    (sources / "zz_hostile.yml").write_text(
        f"department: '{HOSTILE}'\nfiscal_year: 2022\n", encoding="utf-8"
    )
    # The same department one year earlier (seed 000 with its years moved back): the
    # built-in dataset has one year per department, the year view needs two.
    earlier = seed_text("000").replace("2023", "2020").replace("2024", "2021")
    (sources / "zz_second_year.txt").write_text(earlier, encoding="utf-8")
    sidecar = (SOURCES / "000_a1db828f484ee6df.yml").read_text(encoding="utf-8")
    sidecar = sidecar.replace("fiscal_year: 2024", "fiscal_year: 2021")
    sidecar = sidecar.replace(
        "original_filename: 000_a1db828f484ee6df.txt", "original_filename: null"
    )
    (sources / "zz_second_year.yml").write_text(sidecar, encoding="utf-8")
    paths = BuildPaths(
        sources=sources,
        datapackages=tmp / "datapackages",
        build=tmp / "build",
        docs=ROOT / "docs",
        config=ROOT / "mkdocs.yml",
    )
    with pytest.MonkeyPatch.context() as env:
        env.setenv("JUESUAN_PACKAGE_FILES_URL", PACKAGE_FILES_URL)
        result = run_build(paths, log=lambda message: None)
    return paths, result


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses the full build is a build test, wherever it lives."""
    for item in items:
        if "built" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.build)
