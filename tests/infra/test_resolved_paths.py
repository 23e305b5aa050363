"""git_dates.resolved: each path as Path.resolve() gives it, folders resolved once."""

from __future__ import annotations

import os

from juesuan.infra.git_dates import resolved


def test_paths_resolve_as_path_resolve_does_through_linked_folders_and_files(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (real / "000.txt").write_text("收入总计658.30万元", "utf-8")
    (real / "000.yml").write_text("department: 科协", "utf-8")
    os.symlink(real, tmp_path / "linked")  # a sources folder reached through a link
    os.symlink(real / "000.txt", real / "copy.txt")  # a source that is a link to another
    paths = [
        tmp_path / "linked" / "000.txt",
        tmp_path / "linked" / "000.yml",
        real / "copy.txt",
        real / "missing.yml",
    ]
    assert resolved(paths) == {p: p.resolve() for p in paths}
    assert resolved(paths)[real / "copy.txt"] == real / "000.txt"
