"""Every printed percentage against the amounts it is computed from.

Shares: “X万元，占Y%” and “占<total>的Y%”. The base of an explicit share is the
figure the sentence names (looked up by the template's labels); an implicit share
is of the total the part belongs to in the template (a revenue part of 本年收入合计,
a 三公 component of the 三公 total, …). Changes: “比上年增加/减少A万元，增长/下降B%”
about the amount just before it, about the figure the sentence names
(收入支出总体, 一般公共预算财政拨款支出), or, when the sentence starts with 与上年相比,
about the first amount of the sentence before. Budget rates: “预算数X万元，决算数Y万元，
预决算差异率Z%” (Z = (Y−X)/X) and “…完成（年初）预算的Z%” (Z = Y/X). A rate of the
年初预算 is of the 年初预算 the sentence states, also where a 全年预算 stands between it
and the 决算 (年初预算为0万元，全年预算为X万元，支出决算为Y万元，完成年初预算的Z%). A
completion rate of a stated zero budget with a non-zero 决算 has no finite value, so the
sentence contradicts itself: `fail`, with the other budget's rate in the note where
one is printed. A percentage whose base cannot be identified is `not_checkable`. Item
sentences (…（项）) are checked through the items, which carry their change and share.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from functools import cache

from juesuan.checks.core import (
    CheckResult,
    Meta,
    Term,
    budget_deviation,
    change_rate,
    completion,
    fact_term,
    not_checkable,
    outcome,
    percent_check,
    share,
)
from juesuan.checks.sums import item_ratio_checks
from juesuan.domain.amounts import (
    MONEY_UNIT,
    NUMBER,
    budget_and_actual,
    budget_then_actual,
    parse_number,
    to_wan_yuan,
)
from juesuan.domain.check_status import CheckStatus
from juesuan.domain.vocabulary import EXPENDITURE_PARTS, REVENUE_PARTS, load_vocabulary
from juesuan.extract.expenditure_by_function import FunctionItem
from juesuan.extract.facts import Fact, evidence_at
from juesuan.extract.label_rules import RULES
from juesuan.extract.narrative import Candidate

_MONEY = rf"(?P<a>{NUMBER})\s*(?P<unit>{MONEY_UNIT})"
# Tested first at every offset, before NUMBER's lookbehind: a number's first character, then
# (one possessive scan) the characters of a number and spaces up to a unit's first character,
# the shape of every match's start (most numbers, a table's, are followed by no unit).
_SHARE = re.compile(
    r"(?=[-\d][-\d,.\s]*+[万亿元])"
    + _MONEY
    + r"\s*[，,]?\s*(?:完\s*成[^，,。；%]{0,12}%\s*[，,]\s*)?占\s*"
    r"(?:(?P<base>[^，,。；%\d]{1,30}?)\s*的\s*)?(?:比\s*(?:重|例)?\s*)?(?:为\s*)?"
    rf"(?P<p>{NUMBER})\s*%"
)
_CHANGE = re.compile(
    r"(?P<lead>比\s*(?:上\s*年|20\d\d\s*年)\s*(?:度\s*)?(?:决\s*算\s*(?:数\s*)?)?"
    r"|与\s*上\s*年\s*(?:度\s*)?相\s*比\s*[，,]?)"
    r"(?P<subject>[^，,。；\d]{0,30}?)\s*(?:各\s*)?(?P<dir>增\s*加|减\s*少)\s*"
    rf"(?P<c>{NUMBER})\s*(?P<cunit>{MONEY_UNIT})\s*[，,]\s*(?P<pdir>增\s*长|下\s*降)\s*"
    rf"(?P<p>{NUMBER})\s*%"
)
_BUDGET = re.compile(
    budget_then_actual(lead=False) + r"\s*[，,]\s*(?:(?P<diff>预\s*决\s*算\s*差\s*异\s*率)"
    r"|完\s*成\s*(?P<initial>年\s*初\s*)?预\s*算\s*(?:的)?)"
    rf"\s*(?:为\s*)?(?P<p>{NUMBER})\s*%"
)
# The 年初预算 a sentence states before its 全年预算 (年初预算为X万元，全年预算为Y万元，…).
_INITIAL_BUDGET = re.compile(
    rf"年\s*初\s*预\s*算\s*(?:数\s*)?(?:为|是)?\s*(?P<a>{NUMBER})\s*(?P<unit>{MONEY_UNIT})"
)
_AMOUNT_BEFORE = re.compile(rf"{_MONEY}\s*[，,]?\s*(?:占[^，,。；]{{0,30}}%\s*[，,]\s*)?$")
_FIRST_AMOUNT = re.compile(_MONEY)
_CLASS_BEFORE = re.compile(r"[（(]类[）)](?:支出)?$")
_ITEM = re.compile(r"[（(]项[）)]")
_HEADING = r"\n\s*(?:#|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、])"
# A sentence ends at 。；！, after a short heading line, or where a numbered line starts.
_SENTENCE_END = re.compile(rf"[。；！]|{_HEADING}[^\n。，,]{{0,40}}(?=\n)|\n(?={_HEADING[2:]})")
# The template's names for the grand totals in change sentences.
_ALIASES = {
    "收入支出总体": "revenue.grand_total",
    "收支总计": "revenue.grand_total",
    "收、支总计": "revenue.grand_total",
    "财政拨款收、支总计": "fiscal.revenue_total",
    "财政拨款收入支出总体": "fiscal.revenue_total",
    "财政拨款收支总计": "fiscal.revenue_total",
}
# Implicit shares: the total each part belongs to in the template.
PARENT = {
    **dict.fromkeys(
        REVENUE_PARTS,
        "revenue.current_year",
    ),
    **dict.fromkeys(
        EXPENDITURE_PARTS,
        "expenditure.current_year",
    ),
    **dict.fromkeys(("sangong.abroad", "sangong.vehicle", "sangong.reception"), "sangong.total"),
    **dict.fromkeys(("sangong.vehicle_purchase", "sangong.vehicle_operation"), "sangong.vehicle"),
    **dict.fromkeys(("gpb.personnel", "gpb.public_funds"), "gpb.basic"),
    **dict.fromkeys(
        ("procurement.goods", "procurement.works", "procurement.services", "procurement.sme"),
        "procurement.total",
    ),
    "procurement.small_micro": "procurement.total",
}


def _strip(text: str) -> str:
    return "".join(text.split())


@cache  # the same for every disclosure; read-only
def label_keys() -> dict[str, str]:
    """Printed label → vocabulary key, from the narrative rules and the vocabulary."""
    labels = {v.label_zh: k for k, v in load_vocabulary().items()}
    for rule in RULES:
        labels.update({label: rule.key for label in rule.labels if label})
    labels.update(_ALIASES)
    return {_strip(label): key for label, key in labels.items()}


def _clause_start(text: str, offset: int) -> int:
    """Start of the sentence around offset: after the last 。；！ or heading (≤ 300 chars back).

    A line break alone ends nothing: PDF exports wrap sentences anywhere.
    """
    window_start = max(0, offset - 300)
    ends = list(_SENTENCE_END.finditer(text, window_start, max(window_start, offset)))
    return ends[-1].end() if ends else window_start


def _money(match: re.Match[str], group: str, unit: str) -> Decimal | None:
    value = parse_number(match.group(group))
    return None if value is None else to_wan_yuan(value, match.group(unit))


def _signed(value: Decimal | None, word: str) -> Decimal | None:
    return None if value is None else (-value if _strip(word) in ("减少", "下降") else value)


class _Reader:
    def __init__(self, text: str, facts: Sequence[Fact], candidates: Sequence[Candidate]):
        self.text, self.facts = text, facts
        self.candidates = [c for c in candidates if c.unit == "wan_yuan"]
        self.labels = label_keys()
        self.vocabulary = load_vocabulary()

    def line(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1

    def evidence(self, start: int, end: int) -> str:
        return evidence_at(self.text, start, end)

    def fact(self, key: str) -> Term:
        return fact_term(self.facts, key, self.vocabulary[key].label_zh)

    def key_at(self, offset: int) -> str | None:
        found = [c.key for c in self.candidates if c.start <= offset < c.end]
        return found[-1] if found else None

    def amount_term(self, match: re.Match[str], group: str, unit: str, name: str) -> Term:
        key = self.key_at(match.start(group)) or ""
        label = self.vocabulary[key].label_zh if key else name
        value = _money(match, group, unit)
        return Term(label, value, self.evidence(match.start(), match.end()), key)

    def named(self, printed: str) -> Term | None:
        key = self.labels.get(_strip(printed))
        return self.fact(key) if key else None


def share_checks(reader: _Reader) -> list[CheckResult]:
    results = []
    text = reader.text
    for m in _SHARE.finditer(text):
        if _CLASS_BEFORE.search(_strip(text[max(0, m.start() - 12) : m.start()])):
            continue  # class rows are checked through the items
        line = reader.line(m.start())
        evidence = reader.evidence(m.start(), m.end())
        part = reader.amount_term(m, "a", "unit", "所述金额")
        stated = Term("所述占比（%）", parse_number(m.group("p")), evidence)
        meta = Meta(
            f"stated.share.L{line}",
            "shares",
            f"第{line}行：{part.name}所占比例",
            f"Line {line}: stated share of {part.key or 'an amount'}",
        )
        base_name = m.group("base")
        if base_name:
            base = reader.named(base_name)
            if base is None:
                why = f"未能识别基数“{_strip(base_name)}” / base not identified"
                results.append(not_checkable(meta, (stated, part), why))
                continue
        elif part.key in PARENT:
            base = reader.fact(PARENT[part.key])
        else:
            why = "未能识别所占比例的基数 / base of the share not identified"
            results.append(not_checkable(meta, (stated, part), why))
            continue
        results.append(percent_check(meta, stated, (part, base), share))
    return results


def _change_subject(reader: _Reader, m: re.Match[str]) -> Term | None:
    text = reader.text
    subject = _strip(m.group("subject")).strip("，,：:")
    if subject:
        return reader.named(subject)
    start = m.start("lead")
    before = _AMOUNT_BEFORE.search(text, max(0, start - 60), start)
    if before:
        return reader.amount_term(before, "a", "unit", "所述金额")
    clause_start = _clause_start(text, start)
    clause = re.sub(r"^\d{4}\s*年\s*度?", "", _strip(text[clause_start:start]))
    if clause:
        return reader.named(clause)
    previous = _clause_start(text, clause_start - 1)
    first = _FIRST_AMOUNT.search(text, previous, clause_start)
    return reader.amount_term(first, "a", "unit", "所述金额") if first else None


def change_checks(reader: _Reader) -> list[CheckResult]:
    results = []
    text = reader.text
    for m in _CHANGE.finditer(text):
        if _ITEM.search(text[_clause_start(text, m.start()) : m.start()]):
            continue  # item sentences are checked through the items
        line = reader.line(m.start())
        evidence = reader.evidence(m.start(), m.end())
        change = Term("所述增减额", _signed(_money(m, "c", "cunit"), m.group("dir")), evidence)
        stated = Term(
            "所述增减率（%）", _signed(parse_number(m.group("p")), m.group("pdir")), evidence
        )
        subject = _change_subject(reader, m)
        name = subject.name if subject else "所述金额"
        meta = Meta(
            f"stated.change.L{line}",
            "changes",
            f"第{line}行：{name}比上年增减率 = 增减额 ÷（本年数 − 增减额）",
            f"Line {line}: stated change rate = change / (this year − change)",
        )
        if subject is None:
            why = "未能识别增减所指的金额 / amount the change refers to not identified"
            results.append(not_checkable(meta, (stated, change), why))
            continue
        results.append(percent_check(meta, stated, (change, subject), change_rate))
    return results


def _initial_budget(reader: _Reader, m: re.Match[str], start: int) -> re.Match[str] | None:
    """The 年初预算 a “完成年初预算的Z%” is of, when the matched budget is another one.

    The pair read is the budget printed just before the 决算; where that is the
    全年预算 and the sentence states the 年初预算 before it, the rate names the latter.
    """
    if not m.group("initial"):
        return None
    lead = _strip(reader.text[max(start, m.start() - 6) : m.start()])
    if lead.endswith("年初"):
        return None  # the pair's own budget is the 年初预算
    found = list(_INITIAL_BUDGET.finditer(reader.text, start, m.start()))
    return found[-1] if found else None


def _zero_budget_completion(
    meta: Meta, stated: Term, budget: Term, actual: Term, other: Term | None
) -> CheckResult:
    """A completion rate of a stated zero budget: no finite rate exists, so it contradicts."""
    note = "所述预算为0，完成预算的比率无有限值 / the stated budget is 0: no finite completion rate"
    if other is not None and other.value and actual.value is not None:
        rate = completion(other.value, actual.value).quantize(Decimal("0.01"))
        note += f"；决算 ÷ {other.name} = {rate}%"
    terms = (stated, budget, actual, *([other] if other is not None else []))
    return outcome(meta, CheckStatus.FAIL, stated.value, None, None, None, terms, note)


def budget_rate_checks(reader: _Reader) -> list[CheckResult]:
    results = []
    text = reader.text
    for m in _BUDGET.finditer(text):
        line = reader.line(m.start())
        start = _clause_start(text, m.start())
        subject = re.sub(r"^其中[:：]?", "", _strip(text[start : m.start()]))
        if not re.sub(r"(?:年初|全年)$", "", subject):  # the item named in the sentence before
            subject = _strip(text[_clause_start(text, start - 1) : start]).rstrip("。") + subject
        evidence = reader.evidence(m.start(), m.end())
        budget_value, actual_value = budget_and_actual(m)
        budget = Term("预算数", budget_value, evidence)
        actual = Term("决算数", actual_value, evidence)
        other = None  # the pair's own budget, when the rate is of the 年初预算 stated before it
        if (initial := _initial_budget(reader, m, start)) is not None:
            evidence = reader.evidence(initial.start(), m.end())
            other = Term("全年预算数", budget_value, evidence)
            budget = replace(
                reader.amount_term(initial, "a", "unit", "年初预算数"), evidence=evidence
            )
            actual = Term("决算数", actual_value, evidence)
        deviation = bool(m.group("diff"))
        stated = Term(
            "预决算差异率（%）" if deviation else "完成预算（%）",
            parse_number(m.group("p")),
            evidence,
        )
        meta = Meta(
            f"stated.{'budget_deviation' if deviation else 'budget_completion'}.L{line}",
            "budget_rates",
            f"第{line}行：{subject[:40]}预算数与决算数："
            + ("预决算差异率 =（决算 − 预算）÷ 预算" if deviation else "完成预算 = 决算 ÷ 预算"),
            f"Line {line}: "
            + ("budget deviation = (actual − budget) / budget" if deviation else "actual / budget"),
        )
        if not deviation and budget.value == 0 and actual.value and stated.value is not None:
            results.append(_zero_budget_completion(meta, stated, budget, actual, other))
            continue
        formula = budget_deviation if deviation else completion
        results.append(percent_check(meta, stated, (budget, actual), formula))
    return results


def stated_ratio_checks(
    text: str,
    facts: Sequence[Fact],
    items: Sequence[FunctionItem],
    candidates: Sequence[Candidate],
) -> list[CheckResult]:
    reader = _Reader(text, facts, candidates)
    return [
        *item_ratio_checks(text, items, facts),
        *share_checks(reader),
        *change_checks(reader),
        *budget_rate_checks(reader),
    ]
