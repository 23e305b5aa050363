"""Slotted dataclasses of a disclosure pickle as their constructor's arguments."""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field

import pytest

from juesuan.disclosure import from_stored, stored
from juesuan.infra.by_fields import ByFields


def test_a_disclosure_round_trips_and_its_records_pickle_by_constructor(seed_disclosures):
    d = seed_disclosures["000"]
    assert from_stored(stored(d)) == d
    fact = d.facts[0]
    rebuild, args = fact.__reduce__()
    assert rebuild is type(fact) and rebuild(*args) == fact
    assert pickle.loads(pickle.dumps(d.checks)) == d.checks


@dataclass(frozen=True, slots=True)
class _Counted(ByFields):
    name: str
    seen: int = field(default=0, init=False)


def test_a_field_outside_the_constructor_is_refused():
    with pytest.raises(TypeError, match="_Counted"):
        pickle.dumps(_Counted("收入总计"))
