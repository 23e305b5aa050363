"""Hostile conditions for the whole build: duplicate sources, a killed build, two builds at once.

Each test builds a small portal (two seeds) in a temporary copy of the project
layout; BuildPaths points every output there.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from juesuan.pipeline.build import BuildPaths, run_build
from juesuan.registry.portal import PORTAL_NAME
from juesuan.render.pages import render_home_page

pytestmark = pytest.mark.build  # runs full builds or the frictionless CLI


def layout(tmp: Path, seeds: tuple[str, ...] = ("002", "004")) -> BuildPaths:
    sources = tmp / "sources"
    sources.mkdir(parents=True)
    for seed in seeds:
        shutil.copy(SEEDS[seed], sources / SEEDS[seed].name)
        shutil.copy(SEEDS[seed].with_suffix(".yml"), sources / SEEDS[seed].with_suffix(".yml").name)
    return BuildPaths(
        sources=sources,
        datapackages=tmp / "datapackages",
        build=tmp / "build",
        docs=ROOT / "docs",
        config=ROOT / "mkdocs.yml",
    )


def test_two_sources_for_one_department_and_year_are_both_published_and_reported(tmp_path):
    paths = layout(tmp_path, ("004",))
    first = paths.sources / SEEDS["004"].name
    # a re-export of the same disclosure with a note added: same department and year
    text = first.read_text("utf-8")
    (paths.sources / "zz_corrected.txt").write_text(text + "\n（更正版）\n", encoding="utf-8")
    (paths.sources / "zz_copy.txt").write_bytes(first.read_bytes())  # the very same bytes
    result = run_build(paths, lambda _: None, site=False)
    assert result.problems == []
    names = sorted(d.name for d in result.disclosures)
    assert [d.source.path.name for d in result.disclosures] == [first.name, "zz_corrected.txt"]
    assert len(set(names)) == 2
    for name in names:  # both packages exist; neither replaced the other
        descriptor = json.loads((paths.datapackages / name / "datapackage.json").read_text("utf-8"))
        assert descriptor["juesuan"]["department"] == "永州市零陵区科学技术协会"
    original, corrected = result.disclosures
    assert corrected.name == f"{original.name}-{corrected.source.sha256[:8]}"
    assert any("zz_corrected.txt" in w and corrected.name in w for w in original.warnings)
    assert any(first.name in w and original.name in w for w in corrected.warnings)
    [duplicate] = result.duplicates
    assert duplicate.file == "zz_corrected.txt" and "both published" in duplicate.problem
    assert [(s.file, s.problem) for s in result.skipped] == [
        (
            "zz_copy.txt",
            f"与 {first.name} 逐字节相同，只发布一次 / "
            f"byte-identical copy of {first.name}; published once",
        )
    ]
    home = render_home_page(result.disclosures, result.skipped, result.duplicates)
    assert "zz&#95;corrected.txt" in home and "zz&#95;copy.txt" in home


def snapshot(*roots: Path) -> dict[str, bytes]:
    return {
        str(p): p.read_bytes()
        for root in roots
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".lock" and "cache" not in p.parts
    }


@pytest.fixture(scope="module")
def previous(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A completed build (packages and site) that a killed build must leave as it was."""
    tmp = tmp_path_factory.mktemp("previous")
    result = run_build(layout(tmp), lambda _: None)
    assert result.problems == [] and len(result.disclosures) == 2
    return tmp


# A build in a child process that stops, ready to be killed, at one point of packaging.
KILLABLE = """
import sys, time
from pathlib import Path
import juesuan.infra.atomic, juesuan.pipeline.build
from juesuan.pipeline.build import BuildPaths, run_build

tmp, hook = Path(sys.argv[1]), sys.argv[2]
calls = []

def stop_here():
    (tmp / "ready").touch()
    time.sleep(600)

real_files, real_swap = juesuan.pipeline.build.package_files, juesuan.infra.atomic.swap_directory

def files(d):  # during the second package: the first one is written by now
    calls.append(d)
    if len(calls) == 2:
        stop_here()
    return real_files(d)

def swap(staging, target):  # every new package written, not yet swapped in
    if target.name == "datapackages":
        stop_here()
    return real_swap(staging, target)

juesuan.pipeline.build.package_files = files
# packages are laid out in worker processes; in one process here, so that the kill hits
# the build itself between two packages
juesuan.pipeline.build.worker_count = lambda jobs, workers=None: 1
if hook == "swap":
    juesuan.infra.atomic.swap_directory = swap
paths = BuildPaths(tmp / "sources", tmp / "datapackages", tmp / "build",
                   Path(sys.argv[3]) / "docs", Path(sys.argv[3]) / "mkdocs.yml")
run_build(paths, lambda message: None)
"""


@pytest.mark.parametrize("hook", ["second package", "swap"])
def test_a_build_killed_while_packaging_leaves_the_previous_output_intact(tmp_path, previous, hook):
    shutil.copytree(previous, tmp_path, dirs_exist_ok=True, symlinks=True)
    before = snapshot(tmp_path / "datapackages", tmp_path / "build" / "site")
    # the next build changes every package: a sidecar states a source URL, a source is added
    for sidecar in (tmp_path / "sources").glob("*.yml"):
        with sidecar.open("a", encoding="utf-8") as handle:
            handle.write("licence: CC0\n")
    shutil.copy(SEEDS["000"], tmp_path / "sources" / SEEDS["000"].name)
    child = subprocess.Popen(
        [sys.executable, "-c", KILLABLE, str(tmp_path), hook, str(ROOT)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while not (tmp_path / "ready").exists():
            assert child.poll() is None, child.stderr.read().decode() if child.stderr else ""
            assert time.monotonic() < deadline, "the build never reached packaging"
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert snapshot(tmp_path / "datapackages", tmp_path / "build" / "site") == before

    paths = layout_at(tmp_path)
    result = run_build(paths, lambda _: None, site=(hook == "swap"))
    assert result.problems == [] and len(result.disclosures) == 3
    assert sorted(p.name for p in paths.datapackages.iterdir()) == sorted(
        [*(d.name for d in result.disclosures), PORTAL_NAME]
    )
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".datapackages.")]
    assert leftovers == []
    changed = next(d for d in result.disclosures if d.source.path.name == SEEDS["002"].name)
    descriptor = paths.datapackages / changed.name / "datapackage.json"
    assert '"licence": "CC0"' in descriptor.read_text("utf-8")


def layout_at(tmp: Path) -> BuildPaths:
    return BuildPaths(
        tmp / "sources", tmp / "datapackages", tmp / "build", ROOT / "docs", ROOT / "mkdocs.yml"
    )


def test_a_second_build_waits_for_the_first_and_says_so(tmp_path):
    paths = layout(tmp_path, ("004",))
    paths.build.mkdir()
    command = [
        *(sys.executable, "-m", "juesuan", "build", "--no-site", "--root", str(ROOT)),
        *("--sources", str(paths.sources), "--datapackages", str(paths.datapackages)),
        *("--build-dir", str(paths.build)),
    ]
    with open(paths.build / ".lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a running `make site` holds it
        second = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
        assert second.stderr is not None
        first_line = second.stderr.readline()
        assert first_line == f"another build holds {paths.build / '.lock'}; waiting for it…\n"
        time.sleep(1)
        assert second.poll() is None  # still waiting, nothing written
        assert not paths.datapackages.exists()
    _, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    assert len(list(paths.datapackages.glob("*/datapackage.json"))) == 2  # and the portal
