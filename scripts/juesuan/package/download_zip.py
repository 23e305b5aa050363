"""A disclosure's data package as the one zip the site publishes for it.

The site publishes the package zipped only: unpacked beside the zip it took ~125 KB a
disclosure more, most of a province's site (GitHub Pages allows 1 GB). A researcher who
wants one table reads it where the repository serves datapackages/
(render.config.package_files_url); the zip holds everything, with the original text.
"""

from __future__ import annotations

import json
from pathlib import Path

from juesuan.disclosure import Disclosure
from juesuan.domain.licence import LICENCE, citation
from juesuan.infra.deterministic_zip import deterministic_zip
from juesuan.package.files import package_files, package_files_names
from juesuan.package.original import original_name


def _readme(d: Disclosure, original_at: str) -> str:
    side = d.source.sidecar
    return (
        f"# {d.title}\n\n"
        f"Data package `{d.name}` of the juesuan open-data portal.\n\n"
        f"- Source: {side.original_filename or d.source.path.name}"
        f" ({side.source_url or 'original URL unknown'})\n"
        f"- Department: {d.meta.department or 'unknown'}; fiscal year: "
        f"{d.meta.fiscal_year or 'unknown'}\n"
        f"- Licence: {LICENCE.markdown()}\n"
        f"- Cite as: {citation(d.meta.department, d.title)}\n\n"
        "Read codes as strings: functional and economic classification codes (`code`, "
        "e.g. 2060101) and ids are text, and a spreadsheet or a type guess drops their "
        "leading zeros or turns them into numbers. pandas: "
        "`pd.read_csv('facts.csv', dtype=str)`; R: `read.csv(..., colClasses = "
        '"character")`. The CSVs are UTF-8 without a BOM; in Excel open them with Data → '
        "From Text/CSV, encoding UTF-8 (or use the disclosure page's “Excel 版” links).\n\n"
        "读取时请把编码列当作文本：功能分类、经济分类科目编码（如 2060101）和各类编号是字符串，"
        "按数字读会丢掉前导零。pandas 请用 `dtype=str`。CSV 为不带 BOM 的 UTF-8；"
        "用 Excel 打开请用“数据 → 从文本/CSV”并选 UTF-8（或用页面上的“Excel 版”链接）。\n\n"
        "Files: datapackage.json (Frictionless descriptor with Table Schemas) and one CSV per "
        "resource; source.txt is the original text the values were read from. Every fact carries "
        "the sentence it was read from (column `evidence`) and its offsets in source.txt"
        + (
            f"; column `page` is the page of the file as published the value was printed on. "
            f"That file is published beside this zip, not in it (it would double the site's "
            f"largest part): {original_at}, SHA-256 {d.source.sha256}.\n"
            if original_at
            else ".\n"
        )
    )


def _package(d: Disclosure, written: Path | None) -> dict[str, str]:
    """The package's files: as written into `written` when it holds `d`'s package (its
    descriptor names d's source and its SHA-256), else laid out afresh."""
    try:
        found = {p.name: p.read_text("utf-8") for p in written.iterdir()} if written else {}
        juesuan = json.loads(found["datapackage.json"])["juesuan"]
    except (OSError, KeyError, ValueError, TypeError):
        return package_files(d)
    same = (juesuan.get("source_file"), juesuan.get("source_sha256")) == (
        d.source.path.name,
        d.source.sha256,
    )
    return found if same and set(found) == set(package_files_names()) else package_files(d)


def package_texts(d: Disclosure, written: Path | None = None) -> dict[str, str]:
    """datapackage.json and the CSVs of `d`'s package (as written into `written`, if so)."""
    return _package(d, written)


def package_zip(
    d: Disclosure,
    written: Path | None = None,
    package: dict[str, str] | None = None,
    extra: dict[str, str] | None = None,
    original_at: str | None = None,
) -> bytes:
    """The whole package plus the original text and a README (not the original file: the
    site publishes it once, beside the zip), byte-identical for identical content
    (`frictionless validate NAME.zip` reads it as it is); `written` is the package's
    directory in datapackages/ if this build wrote it, `package` its files if already read,
    `extra` more files by their path in the zip (the page's chart data); `original_at`
    where the original file is published (a URL, or a path on the site: by default the
    site's data/NAME/), "" if it is not."""
    if original_at is None:
        named = original_name(d)
        original_at = f"data/{d.name}/{named} on the site" if named else ""
    files: dict[str, str | bytes] = {
        **(package if package is not None else _package(d, written)),
        **(extra or {}),
        "README.md": _readme(d, original_at),
        "source.txt": d.source.text,
    }
    return deterministic_zip("", files)
