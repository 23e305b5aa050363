"""The key figures: the few numbers most readers want first, and where each is shown.

One list for the headline of a disclosure page (`headline`), the comparison and
department pages (`compare`) and the totals columns of the portal's catalogue
(`catalogue`). Labels and units are the vocabulary's, so a figure is named the
same on every page and in every CSV.
"""

from __future__ import annotations

from dataclasses import dataclass

from juesuan.domain.vocabulary import UNITS, load_vocabulary

HEADLINE = "headline"
COMPARE = "compare"
CATALOGUE = "catalogue"


@dataclass(frozen=True)
class KeyFigure:
    """A vocabulary key shown as a key figure; `uses` says where."""

    key: str
    uses: frozenset[str]
    # A shorter English title where the vocabulary's is too long for a column header.
    short_en: str | None = None

    @property
    def label_zh(self) -> str:
        return load_vocabulary()[self.key].label_zh

    @property
    def label_en(self) -> str:
        return load_vocabulary()[self.key].label_en

    @property
    def title_en(self) -> str:
        return self.short_en or self.label_en

    @property
    def unit(self) -> str:
        """The unit code (wan_yuan, person)."""
        return load_vocabulary()[self.key].unit

    @property
    def unit_zh(self) -> str:
        return UNITS[self.unit].zh

    @property
    def column(self) -> str:
        """The column of the figure in a table: the key with '_' for '.'."""
        return self.key.replace(".", "_")


def _figure(key: str, *uses: str, short_en: str | None = None) -> KeyFigure:
    return KeyFigure(key, frozenset(uses), short_en)


KEY_FIGURES: tuple[KeyFigure, ...] = (
    _figure("revenue.grand_total", CATALOGUE, short_en="Total revenue"),
    _figure("revenue.current_year", HEADLINE, COMPARE),
    _figure("expenditure.grand_total", CATALOGUE, short_en="Total expenditure"),
    _figure("expenditure.current_year", HEADLINE, COMPARE, CATALOGUE, short_en="Spent this year"),
    _figure("expenditure.basic", HEADLINE, COMPARE),
    _figure("expenditure.project", HEADLINE, COMPARE),
    _figure("gpb.expenditure", CATALOGUE, short_en="GPB expenditure"),
    _figure("sangong.total", HEADLINE, COMPARE, CATALOGUE),
    _figure("staff.total", HEADLINE),
    _figure("staff.active", HEADLINE, COMPARE),
)


def figures_for(use: str) -> tuple[KeyFigure, ...]:
    """The key figures shown in `use` (HEADLINE, COMPARE or CATALOGUE), in order."""
    return tuple(f for f in KEY_FIGURES if use in f.uses)


@dataclass(frozen=True)
class BudgetPair:
    """A 年初预算 and the 决算 it is compared with, as the disclosure pairs them.

    The narrative's "与年初预算相比，年初预算数X万元，决算数Y万元" of 财政拨款收入支出
    compares the initial budget with 财政拨款支出总计; the 三公 paragraph compares its
    全年预算数 with its 决算数.
    """

    label_zh: str
    label_en: str
    budget_key: str
    actual_key: str

    @property
    def column(self) -> str:
        """The execution-rate column of the pair in a comparison table."""
        return self.actual_key.replace(".", "_") + "_execution_rate_pct"


BUDGET_PAIRS: tuple[BudgetPair, ...] = (
    BudgetPair(
        "财政拨款支出",
        "Fiscal appropriation spending",
        "fiscal.initial_budget",
        "fiscal.expenditure_total",
    ),
    BudgetPair("“三公”经费", "Three public expenses", "sangong.budget_total", "sangong.total"),
)
