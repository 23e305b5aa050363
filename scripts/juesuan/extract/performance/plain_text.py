"""Read performance self-evaluation tables printed as plain text (PDF text exports).

A PDF export keeps no cell boundaries: cells are separated by single spaces, long
cells wrap onto the next lines, and labels break in the middle (部门（单 / 位）名称).
What survives is the national template's structure, in order: the title
(项目支出绩效自评表 / 整体支出绩效(目标)自评表), the labels 项目名称 / 主管部门 /
实施单位 with their values, the funds header 年初预算数 全年预算数 全年执行数 分值
执行率 得分 with its total row (年度资金总额 / 年度总资金), the indicator block, and the
总分 row. Values are read only where that structure delimits them: the funds row when
it prints exactly one value per header word, the total score when it is marked 分 or
is the second of (weight, score). Indicator rows, whose cells may themselves hold
spaces (>=1 人), and the goals/outcome texts, printed one after the other with no
mark between them, are not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from juesuan.domain.amounts import parse_number
from juesuan.extract.performance.cells import (
    DASHES,
    TOTAL_FUNDS,
    UNIT,
    clean,
    money,
    percent,
    points,
    role,
)
from juesuan.extract.performance.tables import PerformanceIndicator, PerformanceProject
from juesuan.read.tables import Cell

_TITLE = re.compile(
    r"^[^。，；;：:《》]{0,24}(项目支出|整体支出)绩效(?:目标)?自评表(?:[（(][^（()）]{0,12}[)）])?$"
)
_LABELS = {
    "name": re.compile(r"(?:项目|部门|单位)(?:[（(](?:单位|部门)[)）])?名称"),
    "competent_department": re.compile(r"主管部门"),
    "implementing_unit": re.compile(r"实施单位"),
}
# the funds block's label, and the header's own first word when it is printed (资金来源)
_FUNDS_LABEL = re.compile(r"^\S{0,6}资金(?:[（(](?:万元|元|亿元)[)）])?(?:资金来源)?$")
_FUND_ROLES = frozenset({"initial", "full_year", "executed", "weight", "execution_rate", "score"})
_TOTAL_SCORE = re.compile(r"^[ \t]*总分(?=\s|\d)", re.M)
_LABEL_PREFIX = 6  # characters a label may carry before its word (区级预算部门名称)
_HEAD_MAX = 300  # characters of title and labels a table prints above its funds header
# a heading of the document's next part (十二、其他需说明的事项 / 第三部分 …)
_SECTION = re.compile(r"^[ \t#]*(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)", re.M)


@dataclass(frozen=True)
class PlainTable:
    """One self-evaluation table read from plain text, and whether its indicators were left."""

    project: PerformanceProject
    indicators_unread: bool


def _tokens(text: str, start: int, end: int) -> list[Cell]:
    return [Cell(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", text[start:end])]


def _shift(cells: list[Cell], offset: int) -> list[Cell]:
    return [Cell(c.text, c.start + offset, c.end + offset) for c in cells]


def _titles(text: str) -> list[tuple[str, str, int, int]]:
    """(kind, title, start, end) of every plain title line of a self-evaluation table."""
    out = []
    for m in re.finditer(r"^[^\n\t]*$", text, re.M):
        if "评" not in m.group():
            continue  # every title has 自评表: a line without 评 is none (most lines)
        line = m.group().strip(" #*>")
        if len(line) <= 60 and (found := _TITLE.match(clean(line))):
            kind = "project" if found.group(1) == "项目支出" else "overall"
            start = m.start() + m.group().index(line)
            out.append((kind, line, start, start + len(line)))
    return out


def _funds_header(tokens: list[Cell], text: str) -> tuple[list[str], int, int] | None:
    """Roles of the first run of funds header words, with the token range they occupy.

    A header word broken by a line wrap (全年执 / 行数) is joined when neither piece
    names a column and the two together do.
    """
    for i in range(len(tokens)):
        roles, j = [], i
        while j < len(tokens):
            found = role(tokens[j].text)
            if found is None and j + 1 < len(tokens):
                between = text[tokens[j].end : tokens[j + 1].start]
                joined = role(tokens[j].text + tokens[j + 1].text)
                if "\n" in between and joined and role(tokens[j + 1].text) is None:
                    roles.append(joined)
                    j += 2
                    continue
            if found not in _FUND_ROLES:
                break
            roles.append(found)
            j += 1
        if len(roles) >= 3 and "executed" in roles and {"initial", "full_year"} & set(roles):
            return roles, i, j
    return None


def _values(tokens: list[Cell]) -> list[Cell]:
    """The run of value cells at the start of `tokens`; a lone 分 marks the value before it."""
    out: list[Cell] = []
    for token in tokens:
        if token.text == "分" and out:
            out[-1] = Cell(out[-1].text + "分", out[-1].start, token.end)
        elif (
            token.text in DASHES
            or percent(token.text) is not None
            or points(token.text) is not None
        ):
            out.append(token)
        else:
            break
    return out


def _fits(role_name: str, text: str) -> bool:
    if text in DASHES:
        return True
    if role_name == "execution_rate":
        return percent(text) is not None
    if role_name in ("weight", "score"):
        return points(text) is not None
    return parse_number(text) is not None


def _funds(tokens: list[Cell], header: list[str]) -> dict[str, Cell]:
    """The total row under the header: its label, then exactly one value per header word."""
    first = next((i for i, t in enumerate(tokens) if _values(tokens[i:])), len(tokens))
    label = "".join(t.text for t in tokens[:first])
    values = _values(tokens[first:])
    if not TOTAL_FUNDS.search(label) or len(values) != len(header):
        return {}
    if not all(_fits(r, v.text.removesuffix("分")) for r, v in zip(header, values, strict=True)):
        return {}
    return {r: v for r, v in zip(header, values, strict=True) if v.text not in DASHES}


def _total_score(tokens: list[Cell]) -> Decimal | None:
    """The 总分 row: the one value marked 分, else the second of (weight, score)."""
    values = [v.text for v in _values(tokens)]
    marked = [v for v in values if v.endswith("分")]
    if len(marked) == 1:
        return points(marked[0])
    return points(values[1]) if not marked and len(values) == 2 else None


def _labels(text: str, start: int, end: int) -> dict[str, tuple[str, str]]:
    """Role → (label, value) between the title and the funds header.

    A value runs from its label to the next label, or to the funds block's own label
    (项目资金（万元）) for the last one; without that label the last value's end is
    unknown and it is left out. Line wraps inside a value are removed.
    """
    tokens = _shift(_tokens(text, start, end), start)
    # the funds block's label: the shortest run of last tokens that reads as one
    funds_at = next(
        (
            tokens[i].start
            for i in reversed(range(len(tokens)))
            if _FUNDS_LABEL.match("".join(x.text for x in tokens[i:]))
        ),
        None,
    )
    found = []  # (label start, label end, role, label), in order
    for t in tokens:
        if found and found[-1][1] > t.start:
            continue  # inside the label found last (部门（单 / 位）名称)
        stream = "".join(x.text for x in tokens if x.start >= t.start)[: _LABEL_PREFIX + 10]
        matches = [
            (m.start(), m.end(), name) for name, p in _LABELS.items() if (m := p.search(stream))
        ]
        # a label is its own token, a few characters of prefix allowed (区级预算部门名称)
        first = min(matches, default=None)
        if first and first[0] <= _LABEL_PREFIX and first[0] < len(t.text):
            label_end = _offset_after(text, t.start, first[1])
            found.append((t.start, label_end, first[2], clean(text[t.start : label_end])))
    out: dict[str, tuple[str, str]] = {}
    for k, (_, label_end, name, label) in enumerate(found):
        stop = found[k + 1][0] if k + 1 < len(found) else funds_at
        if stop is None or stop <= label_end:
            continue
        value = re.sub(r"\s*\n\s*", "", text[label_end:stop]).strip()
        value = re.sub(r"\s+", " ", value)
        if value and len(value) <= 80 and "。" not in value and role(value) is None:
            out.setdefault(name, (label, value))
    return out


def _offset_after(text: str, start: int, chars: int) -> int:
    """The offset just after the `chars`-th non-space character from `start`."""
    seen, i = 0, start
    while seen < chars:
        seen += not text[i].isspace()
        i += 1
    return i


def read_plain_table(text: str, kind: str, title: str, start: int, stop: int) -> PlainTable | None:
    """The table whose title spans [start, …), ending before `stop` (the next title)."""
    if heading := _SECTION.search(text, start + len(title), stop):
        stop = heading.start()  # the next part of the document ends the table
    tokens = _shift(_tokens(text, start, stop), start)
    found = _funds_header(tokens, text)
    if found is None:
        return None
    header, first, after = found
    if following := _funds_header(tokens[after:], text):
        stop = tokens[after + following[1]].start  # the next table's, its title lost
    heading_text = text[start : tokens[first].start]
    if len(clean(heading_text)) > _HEAD_MAX or "。" in heading_text:
        return None  # prose, not a table's labels, lies between the title and the header
    total = _TOTAL_SCORE.search(text, tokens[after - 1].end, stop)
    body_end = total.start() if total else stop
    body = [t for t in tokens[after:] if t.end <= body_end]
    score_tokens = _shift(_tokens(text, total.end(), stop), total.end()) if total else []
    score = _total_score(score_tokens)
    printed = _values(score_tokens) or body or tokens[after - 1 : after]
    end = printed[-1].end
    if "\t" in text[start:end]:
        return None  # a tab-separated or one-cell-per-line table: not plain text
    unit = (m.group(1) or m.group(2)) if (m := UNIT.search(clean(heading_text))) else None
    labels = _labels(text, start + len(title), tokens[first].start)
    label, name = labels.get("name", ("", None))
    project = PerformanceProject(
        project_id="",
        kind=kind,
        name=name,
        competent_department=labels.get("competent_department", ("", None))[1],
        implementing_unit=labels.get("implementing_unit", ("", None))[1],
        **money(_funds(body, header), unit),
        score=score,
        goals=None,
        outcome=None,
        evidence="｜".join(p for p in (title, label, name) if p),
        start=start,
        end=end,
    )
    indicators = "三级指标" in clean(text[tokens[after - 1].end : body_end])
    return PlainTable(project, indicators_unread=indicators)


def read_plain_performance(text: str, found: list[PerformanceProject]) -> list[PlainTable]:
    """Every plain-text self-evaluation table not already read by the table readers."""
    titles = _titles(text)
    out = []
    for n, (kind, title, start, _) in enumerate(titles):
        stop = titles[n + 1][2] if n + 1 < len(titles) else len(text)
        table = read_plain_table(text, kind, title, start, stop)
        if table is None:
            continue
        span = (table.project.start, table.project.end)
        if not any(p.start < span[1] and span[0] < p.end for p in found):
            out.append(table)
    return out


def with_plain_tables(
    text: str, projects: list[PerformanceProject], indicators: list[PerformanceIndicator]
) -> tuple[list[PerformanceProject], list[PerformanceIndicator], list[str]]:
    """The table readers' projects plus the plain-text ones, renumbered in document order,
    and a warning for every plain table whose indicator rows were left unread."""
    plain = read_plain_performance(text, projects)
    if not plain:
        return projects, indicators, []
    merged = sorted([*projects, *(t.project for t in plain)], key=lambda p: p.start)
    numbered, overall, renamed, out = 0, 0, {}, []
    for project in merged:
        if project.kind == "project":
            numbered += 1
            new_id = f"P{numbered:02d}"
        else:
            overall += 1
            new_id = "overall" if overall == 1 else f"overall-{overall:02d}"
        if project.project_id:
            renamed[project.project_id] = new_id
        out.append(replace(project, project_id=new_id))
    moved = [replace(i, project_id=renamed[i.project_id]) for i in indicators]
    warnings = [
        f"{t.project.evidence}：以纯文本印出的绩效指标行未读取（单元格仅以空格分隔，无法确定所在列）"
        " / indicator rows printed as plain text are not read "
        "(cells are split only by spaces, so their columns cannot be placed with certainty)"
        for t in plain
        if t.indicators_unread
    ]
    return out, moved, warnings
