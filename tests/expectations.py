"""The seeds' values as people read them (tests/expected/NNN.yaml), for tests in any folder."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import yaml


def expected_yaml(seed: str) -> dict:
    path = Path(__file__).parent / "expected" / f"{seed}.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def expected_pairs(seed: str) -> set[tuple[str, Decimal]]:
    facts = expected_yaml(seed).get("facts") or {}
    return {(key, Decimal(str(v["value"]))) for key, values in facts.items() for v in values}
