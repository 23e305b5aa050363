"""“三公” totals and reception counts in the wordings departments print besides the template's.

The template says “三公”经费支出全年预算数X万元，决算数Y万元 (narrative.py reads it). Many
departments write the total otherwise:
- “三公”经费财政拨款支出决算为X万元，完成全年预算Y万元的Z% (the actual first, then the
  budget it is measured against; only the budget right after the total's own actual is read,
  never the 完成全年预算… of a component);
- …安排的“三公”经费支出决算总额为X万元 / “三公”经费决算汇总数X万元 / 合计支出X万元;
- 全年开支“三公”经费X万元 / 2019年实际支出“三公经费”决算为X万元;
- “三公”经费支出X万元，年初预算为Y万元.
Receptions are counted in either order and with a note between the counts:
国内公务接待共15批次（其中外事接待0批次），105人次 / 公务接待批次为8个，接待人次为60人 /
公务接待来宾60人次、共8批次.

Every statement must be about the disclosure's fiscal year: a statement whose sentence names
another year before it (next year's budget printed first, last year's figure), or whose clause
starts with 上年/去年/同期, is not read. A total that includes 会议费 or 培训费 is not the
三公 total and is not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from juesuan.domain.amounts import MONEY_UNIT, NUMBER, parse_number, to_wan_yuan
from juesuan.extract.label_rules import _SUBJECT, PHRASE_START, year_ends
from juesuan.extract.narrative import Candidate

# A parenthesised note that does not widen the total (含会议费、培训费 does).
_NOTE = r"(?:[（(](?![^（）()\n]*(?:会议|培训))[^（）()\n]{1,24}[）)])"
_WORDS = ("支出", "决算数", "决算", "汇总数", "金额", "共计", "合计", "总额", "总计")
_QUALIFIER = r"(?:\s|" + _NOTE + "|" + "|".join(r"\s*".join(w) for w in _WORDS) + r"|为|是|:|：)*?"
# What may stand between the phrase start and the label: 全年开支 / 实际支出 / 本年度使用.
_LEAD = (
    r"(?:(?:全\s*年|本\s*年\s*度?)\s*)?(?:实\s*际\s*)?(?:开\s*支|支\s*出|使\s*用)\s*"
    r"(?:一\s*般\s*公\s*共\s*预\s*算\s*)?(?:财\s*政\s*拨\s*款\s*)?"
)
_PREFIX = r"(?:一\s*般\s*公\s*共\s*预\s*算\s*)?(?:财\s*政\s*拨\s*款\s*)?(?:安\s*排\s*的\s*)?"
_LABEL = r"[“\"”]?\s*三\s*公\s*[”\"“]?\s*经\s*费\s*[”\"]?\s*(?:财\s*政\s*拨\s*款\s*)?"
_VALUE = rf"(?P<a>{NUMBER})\s*(?P<unit>{MONEY_UNIT})"
# The budget the total is measured against, right after it: ，完成全年预算5.3万元的 /
# ，年初预算为2.95万元
_BUDGET_AFTER = (
    r"(?:\s*[，,]\s*(?:完\s*成\s*)?(?:全\s*年\s*|年\s*初\s*)?预\s*算\s*(?:数\s*)?(?:为|是)?\s*"
    rf"(?P<b>{NUMBER})\s*(?P<b_unit>{MONEY_UNIT}))?"
)
_TOTAL = re.compile(
    rf"(?:{PHRASE_START}|{_SUBJECT})(?:{_LEAD})?{_PREFIX}{_LABEL}{_QUALIFIER}{_VALUE}{_BUDGET_AFTER}"
)
# The budget first, the actual after it or not stated: “三公”经费财政拨款支出预算为44.52万元 /
# “三公”经费支出年初预算为12000.00元，支出决算为12,000.00元.
_BUDGET = re.compile(
    rf"(?:{PHRASE_START}|{_SUBJECT}){_PREFIX}{_LABEL}(?:支\s*出\s*)?(?:全\s*年\s*|年\s*初\s*)?"
    rf"预\s*算\s*(?:数\s*)?(?:为|是)?\s*(?P<b>{NUMBER})\s*(?P<b_unit>{MONEY_UNIT})"
    rf"(?:\s*[，,]\s*(?:支\s*出\s*)?决\s*算\s*(?:数\s*)?(?:为|是)?\s*{_VALUE})?"
)
# 公务用车保有量为2辆 / 公务车辆保有2辆 (the label rule reads it under a 三公 heading only).
# 公(?<![上去]公) is (?<![上去])公 with the literal first: the regex engine then finds
# each 公 by a fast scan instead of trying the lookbehind at every offset.
_VEHICLES_HELD = re.compile(
    r"公(?<![上去]公)\s*务\s*(?:用\s*)?车\s*(?:辆\s*)?保\s*有\s*(?:量|数)?\s*(?:为|是|共)?\s*"
    r"(?P<a>\d+)\s*辆"
)
_SAN = re.compile(r"三\s*公")

_RECEPTION_WORD = r"公(?<![外宾事]公)\s*务\s*接\s*待\s*"  # the literal first, as above
_TIMES = r"(?:共\s*计?|累\s*计|合\s*计|接\s*待)?\s*"
_IS = r"(?:为|是|共)?\s*"
_RECEPTIONS = (
    # 公务接待共15批次（其中外事接待0批次），105人次
    re.compile(
        rf"{_RECEPTION_WORD}{_TIMES}(?P<a>\d+)\s*批\s*次?\s*(?:{_NOTE}\s*)?[，,、]?\s*{_TIMES}"
        rf"(?P<b>\d+)\s*人\s*次"
    ),
    # 公务接待批次为520个，接待人次为4200人
    re.compile(
        rf"{_RECEPTION_WORD}批\s*次\s*{_IS}(?P<a>\d+)\s*(?:个|批\s*次?)\s*[，,、]\s*"
        rf"(?:公\s*务\s*)?接\s*待\s*人\s*次\s*{_IS}(?P<b>\d+)\s*人\s*次?"
    ),
    # 公务接待来宾60人次、共8批次 / 公务接待人次为60人，接待批次为8个
    re.compile(
        rf"{_RECEPTION_WORD}{_TIMES}(?:来\s*宾\s*|人\s*次\s*{_IS})?(?P<b>\d+)\s*人\s*次?\s*"
        rf"(?:{_NOTE}\s*)?[，,、]\s*{_TIMES}(?:批\s*次\s*{_IS})?(?P<a>\d+)\s*(?:批\s*次?|个)"
    ),
)
_PRIOR = re.compile(r"上\s*年|去\s*年|上\s*一\s*年|同\s*期|下\s*年|明\s*年")
_YEAR = re.compile(r"(\d{4})\s*年")
_CLAUSE_END = "，,。；;\n"


def about_other_year(text: str, start: int, fiscal_year: int | None) -> bool:
    """Whether the statement at `start` is about another year than `fiscal_year`.

    The last year named in its sentence before it must be the fiscal year, and its clause
    may not begin with 上年/去年/同期 (nor 下年/明年).
    """
    sentence = max(text.rfind(mark, max(0, start - 200), start) for mark in "。；;\n") + 1
    clause = max(text.rfind(mark, sentence, start) for mark in _CLAUSE_END) + 1
    if _PRIOR.search(text, max(clause, sentence), start):
        return True
    years = _YEAR.findall(text, sentence, start)
    return fiscal_year is not None and bool(years) and int(years[-1]) != fiscal_year


def _money(match: re.Match[str], group: str, unit: str) -> Decimal | None:
    value = parse_number(match.group(group))
    return None if value is None else to_wan_yuan(value, match.group(unit))


# What _TOTAL and _BUDGET can start with after a phrase start (their lead words, prefix,
# quote or space, 三); after a year they may start with any subject.
_FIRSTS = frozenset('“"”一三使全安实开支本财')


def _tries(text: str) -> Iterator[int]:
    """Offsets where a total or budget may start: up to 40 characters before each 三公,
    holding one of _FIRSTS or a space, or right after a year (year_ends): the patterns
    match nowhere else, so they are not tried there."""
    years = set(year_ends(text))
    for san in _SAN.finditer(text):
        for at in range(max(0, san.start() - 40), san.start() + 1):
            if text[at] in _FIRSTS or text[at].isspace() or at in years:
                yield at


def total_candidates(text: str, sections_at, fiscal_year: int | None) -> Iterator[Candidate]:
    """sangong.total and sangong.budget_total in the wordings of the module docstring.

    Read under a heading about the 三公, or where no heading stands above (a standalone
    三公 page); `sections_at(offset)` gives the joined titles above an offset.
    """
    done = 0
    for at in _tries(text):
        if at < done:
            continue
        m = _TOTAL.match(text, at) or _BUDGET.match(text, at)
        if m is None or about_other_year(text, m.start(), fiscal_year):
            continue
        titles = sections_at(m.start())
        if titles and "三公" not in titles:
            continue
        done = m.end()
        if m.group("a") is not None and (value := _money(m, "a", "unit")) is not None:
            yield Candidate("sangong.total", value, "wan_yuan", m.start(), m.end("a"))
        if m.group("b") is not None and (budget := _money(m, "b", "b_unit")) is not None:
            yield Candidate("sangong.budget_total", budget, "wan_yuan", m.start(), m.end())
    for m in _VEHICLES_HELD.finditer(text):
        titles = sections_at(m.start())
        if (not titles or "三公" in titles) and not about_other_year(text, m.start(), fiscal_year):
            value = Decimal(m.group("a"))
            yield Candidate("sangong.vehicles_held", value, "vehicle", m.start(), m.end())


def reception_candidates(text: str, fiscal_year: int | None) -> Iterator[Candidate]:
    """Reception batches (a) and persons (b), in either order."""
    for pattern in _RECEPTIONS:
        for m in pattern.finditer(text):
            if about_other_year(text, m.start(), fiscal_year):
                continue
            batches, persons = Decimal(m.group("a")), Decimal(m.group("b"))
            yield Candidate("sangong.reception_batches", batches, "count", m.start(), m.end())
            yield Candidate("sangong.reception_persons", persons, "person", m.start(), m.end())


def sangong_wording_candidates(text: str, sections_at, fiscal_year: int | None) -> list[Candidate]:
    """Every 三公 total, budget and reception count this module reads in `text`."""
    return [
        *total_candidates(text, sections_at, fiscal_year),
        *reception_candidates(text, fiscal_year),
    ]
