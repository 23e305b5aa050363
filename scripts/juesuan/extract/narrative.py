"""Read facts from the narrative (情况说明) of a disclosure, by the template's wording.

The labelled statements (收入总计658.30万元 …) follow the rules of
label_rules.py; this module runs them and the template's other fixed phrases
(收、支总计均为…, 接待国内来访团组…, 整体自评得分…). Anything that does not fit
is left unread.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from juesuan.domain.amounts import (
    DECIMAL_NUMBER,
    MONEY_UNIT,
    NO_DIGIT_BEFORE,
    NUMBER,
    budget_and_actual,
    budget_then_actual,
    parse_number,
    to_wan_yuan,
)
from juesuan.extract.label_rules import (
    COMPILED_RULES,
    PHRASE_START,
    QUALIFIER,
    SANGONG_LABEL,
    SANGONG_PREFIX,
    SANGONG_TOTAL,
    LabelSearch,
    matches_at_labels,
    year_ends,
)
from juesuan.extract.staff import staff_by_kind

# 收、支总计均为741.64万元 / 收、支总计各是X,Y万元 / 财政拨款收、支总计均为…
_PAIR_FISCAL = r"财\s*政\s*拨\s*款\s*"
_PAIR_BARE = r"收\s*[、和及与]?\s*支\s*总\s*计"
_PAIR_LABEL = rf"(?P<fiscal>{_PAIR_FISCAL})?{_PAIR_BARE}"
# Each pattern first tests the characters its match can start with: one comparison
# at most offsets instead of the phrase-start lookbehinds (label_rules._first_characters).
_PAIR_FIRST = "(?=[财收])"
# 收、支总计均为X万元, and 收、支总计X万元 (one figure for both sides, no verb).
_SHARED_TOTAL = re.compile(
    _PAIR_FIRST
    + PHRASE_START
    + _PAIR_LABEL
    + r"\s*(?:均为|均是|都是|同为|为|是)?\s*(?P<a>"
    + NUMBER
    + r")\s*"
    r"(?P<unit>" + MONEY_UNIT + ")"
)
_PAIR_TOTAL = re.compile(
    _PAIR_FIRST
    + PHRASE_START
    + _PAIR_LABEL
    + r"\s*(?:各是|各为|分别为|分别是)\s*(?P<a>"
    + DECIMAL_NUMBER
    + r")\s*(?:"
    + MONEY_UNIT
    + r")?\s*[,，、和与及]\s*(?P<b>"
    + NUMBER.removeprefix(NO_DIGIT_BEFORE)
    + r")\s*(?P<unit>"
    + MONEY_UNIT
    + ")"
)
# Where both start (_PAIR_LABEL, its optional first words as an alternative: then the
# regex engine scans for 财 and 收 alone): they are tried there only (matches_at_labels).
_PAIR_LABEL_SEARCH = LabelSearch(
    re.compile(_PAIR_FISCAL + _PAIR_BARE + "|" + _PAIR_BARE),
    # neither can match inside a match of its own (财 and 收 stand in them once)
    (re.compile(_PAIR_FISCAL + _PAIR_BARE), re.compile(_PAIR_BARE)),
)
# “三公”经费支出全年预算数6.53万元，决算数6.53万元 / 支出预算为2.60万元，支出决算为2.46万元
_SANGONG_BUDGET = re.compile(
    r'(?=[一财“"”三\s])'
    + PHRASE_START
    + SANGONG_PREFIX
    + SANGONG_LABEL
    + budget_then_actual(actual_optional=True)
)
_RECEPTION_GROUPS = re.compile(
    r"接待国内来访团组\s*(?P<a>\d+)\s*个\s*[、，,]\s*来宾\s*(?P<b>\d+)\s*人次"
)
_DIVISIONS = (
    re.compile(
        r"(?:下设|内设|设有|设)\s*(?P<a>\d+)\s*个\s*(?:职能)?(?:科室|处室|股室|部室|内设机构)"
    ),
    re.compile(r"内设(?:机构|科室|处室|股室)\s*(?:共)?\s*(?P<a>\d+)\s*个"),
    # 内设6个部门 / 内设5个机构: what the unit has inside (never 下设…部门, which may be units).
    re.compile(r"内设\s*(?P<a>\d+)\s*个\s*(?:部门|机构)"),
)
# X收入总计A万元，支出总计B万元: the 支出总计 is in the scope its 收入总计 names (财政拨款
# 收入总计500万元，支出总计500万元 states the appropriation's 支出总计, not the unit's).
_SCOPED_TOTALS = re.compile(
    r"收\s*入\s*总\s*计"
    + QUALIFIER
    + r"(?P<a>"
    + NUMBER
    + r")\s*(?:"
    + MONEY_UNIT
    + r")\s*[，,；;]?\s*(?P<exp>支\s*出\s*总\s*计)"
    + QUALIFIER
    + r"(?P<b>"
    + NUMBER
    + r")\s*(?P<unit>"
    + MONEY_UNIT
    + ")"
)
_GRAND_REVENUE = next(c for c in COMPILED_RULES if c.rule.key == "revenue.grand_total")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _scoped_totals(text: str, years: list[int]) -> tuple[set[int], list[Candidate]]:
    """Where a 支出总计 follows a scoped 收入总计, and the 财政拨款 ones as candidates.

    A 收入总计 is the unit's where the rule for revenue.grand_total reads it; any other
    is scoped by the words before it, and the 支出总计 paired with it shares that scope.
    """
    units = [(m.start(), m.end()) for m in _GRAND_REVENUE.finditer(text, years)]
    scoped, fiscal = set(), []
    for m in _SCOPED_TOTALS.finditer(text):
        if any(start <= m.start() < end for start, end in units):
            continue
        scoped.add(m.start("exp"))
        # 财政拨款 starting a phrase (never 一般公共预算财政拨款: a part of it).
        before = "".join(text[max(0, m.start() - 40) : m.start()].split())
        prior = before[-5:-4]
        whole = not prior or not _CJK.match(prior) or prior in "年度中"
        if before.endswith("财政拨款") and whole and (value := _money(m, "b")) is not None:
            start, end = m.start(), m.end()
            fiscal.append(Candidate("fiscal.expenditure_total", value, "wan_yuan", start, end))
    return scoped, fiscal


# 国内公务接待12批次 / 列明公务接待 2 批次、26 人次 (the 公务接待 of the 三公 is domestic:
# foreign guests received at home are part of it, 外宾 is a 其中 of it).
# The optional first words as alternatives, each starting with a literal (国内公 / 公 with
# (?<![外宾]) after it, which 国内 always passes): the regex engine scans for 国 and 公 only.
_RECEPTION = re.compile(
    r"(?:国\s*内\s*公|公(?<![外宾]公))\s*务\s*接\s*待\s*(?P<a>\d+)\s*批\s*次\s*[，,、]?\s*(?:共\s*)?(?P<b>\d+)\s*人\s*次"
)
_PROJECTS = (
    re.compile(r"(?:预算绩效评价项目|绩效评价项目)\s*(?P<a>\d+)\s*个"),
    re.compile(r"开展绩效自评\s*[，,]\s*其中\s*[，,：:]?\s*项目\s*(?P<a>\d+)\s*个"),
    # 绩效自评的2024年度项目39个
    re.compile(r"绩\s*效\s*自\s*评\s*的\s*(?:\d{4}\s*年\s*度?\s*)?项\s*目\s*(?P<a>\d+)\s*个"),
)
# 一般公共预算财政拨款支出年初预算为10210.34万元: the whole 财政拨款 initial budget only
# where the disclosure states it had no 政府性基金 and no 国有资本经营 appropriation.
_GPB_INITIAL = re.compile(
    r"(?=一)"
    + PHRASE_START
    + r"一\s*般\s*公\s*共\s*预\s*算\s*财\s*政\s*拨\s*款\s*支\s*出\s*年\s*初\s*预\s*算\s*(?:数)?"
    r"\s*(?:为|是)?\s*(?P<a>" + NUMBER + r")\s*(?P<unit>" + MONEY_UNIT + ")"
)
_NO_OTHER_APPROPRIATION = tuple(
    re.compile(rf"(?:无|没有)\s*{fund}\s*预算财政拨款收入")
    for fund in ("政府性基金", "国有资本经营")
)
_OVERALL_SCORE = re.compile(
    r"整\s*体\s*(?:支\s*出\s*)?(?:绩\s*效\s*)?自\s*评\s*(?:得\s*分|总\s*分)\s*(?:为|是)?\s*"
    r"(?P<a>\d{1,3}(?:\.\d+)?)\s*分"
)
_EQUIPMENT = re.compile(
    r"(?:单价|单位价值)\s*100\s*万元\s*(?:[（(]含[）)])?\s*以上\s*(?:的)?\s*设备\s*"
    r"(?:[（(]不含车辆[）)])?\s*(?P<a>\d+)\s*(?:台|套)"
)
_VALUE_AFTER = re.compile(
    r"\s*[，,]\s*价\s*值\s*(?P<a>" + NUMBER + r")\s*(?P<unit>" + MONEY_UNIT + ")"
)


class Candidate(NamedTuple):
    """A value read somewhere, before facts are merged; evidence None = the sentence at start."""

    key: str
    value: Decimal
    unit: str
    start: int
    end: int
    evidence: str | None = None


def _money(match: re.Match[str], group: str = "a") -> Decimal | None:
    value = parse_number(match.group(group))
    return None if value is None else to_wan_yuan(value, match.group("unit"))


def _in_section(section_titles: str, pattern: str | None) -> bool:
    return pattern is None or pattern in section_titles


def _reception(m: re.Match[str]) -> Iterator[Candidate]:
    """Receptions stated as batches (a) and persons (b), in either of the template's wordings."""
    start, end = m.start(), m.end()
    yield Candidate("sangong.reception_batches", Decimal(m.group("a")), "count", start, end)
    yield Candidate("sangong.reception_persons", Decimal(m.group("b")), "person", start, end)


def _value_after(rule_key: str, text: str, end: int) -> Iterator[Candidate]:
    """The value stated right after a house area or a vehicle count (…，价值X万元)."""
    after = _VALUE_AFTER.match(text, end)
    worth = _money(after) if after else None
    if after and worth is not None:
        key = "assets.house_value" if rule_key == "assets.house_area" else "assets.vehicles_value"
        yield Candidate(key, worth, "wan_yuan", after.start("a"), after.end())


def _rule_candidates(
    text: str, section_titles_at, years, staff, scoped: set[int]
) -> Iterator[Candidate]:
    """The labelled amounts of the label rules, each in the sections its rule allows."""
    for compiled in COMPILED_RULES:
        rule = compiled.rule
        for m in compiled.finditer(text, years):
            if rule.key == "expenditure.grand_total" and m.start() in scoped:
                continue
            if rule.key == "staff.total" and m.start() in staff.part_held_starts:
                continue
            titles = section_titles_at(m.start())
            if not _in_section(titles, rule.section):
                continue
            if rule.not_section is not None and rule.not_section in titles:
                continue
            value = _money(m) if rule.unit == "wan_yuan" else parse_number(m.group("a"))
            if value is None:
                continue
            yield Candidate(rule.key, value, rule.unit, m.start(), m.end())
            if rule.key in {"assets.house_area", "assets.vehicles"}:
                yield from _value_after(rule.key, text, m.end())


def _grand_totals(text: str) -> Iterator[Candidate]:
    """收、支总计X万元 (one number for both sides) and 收支总计各为X、Y."""
    labels = _PAIR_LABEL_SEARCH.starts(text)
    for m in matches_at_labels(_SHARED_TOTAL, labels, text, None):
        value = _money(m)
        if value is not None:
            prefix = "fiscal." if m.group("fiscal") else ""
            rev = "fiscal.revenue_total" if prefix else "revenue.grand_total"
            exp = "fiscal.expenditure_total" if prefix else "expenditure.grand_total"
            yield Candidate(rev, value, "wan_yuan", m.start(), m.end())
            yield Candidate(exp, value, "wan_yuan", m.start(), m.end())
    for m in matches_at_labels(_PAIR_TOTAL, labels, text, None):
        a, b = _money(m, "a"), _money(m, "b")
        if a is not None and b is not None:
            rev = "fiscal.revenue_total" if m.group("fiscal") else "revenue.grand_total"
            exp = "fiscal.expenditure_total" if m.group("fiscal") else "expenditure.grand_total"
            yield Candidate(rev, a, "wan_yuan", m.start(), m.end())
            yield Candidate(exp, b, "wan_yuan", m.start(), m.end())


def _sangong_totals(text: str) -> Iterator[Candidate]:
    """The 三公 total's budget and actual (its match starts where sangong.total's label does)."""
    for m in matches_at_labels(_SANGONG_BUDGET, SANGONG_TOTAL.label, text, None):
        budget, actual = budget_and_actual(m)
        if budget is not None:
            yield Candidate("sangong.budget_total", budget, "wan_yuan", m.start(), m.end())
        if actual is not None:
            yield Candidate("sangong.total", actual, "wan_yuan", m.start("actual"), m.end())


def _counts(text: str, staff) -> Iterator[Candidate]:
    """Staff, receptions, divisions and the projects self-evaluated."""
    for key, value, start, end in staff.values:
        yield Candidate(key, value, "person", start, end)
    for m in _RECEPTION_GROUPS.finditer(text):
        yield from _reception(m)
    for pattern in _DIVISIONS:
        for m in pattern.finditer(text):
            yield Candidate("org.divisions", Decimal(m.group("a")), "count", m.start(), m.end())
    for m in _RECEPTION.finditer(text):
        yield from _reception(m)
    for pattern in _PROJECTS:
        for m in pattern.finditer(text):
            count = Decimal(m.group("a"))
            yield Candidate("performance.projects_evaluated", count, "count", m.start(), m.end())


def _budget_score_equipment(text: str) -> Iterator[Candidate]:
    """The 财政拨款 initial budget (when no other appropriation exists), the overall
    self-evaluation score, and the pieces of equipment over 1 million."""
    if all(p.search(text) for p in _NO_OTHER_APPROPRIATION):
        for m in _GPB_INITIAL.finditer(text):
            if (value := _money(m)) is not None:
                yield Candidate("fiscal.initial_budget", value, "wan_yuan", m.start(), m.end())
    for m in _OVERALL_SCORE.finditer(text):
        score = parse_number(m.group("a"))
        if score is not None and score <= 100:
            yield Candidate("performance.overall_score", score, "score", m.start(), m.end())
    for m in _EQUIPMENT.finditer(text):
        count = Decimal(m.group("a"))
        yield Candidate("assets.equipment_over_1m", count, "unit", m.start(), m.end())


def narrative_candidates(text: str, section_titles_at) -> Iterator[Candidate]:
    """(key, value, unit, start, end) for every template phrase in `text`.

    `section_titles_at(offset)` returns the joined heading titles above an offset.
    """
    years = year_ends(text)
    staff = staff_by_kind(text)
    scoped, fiscal_totals = _scoped_totals(text, years)
    yield from fiscal_totals
    yield from _rule_candidates(text, section_titles_at, years, staff, scoped)
    yield from _grand_totals(text)
    yield from _sangong_totals(text)
    yield from _counts(text, staff)
    yield from _budget_score_equipment(text)
