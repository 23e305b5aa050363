"""Who published a disclosure, for which year, where, and what kind of document it is.

Read from the text first (the title, the 部门名称 field), completed by the
maintainer's sidecar. Anything neither states stays unknown — never a default
year or a guessed department. Regions come from the cpca gazetteer, which knows
which prefecture a county belongs to.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from itertools import islice

from juesuan.domain.amounts import NUMBER
from juesuan.domain.template import DocumentKind, is_budget
from juesuan.read.source import Region, Sidecar

# Names of public bodies end in one of these; anything else read as a
# department is more likely a fragment of a sentence.
_ORG_SUFFIX = (
    "协会|学会|联合会|局|厅|委员会|委|办公室|办|中心|院|所|站|馆|队|处|署|部|会|政府|法院|"
    "检察院|学校|大学|学院|医院|集团|公司|研究院|科协|党校|社|台|团"
)
_KIND_WORDS = r"\s*(?:部门|单位)?\s*(?:整体支出)?\s*(?:决算|绩效)"
_TITLES = (
    # 昌吉回族自治州科学技术协会2024年度部门决算公开说明
    re.compile(r"^(?P<dept>[^\s\d，。：:]{4,60}?)\s*\d{4}\s*年度?" + _KIND_WORDS),
    # 2024年度新乡市科学技术协会部门决算
    re.compile(r"\d{4}\s*年度?\s*(?P<dept>[^\s\d，。：:]{4,60}?)" + _KIND_WORDS),
)
_NAME_FIELD = re.compile(r"(?:部门|单位)名称\s*[：:]?\s*(?P<dept>[^\s\d，。：:]{4,60})")
# "…人员情况 <department> 2023 年度，实有人数 2 人" — the staffing sentence names the body.
_STAFF_SENTENCE = re.compile(
    r"(?:机构设置及人员情况|机构设置|人员情况)(?P<dept>[^，。；：:\d]{4,60}?)\d{4}年度?[，,]实有(?:人数|人员)"
)
_YEAR_MENTION = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年度")


@dataclass(frozen=True)
class DisclosureMeta:
    """Metadata of one disclosure; None means "not stated anywhere we could read"."""

    department: str | None
    fiscal_year: int | None
    document_kind: str | None
    region: Region = field(default_factory=Region)
    notes: tuple[str, ...] = ()


def _is_org_name(name: str) -> bool:
    return bool(re.search(rf"(?:{_ORG_SUFFIX})$", name)) and not re.search(r"[。；]", name)


def _is_table_row(line: str) -> bool:
    """A row of cells split by tabs or pipes (one cell alone on its line is not a row)."""
    stripped = line.strip()
    return "\t" in stripped or stripped.startswith("|")


def _head(text: str, lines: int = 12, rows: bool = True) -> str:
    """The first lines joined without line breaks or spaces, as a title reads; without
    the table rows among them when `rows` is False.

    Whitespace between two digits is kept: "附件1 2024年度" must not become 12024.
    """
    # Lazily: only the first lines of a text of thousands are needed.
    kept = islice(
        (
            ln.strip().lstrip("#").strip()
            for ln in text.split("\n")
            if ln.strip() and (rows or not _is_table_row(ln))
        ),
        lines,
    )
    return re.sub(r"(?<!\d)\s+|\s+(?!\d)", "", " ".join(kept))


def detect_department(text: str) -> str | None:
    head = _head(text)
    for pattern in _TITLES:
        m = pattern.search(head)
        if m and _is_org_name(m.group("dept")):
            return m.group("dept")
    for m in _NAME_FIELD.finditer(text[:20000]):
        if _is_org_name(m.group("dept")):
            return m.group("dept")
    collapsed = "".join(text[:20000].split())
    m = _STAFF_SENTENCE.search(collapsed)
    if m and _is_org_name(m.group("dept")):
        return m.group("dept")
    return None


def detect_fiscal_year(text: str) -> int | None:
    """The year the title states; without a title, the year the sentences state, when
    more than two in three of their mentions agree; otherwise unknown."""
    head = _head(text, rows=False)  # a table's years are its columns', never the title's
    # Not a column header (2023年决算数 / 2024年预算数): a table's years are not the title's.
    title_year = re.search(r"(?<!\d)((?:19|20)\d{2})年度?(?:[^\d]{0,40})(?:决算|绩效)(?!数)", head)
    if title_year:
        return int(title_year.group(1))
    counts = _sentence_years(text)
    if not counts:
        return None
    (year, n), total = counts.most_common(1)[0], sum(counts.values())
    return year if n > 2 * (total - n) else None


# A year the sentence compares with (比2023年度增加, 与上年度（2023年度）相比), and a
# column header's year (2023年度决算数): neither is the year the text is about.
_COMPARED_BEFORE = re.compile(r"(?:比|较|与|同|上年度?|上一年度?)\s*[（(]?\s*$")
_COLUMN_AFTER = re.compile(r"\s*(?:决算|预算|执行)数")


def _sentence_years(text: str) -> Counter[int]:
    """The years the text's sentences say they are about (2024年度财政拨款收入…).

    Table cells (a line with a tab, a row split by pipes) are left out: a table's years are its
    columns'. A year compared with or printed as a column header is not counted.
    """
    counts: Counter[int] = Counter()
    for line in text.split("\n"):
        if "\t" in line or _is_table_row(line):
            continue
        for m in _YEAR_MENTION.finditer(line):
            before = line[max(0, m.start() - 6) : m.start()]
            if _COMPARED_BEFORE.search(before) or _COLUMN_AFTER.match(line, m.end()):
                continue
            counts[int(m.group("y"))] += 1
    return counts


def _template_kind(text: str, head: str) -> str | None:
    """Final accounts or a performance self-evaluation, by the title and the head's words."""
    titled_as_performance = "绩效自评" in head[:200] or "绩效评价" in head[:200]
    if re.search(r"决算(?:公开)?说明|部门决算|单位决算|决算公开|决算表", head) and not (
        titled_as_performance
    ):
        return DocumentKind.FINAL_ACCOUNTS
    if re.search(r"绩效(?:自评|评价)", head):
        return DocumentKind.PERFORMANCE
    return DocumentKind.FINAL_ACCOUNTS if "决算" in text[:20000] else None


# How a news report tells where it has its figures from (记者从…获悉, 本报讯, …日电); a
# department's own disclosure never reports itself so.
_NEWS_FORMULA = re.compile(
    r"记者[\u4e00-\u9fff]{0,8}?(?:从|获悉|了解到|采访)|获悉|本报讯|通讯员|新华社|中新社|"
    r"月\d{1,2}日电"
)
# Money of a whole region (全省, 全国, 全市…) in 亿元: a department's disclosure states its own
# money in 万元 or 元, as the template prescribes.
_REGION_WIDE = re.compile(r"全(?:国|省|市|州|盟|县|区|旗)")
# (?=[-\d]): what a number starts with, tested before NUMBER's lookbehind at every offset.
_YI_AMOUNT = re.compile(rf"(?=[-\d]){NUMBER}\s*亿元")
_WAN_AMOUNT = re.compile(rf"(?=[-\d]){NUMBER}\s*万?元")


def is_news_report(text: str) -> bool:
    """A news report, not a disclosure: it cites its source as news does, or it speaks of a
    whole region's money counted mostly in 亿元."""
    head = text[:20000]
    # The sample is `head` without whitespace (str.split's is the regex \s); its first 600
    # characters are those of a short head's, when that has as many.
    short = "".join(head[:1200].split())
    if _NEWS_FORMULA.search((short if len(short) >= 600 else "".join(head.split()))[:600]):
        return True
    # Counting amounts scans the whole sample: only where a 亿元 amount and a region can be.
    if "亿" not in head:
        return False
    sample = "".join(head.split())
    if "亿元" not in sample or not _REGION_WIDE.search(sample):
        return False
    yi = len(_YI_AMOUNT.findall(sample))
    return bool(yi and yi >= len(_WAN_AMOUNT.findall(sample)))


# Headings and items of the template's parts other than 三公 and 政府采购: a text naming
# any of them publishes more than one part.
_OTHER_PARTS = re.compile(
    r"收入支出决算|收入决算|财政拨款收入|基本支出|项目支出|机关运行经费|国有资产|名词解释|"
    r"绩效|年初结转|事业收入|人员经费|公用经费"
)
_SANGONG_SUBJECT = re.compile(r"三公|因公出国|公务用车|公务接待")
_PROCUREMENT_SUBJECT = re.compile(r"政府采购")
# What makes a statement one of the year's actual spending, not of a plan.
_ACTUAL = re.compile(r"决算|年初预算|实际支出|完成(?:全年)?预算")
_AMOUNT = re.compile(rf"{NUMBER}\s*万?元")


def _one_part_kind(text: str) -> str | None:
    """A page that publishes the 三公 accounts alone, or the 政府采购 accounts alone: all its
    statements are about that part (two mentions at least, with an amount of actual
    spending), and it names no other part of the template."""
    head = text[:200000]
    if _OTHER_PARTS.search(head):  # its words have no space: what is found here is in flat
        return None
    flat = "".join(head.split())
    if _OTHER_PARTS.search(flat) or not _AMOUNT.search(flat) or not _ACTUAL.search(flat):
        return None
    sangong = len(_SANGONG_SUBJECT.findall(flat))
    procurement = len(_PROCUREMENT_SUBJECT.findall(flat))
    if sangong >= 2 and not procurement:
        return DocumentKind.SANGONG
    if procurement >= 2 and not sangong:
        return DocumentKind.PROCUREMENT
    return None


# A level of government's own units summed (镇本级, 区本级 … 汇总): the title says so.
_LEVEL_OWN = re.compile(r"(?:[省市州盟县区旗镇乡]|街道)本级")
_AGGREGATES = {
    DocumentKind.FINAL_ACCOUNTS: DocumentKind.AGGREGATE,
    DocumentKind.SANGONG: DocumentKind.AGGREGATE_SANGONG,
}


def detect_document_kind(text: str) -> str | None:
    """What a text is: final accounts (or an aggregate of many units' accounts), a page of
    one part (三公, 政府采购), a performance self-evaluation, a news report; None when
    nothing says it is any of them."""
    head = "".join(text[:3000].split())
    if is_news_report(text):
        return DocumentKind.NEWS
    kind = _template_kind(text, head)
    if kind == DocumentKind.PERFORMANCE:
        return kind
    kind = _one_part_kind(text) or kind
    if kind in _AGGREGATES and _LEVEL_OWN.search(head[:300]) and "汇总" in head[:300]:
        kind = _AGGREGATES[kind]
    return kind


@cache
def region_of(department: str) -> Region:
    """Province / prefecture / county named in a department's name, via the cpca gazetteer."""
    import cpca  # imported lazily: loading the gazetteer costs ~0.4 s

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        row = cpca.transform([department]).iloc[0]

    def clean(v: object) -> str | None:
        return v if isinstance(v, str) and v else None

    return Region(province=clean(row["省"]), prefecture=clean(row["市"]), county=clean(row["区"]))


_FIELD_ZH = {"department": "部门", "fiscal_year": "年度", "document_kind": "文本类型"}


def resolve_metadata(text: str, sidecar: Sidecar) -> DisclosureMeta:
    """Text first, sidecar for what the text does not state; disagreements are noted."""
    notes: list[str] = []
    found = {
        "department": detect_department(text),
        "fiscal_year": detect_fiscal_year(text),
        "document_kind": DocumentKind.BUDGET if is_budget(text) else detect_document_kind(text),
    }
    chosen: dict[str, object] = {}
    for name, from_text in found.items():
        stated = getattr(sidecar, name)
        if stated is not None and from_text is not None and stated != from_text:
            notes.append(
                f"{_FIELD_ZH.get(name, name)}：文中为 {from_text!r}，元数据文件为 {stated!r}，"
                f"采用元数据文件 / {name}: text says {from_text!r}, sidecar says {stated!r}; "
                "sidecar kept"
            )
        chosen[name] = stated if stated is not None else from_text
    # No sidecar makes a budget an actual, or a news report a disclosure.
    if found["document_kind"] in (DocumentKind.BUDGET, DocumentKind.NEWS):
        chosen["document_kind"] = found["document_kind"]
    department = chosen["department"]
    region = sidecar.region
    if region is None and isinstance(department, str):
        region = region_of(department)
    return DisclosureMeta(
        department=department if isinstance(department, str) else None,
        fiscal_year=chosen["fiscal_year"] if isinstance(chosen["fiscal_year"], int) else None,
        document_kind=chosen["document_kind"] if isinstance(chosen["document_kind"], str) else None,
        region=region or Region(),
        notes=tuple(notes),
    )
