"""The rows of the tables on a disclosure's page: facts, charts, checks, items, projects, 三公.

Each function turns one part of a converted disclosure into the strings its
template prints; numbers are formatted here so templates never format them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from juesuan.checks import CheckResult
from juesuan.disclosure import Disclosure
from juesuan.domain.amounts import execution_rate, format_decimal
from juesuan.domain.check_status import CheckStatus
from juesuan.domain.sangong import COMPONENTS, COUNTS
from juesuan.domain.vocabulary import UNITS, load_vocabulary
from juesuan.extract.expenditure_by_function import FunctionItem
from juesuan.registry.checks import CHECK_FAMILIES, FAMILY_TITLES
from juesuan.render.budget import RUN_LABELS, largest_runs, rate_text
from juesuan.render.charts import ChartSpec
from juesuan.render.escape import json_for_script
from juesuan.render.numbers import amount, as_printed, count, in_unit

# Plain words; the page marks each status with a CSS shape (juesuan-status-*), never an
# emoji, which a reader without an emoji font sees as an empty box.
STATUS_LABELS = {
    "pass": "一致 pass",
    "rounding": "尾差 rounding",
    "fail": "不一致 fail",
    "not_checkable": "无法检查 not checkable",
}


def status_mark(status: str, label: str) -> str:
    """A status as HTML: a shape drawn by the stylesheet, then its words."""
    css = status.replace("_", "-")
    return f'<span class="juesuan-status juesuan-status-{css}">{label}</span>'


def _num(value: Any) -> str:
    return amount(value)


_LEVELS = {"class": "类 class", "kuan": "款 kuan", "xiang": "项 item"}


def _reason_about(i: FunctionItem) -> str:
    """What a stated reason explains, said before it: the budget difference or the change."""
    if not i.reason:
        return ""
    if i.initial_budget is not None:
        return "预决算差异原因"
    if i.change is not None:
        sign = "增加" if i.change >= 0 else "减少"
        pct = f"，{format_decimal(abs(i.change_pct))}%" if i.change_pct is not None else ""
        return f"比上年{sign} {format_decimal(abs(i.change))} 万元{pct}，原因"
    return "原因"


def _code_order(items: list[tuple[int, Any]]) -> list[tuple[int, Any]]:
    """类 → 款 → 项 in the order of their codes (206 < 20601 < 2060101 < 20602), as the
    template's tables print them; document order when an item has no code."""
    if items and all(i.code for _, i in items):
        return sorted(items, key=lambda pair: pair[1].code)
    return items


def item_rows(d: Disclosure) -> list[dict[str, Any]]:
    """An item's row shows its names, code and amounts; the sentence each was read from is
    in the package's expenditure_by_function.csv (as a tooltip on the stated reason it only
    repeated the row's names and amount, ~1 KB a page, and no phone shows a tooltip)."""
    runs = largest_runs(d.expenditure_items)
    return [
        {
            "anchor": f"item-{n}",
            "name": " / ".join(n for n in i.names if n),
            "level_label": _LEVELS[i.level],
            "code": i.code or "",
            "code_source": i.code_source,
            "amount": _num(i.amount),
            "share": _num(i.share_pct),
            "change": _num(i.change),
            "change_pct": _num(i.change_pct),
            "reason": i.reason or "",
            "reason_about": _reason_about(i),
            "initial_budget": _num(i.initial_budget),
            "execution_rate": rate_text(execution_rate(i.initial_budget, i.amount)),
            "run": runs.get(n - 1, ""),
            "run_label": RUN_LABELS.get(runs.get(n - 1, ""), ""),
        }
        for n, i in _code_order(list(enumerate(d.expenditure_items, 1)))
    ]


def project_rows(d: Disclosure) -> list[dict[str, str]]:
    counts: dict[str, int] = {}
    for indicator in d.indicators:
        counts[indicator.project_id] = counts.get(indicator.project_id, 0) + 1
    return [
        {
            "name": p.name or p.project_id,
            "kind": p.kind,
            "full_year_budget": _num(p.full_year_budget),
            "executed": _num(p.executed),
            "execution_rate": f"{_num(p.execution_rate)}%" if p.execution_rate is not None else "",
            "score": as_printed(p.score),
            "indicators": str(counts.get(p.project_id, "")),
        }
        for p in d.projects
    ]


def evidence_anchors(d: Disclosure) -> dict[str, str]:
    """Sentence → the row of the page that shows it (the all-figures table's first fact read
    from it, else the functional item's): a figure elsewhere on the page links there rather
    than repeating the sentence (as a term of a check, or a tooltip of the 三公 table, they
    were ~3 KB a page)."""
    anchors: dict[str, str] = {}
    for n, f in enumerate(d.facts, 1):
        anchors.setdefault(f.evidence, f"fact-{n}")
    for n, item in enumerate(d.expenditure_items, 1):
        anchors.setdefault(item.evidence, f"item-{n}")
    return anchors


def _sangong_table(
    d: Disclosure, labels: dict[str, str], anchors: dict[str, str]
) -> list[dict[str, str]]:
    """Each cell's sentence is linked (`*_anchor`) when a row of the page shows it
    (`anchors`: evidence_anchors), and otherwise given whole (`*_evidence`, a tooltip)."""
    table: dict[str, dict[str, str]] = {}
    for r in d.sangong:
        if r.item not in labels:
            continue
        row = table.setdefault(
            r.item,
            {
                "label": labels[r.item],
                "budget": "",
                "actual": "",
                "budget_evidence": "",
                "actual_evidence": "",
                "budget_anchor": "",
                "actual_anchor": "",
                "unit": UNITS[COUNTS[r.item][1]].zh if r.item in COUNTS else UNITS["wan_yuan"].zh,
            },
        )
        shown = (count(r.value) if r.item in COUNTS else amount(r.value)) + (
            " ⚠" if r.conflict else ""
        )
        row[r.phase] = f"{row[r.phase]} / {shown}" if row[r.phase] else shown
        if not row[f"{r.phase}_evidence"]:
            row[f"{r.phase}_evidence"] = r.evidence
            row[f"{r.phase}_anchor"] = anchors.get(r.evidence, "")
    return [table[item] for item in labels if item in table]


def sangong_rows(d: Disclosure, anchors: dict[str, str]) -> list[dict[str, str]]:
    """The 三公 amounts (万元); the counts (批次, 人次, 辆) are sangong_count_rows."""
    return _sangong_table(d, COMPONENTS, anchors)


def sangong_count_rows(d: Disclosure, anchors: dict[str, str]) -> list[dict[str, str]]:
    """团组, 人次, 车辆 and 接待批次: counts, never in a column of 万元."""
    return _sangong_table(d, {k: v[0] for k, v in COUNTS.items()}, anchors)


def outline(d: Disclosure) -> list[dict[str, Any]]:
    """Section headings once each, in order (a table of contents repeats them)."""
    seen: set[str] = set()
    outline: list[dict[str, Any]] = []
    for section in d.sections:
        if section.title not in seen:
            seen.add(section.title)
            # A list may nest only one level deeper than the item above it.
            depth = min(section.level, outline[-1]["level"] + 1 if outline else 1)
            outline.append({"level": depth, "title": section.title})
    return outline


def fact_rows(d: Disclosure) -> list[dict[str, Any]]:
    """One row a fact. Facts read from the same sentence (收入总计 and its three parts,
    say) share one evidence cell (`span` rows; 0 under the first): the sentence written out
    on each row was ~1.7 KB a page."""
    vocabulary = load_vocabulary()
    rows = [
        {
            "anchor": f"fact-{n}",
            "key": f.key,
            "label_zh": vocabulary[f.key].label_zh,
            "label_en": vocabulary[f.key].label_en,
            "value": in_unit(f.value, f.unit),
            "unit": UNITS[f.unit].zh,
            "evidence": f.evidence,
            "page": d.page_at(f.start),
            "conflict": f.conflict,
            "span": 1,
        }
        for n, f in enumerate(d.facts, 1)
    ]
    first: dict[str, Any] | None = None
    for row in rows:
        same = (
            first is not None
            and not row["conflict"]
            and not first["conflict"]
            and (row["evidence"], row["page"]) == (first["evidence"], first["page"])
        )
        if same:
            first["span"] += 1
            row["span"] = 0
        else:
            first = row
    return rows


def chart_rows(charts: list[ChartSpec]) -> list[dict[str, Any]]:
    """The page's charts: each names its kind's template (charts.TEMPLATE_DIR) and carries
    its CSV."""
    return [
        {
            "chart_id": c.chart_id,
            "title": f"{c.data.title_zh} / {c.data.title_en}",
            "template": c.template_file[0],
            "payload_json": json_for_script(c.payload),
            "missing": list(c.data.missing),
            "notes": list(c.data.notes),
        }
        for c in charts
    ]


def _shown_terms(status: str, note: str, terms: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The terms a check lists under its row: not those the note already names as unread
    (a check not checkable for want of five terms listed them twice, ~1.5 KB a page)."""
    if status != CheckStatus.NOT_CHECKABLE:
        return terms
    unread = [t for t in terms if t["value"] == "—"]
    if unread and all(t["name"] in note for t in unread):
        return [t for t in terms if t["value"] != "—"]
    return terms


def _check_row(c: CheckResult, anchors: dict[str, str]) -> dict[str, Any]:
    row = {
        "check_id": c.check_id,
        "description_zh": c.description_zh,
        "description_en": c.description_en,
        "status": c.status,
        "status_label": status_mark(c.status, STATUS_LABELS[c.status]),
        "expected": _num(c.expected),
        "actual": _num(c.actual),
        "difference": _num(c.difference),
        "tolerance": _num(c.tolerance),
        "note": c.note,
        "terms": [
            {
                "name": t.name,
                "value": _num(t.value) or "—",
                "evidence": t.evidence,
                "anchor": anchors.get(t.evidence, ""),
            }
            for t in c.terms
        ],
    }
    row["shown_terms"] = _shown_terms(row["status"], row["note"], row["terms"])
    # A term read from the same sentence as the term above it says so instead of repeating
    # it (a stated change and its rate come from one sentence).
    before = None
    for t in row["shown_terms"]:
        t["repeat"] = not t["anchor"] and t["evidence"] == before
        before = None if t["anchor"] else t["evidence"]
    return row


class CheckRow(Mapping[str, Any]):
    """A check's row (_check_row), made when the template first reads more than its status:
    nine checks in ten pass and the page only counts those (checks.csv has them whole), and
    formatting every term of every check was an eighth of rendering a disclosure page."""

    __slots__ = ("_anchors", "_check", "_row")

    def __init__(self, check: CheckResult, anchors: dict[str, str]) -> None:
        self._check, self._anchors = check, anchors
        self._row: dict[str, Any] | None = None

    def _whole(self) -> dict[str, Any]:
        if self._row is None:
            self._row = _check_row(self._check, self._anchors)
        return self._row

    def __getitem__(self, key: str) -> Any:
        return self._check.status if key == "status" else self._whole()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())


def check_rows(d: Disclosure, anchors: dict[str, str]) -> list[CheckRow]:
    """A term whose sentence is a fact's or an item's evidence links to that row instead
    of repeating it (`anchors`: evidence_anchors): the sentences were most of the page's
    checks table."""
    return [CheckRow(c, anchors) for c in d.checks]


def passed_by_family(d: Disclosure) -> list[dict[str, Any]]:
    """How many checks of each family passed, in the registry's order: listed one by one
    they were half of a disclosure page's bytes (~10 KB, 50 MB at a province's scale), and
    checks.csv lists them with their terms."""
    counts = Counter(c.family for c in d.checks if c.status == CheckStatus.PASS)
    return [
        {"family": family, "title": FAMILY_TITLES[family], "count": counts[family]}
        for family in CHECK_FAMILIES
        if counts[family]
    ]


def check_count_rows(d: Disclosure) -> list[dict[str, Any]]:
    return [
        {"status": status, "label": status_mark(status, STATUS_LABELS[status]), "count": n}
        for status, n in d.check_counts.items()
    ]
