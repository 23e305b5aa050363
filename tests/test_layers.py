"""The stage folders are a layer order, checked by import-linter (contracts in pyproject.toml).

A stage imports only stages below it (read → extract → checks → disclosure → convert;
package → render → site → pipeline → cli), the registry never imports a parser, and
nothing imports test support. A module-level import cycle is also refused.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"


def test_import_contracts_are_kept():
    run = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports")), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SCRIPTS)},
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 kept, 0 broken" in run.stdout


def test_no_module_imports_itself_round_a_cycle():
    sys.path.insert(0, str(SCRIPTS))
    graph = grimp.build_graph("juesuan", cache_dir=None)
    cycles = sorted(
        (a, b)
        for a in graph.modules
        for b in graph.find_modules_directly_imported_by(a)
        if a < b and graph.direct_import_exists(importer=b, imported=a)
    )
    assert cycles == []


def test_every_module_sits_in_a_stage_folder():
    top = sorted(p.name for p in (SCRIPTS / "juesuan").glob("*.py"))
    assert top == ["__init__.py", "__main__.py", "cli.py", "convert.py", "disclosure.py"]
