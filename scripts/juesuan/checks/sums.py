"""Sums inside the classification lists and tables: 类/款/项, economic codes, “三公”.

The functional classification is stated twice in many disclosures (the 结构情况
and 具体情况 lists of the narrative, and the 一般公共预算财政拨款支出决算表); the
two are summed separately, each against its own totals, so a table row and the
narrative sentence for the same item are never counted twice. Items with a
printed code belong to the table; the others to the narrative.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from juesuan.checks.core import (
    CheckResult,
    Meta,
    Term,
    change_rate,
    fact_term,
    not_checkable,
    outcome,
    percent_check,
    share,
    stated_term,
    sum_check,
)
from juesuan.domain.check_status import CheckStatus
from juesuan.domain.sangong import COMPONENTS, Phase
from juesuan.domain.template import FunctionLevel
from juesuan.extract.expenditure_by_economic import EconomicRow
from juesuan.extract.expenditure_by_function import FunctionItem
from juesuan.extract.facts import Fact, evidence_at
from juesuan.extract.sangong import SangongRow


def item_name(item: FunctionItem) -> str:
    return "/".join(n for n in item.names if n)


def item_term(item: FunctionItem, value: Decimal | None = None) -> Term:
    code = f"{item.code} " if item.code else ""
    return Term(
        f"{code}{item_name(item)}",
        item.amount if value is None else value,
        item.evidence,
        item.code or "",
    )


def _families(items: Sequence[FunctionItem]) -> list[tuple[str, list[FunctionItem]]]:
    table = [i for i in items if i.code_source == "printed"]
    narrative = [i for i in items if i.code_source != "printed"]
    return [(name, group) for name, group in (("table", table), ("narrative", narrative)) if group]


def _children(parent: FunctionItem, group: Sequence[FunctionItem]) -> list[FunctionItem]:
    """Direct children: 款 of a 类 (or its 项 when no 款 is listed), 项 of a 款."""
    if parent.level == FunctionLevel.KUAN:
        return [
            i for i in group if i.level == FunctionLevel.XIANG and i.names[:2] == parent.names[:2]
        ]
    kuan = [i for i in group if i.level == FunctionLevel.KUAN and i.class_name == parent.class_name]
    if kuan:
        return kuan
    return [
        i for i in group if i.level == FunctionLevel.XIANG and i.class_name == parent.class_name
    ]


def functional_checks(items: Sequence[FunctionItem], facts: Sequence[Fact]) -> list[CheckResult]:
    results: list[CheckResult] = []
    gpb = fact_term(facts, "gpb.expenditure", "一般公共预算财政拨款支出")
    for source, group in _families(items):
        source_zh = "决算表" if source == "table" else "情况说明"
        classes = [i for i in group if i.level == FunctionLevel.CLASS]
        xiang = [i for i in group if i.level == FunctionLevel.XIANG]
        for level, rows, zh in (("classes", classes, "各类"), ("items", xiang, "各项")):
            # Without its class list a family is what was left over after matching
            # narrative to table, not a full list, so its sum says nothing.
            if rows and classes:
                meta = Meta(
                    f"functional.{source}.{level}.sum",
                    "functional",
                    f"一般公共预算财政拨款支出 = {zh}之和（{source_zh}）",
                    f"GPB expenditure = sum of {level} ({source})",
                )
                results.append(sum_check(meta, gpb, [item_term(i) for i in rows]))
        for parent in (i for i in group if i.level in (FunctionLevel.CLASS, FunctionLevel.KUAN)):
            children = _children(parent, group)
            if not children:
                continue
            key = parent.code or item_name(parent)
            meta = Meta(
                f"functional.{source}.{key}.sum",
                "functional",
                f"{item_name(parent)} = 下级科目之和（{source_zh}）",
                f"{key} = sum of its sub-items ({source})",
            )
            results.append(sum_check(meta, item_term(parent), [item_term(c) for c in children]))
        for item in group:
            if item.basic is not None and item.project is not None:
                meta = Meta(
                    f"functional.{source}.{item.code or item_name(item)}.basic_project",
                    "functional",
                    f"{item_name(item)}：合计 = 基本支出 + 项目支出",
                    "Item total = basic + project",
                )
                parts = [item_term(item, item.basic), item_term(item, item.project)]
                parts = [
                    Term(f"{t.name}（{label}）", t.value, t.evidence, t.key)
                    for t, label in zip(parts, ("基本支出", "项目支出"), strict=True)
                ]
                results.append(sum_check(meta, item_term(item), parts))
    results.extend(code_checks(items))
    return results


def code_checks(items: Sequence[FunctionItem]) -> list[CheckResult]:
    """A code filled from the code table must sit under its class's printed code.

    Codes read from the table are consistent by construction (names are looked up
    by code prefix), so only codes joined to narrative names are checked here.
    """
    results = []
    class_codes = {i.class_name: i.code for i in items if i.level == FunctionLevel.CLASS and i.code}
    for item in items:
        if item.code_source != "code_table" or item.level == FunctionLevel.CLASS or not item.code:
            continue
        code = class_codes.get(item.class_name)
        meta = Meta(
            f"functional.code.{item.code}",
            "codes",
            f"{item_name(item)}：科目编码以其类编码开头",
            "The item's code starts with its class's code",
        )
        terms = (
            item_term(item),
            Term(item.class_name, None if code is None else Decimal(code), "类编码", code or ""),
        )
        if code is None:
            results.append(not_checkable(meta, terms, "未读到该类的编码 / class code not read"))
            continue
        ok = item.code.startswith(code)
        results.append(
            outcome(
                meta,
                CheckStatus.PASS if ok else CheckStatus.FAIL,
                None,
                None,
                None,
                None,
                terms,
                f"{item.code} / {code}",
            )
        )
    return results


def _economic_term(row: EconomicRow) -> Term:
    return Term(f"{row.code} {row.name}", row.amount, row.evidence, row.code)


def economic_checks(rows: Sequence[EconomicRow], facts: Sequence[Fact]) -> list[CheckResult]:
    results = []
    heads = [r for r in rows if len(r.code) == 3]
    for head in heads:
        subs = [r for r in rows if len(r.code) == 5 and r.code.startswith(head.code)]
        if subs:
            meta = Meta(
                f"economic.{head.code}.sum",
                "economic",
                f"{head.code} {head.name} = 各款之和",
                f"{head.code} = sum of its sub-items",
            )
            results.append(sum_check(meta, _economic_term(head), [_economic_term(r) for r in subs]))
    for category, key in (("人员经费", "gpb.personnel"), ("公用经费", "gpb.public_funds")):
        parts = [r for r in heads if r.category == category]
        if parts:
            meta = Meta(
                f"economic.{key}.sum",
                "economic",
                f"{category} = 基本支出决算明细表中{category}各类之和",
                f"{key} = sum of its economic classes",
            )
            total = fact_term(facts, key, category)
            results.append(sum_check(meta, total, [_economic_term(r) for r in parts]))
    return results


def _sangong_term(rows: Sequence[SangongRow], item: str, phase: Phase) -> Term:
    name = f"{COMPONENTS[item]}（{phase.label_zh}）"
    return stated_term(name, [r for r in rows if r.item == item and r.phase == phase], item)


def sangong_checks(rows: Sequence[SangongRow]) -> list[CheckResult]:
    """total = 出国 + 公务用车 + 接待 and 公务用车 = 购置 + 运行维护, for budget and actual.

    Where the combined 公务用车 figure is not printed, its two parts stand in for it.
    """
    results = []
    for phase in (Phase.ACTUAL, Phase.BUDGET):
        if not any(r.phase == phase and r.item in COMPONENTS for r in rows):
            continue
        term = {item: _sangong_term(rows, item, phase) for item in COMPONENTS}
        vehicle = [term["vehicle"]]
        note = ""
        if term["vehicle"].value is None and "冲突" not in term["vehicle"].evidence:
            vehicle = [term["vehicle_purchase"], term["vehicle_operation"]]
            note = "公务用车购置及运行维护费未单列，以购置费和运行维护费代之"
        meta = Meta(
            f"sangong.{phase}.total.parts",
            "sangong",
            f"“三公”经费{phase.label_zh}数 = "
            "因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费",
            f"Three public expenses ({phase}) = overseas travel + vehicles + reception",
        )
        parts = [term["abroad"], *vehicle, term["reception"]]
        results.append(sum_check(meta, term["total"], parts, note))
        meta = Meta(
            f"sangong.{phase}.vehicle.parts",
            "sangong",
            f"公务用车购置及运行维护费{phase.label_zh}数 = 购置费 + 运行维护费",
            f"Official vehicles ({phase}) = purchase + operation",
        )
        if term["vehicle"].value is not None:
            parts = [term["vehicle_purchase"], term["vehicle_operation"]]
            results.append(sum_check(meta, term["vehicle"], parts))
    return results


def item_ratio_checks(
    text: str, items: Sequence[FunctionItem], facts: Sequence[Fact]
) -> list[CheckResult]:
    """Class shares of 一般公共预算财政拨款支出 and item changes against their amounts."""
    results = []
    gpb = fact_term(facts, "gpb.expenditure", "一般公共预算财政拨款支出")
    for item in items:
        key = item.code or item_name(item)
        if item.share_pct is not None:
            meta = Meta(
                f"functional.{key}.share",
                "shares",
                f"{item_name(item)}占一般公共预算财政拨款支出的比例",
                "Class share of GPB expenditure",
            )
            stated = Term("所述占比（%）", item.share_pct, item.evidence)
            results.append(percent_check(meta, stated, (item_term(item), gpb), share))
        if item.change_pct is not None or item.change is not None:
            evidence = (
                evidence_at(text, item.start, item.end)
                if item.code_source != "printed"
                else item.evidence
            )
            meta = Meta(
                f"functional.{key}.change",
                "changes",
                f"{item_name(item)}：增减率 = 增减额 ÷（本年数 − 增减额）",
                "Item change rate = change / (this year − change)",
            )
            stated = Term("所述增减率（%）", item.change_pct, evidence)
            change = Term("所述增减额", item.change, evidence)
            results.append(percent_check(meta, stated, (change, item_term(item)), change_rate))
    return results
