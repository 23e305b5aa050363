"""Builds on copies of seeds and edits to their packages, shared by the package and pipeline
tests (incremental packaging, validation batches, cache pruning)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from conftest import ROOT, SEEDS
from juesuan.pipeline.build import BuildPaths


def layout(tmp: Path) -> BuildPaths:
    sources = tmp / "sources"
    sources.mkdir(parents=True)
    for seed in ("002", "004"):
        shutil.copy(SEEDS[seed], sources)
        shutil.copy(SEEDS[seed].with_suffix(".yml"), sources)
    return BuildPaths(
        sources, tmp / "datapackages", tmp / "build", ROOT / "docs", ROOT / "mkdocs.yml"
    )


def state_licence(paths: BuildPaths, seed: str) -> None:
    """A change to one disclosure's descriptor only (the sidecar states a licence)."""
    with (paths.sources / SEEDS[seed].with_suffix(".yml").name).open(
        "a", encoding="utf-8"
    ) as handle:
        handle.write("licence: CC0\n")


def _descriptor_edit(change):
    def edit(package: Path) -> None:
        path = package / "datapackage.json"
        descriptor = json.loads(path.read_text("utf-8"))
        change(descriptor)
        path.write_text(json.dumps(descriptor, ensure_ascii=False), "utf-8")

    return edit


EDITS = {
    "as written": lambda package: None,
    "not JSON": lambda package: (package / "datapackage.json").write_text("{", "utf-8"),
    "bad name": _descriptor_edit(lambda d: d.update(name="Bad Name!")),
    "unsafe path": _descriptor_edit(lambda d: d["resources"][0].update(path="../facts.csv")),
    "missing file": lambda package: (package / "sangong.csv").unlink(),
    "bad cells": lambda package: (package / "sangong.csv").write_text(
        (package / "sangong.csv").read_text("utf-8").replace(",", ",x", 3), "utf-8"
    ),
    "dangling key": lambda package: (package / "facts.csv").write_text(
        re.sub(
            r"\n[^,\n]+,", "\nno.such.key,", (package / "facts.csv").read_text("utf-8"), count=1
        ),
        "utf-8",
    ),
}


def logged_build(paths: BuildPaths) -> list[str]:
    """A build that must succeed, and the lines it logged."""
    from juesuan.pipeline.build import run_build

    lines: list[str] = []
    result = run_build(paths, lines.append)
    assert result.problems == [] and result.skipped == [], result
    return lines


def add_seed(paths: BuildPaths, seed: str) -> None:
    shutil.copy(SEEDS[seed], paths.sources)
    shutil.copy(SEEDS[seed].with_suffix(".yml"), paths.sources)


def rendered(lines: list[str]) -> str:
    """The build's line saying how many pages mkdocs rendered."""
    return next(line for line in lines if line.startswith("mkdocs rendered"))
