"""A build asked for with relative folders builds there, not beside mkdocs.yml.

Regression: `juesuan build --build-dir .` gave MkDocs the relative docs and site folders,
which it reads from the config file's folder: it built the repository's hand-written docs/
into a hidden folder next to mkdocs.yml and left the site asked for empty.
"""

from __future__ import annotations

from pathlib import Path

from juesuan.site.assemble import build_site


def test_relative_docs_and_site_are_read_from_the_working_directory(tmp_path, monkeypatch):
    config_dir = tmp_path / "project"
    (config_dir / "docs").mkdir(parents=True)
    (config_dir / "docs" / "index.md").write_text("# 项目自带的页面\n", "utf-8")
    config = config_dir / "mkdocs.yml"
    config.write_text("site_name: 部门决算\n", "utf-8")
    work = tmp_path / "work"
    (work / "docs").mkdir(parents=True)
    (work / "docs" / "index.md").write_text("# 本次构建的页面\n", "utf-8")
    monkeypatch.chdir(work)

    build_site(config, Path("docs"), Path("site"))

    page = (work / "site" / "index.html").read_text("utf-8")
    assert "本次构建的页面" in page and "项目自带的页面" not in page
    assert sorted(p.name for p in config_dir.iterdir()) == ["docs", "mkdocs.yml"]
