"""Extract scalar facts from the narrative of a disclosure, with provenance.

The national template words its statements the same way everywhere:
"<label><optional （note）><number><unit>", e.g. 收入总计658.30万元,
使用非财政拨款结余（含专用结余）0.00万元, 实有人数30人. A label only counts when
it starts a phrase (after punctuation, a line break, 其中 or a year such as
2024年度), so 财政拨款收入总计 is never read as 收入总计 and 上年… never as this
year's figure. Labels tolerate whitespace between characters because PDF exports
wrap lines anywhere. Anything that does not fit the pattern is left unread:
a missing value is acceptable, a wrong one is not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from .numbers import (
    DECIMAL_NUMBER,
    MONEY_UNIT,
    NO_DIGIT_BEFORE,
    NUMBER,
    parse_number,
    to_wan_yuan,
)
from .structure import SectionIndex

# A label starts a phrase: after a mark, a line start, 其中, or a four-digit year.
_PHRASE_START = r"(?:(?<![^\s，。；：、,;:（）()])|(?<=其中)|(?<=\d年度)|(?<=\d年)|(?<=\d\s年度))"
_GAP = r"\s*(?:[（(][^（）()\n]{1,20}[）)])?\s*(?:为|是|共计|共)?\s*[:：]?\s*"


@dataclass(frozen=True)
class LabelRule:
    """Printed labels that state one vocabulary key, followed by a value in `unit`."""

    key: str
    labels: tuple[str, ...]
    unit: str = "wan_yuan"


MONEY_RULES: tuple[LabelRule, ...] = (
    LabelRule("revenue.grand_total", ("收入总计",)),
    LabelRule("revenue.current_year", ("本年收入合计", "本年收入", "收入合计")),
    LabelRule("revenue.non_fiscal_balance_used", ("使用非财政拨款结余",)),
    LabelRule("revenue.carryover_begin", ("年初结转和结余", "上年结转和结余")),
    LabelRule("revenue.fiscal_appropriation", ("财政拨款收入",)),
    LabelRule("revenue.superior_subsidy", ("上级补助收入",)),
    LabelRule("revenue.public_service", ("事业收入",)),
    LabelRule("revenue.business", ("经营收入",)),
    LabelRule("revenue.affiliate_remittance", ("附属单位上缴收入",)),
    LabelRule("revenue.other", ("其他收入",)),
    LabelRule("expenditure.grand_total", ("支出总计",)),
    LabelRule("expenditure.current_year", ("本年支出合计", "本年支出", "支出合计")),
    LabelRule("expenditure.surplus_distribution", ("结余分配",)),
    LabelRule("expenditure.carryover_end", ("年末结转和结余",)),
    LabelRule("expenditure.basic", ("基本支出",)),
    LabelRule("expenditure.project", ("项目支出",)),
    LabelRule("expenditure.remit_superior", ("上缴上级支出",)),
    LabelRule("expenditure.business", ("经营支出",)),
    LabelRule("expenditure.affiliate_subsidy", ("对附属单位补助支出",)),
)

STAFF_RULES: tuple[LabelRule, ...] = (
    LabelRule("staff.total", ("实有人数",), "person"),
    LabelRule("staff.active", ("在职人员",), "person"),
    LabelRule("staff.retired_lixiu", ("离休人员",), "person"),
    LabelRule("staff.retired", ("退休人员",), "person"),
)

# 收、支总计均为741.64万元 / 收、支总计各是X,Y万元 / 收支总计分别为X万元、Y万元
_PAIR_LABEL = r"收\s*[、和及与]?\s*支\s*总\s*计"
_SHARED_TOTAL = re.compile(
    _PHRASE_START + _PAIR_LABEL + r"\s*(?:均为|均是|都是|同为)\s*(?P<a>" + NUMBER + r")\s*"
    r"(?P<unit>" + MONEY_UNIT + ")"
)
_PAIR_TOTAL = re.compile(
    _PHRASE_START
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
_DIVISIONS = (
    re.compile(r"(?:下设|内设)\s*(?P<a>\d+)\s*个\s*(?:职能)?(?:科室|处室|股室|部室|内设机构)"),
    re.compile(r"内设(?:机构|科室|处室|股室)\s*(?:共)?\s*(?P<a>\d+)\s*个"),
)


@dataclass(frozen=True)
class Fact:
    """One stated value of a vocabulary key and where it was read."""

    key: str
    value: Decimal
    unit: str
    evidence: str
    section: tuple[str, ...]
    start: int
    end: int
    conflict: bool = False


def _fuzzy(label: str) -> str:
    return r"\s*".join(re.escape(ch) for ch in label)


def _label_pattern(rule: LabelRule) -> re.Pattern[str]:
    labels = sorted(rule.labels, key=len, reverse=True)
    alternatives = "|".join(_fuzzy(label) for label in labels)
    if rule.unit == "wan_yuan":
        value = rf"(?P<a>{NUMBER})\s*(?P<unit>{MONEY_UNIT})"
    else:
        value = r"(?P<a>\d+)\s*(?:人|名)"
    return re.compile(rf"{_PHRASE_START}(?:{alternatives}){_GAP}{value}")


def evidence_at(text: str, start: int, end: int, limit: int = 160) -> str:
    """The sentence around [start, end), line wraps folded, as quoted on the site."""
    left = max(text.rfind(mark, max(0, start - limit), start) for mark in "。；\n\n")
    left = max(left + 1, start - limit, 0)
    stops = [i for i in (text.find(mark, end, end + limit) for mark in "。；") if i != -1]
    right = min(stops) + 1 if stops else min(len(text), end + limit)
    sentence = text[left:right]
    sentence = re.sub(r"(?<=[^\x00-\x7f])\s*\n\s*(?=[^\x00-\x7f])", "", sentence)
    return re.sub(r"\s+", " ", sentence).strip()


def _money(match: re.Match[str], group: str = "a") -> Decimal | None:
    value = parse_number(match.group(group))
    return None if value is None else to_wan_yuan(value, match.group("unit"))


def _candidates(text: str) -> Iterator[tuple[str, Decimal, str, int, int]]:
    for rule in (*MONEY_RULES, *STAFF_RULES):
        for m in _label_pattern(rule).finditer(text):
            value = _money(m) if rule.unit == "wan_yuan" else parse_number(m.group("a"))
            if value is not None:
                yield rule.key, value, rule.unit, m.start(), m.end()
    for m in _SHARED_TOTAL.finditer(text):
        value = _money(m)
        if value is not None:
            yield "revenue.grand_total", value, "wan_yuan", m.start(), m.end()
            yield "expenditure.grand_total", value, "wan_yuan", m.start(), m.end()
    for m in _PAIR_TOTAL.finditer(text):
        a, b = _money(m, "a"), _money(m, "b")
        if a is not None and b is not None:
            yield "revenue.grand_total", a, "wan_yuan", m.start(), m.end()
            yield "expenditure.grand_total", b, "wan_yuan", m.start(), m.end()
    for pattern in _DIVISIONS:
        for m in pattern.finditer(text):
            yield "org.divisions", Decimal(m.group("a")), "count", m.start(), m.end()


def extract_facts(text: str, sections: SectionIndex) -> list[Fact]:
    """Every distinct stated value per key, first evidence kept; conflicts flagged."""
    seen: dict[tuple[str, Decimal], Fact] = {}
    for key, value, unit, start, end in sorted(_candidates(text), key=lambda c: (c[3], c[0])):
        if (key, value) in seen:
            continue
        seen[(key, value)] = Fact(
            key=key,
            value=value,
            unit=unit,
            evidence=evidence_at(text, start, end),
            section=sections.path_at(start),
            start=start,
            end=end,
        )
    values_per_key: dict[str, int] = {}
    for key, _ in seen:
        values_per_key[key] = values_per_key.get(key, 0) + 1
    return [
        Fact(**{**fact.__dict__, "conflict": values_per_key[fact.key] > 1})
        for fact in sorted(seen.values(), key=lambda f: (f.start, f.key))
    ]
