"""Sidecars are read by libyaml where it is built in, with exactly yaml.safe_load's result.

`read.source._safe_load` parses with PyYAML's C loader and reads anything it refuses again
with `yaml.safe_load`, so a bad sidecar fails with safe_load's own error (its class name is
in the message the build prints). Every seed's sidecar and sidecars with the awkward
corners of YAML must give what safe_load gives: the same data, or the same error.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from juesuan.read.source import _safe_load

SIDECARS = sorted((Path(__file__).resolve().parents[2] / "sources").glob("*.yml"))
AWKWARD = [
    "department: 某部门\nfiscal_year: 2024\nregion:\n  province: 广东省\n  county: null\n",
    "department: a\x07b\n",  # a control character
    "a: 1\n\tb: 2\n",  # a tab as indentation
    "\ufeffdepartment: 某部门\n",
    "a: b: c\n",
    "a: [1, 2\n",
    "a: 1\na: 2\n",
    "a: !!python/object:os.system x\n",
    "fiscal_year: 2024-01-01\n",
    "a: &x 1\nb: *x\n",
    "a: *y\n",
    'a: "\ud800"\n',  # a lone surrogate: libyaml raises no YAMLError for it
    "a: 1\n---\nb: 2\n",
    "",
    "# only a comment\n",
    "- a\n- b\n",
    "a: yes\nb: 0x1F\nc: 1:20\nd: .inf\ne: ~\n",
]


def _outcome(load, text: str):
    try:
        return "data", load(text)
    except Exception as exc:  # the class, as read_sidecar reports it
        return "error", type(exc).__name__


@pytest.mark.parametrize(
    "text", [*AWKWARD, *(p.read_text(encoding="utf-8") for p in SIDECARS)], ids=repr
)
def test_a_sidecar_reads_as_safe_load_reads_it(text: str):
    assert _outcome(_safe_load, text) == _outcome(yaml.safe_load, text)
