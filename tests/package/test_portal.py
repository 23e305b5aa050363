"""The portal-wide package, reproducible packages, official validation, the DCAT catalogue."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from juesuan.cli import main
from juesuan.convert import convert_path
from juesuan.package.validate import find_packages
from juesuan.pipeline.build import BuildPaths, run_build
from juesuan.registry.portal import PORTAL_NAME
from juesuan.site.dcat import data_json, site_url

pytestmark = pytest.mark.build  # runs full builds or the frictionless CLI

COMMITTED = ROOT / "datapackages"
FRICTIONLESS = Path(sys.executable).parent / "frictionless"


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))


def _files(root: Path) -> dict[Path, bytes]:
    return {p.relative_to(root): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _build_packages(tmp: Path) -> Path:
    paths = BuildPaths(ROOT / "sources", tmp / "dp", tmp / "build", ROOT / "docs", tmp / "x.yml")
    result = run_build(paths, log=lambda message: None, site=False)
    assert result.problems == [] and not result.skipped
    return paths.datapackages


def test_two_builds_give_byte_identical_datapackages(tmp_path):
    first = _files(_build_packages(tmp_path / "one"))
    second = _files(_build_packages(tmp_path / "two"))
    assert first.keys() == second.keys()
    assert Path(PORTAL_NAME, "datapackage.json") in first
    for name in first:
        assert first[name] == second[name], name
    assert first == _files(COMMITTED), "run `juesuan build` and commit datapackages/"


@pytest.mark.parametrize("descriptor", find_packages(COMMITTED), ids=lambda p: p.parent.name)
def test_the_official_frictionless_cli_passes_on_every_package(descriptor):
    run = subprocess.run(
        [str(FRICTIONLESS), "validate", str(descriptor)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout[-3000:]


def test_juesuan_validate_covers_the_portal_package(tmp_path, capsys):
    copy = tmp_path / "dp"
    for path, content in _files(COMMITTED).items():
        (copy / path).parent.mkdir(parents=True, exist_ok=True)
        (copy / path).write_bytes(content)
    assert main(["validate", "--datapackages", str(copy)]) == 0
    assert f"{len(find_packages(COMMITTED))} data packages checked" in capsys.readouterr().out
    catalogue = copy / PORTAL_NAME / "catalogue.csv"
    catalogue.write_text(
        catalogue.read_text("utf-8").replace(",prefecture,2024,", ",city,2024,", 1)
    )
    assert main(["validate", "--datapackages", str(copy)]) == 1
    err = capsys.readouterr().err
    assert "portal, resource catalogue, row " in err and "field level" in err


def test_catalogue_has_one_row_per_disclosure_with_hand_read_totals():
    rows = {r["package"]: r for r in _rows(COMMITTED / PORTAL_NAME / "catalogue.csv")}
    assert set(rows) == {p.parent.name for p in find_packages(COMMITTED)} - {PORTAL_NAME}
    kexie = rows[convert_path(SEEDS["000"]).name]
    # 000: 收入总计658.30万元 … 本年支出合计632.84万元 … “三公”经费支出6.53万元
    assert kexie["department"] == "昌吉回族自治州科学技术协会"
    assert (kexie["level"], kexie["fiscal_year"]) == ("prefecture", "2024")
    assert kexie["revenue_grand_total"] == "658.30"
    assert kexie["expenditure_current_year"] == "632.84"
    assert kexie["sangong_total"] == "6.53"
    assert rows[convert_path(SEEDS["002"]).name]["level"] == "county"  # 新市区


def test_checks_failed_counts_the_fail_rows_of_each_package():
    for row in _rows(COMMITTED / PORTAL_NAME / "catalogue.csv"):
        checks = _rows(COMMITTED / row["package"] / "checks.csv")
        assert int(row["checks"]) == len(checks)
        assert int(row["checks_failed"]) == sum(c["status"] == "fail" for c in checks)


def test_ranking_puts_the_text_with_all_nine_tables_first_and_ties_share_a_rank():
    ranking = _rows(COMMITTED / PORTAL_NAME / "completeness_ranking.csv")
    # The first list: 2024 final accounts (000, 001, 003); ranks restart for each kind and year.
    first = [
        r for r in ranking if (r["document_kind"], r["fiscal_year"]) == ("final_accounts", "2024")
    ]
    assert ranking[: len(first)] == first
    assert first[0]["package"] == convert_path(SEEDS["003"]).name
    assert (first[0]["rank"], first[0]["parts_present"], first[0]["missing"]) == (
        "1",
        first[0]["parts_total"],
        "",
    )
    tied = first[1:]
    assert len(tied) == 2 and {r["rank"] for r in tied} == {"2"}  # 000, 001
    assert {r["parts_referenced"] for r in tied} == {"7"}  # 部门决算报表（见附表）
    assert [r["rank"] for r in ranking[len(first) :]] == ["1", "1"]  # 002 (2023), 004 (self-eval)


def test_portal_rows_are_the_rows_of_each_package():
    for resource in ("facts", "expenditure_by_function", "sangong", "performance_projects"):
        combined = _rows(COMMITTED / PORTAL_NAME / f"{resource}.csv")
        for descriptor in find_packages(COMMITTED):
            if descriptor.parent.name == PORTAL_NAME:
                continue
            own = _rows(descriptor.parent / f"{resource}.csv")
            mine = [
                {k: v for k, v in r.items() if k != "package"}
                for r in combined
                if r["package"] == descriptor.parent.name
            ]
            assert mine == own, (resource, descriptor.parent.name)


def test_site_publishes_dcat_catalogue_whose_downloads_exist(built):
    paths, result = built
    catalog = json.loads((paths.site / "data.json").read_text("utf-8"))
    assert catalog["@type"] == "dcat:Catalog"
    datasets = {d["identifier"]: d for d in catalog["dataset"]}
    assert set(datasets) == {d.name for d in result.disclosures} | {PORTAL_NAME}
    for dataset in catalog["dataset"]:
        for distribution in dataset["distribution"]:
            assert (paths.site / distribution["downloadURL"]).is_file(), distribution
    kexie = datasets[convert_path(SEEDS["000"]).name]
    assert kexie["publisher"]["name"] == "昌吉回族自治州科学技术协会"
    assert kexie["temporal"] == "2024-01-01/2024-12-31"
    assert kexie["spatial"] == "新疆维吾尔自治区 昌吉回族自治州"
    assert (paths.site / "completeness" / "index.html").is_file()


def test_dcat_urls_are_absolute_when_site_url_is_set(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\nsite_url: https://example.org/juesuan\n", "utf-8")
    base = site_url(config)
    assert base == "https://example.org/juesuan/"
    d = convert_path(SEEDS["003"])
    catalog = json.loads(data_json([d], base))
    urls = [x["downloadURL"] for ds in catalog["dataset"] for x in ds["distribution"]]
    assert urls and all(u.startswith("https://example.org/juesuan/data/") for u in urls)
    assert data_json([d], base) == data_json([d], base)
    assert site_url(ROOT / "mkdocs.yml") == ""  # this repository sets none: relative URLs
