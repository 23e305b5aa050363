"""What a reader sees first on a disclosure page: key figures, the checks badge, a way to report.

Key figures come first because most readers want five numbers (本年收入, 本年支出,
基本/项目, 三公, staff); each links to its row of the page's all-figures table, where the
sentence it was read from is (written out here too, it was ~2.5 KB a page repeated).
The badge counts check outcomes so a contradiction is visible before any detail.
"""

from __future__ import annotations

from urllib.parse import urlencode

from juesuan.disclosure import Disclosure
from juesuan.domain.check_status import CheckStatus
from juesuan.domain.key_figures import HEADLINE, figures_for
from juesuan.render.disclosure_rows import status_mark
from juesuan.render.numbers import in_unit

NOT_READ = "未读到"
NOT_READ_NOTE = "文中未载明，或未能读取 / not stated, or could not be read"


def key_figure_rows(d: Disclosure) -> list[dict[str, str]]:
    """The headline figures in a fixed order; unread ones say so instead of vanishing
    (未读到, with no unit after it: there is no amount to have one)."""
    rows = []
    anchors = {id(f): f"fact-{n}" for n, f in enumerate(d.facts, 1)}  # as fact_rows numbers
    for figure in figures_for(HEADLINE):
        stated = [f for f in d.facts if f.key == figure.key]
        unit = figure.unit_zh
        anchor = anchors[id(stated[0])] if len(stated) == 1 else ""
        if len(stated) == 1:
            value, evidence = in_unit(stated[0].value, figure.unit), stated[0].evidence
        elif stated:
            value = " / ".join(in_unit(f.value, figure.unit) for f in stated) + " ⚠"
            evidence = "原文前后数值不一致 / conflicting values: " + " ‖ ".join(
                f.evidence for f in stated
            )
        else:
            value, evidence, unit = NOT_READ, NOT_READ_NOTE, ""
        rows.append(
            {
                "label": figure.label_zh,
                "label_en": figure.label_en,
                "value": value,
                "unit": unit,
                "evidence": evidence,
                "anchor": anchor,
            }
        )
    return rows


def check_badge(d: Disclosure) -> dict[str, str]:
    """all consistent / N rounding differences / N contradictions, as text and a CSS class;
    `mark` is the text with its status shape (HTML)."""
    fail = sum(c.status == CheckStatus.FAIL for c in d.checks)
    rounding = sum(c.status == CheckStatus.ROUNDING for c in d.checks)
    passed = sum(c.status == CheckStatus.PASS for c in d.checks)
    unchecked = sum(c.status == CheckStatus.NOT_CHECKABLE for c in d.checks)
    if fail:
        text, status = f"{fail} 处矛盾 / {fail} contradiction(s)", CheckStatus.FAIL
    elif rounding:
        text = f"{rounding} 处尾差 / {rounding} rounding difference(s)"
        status = CheckStatus.ROUNDING
    elif passed:
        text, status = "全部一致 / all consistent", CheckStatus.PASS
    else:
        text, status = "无法检查 / nothing could be checked", CheckStatus.NOT_CHECKABLE
    detail = f"{passed} 一致 · {rounding} 尾差 · {fail} 矛盾 · {unchecked} 无法检查"
    css = status.value.replace("_", "-")
    return {"text": text, "css": css, "detail": detail, "mark": status_mark(status, text)}


def report_problem_url(d: Disclosure, repository: str | None) -> str | None:
    """A pre-filled GitHub issue naming the disclosure; None when the repository is unknown."""
    if not repository:
        return None
    query = urlencode(
        {
            "title": f"数据问题 / data problem: {d.title} ({d.name})",
            "body": (
                f"公开文本 / disclosure: {d.title}\n数据包 / package: {d.name}\n"
                f"来源文件 / source: {d.source.path.name}\n\n"
                "哪个数字有问题？原文怎么写的？\n"
                "Which figure is wrong, and what does the text say?\n"
            ),
            "labels": "data-problem",
        }
    )
    return f"https://github.com/{repository}/issues/new?{query}"
