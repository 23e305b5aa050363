"""One list of key figures: the headline, the comparison pages and the catalogue read it."""

from __future__ import annotations

from juesuan.domain.key_figures import CATALOGUE, COMPARE, HEADLINE, KEY_FIGURES, figures_for
from juesuan.domain.vocabulary import load_vocabulary
from juesuan.registry.portal import CATALOGUE as CATALOGUE_SPEC
from juesuan.render import comparison, portal_pages


def test_every_key_figure_is_a_vocabulary_key_and_used():
    vocabulary = load_vocabulary()
    for f in KEY_FIGURES:
        assert f.key in vocabulary
        assert f.uses and f.uses <= {HEADLINE, COMPARE, CATALOGUE}


def test_comparison_pages_use_the_list():
    assert figures_for(COMPARE) == comparison.KEY_FIGURES
    headers = dict(portal_pages._FIGURE_COLUMNS)
    for f in figures_for(COMPARE):
        assert headers[f.key] == f"{f.label_zh}（{f.unit_zh}）"


def test_catalogue_columns_are_the_list():
    fields = {f.name: f for f in CATALOGUE_SPEC.fields}
    for f in figures_for(CATALOGUE):
        assert fields[f.column].title_zh == f.label_zh
        assert fields[f.column].title_en == f.title_en


def test_headline_rows_follow_the_list():
    from types import SimpleNamespace

    from juesuan.render.headline import key_figure_rows

    rows = key_figure_rows(SimpleNamespace(facts=()))  # type: ignore[arg-type]
    assert [r["label"] for r in rows] == [f.label_zh for f in figures_for(HEADLINE)]
    # Nothing read: 未读到, with no unit glued on (issue 16 item 7).
    assert {(r["value"], r["unit"]) for r in rows} == {("未读到", "")}
