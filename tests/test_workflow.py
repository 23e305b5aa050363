"""The GitHub Actions workflow: lint-clean, both triggers, and the README's own make targets."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

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
        assert command in runs, command
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_the_build_cache_is_restored_before_the_site_is_built():
    """With build/cache carried between runs, CI converts, validates and renders only what
    changed; the key moves with the code and the sources, and older caches are restored."""
    steps = _workflow()["jobs"]["build"]["steps"]
    names = [s.get("uses", "") or s.get("run", "") for s in steps]
    cache = next(i for i, u in enumerate(names) if u.startswith("actions/cache@"))
    assert cache < names.index("make site")
    assert steps[cache]["with"]["path"] == "build/cache"
    assert "scripts/**" in steps[cache]["with"]["key"]
    assert steps[cache]["with"]["restore-keys"] == "build-cache-"
