"""Provenance and citation (issue 16, item 10): dates from git, never the clock; the
site's address in citations, the sitemap and the 404 page of a project site."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from juesuan.infra.git_dates import last_changed
from juesuan.render.config import RenderConfig, pages_url
from juesuan.render.pages import cite, render_disclosure
from juesuan.site.assemble import build_site


def _git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, capture_output=True)


def test_last_changed_is_the_date_of_the_last_commit_naming_the_file(tmp_path):
    _git(tmp_path, "init", "-q")
    (tmp_path / "a.txt").write_text("1")
    (tmp_path / "b.txt").write_text("1")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "one", date="2023-05-01T12:00:00+00:00")
    (tmp_path / "a.txt").write_text("2")
    _git(tmp_path, "commit", "-qam", "two", date="2024-06-02T12:00:00+00:00")
    (tmp_path / "new.txt").write_text("never committed")
    dates = last_changed(tmp_path, [tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "new.txt"])
    assert dates == {
        (tmp_path / "a.txt").resolve(): "2024-06-02",
        (tmp_path / "b.txt").resolve(): "2023-05-01",
    }


def test_outside_a_repository_there_is_no_date(tmp_path):
    (tmp_path / "a.txt").write_text("1")
    assert last_changed(tmp_path, [tmp_path / "a.txt"]) == {}


def test_pages_url_of_a_project_site_and_of_a_user_site():
    assert pages_url("Owner/juesuan") == "https://owner.github.io/juesuan/"
    assert pages_url("owner/owner.github.io") == "https://owner.github.io/"
    assert pages_url(None) == ""


def test_citation_names_the_page_and_the_date_the_data_changed(seed_disclosures):
    d = seed_disclosures["000"]
    config = RenderConfig(
        site_url="https://owner.github.io/juesuan/", updated=((d.name, "2024-06-02"),)
    )
    text = cite(d, config)
    assert text.startswith("昌吉回族自治州科学技术协会，《")
    assert f"https://owner.github.io/juesuan/disclosures/{d.name}/" in text
    assert text.endswith("（数据更新于 2024-06-02）。")
    page = render_disclosure(d, config).markdown
    assert "最后更新 / Last updated：2024-06-02" in page
    assert "发布者原文网址未知" in page  # 000's sidecar: source_url null
    # without settings: no address, no date, and the digest ignores the dates
    assert "http" not in cite(d, RenderConfig())
    assert config.digest() == RenderConfig(site_url=config.site_url).digest()


def test_a_project_site_gets_an_absolute_sitemap_open_graph_and_a_working_404(built, tmp_path):
    paths, _ = built
    site = tmp_path / "site"
    build_site(paths.config, paths.generated_docs, site, "https://owner.github.io/juesuan/")
    locs = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text("utf-8"))
    assert locs and all(loc.startswith("https://owner.github.io/juesuan/") for loc in locs)
    missing = (site / "404.html").read_text("utf-8")
    assets = re.findall(r'(?:href|src)="([^"]*assets/[^"]+)"', missing)
    assert assets and all(a.startswith("/juesuan/") for a in assets), assets[:3]
    home = (site / "index.html").read_text("utf-8")
    assert '<meta property="og:title" content="部门决算公开数据门户">' in home
    assert '<meta property="og:url" content="https://owner.github.io/juesuan/">' in home
