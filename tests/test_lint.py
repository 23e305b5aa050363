"""ruff lint and format are part of the test suite, so CI enforces them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, "scripts", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_ruff_check():
    run = _ruff("check")
    assert run.returncode == 0, run.stdout


def test_ruff_format():
    run = _ruff("format", "--check")
    assert run.returncode == 0, run.stdout
