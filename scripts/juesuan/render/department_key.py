"""Which department a disclosure belongs to, and where its department page is.

A department is a name in a place: the same name in two regions is two departments.
The page address (slug) is ASCII and stable: pinyin initials and a short hash.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from juesuan.disclosure import Disclosure, initials
from juesuan.read.source import Region


def region_label(region: Region) -> str:
    parts = [p for p in (region.province, region.prefecture, region.county) if p]
    return " ".join(parts) if parts else "未知"


@dataclass(frozen=True)
class DepartmentKey:
    """One department in one place: the unit of a year view."""

    department: str
    region: str

    @property
    def slug(self) -> str:
        letters = initials(self.department)
        digest = hashlib.sha1(f"{self.region}|{self.department}".encode()).hexdigest()[:6]
        return f"{letters}-{digest}"


def department_key(d: Disclosure) -> DepartmentKey | None:
    if not d.meta.department:
        return None
    return DepartmentKey(d.meta.department, region_label(d.meta.region))


def department_page_url(d: Disclosure) -> str | None:
    """The department page of `d`, relative to a disclosure page; None without a department."""
    key = department_key(d)
    return None if key is None else f"../../departments/{key.slug}/"
