"""The `juesuan` command as a maintainer uses it."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from conftest import SEEDS


def juesuan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "juesuan", *args], capture_output=True, text=True, timeout=120
    )


def test_convert_any_path_writes_a_valid_package(tmp_path):
    source = tmp_path / "elsewhere.txt"
    source.write_bytes(SEEDS["001"].read_bytes())  # no sidecar: metadata from the text
    out = tmp_path / "pkg"
    run = juesuan("convert", str(source), "-o", str(out))
    assert run.returncode == 0, run.stderr
    descriptor = json.loads((out / "datapackage.json").read_text("utf-8"))
    assert descriptor["juesuan"]["department"] == "昌吉回族自治州科学技术局"
    assert descriptor["juesuan"]["fiscal_year"] == 2024
    assert descriptor["juesuan"]["region"]["prefecture"] == "昌吉回族自治州"
    assert re_ascii(descriptor["name"])
    assert [r["name"] for r in descriptor["resources"]] == [
        "facts",
        "expenditure_by_function",
        "expenditure_by_economic",
        "sangong",
        "performance_projects",
        "performance_indicators",
        "completeness",
        "checks",
        "vocabulary",
    ]
    facts = (out / "facts.csv").read_text("utf-8")
    assert "revenue.grand_total,8065.31,wan_yuan," in facts


def re_ascii(name: str) -> bool:
    return name.isascii() and name == name.lower() and " " not in name


def test_convert_refuses_what_is_not_a_disclosure(tmp_path):
    cases = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 4,
        "news.txt": "今天天气晴朗，市民在公园里散步。新乡市举办了科普活动。\n".encode(),
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        run = juesuan("convert", str(path), "-o", str(tmp_path / "out"))
        assert run.returncode == 2, (name, run.stderr)
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: {path}: "), (name, lines)
    assert not (tmp_path / "out").exists()


def test_validate_names_package_resource_row_and_field(tmp_path):
    package = tmp_path / "dp" / "pkg"
    assert juesuan("convert", str(SEEDS["000"]), "-o", str(package)).returncode == 0
    facts = package / "facts.csv"
    facts.write_text(facts.read_text("utf-8").replace("658.30", "六百五十八", 1), "utf-8")
    run = juesuan("validate", "--datapackages", str(tmp_path / "dp"))
    assert run.returncode == 1
    assert "pkg, resource facts, row " in run.stderr and "field value" in run.stderr


def test_help_explains_each_command_with_an_example():
    for command in ("convert", "build", "validate"):
        run = juesuan(command, "--help")
        assert run.returncode == 0
        assert "example" in run.stdout and f"juesuan {command}" in run.stdout


def test_help_and_convert_import_neither_altair_nor_pandas():
    """Seconds of imports before any work: the site's libraries load only for `build`."""
    probe = (
        "import sys; import juesuan.cli; "
        "from juesuan.convert import convert_path; "
        "from juesuan.package.files import write_package; "
        "from juesuan.package.validate_one import validate_package; "
        "print(sorted(m for m in ('altair', 'pandas', 'mkdocs') if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


@pytest.mark.build
def test_a_strict_build_fails_when_a_source_is_skipped_and_names_it(tmp_path):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "good.txt").write_bytes(SEEDS["000"].read_bytes())
    (sources / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    common = ["build", "--root", str(tmp_path), "--no-site"]
    loose = juesuan(*common)
    assert loose.returncode == 0
    assert "old.doc" in loose.stderr and ".docx" in loose.stderr
    strict = juesuan(*common, "--strict")
    assert strict.returncode == 2
    assert (tmp_path / "datapackages").is_dir()  # the rest of the build still went on


def test_manifest_add_then_fetch_verifies_by_hash(tmp_path):
    from loopback import serving

    sources, build = tmp_path / "sources", tmp_path / "build"
    sources.mkdir()
    seed = SEEDS["002"]
    data = seed.read_bytes()
    (sources / "2023").mkdir()
    (sources / "2023" / seed.name).write_bytes(data)
    with serving(tmp_path / "served") as server:
        (server.root / "asset.txt").write_bytes(data)
        url = f"{server.url}/asset.txt"
        added = juesuan(
            "manifest",
            "add",
            str(sources / "2023" / seed.name),
            "--url",
            url,
            "--sources",
            str(sources),
        )
        assert added.returncode == 0, added.stderr
        assert "may now be removed" in added.stdout
        digest = hashlib.sha256(data).hexdigest()
        assert (sources / "originals.csv").read_text("utf-8") == (
            f"file,sha256,size,url,publisher_url\n2023/{seed.name},{digest},{len(data)},{url},\n"
        )
        (sources / "2023" / seed.name).unlink()
        args = ("fetch", "--sources", str(sources), "--build-dir", str(build))
        fetched = juesuan(*args)
        assert fetched.returncode == 0, fetched.stderr
        assert "1 originals verified (1 downloaded), 0 refused" in fetched.stdout
        assert (build / "originals" / "2023" / seed.name).read_bytes() == data
        (build / "cache" / "originals" / digest).unlink()
        (server.root / "asset.txt").write_bytes(data + b"\n")
        refused = juesuan(*args)
    assert refused.returncode == 1
    assert f"refused: {sources / '2023' / seed.name}: originals.csv 第 2 行" in refused.stderr
    assert not (build / "originals" / "2023" / seed.name).exists()
