"""The date each file was last changed, from git: builds stay reproducible (never the clock).

One `git log` over the paths, newest first; a file's date is that of the first commit
that names it. Outside a repository, or for a file never committed, there is no date.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from pathlib import Path


def last_changed(root: Path, paths: Iterable[Path]) -> dict[Path, str]:
    """Resolved path → ISO date (YYYY-MM-DD) of its last commit, for the committed ones."""
    wanted = {p.resolve() for p in paths}
    if not wanted:
        return {}
    try:
        top = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        log = subprocess.run(
            [
                "git",
                "-C",
                top,
                "log",
                "--format=@%cs",
                "--name-only",
                "--no-renames",
                "--",
                *sorted({str(p.parent) for p in wanted}),
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[Path, str] = {}
    date = ""
    for line in log.splitlines():
        if line.startswith("@"):
            date = line[1:]
        elif line:
            path = (Path(top) / line).resolve()
            if path in wanted and path not in dates:
                dates[path] = date
    return dates
