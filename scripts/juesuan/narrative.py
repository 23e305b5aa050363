"""Read facts from the narrative (情况说明) of a disclosure, by the template's wording.

The national template words its statements the same way everywhere:
"<label><qualifiers><number><unit>", e.g. 收入总计658.30万元,
使用非财政拨款结余（含专用结余）0.00万元, 公务接待费支出决算0.26万元,
实有人数30人. A label only counts when it starts a phrase (after punctuation,
a line break, 其中 or a year such as 2024年度), so 财政拨款收入总计 is never
read as 收入总计 and 上年… never as this year's figure. Between label and number
only qualifiers (支出, 决算数, 为, a parenthesised note) may stand — never
预算, so a budget is never read as an actual. Labels tolerate whitespace between
characters because PDF exports wrap lines anywhere. Rules that could be
confused with another part of the template are limited to the section whose
title names their topic. Anything that does not fit is left unread.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from .numbers import DECIMAL_NUMBER, MONEY_UNIT, NO_DIGIT_BEFORE, NUMBER, parse_number, to_wan_yuan

PHRASE_START = (
    r"(?:(?<![^\s，。；：、,;:（）()])|(?<=其中)|(?<=本年度)|(?<=\d年度)|(?<=\d年)|(?<=\d\s年度)"
    r"|(?<=共有)|(?<=现有)|(?<=年底)|(?<=年末))"
)
# "2024年区科协基本支出为…": a year, then the unit's (short) name as subject, then the label.
# The subject may not contain a word that would change what the figure is (a budget, an
# appropriation, last year, a subordinate unit), so 2024年一般公共预算财政拨款基本支出 is
# never read as the unit's 基本支出.
_SUBJECT = (
    r"(?:(?<=\d年)|(?<=\d年度))(?P<subject>(?:(?!预算|拨款|财政|支出|收入|经费|上年|去年|同期"
    r"|合计|总计|决算|其中|本级|下属|所属|二级|附属|项目|基本)[\u4e00-\u9fff]){2,10}?)"
)
# Labels so specific that they need no phrase start, only not to be last year's.
NOT_PRIOR_YEAR = r"(?<!上年)(?<!去年)(?<!上年度)(?<!同期)"
_NOTE = r"(?:[（(][^（）()\n]{1,24}[）)])"
QUALIFIER = rf"(?:\s|{_NOTE}|支出|决算数|决算|金额|共计|合计|总额|为|是|:|：)*?"
_SANGONG = r"[“\"”]?\s*三\s*公\s*[”\"“]?\s*经\s*费"
_SANGONG_PREFIX = r"(?:一般公共预算)?(?:财政拨款)?"

COUNT_UNITS = {
    "person": r"(?:人|名)",
    "count": r"个",
    "vehicle": r"(?:辆|台)",
    "square_metre": r"(?:平方米|㎡|m2)",
    "unit": r"(?:台|套|台\s*[（(]\s*套\s*[）)])",
}


@dataclass(frozen=True)
class LabelRule:
    """Printed labels that state one vocabulary key, followed by a value in `unit`.

    `section` limits the rule to text under a heading matching that pattern, and
    `not_section` keeps it out of text under one (基本支出 under 一般公共预算支出情况
    is the appropriation's basic expenditure, not the unit's);
    `prefix` is an optional printed qualifier before the label (e.g. 财政拨款).
    """

    key: str
    labels: tuple[str, ...]
    unit: str = "wan_yuan"
    section: str | None = None
    prefix: str = ""
    not_section: str | None = None
    anywhere: bool = False


def _rules() -> tuple[LabelRule, ...]:
    money = [
        ("revenue.grand_total", ("收入总计",), None),
        ("revenue.current_year", ("本年收入合计", "本年收入", "收入合计"), None),
        ("revenue.non_fiscal_balance_used", ("使用非财政拨款结余",), None),
        ("revenue.carryover_begin", ("年初结转和结余", "上年结转和结余"), None),
        ("revenue.fiscal_appropriation", ("财政拨款收入",), None),
        ("revenue.superior_subsidy", ("上级补助收入",), None),
        ("revenue.public_service", ("事业收入",), None),
        ("revenue.business", ("经营收入",), None),
        ("revenue.affiliate_remittance", ("附属单位上缴收入",), None),
        ("revenue.other", ("其他收入",), None),
        ("expenditure.grand_total", ("支出总计",), None),
        ("expenditure.current_year", ("本年支出合计", "本年支出", "支出合计"), None),
        ("expenditure.surplus_distribution", ("结余分配",), None),
        ("expenditure.carryover_end", ("年末结转和结余",), None),
        ("expenditure.basic", ("基本支出",), None),
        ("expenditure.project", ("项目支出",), None),
        ("gpb.basic", ("基本支出",), "一般公共预算"),
        ("expenditure.remit_superior", ("上缴上级支出",), None),
        ("expenditure.business", ("经营支出",), None),
        ("expenditure.affiliate_subsidy", ("对附属单位补助支出",), None),
        ("fiscal.revenue_total", ("财政拨款收入总计",), None),
        ("fiscal.expenditure_total", ("财政拨款支出总计",), None),
        ("fiscal.initial_budget", ("年初预算数",), "财政拨款收入支出决算总体情况"),
        ("gpb.expenditure", ("一般公共预算财政拨款支出",), None),
        ("gpb.basic", ("一般公共预算财政拨款基本支出",), None),
        ("gpb.personnel", ("人员经费",), "基本支出"),
        ("gpb.public_funds", ("公用经费",), "基本支出"),
        ("sangong.abroad", ("因公出国（境）费", "因公出国(境)费", "因公出国（境）经费"), "三公"),
        (
            "sangong.vehicle",
            ("公务用车购置及运行维护费", "公务用车购置及运行费", "公务用车购置和运行维护费"),
            "三公",
        ),
        ("sangong.vehicle_purchase", ("公务用车购置费", "公务用车购置"), "三公"),
        (
            "sangong.vehicle_operation",
            ("公务用车运行维护费", "公务用车运行维护", "公务用车运行费"),
            "三公",
        ),
        ("sangong.reception", ("公务接待费",), "三公"),
        ("admin.operating_expenses", ("机关运行经费",), None),
        ("procurement.total", ("政府采购支出总额",), None),
        ("procurement.goods", ("政府采购货物支出",), None),
        ("procurement.works", ("政府采购工程支出",), None),
        ("procurement.services", ("政府采购服务支出",), None),
        ("procurement.sme", ("授予中小企业合同金额",), None),
        ("procurement.small_micro", ("授予小微企业合同金额",), None),
    ]
    counts = [
        ("staff.total", ("实有人数", "实有干部职工", "实有人员"), "person", None),
        ("staff.active", ("在职人员",), "person", None),
        ("staff.retired_lixiu", ("离休人员",), "person", None),
        ("staff.retired", ("退休人员",), "person", None),
        ("staff.authorized", ("核定编制数", "核定编制", "编制数"), "person", None),
        ("sangong.vehicles_held", ("公务用车保有量",), "vehicle", "三公"),
        ("assets.house_area", ("房屋",), "square_metre", "国有资产"),
        ("assets.vehicles", ("车辆",), "vehicle", "国有资产"),
    ]
    distinctive = {
        "admin.operating_expenses",
        "procurement.total",
        "procurement.sme",
        "procurement.small_micro",
        "sangong.vehicles_held",
    }
    in_gpb_section = {"expenditure.basic", "expenditure.project"}
    rules = [
        LabelRule(
            k,
            labels,
            "wan_yuan",
            section,
            anywhere=k in distinctive,
            not_section="一般公共预算" if k in in_gpb_section else None,
        )
        for k, labels, section in money
    ]
    rules.append(LabelRule("sangong.total", ("",), "wan_yuan", "三公", _SANGONG_PREFIX))
    rules += [
        LabelRule(k, labels, unit, section, anywhere=k in distinctive)
        for k, labels, unit, section in counts
    ]
    return tuple(rules)


RULES = _rules()


def fuzzy(label: str) -> str:
    """A label as a pattern that survives line wraps and （/( variants inside it."""
    out = []
    for ch in label:
        if ch in "（(":
            out.append(r"[（(]")
        elif ch in "）)":
            out.append(r"[）)]")
        else:
            out.append(re.escape(ch))
    return r"\s*".join(out)


def _compile(rule: LabelRule) -> re.Pattern[str]:
    if rule.key == "sangong.total":
        label = _SANGONG_PREFIX + _SANGONG
    else:
        label = "(?:" + "|".join(fuzzy(x) for x in sorted(rule.labels, key=len, reverse=True)) + ")"
    if rule.unit == "wan_yuan":
        value = rf"(?P<a>{NUMBER})\s*(?P<unit>{MONEY_UNIT})"
    else:
        value = rf"(?P<a>{NUMBER})\s*{COUNT_UNITS[rule.unit]}"
    start = NOT_PRIOR_YEAR if rule.anywhere else f"(?:{PHRASE_START}|{_SUBJECT})"
    return re.compile(rf"{start}{label}{QUALIFIER}{value}")


_COMPILED = tuple((rule, _compile(rule)) for rule in RULES)

# 收、支总计均为741.64万元 / 收、支总计各是X,Y万元 / 财政拨款收、支总计均为…
_PAIR_LABEL = r"(?P<fiscal>财\s*政\s*拨\s*款\s*)?收\s*[、和及与]?\s*支\s*总\s*计"
_SHARED_TOTAL = re.compile(
    PHRASE_START + _PAIR_LABEL + r"\s*(?:均为|均是|都是|同为)\s*(?P<a>" + NUMBER + r")\s*"
    r"(?P<unit>" + MONEY_UNIT + ")"
)
_PAIR_TOTAL = re.compile(
    PHRASE_START
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
# “三公”经费支出全年预算数6.53万元，决算数6.53万元 / 支出预算为2.60万元，支出决算为2.46万元
_SANGONG_BUDGET = re.compile(
    PHRASE_START + _SANGONG_PREFIX + _SANGONG + r"(?:\s*支出)?\s*(?:全年)?\s*预\s*算\s*(?:数)?"
    r"\s*(?:为|是)?\s*(?P<a>" + NUMBER + r")\s*(?P<unit>" + MONEY_UNIT + r")"
    r"(?:\s*[，,]\s*(?:支出)?\s*决\s*算\s*(?:数)?\s*(?:为|是)?\s*(?P<b>" + NUMBER + r")\s*"
    r"(?P<unit_b>" + MONEY_UNIT + r"))?"
)
_RECEPTION_GROUPS = re.compile(
    r"接待国内来访团组\s*(?P<a>\d+)\s*个\s*[、，,]\s*来宾\s*(?P<b>\d+)\s*人次"
)
_DIVISIONS = (
    re.compile(r"(?:下设|内设)\s*(?P<a>\d+)\s*个\s*(?:职能)?(?:科室|处室|股室|部室|内设机构)"),
    re.compile(r"内设(?:机构|科室|处室|股室)\s*(?:共)?\s*(?P<a>\d+)\s*个"),
)
_RECEPTION = re.compile(
    r"国\s*内\s*公\s*务\s*接\s*待\s*(?P<a>\d+)\s*批\s*次\s*[，,、]?\s*(?:共\s*)?(?P<b>\d+)\s*人\s*次"
)
_PROJECTS = (
    re.compile(r"(?:预算)?绩效评价项目\s*(?P<a>\d+)\s*个"),
    re.compile(r"开展绩效自评\s*[，,]\s*其中\s*[，,：:]?\s*项目\s*(?P<a>\d+)\s*个"),
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


def narrative_candidates(text: str, section_titles_at) -> Iterator[Candidate]:
    """(key, value, unit, start, end) for every template phrase in `text`.

    `section_titles_at(offset)` returns the joined heading titles above an offset.
    """
    for rule, pattern in _COMPILED:
        for m in pattern.finditer(text):
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
                after = _VALUE_AFTER.match(text, m.end())
                worth = _money(after) if after else None
                if after and worth is not None:
                    key = (
                        "assets.house_value"
                        if rule.key == "assets.house_area"
                        else ("assets.vehicles_value")
                    )
                    yield Candidate(key, worth, "wan_yuan", after.start("a"), after.end())
    for m in _SHARED_TOTAL.finditer(text):
        value = _money(m)
        if value is not None:
            prefix = "fiscal." if m.group("fiscal") else ""
            rev = "fiscal.revenue_total" if prefix else "revenue.grand_total"
            exp = "fiscal.expenditure_total" if prefix else "expenditure.grand_total"
            yield Candidate(rev, value, "wan_yuan", m.start(), m.end())
            yield Candidate(exp, value, "wan_yuan", m.start(), m.end())
    for m in _PAIR_TOTAL.finditer(text):
        a, b = _money(m, "a"), _money(m, "b")
        if a is not None and b is not None:
            rev = "fiscal.revenue_total" if m.group("fiscal") else "revenue.grand_total"
            exp = "fiscal.expenditure_total" if m.group("fiscal") else "expenditure.grand_total"
            yield Candidate(rev, a, "wan_yuan", m.start(), m.end())
            yield Candidate(exp, b, "wan_yuan", m.start(), m.end())
    for m in _SANGONG_BUDGET.finditer(text):
        value = _money(m)
        if value is not None:
            yield Candidate("sangong.budget_total", value, "wan_yuan", m.start(), m.end())
        actual = parse_number(m.group("b")) if m.group("b") else None
        if actual is not None:
            actual = to_wan_yuan(actual, m.group("unit_b"))
            yield Candidate("sangong.total", actual, "wan_yuan", m.start("b"), m.end())
    for m in _RECEPTION_GROUPS.finditer(text):
        yield Candidate(
            "sangong.reception_batches", Decimal(m.group("a")), "count", m.start(), m.end()
        )
        yield Candidate(
            "sangong.reception_persons", Decimal(m.group("b")), "person", m.start(), m.end()
        )
    for pattern in _DIVISIONS:
        for m in pattern.finditer(text):
            yield Candidate("org.divisions", Decimal(m.group("a")), "count", m.start(), m.end())
    for m in _RECEPTION.finditer(text):
        yield Candidate(
            "sangong.reception_batches", Decimal(m.group("a")), "count", m.start(), m.end()
        )
        yield Candidate(
            "sangong.reception_persons", Decimal(m.group("b")), "person", m.start(), m.end()
        )
    for pattern in _PROJECTS:
        for m in pattern.finditer(text):
            yield Candidate(
                "performance.projects_evaluated", Decimal(m.group("a")), "count", m.start(), m.end()
            )
    for m in _OVERALL_SCORE.finditer(text):
        score = parse_number(m.group("a"))
        if score is not None and score <= 100:
            yield Candidate("performance.overall_score", score, "score", m.start(), m.end())
    for m in _EQUIPMENT.finditer(text):
        yield Candidate(
            "assets.equipment_over_1m", Decimal(m.group("a")), "unit", m.start(), m.end()
        )
