"""A disclosure's data package as the one zip the site publishes for it.

The site also publishes the package unpacked beside it (datapackage.json and every
CSV, plus a copy of each CSV with a byte-order mark for Excel), so a researcher can
link or read one table directly: ~400 KB a disclosure, which at a province's scale
is most of the 1 GB GitHub Pages allows (see unpacked_files).
"""

from __future__ import annotations

import json
from pathlib import Path

from juesuan.disclosure import Disclosure
from juesuan.domain.licence import LICENCE, citation
from juesuan.infra.deterministic_zip import deterministic_zip
from juesuan.package.files import package_files, package_files_names
from juesuan.package.original import original_bytes, original_name


def _readme(d: Disclosure) -> str:
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
        '"character")`. The CSVs are UTF-8 without a BOM; for Excel, use the copies '
        "with a BOM linked from the disclosure's page (data/NAME/excel/).\n\n"
        "读取时请把编码列当作文本：功能分类、经济分类科目编码（如 2060101）和各类编号是字符串，"
        "按数字读会丢掉前导零。pandas 请用 `dtype=str`。CSV 为不带 BOM 的 UTF-8；"
        "用 Excel 打开请下载页面上带 BOM 的 Excel 版本。\n\n"
        "Files: datapackage.json (Frictionless descriptor with Table Schemas) and one CSV per "
        "resource; source.txt is the original text the values were read from. Every fact carries "
        "the sentence it was read from (column `evidence`) and its offsets in source.txt"
        + (
            f"; {original_name(d)} is the file as published, and column `page` is the page "
            "of it the value was printed on.\n"
            if original_name(d)
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


# Excel reads a CSV without a byte-order mark in the system's code page (GBK on a Chinese
# Windows, cp1252 elsewhere): UTF-8 Chinese comes out garbled. The package's CSVs stay
# plain UTF-8 (its descriptor says so); the site publishes a copy of each with the mark.
BOM = "\ufeff".encode()
EXCEL_DIR = "excel"


def package_texts(d: Disclosure, written: Path | None = None) -> dict[str, str]:
    """datapackage.json and the CSVs of `d`'s package (as written into `written`, if so)."""
    return _package(d, written)


def unpacked_files(package: dict[str, str]) -> dict[str, bytes]:
    """The package's files as the site publishes them beside its zip: each as it is, and
    each CSV again under excel/ with a UTF-8 byte-order mark."""
    files = {name: text.encode("utf-8") for name, text in package.items()}
    for name, text in package.items():
        if name.endswith(".csv"):
            files[f"{EXCEL_DIR}/{name}"] = BOM + text.encode("utf-8")
    return files


def package_zip(
    d: Disclosure, written: Path | None = None, package: dict[str, str] | None = None
) -> bytes:
    """The whole package plus the original text and a README, byte-identical for identical
    content (`frictionless validate NAME.zip` reads it as it is); `written` is the package's
    directory in datapackages/ if this build wrote it, `package` its files if already read."""
    files: dict[str, str | bytes] = {
        **(package if package is not None else _package(d, written)),
        "README.md": _readme(d),
        "source.txt": d.source.text,
    }
    name, data = original_name(d), original_bytes(d)
    if name is not None and data is not None:
        files[name] = data
    return deterministic_zip("", files)
