"""Contracts between the code and what the project tells its users (datasette's pattern).

The vocabulary (data/facts.csv) is the public data contract: a key nobody reads is a
promise not kept, a key a reader emits outside it is data nobody documented. The
README's lists of resources and commands are what users read first; they must match
the code.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from juesuan.cli import parser
from juesuan.domain.vocabulary import load_vocabulary
from juesuan.registry import RESOURCES
from juesuan.registry.portal import PORTAL_RESOURCES

ROOT = Path(__file__).resolve().parent.parent
EXTRACT = ROOT / "scripts" / "juesuan" / "extract"
README = (ROOT / "README.md").read_text("utf-8")
_KEY = re.compile(r"^[a-z_]+\.[a-z_0-9]+$")


def _keys_named_by_readers() -> set[str]:
    """Every vocabulary-shaped string literal in the extract stage (the readers' keys)."""
    named = set()
    for path in EXTRACT.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and _KEY.match(node.value)
            ):
                named.add(node.value)
    return named


def test_every_vocabulary_key_has_a_reader():
    assert sorted(set(load_vocabulary()) - _keys_named_by_readers()) == []


def test_every_key_a_reader_names_is_in_the_vocabulary():
    assert sorted(_keys_named_by_readers() - set(load_vocabulary())) == []


def test_every_fact_read_from_the_seeds_is_in_the_vocabulary(seed_disclosures):
    keys = {f.key for d in seed_disclosures.values() for f in d.facts}
    assert keys and keys <= set(load_vocabulary())


def _readme_table(heading: str) -> list[str]:
    section = README.split(heading, 1)[1].split("\n## ", 1)[0]
    return [
        name
        for line in section.splitlines()
        if line.startswith("| `")
        for name in re.findall(r"`([a-z_]+)`", line.split("|")[1])
    ]


def test_readme_lists_every_resource_of_a_package_in_order():
    assert _readme_table("## Data\n") == [spec.name for spec in RESOURCES]


def test_readme_names_every_resource_of_the_portal_package():
    portal = README.split("`datapackages/portal/` combines every disclosure", 1)[1].split("\n\n")[0]
    assert re.findall(r"`([a-z_]+)`", portal.split("each with a", 1)[0]) == [
        spec.name for spec in PORTAL_RESOURCES
    ]


def test_readme_lists_every_command():
    listed = re.findall(r"^juesuan (\w+)", README, flags=re.M)
    sub = next(a for a in parser()._actions if a.dest == "command")
    assert listed == list(sub.choices)
