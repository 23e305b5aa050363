"""The typed boundary between reading and publishing: one converted disclosure.

Everything after the convert stage (data package, pages, site) works on a
`Disclosure` and never re-reads the source; only `juesuan.convert` builds one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import pickle
import zlib
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from pypinyin import Style, lazy_pinyin

from juesuan.checks import CheckResult, summary
from juesuan.domain.template import KIND_TITLES
from juesuan.extract.completeness import PartResult
from juesuan.extract.expenditure_by_economic import EconomicRow
from juesuan.extract.expenditure_by_function import FunctionItem
from juesuan.extract.facts import Fact
from juesuan.extract.performance.tables import PerformanceIndicator, PerformanceProject
from juesuan.extract.sangong import SangongRow
from juesuan.infra.cache import entry_key
from juesuan.read.identity import DisclosureMeta
from juesuan.read.sections import Section
from juesuan.read.source import RawSource
from juesuan.read.tables import Table


@dataclass(frozen=True)
class Disclosure:
    """A converted disclosure: metadata, facts with provenance, checks, and what was found."""

    source: RawSource
    text: str
    meta: DisclosureMeta
    sections: tuple[Section, ...]
    facts: tuple[Fact, ...]
    checks: tuple[CheckResult, ...]
    parts_found: tuple[str, ...]
    warnings: tuple[str, ...]
    tables: tuple[Table, ...] = ()
    expenditure_items: tuple[FunctionItem, ...] = ()
    economic: tuple[EconomicRow, ...] = ()
    sangong: tuple[SangongRow, ...] = ()
    projects: tuple[PerformanceProject, ...] = ()
    indicators: tuple[PerformanceIndicator, ...] = ()
    completeness: tuple[PartResult, ...] = ()
    # Set when another source states the same department and year: both are published.
    name_suffix: str = ""
    # Set on a slim copy (see `slim`): the file holding the complete disclosure.
    full_entry: str = ""

    # Computed once per object (the fields are frozen; dataclasses.replace makes a new
    # one): the build asks for them thousands of times, and pinyin and the scorecard's
    # text searches cost milliseconds.
    @cached_property
    def name(self) -> str:
        base = package_name(self.meta, self.source.sha256)
        return f"{base}-{self.name_suffix}" if self.name_suffix else base

    @cached_property
    def conversion_key(self) -> str:
        """What the disclosure's files depend on, hashed (asked for by its package, its
        pages and every page listing it).

        Conversion is a function of the code, the source's path and bytes and its sidecar
        (the premise of the conversion cache), so those stand for everything it produced;
        after it the pipeline changes only the items' codes (fill_codes_across), the
        warnings and the name suffix (_both_published), which are hashed as they are.
        Pickling the whole disclosure instead would cost ~6 ms each, seconds at a
        province's scale, on every build.
        """
        after_conversion = (self.name_suffix, self.warnings, self.expenditure_items)
        return entry_key(
            str(self.source.path),
            self.source.sha256,
            self.source.sidecar.model_dump_json(),
            pickle.dumps(after_conversion, protocol=5),
        )

    @property
    def title(self) -> str:
        dept = self.meta.department or "未知部门"
        year = f"{self.meta.fiscal_year}年度" if self.meta.fiscal_year else "年度不详"
        kind = KIND_TITLES.get(self.meta.document_kind or "", "部门决算")
        return f"{dept}{year}{kind}"

    @cached_property
    def check_counts(self) -> dict[str, int]:
        """pass / rounding / fail / not_checkable counts, for the page badge (every listing
        row and total asks again: 15 times a disclosure, a second a build at 1,000)."""
        return summary(self.checks)

    @cached_property
    def _facts_by_key(self) -> dict[str, list[Fact]]:
        found: dict[str, list[Fact]] = {}
        for f in self.facts:
            found.setdefault(f.key, []).append(f)
        return found

    def page_at(self, offset: int | None) -> int | None:
        """The page of the original an offset of the text was printed on (None for text)."""
        layout = self.source.layout
        if layout is None or offset is None or not layout.pages:
            return None
        return layout.page_at(offset)

    def fact(self, key: str) -> Fact | None:
        """The single stated value of `key`, or None when absent or conflicting."""
        found = self._facts_by_key.get(key, ())
        return found[0] if len(found) == 1 else None


@cache
def initials(name: str) -> str:
    """ASCII pinyin initials of a name, at most 24 ("dept" when there are none): the
    readable part of a package's and a department page's address."""
    letters = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors="ignore"))
    return "".join(ch for ch in letters.lower() if ch.isascii() and ch.isalnum())[:24] or "dept"


def package_name(meta: DisclosureMeta, source_sha256: str) -> str:
    """Stable ASCII name: year, pinyin initials of the department, and a short hash.

    The hash covers region, department and year, so the name survives re-exports of
    the same disclosure; without a department the source bytes are all we can name.
    """
    year = str(meta.fiscal_year) if meta.fiscal_year else "unknown-year"
    if not meta.department:
        return f"{year}-unknown-{source_sha256[:8]}"
    slug = initials(meta.department)
    region = meta.region
    identity = "|".join(
        [region.province or "", region.prefecture or "", region.county or "", meta.department, year]
    )
    return f"{year}-{slug}-{hashlib.sha1(identity.encode('utf-8')).hexdigest()[:6]}"


def stored(d: Disclosure) -> bytes:
    """A disclosure as the conversion cache keeps it."""
    return zlib.compress(pickle.dumps(d, pickle.HIGHEST_PROTOCOL), 1)


def from_stored(data: bytes) -> Disclosure | None:
    """The disclosure in `data`; None when unreadable (older code, interrupted write)."""
    try:
        found = pickle.loads(zlib.decompress(data))
    except (zlib.error, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return found if isinstance(found, Disclosure) else None


def slim(d: Disclosure, full_entry: Path) -> Disclosure:
    """`d` with only what the portal-wide steps read; the rest only its own package and
    page read, from the complete disclosure (`restore`).

    Portal-wide steps (listings, comparisons, department pages, the portal package, the
    catalogue) read every disclosure on every build: its identity and source, its facts,
    expenditure items, 三公 rows, projects and completeness (the portal package's tables, the
    pages' figures), how many checks it has and their statuses. Dropped: the text, the
    tables, the original's cells, the sections, the economic rows, the performance
    indicators, and each check's terms, figures and descriptions. Unpickling what was dropped
    took ~20 ms a disclosure, most of a +1 build at a province's scale, and holding it all
    took gigabytes. The complete disclosure stays in `full_entry`.
    """
    source = d.source
    layout = source.layout and dataclasses.replace(source.layout, text="", cells=())
    found = dataclasses.replace(
        d,
        text="",
        tables=(),
        sections=(),
        economic=(),
        indicators=(),
        source=dataclasses.replace(source, text="", layout=layout),
        checks=tuple(_status_only(c) for c in d.checks),
        full_entry=str(full_entry),
    )
    # The name (meta and suffix unchanged) travels with the record: worked out afresh from
    # pinyin on every load it was ~0.3 ms a disclosure of every build.
    found.__dict__["name"] = d.name
    return found


def _status_only(c: CheckResult) -> CheckResult:
    # Made directly, not by dataclasses.replace (which reads the fields of every check anew).
    return CheckResult(
        check_id=c.check_id,
        family=c.family,
        status=c.status,
        description_zh="",
        description_en="",
        expected=None,
        actual=None,
        difference=None,
        tolerance=None,
        terms=(),
        note="",
    )


class MissingDisclosure(RuntimeError):
    """The complete disclosure behind a slim copy is gone (its cache entry was removed
    while the build ran)."""


def restore(d: Disclosure) -> Disclosure:
    """The complete disclosure behind `d` (itself when it is complete), with what the
    build changed after conversion: item codes filled across disclosures, warnings, the
    name suffix of a duplicate (as in render.disclosure_files.conversion_key)."""
    if not d.full_entry:
        return d
    return restore_entry(d.full_entry, d.expenditure_items, d.warnings, d.name_suffix)


def restore_entry(
    full_entry: str,
    expenditure_items: tuple[FunctionItem, ...],
    warnings: tuple[str, ...],
    name_suffix: str,
) -> Disclosure:
    """restore(d) from the fields of `d` it reads: what a worker is sent instead of the
    slim copy (~28 KB pickled, ~2.5 ms a disclosure to send and receive)."""
    try:
        full = from_stored(Path(full_entry).read_bytes())
    except OSError:
        full = None
    if full is None:
        raise MissingDisclosure(f"{full_entry}: the converted disclosure is gone")
    return dataclasses.replace(
        full,
        expenditure_items=expenditure_items,
        warnings=warnings,
        name_suffix=name_suffix,
    )
