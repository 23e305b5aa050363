"""A disclosure page writes each sentence it read a figure from once, and states what is the
same on every page (what the zip holds, how to open a CSV, what 尾差 means) on one shared page.

Expected values come from reading seed 000 (sources/000_*.txt): line 18 is the one sentence
收入总计658.30万元，其中：本年收入合计610.56万元，使用非财政拨款结余（含专用结余）0.00万元，
年初结转和结余47.74万元 — four figures of the vocabulary read from one sentence.
"""

from __future__ import annotations

import html
import re

from juesuan.render.headline import key_figure_rows
from juesuan.render.pages import render_data_dictionary, render_disclosure

LINE_18 = (
    "2024年度收入总计658.30万元，其中：本年收入合计610.56万元，使用非财政拨款结余"
    "（含专用结余）0.00万元，年初结转和结余47.74万元。"
)


def _fragments(d) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in render_disclosure(d).fragments.items()}


def _figure_rows(table: str) -> list[tuple[str, str, str | None]]:
    """(anchor, value, evidence cell or None when a cell above spans the row)."""
    rows = []
    for tr in re.findall(r"<tr id=\"(fact-\d+)\"[^>]*>(.*?)</tr>", table, re.S):
        cells = re.findall(r"<td[^>]*>(.*?)</td>", tr[1], re.S)
        rows.append((tr[0], cells[1], cells[3] if len(cells) == 4 else None))
    return rows


def test_figures_read_from_one_sentence_share_one_evidence_cell(seed_disclosures):
    table = _fragments(seed_disclosures["000"])["all-figures"]
    assert table.count(LINE_18) == 1
    rows = _figure_rows(table)
    values = [value for _, value, _ in rows]
    start = values.index("658.30")
    group = rows[start : start + 4]
    assert [value for _, value, _ in group] == ["658.30", "610.56", "0.00", "47.74"]
    assert LINE_18 in group[0][2] and [cell for _, _, cell in group[1:]] == [None] * 3
    assert re.search(r'<td rowspan="4">' + re.escape(LINE_18), table)
    # the next row (支出总计, line 19) has a sentence of its own
    assert "支出总计658.30万元" in rows[start + 4][2]


def test_key_figures_link_to_their_row_instead_of_repeating_the_sentence(seed_disclosures):
    d = seed_disclosures["000"]
    fragments = _fragments(d)
    row = next(r for r in key_figure_rows(d) if r["label"] == "本年收入合计")
    assert row["value"] == "610.56"
    key_table = fragments["key-figures"]
    assert LINE_18 not in key_table
    assert f'<a href="#{row["anchor"]}">依据</a>' in key_table
    linked = next(r for r in _figure_rows(fragments["all-figures"]) if r[0] == row["anchor"])
    assert linked[1] == "610.56"


def test_a_figure_not_read_says_so_in_the_key_figures(seed_disclosures):
    """Seed 004 (a performance self-evaluation) states no 收入总计 sentence of the template."""
    rows = {r["label"]: r for r in key_figure_rows(seed_disclosures["004"])}
    unread = [r for r in rows.values() if r["value"] == "未读到"]
    assert unread and all(r["anchor"] == "" and "not stated" in r["evidence"] for r in unread)


def test_what_every_page_would_repeat_is_on_the_shared_pages(seed_disclosures):
    downloads = _fragments(seed_disclosures["000"])["downloads"]
    assert "dtype=str" not in downloads and "从文本/CSV" not in downloads
    assert "../../data-dictionary/#downloads" in downloads
    dictionary = render_data_dictionary()
    section = dictionary[dictionary.index("{ #downloads }") :]
    assert "从文本/CSV" in section and "dtype=str" in section and "`source.txt`" in section
    assert "`expenditure_by_function.csv`" in section  # the zip's files, from the registry
    checks = _fragments(seed_disclosures["000"])["checks"]
    assert "../../about/#checks" in checks and "四舍五入" not in checks


def test_chart_data_carries_the_figures_not_their_sentences(seed_disclosures):
    """The charts' CSV (on the page and in the zip's charts/) names each figure by its key;
    the sentences are in the tables below and in facts.csv (line 22 of seed 000)."""
    import json

    from juesuan.render.chart_data import chart_data

    fragments = _fragments(seed_disclosures["000"])
    payload = re.search(r"<script[^>]*>(.*?)</script>", fragments["chart-revenue-structure"], re.S)
    csv_text = json.loads(payload.group(1))["csv"]
    assert csv_text.splitlines()[:2] == [
        "key,label,value",
        "revenue.fiscal_appropriation,财政拨款收入,610.56",
    ]
    assert "本年收入610.56万元" not in csv_text
    headers = {c.chart_id: c.csv.splitlines()[0] for c in chart_data(seed_disclosures["000"])}
    assert headers["function-items"] == "code,label,value,share_pct"
    assert headers["sangong"] == "component,label,phase,value"


def test_a_code_filled_from_another_text_is_starred_and_explained_once(seed_disclosures):
    """Seed 000 names 科学技术支出/科学技术普及/科普活动 without its code; seed 003's table
    prints it as 2060702 (line 126). The star is explained once under the table, not in
    every cell."""
    from juesuan.pipeline.build import fill_codes_across

    filled = fill_codes_across([seed_disclosures[k] for k in sorted(seed_disclosures)])
    items = _fragments(filled[0])["items"]
    rows = re.findall(r"<tr id=\"item-\d+\".*?</tr>", items, re.S)
    row = next(r for r in rows if "科普活动" in r)
    assert "<td>2060702<sup>*</sup></td>" in row
    assert items.count("filled from the code table") == 1 and "title=" not in row.split("</td>")[1]
    assert "filled from the code table" not in _fragments(filled[4])["items"]


def test_a_check_names_its_unread_terms_once(seed_disclosures):
    """Seed 003's 收入决算表 leaves 上级补助收入, 事业收入, 经营收入, 附属单位上缴收入 and
    其他收入 blank: 本年收入合计 = sum of the parts is not checkable. The note names the five
    once (the description names them too); the list under the row gives the two terms that
    were read, with their links."""
    checks = _fragments(seed_disclosures["003"])["checks"]
    rows = re.findall(r"<tr class=\"juesuan-check-not_checkable\">(.*?)</tr>", checks, re.S)
    (row,) = [r for r in rows if "<code>revenue.current_year.parts</code>" in r]
    for name in ("上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"):
        assert row.count(name) == 2, name  # the description and the note
    assert "已读到 2 项 terms read" in row
    listed = re.findall(r"<li><a href=\"#fact-\d+\">([^<]+)</a>", row)
    assert listed == ["本年收入合计", "财政拨款收入"]


def test_the_english_names_are_published_once_for_the_figures_table(seed_disclosures):
    """spec facts.csv: staff.total is 实有人数 / "Staff on record (total)"."""
    import json

    from juesuan.render.labels_en import labels_json

    figures = _fragments(seed_disclosures["000"])["all-figures"]
    assert "<code>staff.total</code>" in figures and "Staff on record" not in figures
    assert json.loads(labels_json())["staff.total"] == "Staff on record (total)"


SANGONG_BUDGET = (
    "与全年预算相比，财政拨款“三公”经费支出全年预算数6.53万元，决算数6.53万元，"
    "预决算差异率0.00%，主要原因是：严格按照预算执行，预决算无差异。"
)


def test_sangong_amounts_link_to_the_row_that_shows_their_sentence(seed_disclosures):
    """Seed 000, line 53: the 三公 total's 全年预算数 6.53 万元 is stated in the sentence above;
    the 三公 table links the amount to its row instead of carrying the sentence as a
    tooltip (the sentences were written out twice on the page)."""
    fragments = _fragments(seed_disclosures["000"])
    table = fragments["sangong"]
    assert SANGONG_BUDGET not in table
    # A sentence no row shows (a component's 全年预算数, read for the 三公 table only) stays
    # a tooltip: it is on the page once either way.
    for sentence in re.findall(r'title="([^"]*)"', table):
        assert sentence.startswith(("其中：因公出国（境）费全年预算数", "公务"))
        assert sentence not in fragments["all-figures"]
    total = re.search(r"<tr><td>“三公”经费合计</td>(.*?)</tr>", table, re.S).group(1)
    links = re.findall(r'<td><a href="#(fact-\d+)">([\d.]+)</a></td>', total)
    assert [value for _, value in links] == ["6.53", "6.53"]
    budget_anchor = links[0][0]
    linked = next(r for r in _figure_rows(fragments["all-figures"]) if r[0] == budget_anchor)
    assert linked[1] == "6.53" and SANGONG_BUDGET in (linked[2] or "")
    assert fragments["all-figures"].count(SANGONG_BUDGET) == 1


RATE_AND_CHANGE = (
    "1.科学技术支出(类)科学技术管理事务(款)一般行政管理事务(项):支出决算数为3.50万元，"
    "比上年决算增加3.50万元，增长100.00%,主要原因是：本年增加租赁公务用车项目经费。"
)


def test_a_check_names_a_sentence_once_for_the_terms_read_from_it(seed_disclosures):
    """Seed 000 states an item's change and its rate in one sentence (above); its change-rate
    check cannot be checked (last year's amount was 0) and lists both terms: the sentence
    under the first, "同上" under the second."""
    checks = _fragments(seed_disclosures["000"])["checks"]
    assert checks.count(RATE_AND_CHANGE) == 1
    rate, change = re.search(
        r"<li>所述增减率（%） = (.*?)</li><li>所述增减额 = (.*?)</li>", checks
    ).groups()
    assert rate == f"<strong>100.00</strong><small>{RATE_AND_CHANGE}</small>"
    assert change == "<strong>3.50</strong><small>同上 / ditto</small>"
