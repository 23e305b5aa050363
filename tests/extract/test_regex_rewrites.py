"""Regexes rewritten to scan whole texts faster find exactly what they found before.

A regex that starts with a lookbehind or optional words is tried by the regex engine at
every offset of a text; one that starts with a literal is found by a plain scan. So
some patterns test their possible first characters first (a lookahead), and some put
their literal first and their lookbehind after it. Each is compared here with the
pattern as it was written before, on the seeds, the invented publications and
fragments made to exercise the edges (a Han character or 上/外 before the label, a
match at the very start, runs of figures that end in no unit).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import publications
from juesuan.checks import stated_ratios
from juesuan.extract import (
    expenditure_by_function,
    narrative,
    sangong,
    sangong_wordings,
    staff,
    unreadable,
)
from juesuan.extract.label_rules import COMPONENT_LABELS, year_ends
from juesuan.read import identity, normalize
from juesuan.read.normalize import normalize_text
from juesuan.read.source import read_source

SOURCES = sorted((Path(__file__).resolve().parents[2] / "sources").glob("*.txt"))
FRAGMENTS = [
    "公务用车运行维护费预算为2.00万元，决算为1.50万元。单位公务用车购置费预算为1.00万元，决算为1.00万元",
    "因公出国（境）费全年预算数0.00万元，决算数0.00万元；\n公务接待费支出预算为0.5万元，决算为0.4万元",
    "上公务用车保有量为2辆，公务用车保有量3辆。外公务接待3批次，20人次；国内 公务接待4批次、30人次",
    "事公务接待5批次，50人次。公务接待共6批次（其中外事接待0批次），60人次",
    "宾公务接待批次为5个，接待人次为50人。公务接待批次为8个，接待人次为60人",
    "2023年区科协“三公”经费支出决算为1.20万元，完成全年预算2.00万元的60%；"
    "全年开支“三公”经费0.80万元。一般公共预算 “三公”经费财政拨款支出预算为3.00万元",
    "公务接待来宾60人次、共8批次；上公务用车保有量1辆",
    "预算绩效评价项目3个，绩效评价项目4个。行政编制10人，实有人数9人；全额拨款事业编制5人",
    "核定参照公务员法管理行政编制8人，实有人数7人；自收自支事业编制2人；-12.5万元，占3%",
    "经(jīng)费（fèi）说明(abc) 和(hé)",
    "收入1,2 34.5万元，支出—万元，合计 - 万元。表中 1 2 3 4 5 6 无单位\n12,345.67 万元占收入的50%",
    "-3.5亿元 全省 2.0亿元，12万元",
    "全省支出4321.0亿元，9876.5亿元",
    "一般公共服务（类）人大事务（款）行政运行（项）支出决算为10.00万元。\n"
    " 教育 支出（类）支出5.00万元，占10.00%",
]
# Class names: at the very start, after a digit, after spaces, with spaces before （类）, of
# the longest length read (31) and longer, two marks in a row.
FRAGMENTS += [
    "教育支出（类）5.00万元，占1.00%。2024一般 公共服务 （类）2.00万元，占3.00%",
    "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一（类）1万元，占1%",
    "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二（类）1万元，占1%",
    "社会保障和就业（（类）行政事业单位养老支出（款） 机关事业单位基本养老保险缴费支出（项）"
    "支出决算为3.00万元",
]
TEXTS = [
    *(read_source(p).text for p in SOURCES),
    *(v for k, v in vars(publications).items() if k.isupper() and isinstance(v, str)),
    *FRAGMENTS,
]


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def _without_lookahead(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern without the first-character test it starts with (a class, and maybe a
    possessive run up to a class)."""
    ahead = re.match(
        r"\(\?=\[(?:[^\]\\]|\\.)*\](?:\[(?:[^\]\\]|\\.)*\]\*\+\[[^\]]*\])?\)", pattern.pattern
    )
    assert ahead, pattern.pattern[:40]
    return re.compile(pattern.pattern[ahead.end() :], pattern.flags)


AHEAD = {
    "staff._POSTS": staff._POSTS,
    "stated_ratios._SHARE": stated_ratios._SHARE,
    "identity._YI_AMOUNT": identity._YI_AMOUNT,
    "identity._WAN_AMOUNT": identity._WAN_AMOUNT,
}
# The patterns as they were written before, where the rewrite is more than a lookahead.
BEFORE = {
    "narrative._RECEPTION": (
        narrative._RECEPTION,
        narrative._RECEPTION.pattern.replace(r"(?:国\s*内\s*公|公(?<![外宾]公))", ""),
        r"(?:国\s*内\s*)?(?<![外宾])公",
    ),
    "narrative._PROJECTS[0]": (
        narrative._PROJECTS[0],
        narrative._PROJECTS[0].pattern.replace("(?:预算绩效评价项目|绩效评价项目)", ""),
        "(?:预算)?绩效评价项目",
    ),
    "sangong_wordings._VEHICLES_HELD": (
        sangong_wordings._VEHICLES_HELD,
        sangong_wordings._VEHICLES_HELD.pattern.replace("公(?<![上去]公)", ""),
        "(?<![上去])公",
    ),
    **{
        f"sangong_wordings._RECEPTIONS[{i}]": (
            p,
            p.pattern.replace("公(?<![外宾事]公)", ""),
            "(?<![外宾事])公",
        )
        for i, p in enumerate(sangong_wordings._RECEPTIONS)
    },
    "normalize._PINYIN_GLOSS": (
        normalize._PINYIN_GLOSS,
        normalize._PINYIN_GLOSS.pattern.replace("[(（](?<=[\\u4e00-\\u9fff][(（])", ""),
        "(?<=[\\u4e00-\\u9fff])[(（]",
    ),
    "unreadable._AMOUNT": (
        unreadable._AMOUNT,
        unreadable._AMOUNT.pattern.replace(unreadable._AHEAD, ""),
        "",
    ),
    **{
        f"expenditure_by_function.{name}": (
            p,
            p.pattern.replace(expenditure_by_function._CLASS_AHEAD, ""),
            "",
        )
        for name, p in (
            ("_ITEM_HEAD", expenditure_by_function._ITEM_HEAD),
            ("_CLASS_SHARE", expenditure_by_function._CLASS_SHARE),
        )
    },
}


def _before(rewritten: re.Pattern[str], rest: str, head: str) -> re.Pattern[str]:
    assert rest != rewritten.pattern, "the rewritten part is no longer in the pattern"
    return re.compile(head + rest, rewritten.flags)


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_rewritten_regexes_find_what_they_found_before(text: str):
    for t in (text, normalize_text(text)):  # as read (pinyin glosses kept) and normalised
        for name, pattern in AHEAD.items():
            assert _found(pattern, t) == _found(_without_lookahead(pattern), t), name
        for name, (pattern, rest, head) in BEFORE.items():
            assert _found(pattern, t) == _found(_before(pattern, rest, head), t), name


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_sangong_pairs_find_what_the_lookbehind_before_the_label_found(text: str):
    text = normalize_text(text)
    for component, pattern in sangong._PAIRS.items():
        old = re.compile(
            r"(?<![\u4e00-\u9fff])" + COMPONENT_LABELS[component] + sangong.budget_then_actual()
        )
        if component == "total":
            found = sangong.matches_at_labels(pattern, sangong._TOTAL_LABEL, text, None)
            assert [m.span() for m in found] == [m.span() for m in old.finditer(text)]
            every = [p for p in range(len(text)) if sangong._TOTAL_LABEL.pattern.match(text, p)]
            assert sangong._TOTAL_LABEL.starts(text) == every
        else:
            assert _found(pattern, text) == _found(old, text), component


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_class_rows_are_found_where_a_full_scan_finds_them(text: str):
    text = normalize_text(text)
    starts = expenditure_by_function.class_starts(text)
    for pattern in (expenditure_by_function._ITEM_HEAD, expenditure_by_function._CLASS_SHARE):
        found = sangong.matches_at_labels(pattern, starts, text, None)
        assert [(m.span(), m.groupdict()) for m in found] == _found(pattern, text)


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_posts_are_found_before_each_bianzhi_as_a_full_scan_finds_them(text: str):
    text = normalize_text(text)
    found = staff.matches_at_labels(staff._POSTS, staff._POSTS_LABEL, text, None)
    assert [(m.span(), m.groupdict()) for m in found] == _found(staff._POSTS, text)


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_sangong_totals_start_only_where_they_are_tried(text: str):
    text = normalize_text(text)
    years = set(year_ends(text))
    for at in range(len(text)):
        if sangong_wordings._TOTAL.match(text, at) or sangong_wordings._BUDGET.match(text, at):
            assert text[at] in sangong_wordings._FIRSTS or text[at].isspace() or at in years


def test_the_fragments_exercise_the_rewritten_regexes():
    text = "\n".join(FRAGMENTS)
    for name, pattern in [*AHEAD.items(), *((n, p) for n, (p, _, _) in BEFORE.items())]:
        assert pattern.search(text), name
