"""The portal-wide package is validated beside the site build (it changes with any
disclosure and is the slowest to validate); the site is published only once it is valid."""

from __future__ import annotations

import shutil

import juesuan.package.validate as validate
import juesuan.pipeline.build as build
from conftest import ROOT, SEEDS
from juesuan.package.validate_one import ValidationProblem
from juesuan.pipeline.build import BuildPaths, run_build


def invalid_portal(root, cache_dir, digests, parts=None) -> list[ValidationProblem]:
    """Stands in for frictionless finding a bad cell in the portal package (our writer
    cannot be made to write one from real sources)."""
    return [ValidationProblem("portal", "facts", 7, "value", "type error")]


def test_an_invalid_portal_package_keeps_the_previous_site(tmp_path, monkeypatch):
    sources = tmp_path / "sources"
    sources.mkdir()
    for seed in ("000", "003"):
        shutil.copy(SEEDS[seed], sources)
        shutil.copy(SEEDS[seed].with_suffix(".yml"), sources)
    paths = BuildPaths(
        sources, tmp_path / "datapackages", tmp_path / "build", ROOT / "docs", ROOT / "mkdocs.yml"
    )
    first = run_build(paths, lambda message: None)
    assert not first.problems and (paths.site / "index.html").is_file()
    published = paths.site.stat().st_ino

    shutil.copy(SEEDS["004"], sources)  # a new disclosure: the portal package changes
    shutil.copy(SEEDS["004"].with_suffix(".yml"), sources)
    monkeypatch.setattr(validate, "validate_portal_locally", invalid_portal)
    monkeypatch.setattr(build, "validate_portal_locally", invalid_portal)
    said: list[str] = []
    second = run_build(paths, said.append)
    assert [str(p) for p in second.problems] == [str(invalid_portal(None, None, None)[0])]
    assert paths.site.stat().st_ino == published  # the previous site, untouched
    assert any("not published" in line for line in said)
    (added,) = {d.name for d in second.disclosures} - {d.name for d in first.disclosures}
    assert not (paths.site / "disclosures" / added).exists()
