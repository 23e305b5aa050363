"""The template's labelled statements: which printed label states which vocabulary key.

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
title names their topic.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from juesuan.domain.amounts import MONEY_UNIT, NUMBER
from juesuan.domain.sangong import PRINTED_NAMES

# A phrase also starts after an item number (2.上级补助收入…, 2．…) and after 包括
# (本年收入合计X万元；包括财政拨款收入Y万元…).
PHRASE_START = (
    r"(?:(?<![^\s，。；：、,;:（）()])|(?<=其中)|(?<=本年度)|(?<=\d年度)|(?<=\d年)|(?<=\d\s年度)"
    r"|(?<=共有)|(?<=现有)|(?<=年底)|(?<=年末)|(?<=包括)|(?<=\d\.)|(?<=\d．))"
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
SANGONG_LABEL = r"[“\"”]?\s*三\s*公\s*[”\"“]?\s*经\s*费"
SANGONG_PREFIX = r"(?:一般公共预算)?(?:财政拨款)?"


# 由中小企业供应商中标或成交的，采购金额…: what was awarded to such firms (in reserved
# projects and in the others: both statements are kept).
def _awarded(firms: str) -> tuple[str, ...]:
    return (f"由{firms}供应商中标或成交的，采购金额", f"由{firms}供应商中标或成交的采购金额")


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
    # The label must follow a year (2021年度总收入 / 2021 年度…, 本年度…): for words as
    # common as 总收入, which elsewhere may be a project's or a fund's.
    after_year: bool = False


# Money labels: (key, printed labels, the heading they must stand under or None).
MONEY_LABELS: tuple[tuple[str, tuple[str, ...], str | None], ...] = (
    ("revenue.grand_total", ("收入总计",), None),
    ("revenue.current_year", ("本年收入合计", "本年收入", "收入合计"), None),
    (
        "revenue.non_fiscal_balance_used",
        ("使用非财政拨款结余", "使用非财政拨款结余和专用结余", "使用非财政拨款结余及专用结余"),
        None,
    ),
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
    # 财政拨款支出年初预算数472.9万元 (never 一般公共预算财政拨款…: not a phrase start).
    ("fiscal.initial_budget", ("财政拨款支出年初预算数", "财政拨款年初预算数"), None),
    ("gpb.expenditure", ("一般公共预算财政拨款支出",), None),
    ("gpb.basic", ("一般公共预算财政拨款基本支出",), None),
    ("gpb.personnel", ("人员经费",), "基本支出"),
    ("gpb.public_funds", ("公用经费",), "基本支出"),
    *((f"sangong.{c}", names, "三公") for c, names in PRINTED_NAMES.items()),
    ("admin.operating_expenses", ("机关运行经费",), None),
    ("procurement.total", ("政府采购支出总额",), None),
    ("procurement.goods", ("政府采购货物支出",), None),
    ("procurement.works", ("政府采购工程支出",), None),
    ("procurement.services", ("政府采购服务支出",), None),
    ("procurement.sme", ("授予中小企业合同金额",), None),
    ("procurement.small_micro", ("授予小微企业合同金额",), None),
    # The wording of 政府采购金额（以合同签订为准）为…，其中：货物采购金额…、工程采购
    # 金额…、服务采购金额… and of the awards to (small and micro) enterprises.
    ("procurement.total", ("政府采购金额",), "政府采购"),
    ("procurement.goods", ("货物采购金额",), "政府采购"),
    ("procurement.works", ("工程采购金额",), "政府采购"),
    ("procurement.services", ("服务采购金额",), "政府采购"),
    ("procurement.sme", _awarded("中小企业"), "政府采购"),
    ("procurement.small_micro", _awarded("小微企业"), "政府采购"),
)
# Counts: (key, printed labels, unit, the heading they must stand under or None).
COUNT_LABELS: tuple[tuple[str, tuple[str, ...], str, str | None], ...] = (
    ("staff.total", ("实有人数", "实有干部职工", "实有人员"), "person", None),
    ("staff.active", ("在职人员",), "person", None),
    ("staff.retired_lixiu", ("离休人员",), "person", None),
    ("staff.retired", ("退休人员",), "person", None),
    ("staff.authorized", ("核定编制数", "核定编制", "编制数"), "person", None),
    ("sangong.vehicles_held", ("公务用车保有量",), "vehicle", "三公"),
    ("assets.house_area", ("房屋",), "square_metre", "国有资产"),
    ("assets.vehicles", ("车辆",), "vehicle", "国有资产"),
)
# Labels distinctive enough to be read under any heading.
DISTINCTIVE = frozenset(
    {
        "admin.operating_expenses",
        "procurement.total",
        "procurement.sme",
        "procurement.small_micro",
        "sangong.vehicles_held",
    }
)
# Read as the unit's only outside the 一般公共预算 part (there they are gpb.*).
OUTSIDE_GPB = frozenset({"expenditure.basic", "expenditure.project"})


def _rules() -> tuple[LabelRule, ...]:
    rules = [
        LabelRule(
            k,
            labels,
            "wan_yuan",
            section,
            anywhere=k in DISTINCTIVE,
            not_section="一般公共预算" if k in OUTSIDE_GPB else None,
        )
        for k, labels, section in MONEY_LABELS
    ]
    rules.append(LabelRule("sangong.total", ("",), "wan_yuan", "三公", SANGONG_PREFIX))
    # 总收入/总支出 (本单位2021年度总收入X万元，其中本年收入Y万元): the grand totals, but
    # not in a performance report, where a project's 总支出 is the project's.
    rules += [
        LabelRule("revenue.grand_total", ("年度总收入",), not_section="绩效", after_year=True),
        LabelRule("expenditure.grand_total", ("年度总支出",), not_section="绩效", after_year=True),
    ]
    rules += [
        LabelRule(k, labels, unit, section, anywhere=k in DISTINCTIVE)
        for k, labels, unit, section in COUNT_LABELS
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


def _firsts_of(labels: tuple[str, ...]) -> str:
    """The characters the fuzzy patterns of `labels` can start with."""
    firsts = {label[0] for label in labels}
    if firsts & set("（("):
        firsts |= set("（(")
    return "".join(sorted(firsts))


def _first_characters(rule: LabelRule) -> str:
    """What a label can start with, tested before the (costly) phrase-start lookbehinds.

    The regex engine tries a pattern at every position of a 70,000-character text; a
    one-character lookahead turns most of those tries into a single comparison.
    """
    if rule.key == "sangong.total":
        return '一财“"”三'
    return _firsts_of(rule.labels)


def _label(rule: LabelRule) -> str:
    if rule.key == "sangong.total":
        return SANGONG_PREFIX + SANGONG_LABEL
    return "(?:" + "|".join(fuzzy(x) for x in sorted(rule.labels, key=len, reverse=True)) + ")"


def _compile(rule: LabelRule) -> re.Pattern[str]:
    ahead = "(?=[" + re.escape(_first_characters(rule)) + "])"
    if rule.unit == "wan_yuan":
        value = rf"(?P<a>{NUMBER})\s*(?P<unit>{MONEY_UNIT})"
    else:
        value = rf"(?P<a>{NUMBER})\s*{COUNT_UNITS[rule.unit]}"
    start = ahead + NOT_PRIOR_YEAR if rule.anywhere else f"(?:{ahead}{PHRASE_START}|{_SUBJECT})"
    if rule.after_year:
        start = ahead + r"(?:(?<=\d)|(?<=\d\s)|(?<=本))"
    return re.compile(rf"{start}{_label(rule)}{QUALIFIER}{value}")


# Where a _SUBJECT may start: right after a digit and 年 or 年度.
_YEAR = re.compile(r"\d年")
SUBJECT_MIN, SUBJECT_MAX = 2, 10  # the subject's length bounds in _SUBJECT


def year_ends(text: str) -> list[int]:
    """Every offset a `(?<=\\d年)|(?<=\\d年度)` lookbehind accepts, ascending."""
    ends = []
    for m in _YEAR.finditer(text):
        ends.append(m.end())
        if text.startswith("度", m.end()):
            ends.append(m.end() + 1)
    return ends


class LabelSearch:
    """Every offset where a label pattern matches, overlapping ones too (本年收入合计 ⊃
    收入合计): each search starts one character after the last start found. Fast where the
    pattern begins with a literal, which the regex engine finds by a plain scan.

    `parts`, alternatives of the pattern none of which can match inside a match of its own,
    find the same starts faster: each part's matches are all its starts, found by one
    finditer (a search per start costs a call and a rescan: 0.4 ms for the three labels of
    本年支出合计 in a text that says 支出 hundreds of times)."""

    def __init__(
        self, pattern: re.Pattern[str], parts: tuple[re.Pattern[str], ...] | None = None
    ) -> None:
        self.pattern, self.parts = pattern, parts

    @classmethod
    def of_labels(cls, pattern: re.Pattern[str], labels: tuple[str, ...]) -> LabelSearch:
        """The search for `pattern`, the fuzzy alternation of `labels` (see _label)."""
        if any(_inside_itself(label) for label in labels):
            return cls(pattern)
        return cls(pattern, tuple(re.compile(fuzzy(label)) for label in labels))

    def starts(self, text: str) -> list[int]:
        if self.parts is not None:
            found = {m.start() for part in self.parts for m in part.finditer(text)}
            return sorted(found)
        out = []
        match = self.pattern.search(text)
        while match:
            out.append(match.start())
            match = self.pattern.search(text, match.start() + 1)
        return out


def _inside_itself(label: str) -> bool:
    """Whether fuzzy(label) may match starting inside a match of its own: only where its
    first character (brackets of either width alike) stands again later in it."""
    plain = label.replace("（", "(").replace("）", ")")
    return plain[:1] in plain[1:]


class CoreLabelSearch(LabelSearch):
    """A label that begins with optional words (at most `lead` characters, no space among
    them) and spaces before a `core` no other core can start inside.

    Its pattern starts with no literal, so a search tries it at every offset (~0.8 ms a
    text for the 三公 label). Every start lies before a core: from `lead` characters
    before the run of spaces that ends at the core, up to the core itself. Only those
    offsets are tried, where the core's literal first character is found by a plain scan,
    and of them only those holding one of `firsts` or a space (what a match can start with).
    """

    def __init__(
        self, pattern: re.Pattern[str], core: re.Pattern[str], lead: int, firsts: str
    ) -> None:
        super().__init__(pattern)
        self.core, self.lead, self.firsts = core, lead, firsts

    def starts(self, text: str) -> list[int]:
        found: set[int] = set()
        for core in self.core.finditer(text):
            at = spaces = core.start()
            while spaces and text[spaces - 1].isspace():  # isspace: the regex's \s
                spaces -= 1
            tries = range(max(0, spaces - self.lead), at + 1)
            found.update(
                p
                for p in tries
                if (text[p] in self.firsts or text[p].isspace()) and self.pattern.match(text, p)
            )
        return sorted(found)


# The 三公 label after its optional words (SANGONG_PREFIX, then a quote and spaces).
_SANGONG_CORE = re.compile(r"三\s*公\s*[”\"“]?\s*经\s*费")
_SANGONG_LEAD = len("一般公共预算财政拨款“")


def label_search(rule: LabelRule) -> LabelSearch:
    """Finds where the rule's label starts (with the words it may begin with)."""
    if rule.key == "sangong.total":  # optional words first, then maybe a space: no literal
        pattern = re.compile(rf"(?=[{re.escape(_first_characters(rule))}\s])" + _label(rule))
        return CoreLabelSearch(pattern, _SANGONG_CORE, _SANGONG_LEAD, _first_characters(rule))
    return LabelSearch.of_labels(re.compile(_label(rule)), rule.labels)


def matches_at_labels(
    pattern: re.Pattern[str],
    label: LabelSearch | list[int],
    text: str,
    years: list[int] | None,
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, tried only where a match can start.

    The patterns of the rules start with lookbehinds the regex engine tries at every
    offset of a long text, for each of ~50 rules. But a match starts at its label
    or — given `years` = year_ends(text), for patterns with a _SUBJECT — at a
    subject of 2–10 characters after a year that ends right before its label. So
    the pattern is tried at those offsets only: the same matches (lookbehinds see
    the text before the offset tried) at a fraction of the cost, since the bare
    label is found by a fast literal scan. `label` may be the starts themselves, when
    several patterns share one label.
    """
    labels = label if isinstance(label, list) else label.starts(text)
    if not labels:
        return
    starts = set(labels)
    for at in labels if years else ():  # the years 2–10 characters before a label
        starts.update(
            years[bisect_left(years, at - SUBJECT_MAX) : bisect_right(years, at - SUBJECT_MIN)]
        )
    done = 0
    for start in sorted(starts):
        if start < done:
            continue
        m = pattern.match(text, start)
        if m:
            yield m
            done = m.end()


@dataclass(frozen=True)
class CompiledRule:
    """A rule's pattern and the search for its label (see matches_at_labels)."""

    rule: LabelRule
    pattern: re.Pattern[str]
    label: LabelSearch

    def finditer(self, text: str, years: list[int]) -> Iterator[re.Match[str]]:
        """`self.pattern.finditer(text)`; `years` = year_ends(text)."""
        subject_years = None if self.rule.anywhere or self.rule.after_year else years
        return matches_at_labels(self.pattern, self.label, text, subject_years)


COMPILED_RULES = tuple(CompiledRule(rule, _compile(rule), label_search(rule)) for rule in RULES)
SANGONG_TOTAL = next(c for c in COMPILED_RULES if c.rule.key == "sangong.total")


# A 三公 component's name in a sentence, as a pattern (the budget-and-actual readers).
COMPONENT_LABELS = {
    "total": r"(?:一般公共预算)?(?:财政拨款)?[“\"]?\s*三\s*公\s*[”\"]?\s*经\s*费",
    **{c: "(?:" + "|".join(fuzzy(n) for n in names) + ")" for c, names in PRINTED_NAMES.items()},
}
# What each of COMPONENT_LABELS can start with, as a lookahead: tested first, it spares the
# pattern after it (a lookbehind, optional words) at the offsets where no name starts.
COMPONENT_AHEAD = {
    "total": r'(?=[\s"“一三财])',
    **{c: "(?=[" + re.escape(_firsts_of(names)) + "])" for c, names in PRINTED_NAMES.items()},
}


def component_after_non_han(component: str) -> str:
    r"""COMPONENT_LABELS[component] with no Han character right before it, as a pattern.

    Where all its names start with one character c (公务…, 因公…), that is
    c(?<![\u4e00-\u9fff]c)\s*(…the names' rest…): the same matches as the lookbehind
    before the names, with a literal first, which the regex engine finds by a plain scan
    instead of trying the lookbehind at every offset of the text."""
    names = PRINTED_NAMES.get(component, ())
    firsts = _firsts_of(names) if names else ""
    if len(firsts) != 1 or firsts in "（(":
        return COMPONENT_AHEAD[component] + r"(?<![\u4e00-\u9fff])" + COMPONENT_LABELS[component]
    c = re.escape(firsts)
    rests = "|".join(fuzzy(name[1:]) for name in PRINTED_NAMES[component])
    return rf"{c}(?<![\u4e00-\u9fff]{c})\s*(?:{rests})"
