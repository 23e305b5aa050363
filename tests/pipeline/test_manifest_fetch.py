"""Originals listed in sources/originals.csv are fetched from a web server (here one on
127.0.0.1), verified by SHA-256 and built exactly as if they were committed."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from juesuan.pipeline.build import BuildPaths, run_build
from juesuan.pipeline.originals import resolve_originals
from loopback import serving

PUBLISHER = "https://www.example.gov.cn/zwgk/czyjs/2023/kx.html"
SEED = SEEDS["002"]
OTHER = SEEDS["004"]


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def paths_in(tmp: Path) -> BuildPaths:
    (tmp / "sources").mkdir(parents=True)
    return BuildPaths(
        tmp / "sources", tmp / "datapackages", tmp / "build", ROOT / "docs", ROOT / "mkdocs.yml"
    )


def commit(paths: BuildPaths, seed: Path, sidecar: str | None = None) -> None:
    shutil.copy(seed, paths.sources / seed.name)
    side = sidecar if sidecar is not None else seed.with_suffix(".yml").read_text("utf-8")
    (paths.sources / seed.with_suffix(".yml").name).write_text(side, encoding="utf-8")


def manifest(paths: BuildPaths, *rows: tuple[str, bytes, str, str]) -> None:
    lines = ["file,sha256,size,url,publisher_url"]
    lines += [f"{name},{sha(data)},{len(data)},{url},{page}" for name, data, url, page in rows]
    (paths.sources / "originals.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def packages(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.mark.build
def test_a_fetched_original_builds_the_same_packages_as_the_committed_file(tmp_path):
    # committed directly: the maintainer states the publisher's page in the sidecar
    committed = paths_in(tmp_path / "committed")
    sidecar = SEED.with_suffix(".yml").read_text("utf-8")
    assert "source_url: null" in sidecar
    commit(committed, SEED, sidecar.replace("source_url: null", f"source_url: {PUBLISHER}"))
    commit(committed, OTHER)
    direct = run_build(committed, lambda _: None, site=False)
    assert direct.problems == [] and direct.skipped == []

    # kept out of git: only the sidecar is committed, the manifest gives the page
    fetched = paths_in(tmp_path / "fetched")
    commit(fetched, OTHER)
    (fetched.sources / SEED.with_suffix(".yml").name).write_text(sidecar, encoding="utf-8")
    data = SEED.read_bytes()
    with serving(tmp_path / "served") as server:
        (server.root / "asset-002.txt").write_bytes(data)
        manifest(fetched, (SEED.name, data, f"{server.url}/asset-002.txt", PUBLISHER))
        assert not (fetched.sources / SEED.name).exists()
        result = run_build(fetched, lambda _: None, site=False)
        assert server.requests == ["/asset-002.txt"]
        assert result.problems == [] and result.skipped == []
        assert [d.source.path.name for d in result.disclosures] == [SEED.name, OTHER.name]
        cached = fetched.cache / "originals" / sha(data)
        assert cached.read_bytes() == data
        assert packages(fetched.datapackages) == packages(committed.datapackages)
        descriptor = fetched.datapackages / result.disclosures[0].name / "datapackage.json"
        assert PUBLISHER in descriptor.read_text("utf-8")

        again = run_build(fetched, lambda _: None, site=False)  # in the cache: not fetched
        assert server.requests == ["/asset-002.txt"]
        assert again.converted == 0 and packages(fetched.datapackages) == packages(
            committed.datapackages
        )


@pytest.mark.build
def test_bytes_that_differ_from_the_manifest_are_refused_and_the_rest_is_built(tmp_path):
    paths = paths_in(tmp_path)
    data, other = SEED.read_bytes(), OTHER.read_bytes()
    altered = data.replace("万元".encode(), "元".encode(), 1)  # an edited re-upload
    assert altered != data
    for seed in (SEED, OTHER):
        name = seed.with_suffix(".yml").name
        shutil.copy(seed.with_suffix(".yml"), paths.sources / name)
    with serving(tmp_path / "served") as server:
        (server.root / "a.txt").write_bytes(altered)
        (server.root / "b.txt").write_bytes(other)
        manifest(
            paths,
            (SEED.name, data, f"{server.url}/a.txt", ""),
            (OTHER.name, other, f"{server.url}/b.txt", ""),
        )
        result = run_build(paths, lambda _: None, site=False)
    assert [d.source.path.name for d in result.disclosures] == [OTHER.name]
    [skipped] = result.skipped
    assert skipped.file == SEED.name
    assert "originals.csv 第 2 行 / line 2" in skipped.problem
    assert "已拒绝 / refused" in skipped.problem and "differ" in skipped.problem
    assert sha(data) in skipped.problem and sha(altered) in skipped.problem
    assert f"({len(data)} 字节 bytes)" in skipped.problem
    store = paths.cache / "originals"
    assert sorted(p.name for p in store.iterdir()) == [sha(other)]  # nothing kept under either
    assert not (paths.build / "originals" / SEED.name).exists()


def test_a_committed_file_that_differs_from_its_row_is_refused(tmp_path):
    paths = paths_in(tmp_path)
    commit(paths, SEED)
    other = OTHER.read_bytes()
    with serving(tmp_path / "served") as server:
        (server.root / "a.txt").write_bytes(SEED.read_bytes())
        manifest(paths, (SEED.name, other, f"{server.url}/a.txt", ""))
        found = resolve_originals(paths.sources, paths.build)
        assert server.requests == []  # a committed file is never downloaded
    assert found.paths == [] and list(found.refused) == [paths.sources / SEED.name]
    problem = found.refused[paths.sources / SEED.name].problem
    assert "已提交的文件与清单不符" in problem and "committed file differs" in problem
    assert sha(other) in problem and sha(SEED.read_bytes()) in problem


def test_a_committed_file_that_matches_its_row_is_built_from_the_layout(tmp_path):
    paths = paths_in(tmp_path)
    commit(paths, SEED)
    data = SEED.read_bytes()
    manifest(paths, (SEED.name, data, "http://127.0.0.1:9/never-asked.txt", PUBLISHER))
    found = resolve_originals(paths.sources, paths.build)
    laid_out = paths.build / "originals" / SEED.name
    assert found.refused == {} and found.paths == [laid_out]
    assert laid_out.read_bytes() == data and found.fetched == 0
    assert f"source_url: {PUBLISHER}" in laid_out.with_suffix(".yml").read_text("utf-8")


def test_a_download_that_fails_is_refused_naming_the_row(tmp_path):
    paths = paths_in(tmp_path)
    data = SEED.read_bytes()
    with serving(tmp_path / "served") as server:
        manifest(paths, (SEED.name, data, f"{server.url}/gone.txt", ""))
        found = resolve_originals(paths.sources, paths.build)
    problem = found.refused[paths.sources / SEED.name].problem
    assert problem.startswith("originals.csv 第 2 行 / line 2 (002_f0243ef9e14cabee.txt): 下载失败")
    assert "404" in problem
    assert not (paths.cache / "originals" / sha(data)).exists()


def test_a_row_removed_from_the_manifest_leaves_the_layout(tmp_path):
    paths = paths_in(tmp_path)
    data = SEED.read_bytes()
    with serving(tmp_path / "served") as server:
        (server.root / "a.txt").write_bytes(data)
        manifest(paths, (SEED.name, data, f"{server.url}/a.txt", ""))
        assert resolve_originals(paths.sources, paths.build).fetched == 1
        manifest(paths)
        assert resolve_originals(paths.sources, paths.build).paths == []
    assert [p for p in (paths.build / "originals").rglob("*") if p.is_file()] == []
