"""Spending by the national functional classification (类/款/项) of 一般公共预算财政拨款支出.

Two places state it: the narrative (结构情况 per class with its share, 具体情况 per
item with change and reason) and, where printed, the 一般公共预算财政拨款支出决算表
with national codes. Items are matched across the two by their names; a code
is "printed" when the disclosure prints it and "code_table" when it comes from
the table of codes other disclosures printed for the same names — never inferred
from a name alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from juesuan.domain.amounts import NUMBER, parse_number
from juesuan.extract.label_rules import matches_at_labels
from juesuan.extract.template_tables import amount, label, table_kind
from juesuan.infra.by_fields import ByFields
from juesuan.read.tables import Table

_NAME = r"[^（()）。；;:：，,\d]{1,60}?"
# A class name runs from its first character to the （类）: the characters up to the bracket
# are all Han or spaces. Tested first with one possessive scan, this spares the lazy name's
# thirty tries at every start of a Han run that no （类） ends.
_CLASS_AHEAD = r"(?=[\u4e00-\u9fff][\u4e00-\u9fff\s]*+[（(])"
_ITEM_HEAD = re.compile(
    r"(?<![\u4e00-\u9fff])"
    + _CLASS_AHEAD
    + r"(?P<cls>[\u4e00-\u9fff][\u4e00-\u9fff\s]{0,30}?)\s*[（(]\s*类\s*[）)]\s*"
    rf"(?P<kuan>{_NAME})\s*[（(]\s*款\s*[）)]\s*(?P<xiang>{_NAME})\s*[（(]\s*项\s*[）)]"
)
_CLASS_SHARE = re.compile(
    r"(?<![\u4e00-\u9fff])"
    + _CLASS_AHEAD
    + r"(?P<cls>[\u4e00-\u9fff][\u4e00-\u9fff\s]{0,30}?)\s*[（(]\s*类\s*[）)]\s*"
    rf"(?P<tail>支\s*出)?\s*(?P<a>{NUMBER})\s*万\s*元\s*[,，]?\s*占\s*(?:比)?\s*(?P<p>{NUMBER})\s*%"
)
# The （类） after a class name: where _ITEM_HEAD and _CLASS_SHARE may start is found from it.
_CLASS_MARK = re.compile(r"[（(]\s*类\s*[）)]")
_CLASS_NAME_MAX = 31  # (?P<cls>…) is one Han character and up to 30 more


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def class_starts(text: str) -> list[int]:
    """Every offset where _ITEM_HEAD or _CLASS_SHARE can match, ascending.

    Both start where a Han character follows no Han character, and run through the class
    name (Han characters and spaces, at most _CLASS_NAME_MAX) and spaces to a （类）. Those
    starts are found back from each （类） (a scan for brackets), not by trying the patterns'
    lookbehind at every offset of the text: each is tried there only (matches_at_labels)."""
    starts: set[int] = set()
    for mark in _CLASS_MARK.finditer(text):
        spaces = mark.start()
        while spaces and text[spaces - 1].isspace():  # isspace: the regex's \s
            spaces -= 1
        k = spaces - 1
        while k >= max(0, spaces - _CLASS_NAME_MAX) and (_is_han(text[k]) or text[k].isspace()):
            if _is_han(text[k]) and not (k and _is_han(text[k - 1])):
                starts.add(k)
            k -= 1
    return sorted(starts)


_ACTUAL = re.compile(rf"支\s*出\s*决\s*算\s*(?:数)?\s*(?:为|是)?\s*(?P<a>{NUMBER})\s*万\s*元")
_BUDGET = re.compile(rf"年\s*初\s*预\s*算\s*(?:数)?\s*(?:为|是)?\s*(?P<a>{NUMBER})\s*万\s*元")
_CHANGE = re.compile(
    rf"比\s*上\s*年\s*(?:决\s*算\s*(?:数)?)?\s*(?P<dir>增\s*加|减\s*少)\s*(?P<a>{NUMBER})\s*万\s*元"
    rf"(?:\s*[,，]\s*(?P<pdir>增\s*长|下\s*降)\s*(?P<p>{NUMBER})\s*%)?"
)
_REASON = re.compile(r"主\s*要\s*原\s*因\s*(?:是)?\s*[:：]?\s*(?P<r>[^。]{1,300})")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")


@dataclass(frozen=True, slots=True)
class FunctionItem(ByFields):
    """One class (类) or item (项) of general-public-budget spending, from narrative or table."""

    level: str  # "class", "kuan" or "xiang"
    class_name: str
    kuan_name: str | None
    xiang_name: str | None
    code: str | None
    code_source: str | None  # printed / code_table
    amount: Decimal | None
    basic: Decimal | None = None
    project: Decimal | None = None
    share_pct: Decimal | None = None
    change: Decimal | None = None
    change_pct: Decimal | None = None
    initial_budget: Decimal | None = None
    reason: str | None = None
    evidence: str = ""
    start: int = 0
    end: int = 0

    @property
    def names(self) -> tuple[str, str | None, str | None]:
        return (self.class_name, self.kuan_name, self.xiang_name)


def _clean(name: str | None) -> str | None:
    return None if name is None else "".join(name.split())


def _signed(direction: str | None, value: str | None) -> Decimal | None:
    number = parse_number(value) if value else None
    if number is None or direction is None:
        return None
    return -number if "".join(direction.split()) in {"减少", "下降"} else number


def narrative_items(text: str) -> list[FunctionItem]:
    """Items of the 具体情况 list and class rows of the 结构情况 list."""
    items: list[FunctionItem] = []
    starts = class_starts(text)
    heads = list(matches_at_labels(_ITEM_HEAD, starts, text, None))
    for n, head in enumerate(heads):
        stop = heads[n + 1].start() if n + 1 < len(heads) else min(len(text), head.end() + 1500)
        body = text[head.end() : stop]
        actual = _ACTUAL.search(body)
        if actual is None:
            continue
        budget, change, reason = _BUDGET.search(body), _CHANGE.search(body), _REASON.search(body)
        items.append(
            FunctionItem(
                level="xiang",
                class_name=_clean(head.group("cls")) or "",
                kuan_name=_clean(head.group("kuan")),
                xiang_name=_clean(head.group("xiang")),
                code=None,
                code_source=None,
                amount=parse_number(actual.group("a")),
                initial_budget=parse_number(budget.group("a")) if budget else None,
                change=_signed(change.group("dir"), change.group("a")) if change else None,
                change_pct=_signed(change.group("pdir"), change.group("p")) if change else None,
                reason=_clean(reason.group("r")) if reason else None,
                evidence="".join(text[head.start() : head.end() + actual.end()].split()),
                start=head.start(),
                end=head.end() + actual.end(),
            )
        )
    for m in matches_at_labels(_CLASS_SHARE, starts, text, None):
        name = _clean(m.group("cls") + (m.group("tail") or "")) or ""
        items.append(
            FunctionItem(
                level="class",
                class_name=name,
                kuan_name=None,
                xiang_name=None,
                code=None,
                code_source=None,
                amount=parse_number(m.group("a")),
                share_pct=parse_number(m.group("p")),
                evidence="".join(m.group(0).split()),
                start=m.start(),
                end=m.end(),
            )
        )
    return items


def table_items(tables: Iterable[Table]) -> list[FunctionItem]:
    """Rows with a national code in the 一般公共预算财政拨款支出决算表."""
    items: list[FunctionItem] = []
    for table in tables:
        if table_kind(table, {"一般公共预算财政拨款支出决算表": 1}) is None:
            continue
        header = next((r for r in table.rows if any(label(c.text) == "基本支出" for c in r)), ())
        columns = {label(c.text): i for i, c in enumerate(header)}
        total_col = columns.get("小计", columns.get("合计"))
        names: dict[str, str] = {}
        for row in table.rows:
            if len(row) < 3 or not _CODE.match(row[0].text):
                continue
            code, name = row[0].text, _clean(row[1].text) or ""
            names[code] = name

            def cell(col: int | None, row=row, table=table) -> Decimal | None:
                return amount(row[col], table.unit) if col is not None and col < len(row) else None

            level = {3: "class", 5: "kuan", 7: "xiang"}[len(code)]
            items.append(
                FunctionItem(
                    level=level,
                    class_name=names.get(code[:3], ""),
                    kuan_name=names.get(code[:5]) if len(code) >= 5 else None,
                    xiang_name=name if len(code) == 7 else None,
                    code=code,
                    code_source="printed",
                    amount=cell(total_col),
                    basic=cell(columns.get("基本支出")),
                    project=cell(columns.get("项目支出")),
                    evidence=f"{table.code or ''} {table.title}｜{code} {name}".strip(),
                    start=row[0].start,
                    end=row[-1].end,
                )
            )
    return items


def _same_item_renamed(
    said: FunctionItem, rows: list[FunctionItem], matched: set[int]
) -> int | None:
    """The one table 项 of the narrative item's class with its amount, when the narrative
    names the 款/项 otherwise (其他扶贫支出 for 其他巩固脱贫攻坚成果衔接乡村振兴支出):
    kept apart, one amount would be published twice and a sum would count it twice."""
    if said.level != "xiang" or said.amount is None:
        return None
    found = [
        n
        for n, row in enumerate(rows)
        if n not in matched
        and row.level == "xiang"
        and row.class_name == said.class_name
        and row.amount == said.amount
    ]
    return found[0] if len(found) == 1 else None


def _completed(row: FunctionItem, said: FunctionItem) -> FunctionItem:
    return replace(
        row,
        share_pct=said.share_pct,
        change=said.change,
        change_pct=said.change_pct,
        initial_budget=said.initial_budget,
        reason=said.reason,
    )


def merge_items(narrative: list[FunctionItem], table: list[FunctionItem]) -> list[FunctionItem]:
    """Table rows completed by the narrative's change and reason; unmatched narrative kept.

    A narrative item matches a table row by its names, or else, within its class, by
    its amount when exactly one unmatched table 项 has it."""
    by_names = {(i.level, *i.names): i for i in narrative}
    # a printed line with blank amounts states nothing
    rows = [r for r in table if not (r.amount is None and r.basic is None and r.project is None)]
    matched: set[int] = set()
    for n, row in enumerate(rows):
        said = by_names.pop((row.level, *row.names), None)
        if said is not None:
            rows[n] = _completed(row, said)
            matched.add(n)
    unmatched = []
    for said in (i for i in narrative if (i.level, *i.names) in by_names):
        n = _same_item_renamed(said, rows, matched)
        if n is None:
            unmatched.append(said)
        else:
            rows[n] = _completed(rows[n], said)
            matched.add(n)
    return rows + unmatched


def code_table(items: Iterable[FunctionItem]) -> dict[tuple[str, str | None, str | None], str]:
    """Names → printed code, from every item that printed one (only unambiguous names)."""
    seen: dict[tuple[str, str | None, str | None], set[str]] = {}
    for item in items:
        if item.code and item.code_source == "printed":
            seen.setdefault(item.names, set()).add(item.code)
    return {names: codes.pop() for names, codes in seen.items() if len(codes) == 1}


def fill_codes(items: list[FunctionItem], codes: dict) -> list[FunctionItem]:
    return [
        replace(i, code=codes[i.names], code_source="code_table")
        if i.code is None and i.names in codes
        else i
        for i in items
    ]
