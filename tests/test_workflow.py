"""The GitHub Actions workflow: lint-clean, both triggers, the README's own make targets, and
the supported Pythons (pyproject, Makefile and the test matrix agree)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


def _actionlint() -> str:
    beside_python = Path(sys.executable).parent / "actionlint"
    found = str(beside_python) if beside_python.exists() else shutil.which("actionlint")
    assert found, "actionlint is a pinned dev dependency: run `make test` to install it"
    return found


def test_actionlint_passes():
    run = subprocess.run([_actionlint(), str(WORKFLOW)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text().replace("runs-on: ubuntu-latest", "runs-on: [", 1))
    run = subprocess.run([_actionlint(), str(broken)], capture_output=True, text=True)
    assert run.returncode != 0


def _workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as True
    return data


def test_push_to_main_and_pull_requests_trigger_on_every_input():
    on = _workflow()["on"]
    assert on["push"]["branches"] == ["main"]
    for trigger in ("push", "pull_request"):
        paths = on[trigger]["paths"]
        for needed in ("sources/**", "scripts/**", "docs/**", "mkdocs.yml", "pyproject.toml"):
            assert needed in paths, (trigger, needed)


def test_deploys_with_the_pages_artifact_flow_only_from_main():
    jobs = _workflow()["jobs"]
    uses = [s.get("uses", "") for job in jobs.values() for s in job.get("steps", [])]
    for action in (
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ):
        assert any(u.startswith(action + "@") for u in uses), action
    assert "gh-deploy" not in WORKFLOW.read_text()
    assert "pull_request" in jobs["deploy"]["if"] and "refs/heads/main" in jobs["deploy"]["if"]


def test_workflow_runs_the_readme_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = re.findall(r"^(make \w+)", quick_start, re.M)
    assert commands[:2] == ["make site", "make test"]
    runs = [s.get("run", "") for s in _workflow()["jobs"]["build"]["steps"]]
    for command in commands:
        assert any(run.split(" BUILD_FLAGS")[0] == command for run in runs), command
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_the_build_cache_is_restored_before_the_site_is_built():
    """With build/cache carried between runs, CI converts, validates and renders only what
    changed; the key moves with the code and the sources, and older caches are restored."""
    steps = _workflow()["jobs"]["build"]["steps"]
    names = [s.get("uses", "") or s.get("run", "") for s in steps]
    cache = next(i for i, u in enumerate(names) if u.startswith("actions/cache@"))
    assert cache < names.index("make site BUILD_FLAGS=--strict")
    assert steps[cache]["with"]["path"] == "build/cache"
    assert "scripts/**" in steps[cache]["with"]["key"]
    restore = steps[cache]["with"]["restore-keys"]
    assert restore.startswith("build-cache-")
    assert steps[cache]["with"]["key"].startswith(restore)


def _supported() -> list[str]:
    """The Python versions pyproject.toml declares, from its classifiers."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    prefix = "Programming Language :: Python :: 3."
    return [
        c.removeprefix("Programming Language :: Python :: ")
        for c in project["classifiers"]
        if c.startswith(prefix)
    ]


def test_python_3_11_to_3_13_are_declared_and_required():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert _supported() == ["3.11", "3.12", "3.13"]
    assert project["requires-python"] == ">=3.11,<3.14"


def test_the_tests_run_on_every_supported_python():
    build = _workflow()["jobs"]["build"]
    assert build["strategy"]["matrix"]["python"] == _supported()
    assert build["strategy"]["fail-fast"] is False  # one version failing does not hide another
    setup = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["python-version"] == "${{ matrix.python }}"
    # make would otherwise take the newest Python on the runner, not the matrix's
    assert build["env"]["PYTHON"] == "python${{ matrix.python }}"
    cache = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/cache@"))
    assert "${{ matrix.python }}" in cache["with"]["key"]


def test_one_python_publishes_the_site():
    jobs = _workflow()["jobs"]
    publish = [
        s
        for s in jobs["build"]["steps"]
        if s.get("uses", "").startswith(
            ("actions/configure-pages@", "actions/upload-pages-artifact@")
        )
    ]
    assert len(publish) == 2
    conditions = {re.search(r"matrix\.python == '([\d.]+)'", s.get("if", "")) for s in publish}
    assert None not in conditions, "every leg of the matrix would upload the Pages artifact"
    versions = {m.group(1) for m in conditions}
    assert len(versions) == 1 and versions <= set(_supported())
    # waits for every version's tests, and for the downloads the site links to
    assert jobs["deploy"]["needs"] == ["build", "downloads"]
    assert "needs.build.result == 'success'" in jobs["deploy"]["if"]


def test_the_makefile_tries_every_supported_python_newest_first():
    line = re.search(r"^SUPPORTED\s*:=(.*)$", (ROOT / "Makefile").read_text(), re.M)
    assert line, "Makefile: SUPPORTED lists the Pythons make tries"
    names = line.group(1).split()
    assert names == [f"python{v}" for v in reversed(_supported())] + ["python3"]


def _make_in(tmp_path: Path, fakes: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    """Run make on a copy of the Makefile with only `fakes` (name → script) on PATH."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    for name in ("Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy(ROOT / name, tmp_path / name)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, script in fakes.items():
        (bin_dir / name).write_text(script)
        (bin_dir / name).chmod(0o755)
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path)}  # no PYTHON: make chooses
    return subprocess.run(
        [make, "--no-print-directory", *args], cwd=tmp_path, env=env, capture_output=True, text=True
    )


SHIM = "#!/bin/sh\necho 'pyenv: $0: command not found' >&2\nexit 127\n"


def test_make_skips_a_python_that_does_not_run_and_takes_the_next(tmp_path):
    """A pyenv shim for python3.13 exists on PATH without a 3.13 selected: make must move on."""
    real = f'#!/bin/sh\nexec "{sys.executable}" "$@"\n'
    run = _make_in(
        tmp_path, {"python3.13": SHIM, "python3.12": real}, "-n", "-W", "pyproject.toml", "setup"
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"{sys.executable} -m venv" in run.stdout, run.stdout


def test_make_says_which_pythons_it_needs_when_none_runs(tmp_path):
    run = _make_in(tmp_path, {n: SHIM for n in ("python3.13", "python3.12", "python3")}, "setup")
    assert run.returncode != 0
    assert "no Python 3.11, 3.12 or 3.13" in run.stdout + run.stderr
    assert not (tmp_path / ".venv").exists()


def test_ci_builds_strictly_so_a_skipped_source_cannot_deploy_silently():
    runs = [s.get("run", "") for s in _workflow()["jobs"]["build"]["steps"]]
    assert "make site BUILD_FLAGS=--strict" in runs
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "$(BIN)/juesuan build $(BUILD_FLAGS)" in makefile
