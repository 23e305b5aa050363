"""Bad input costs bounded time and memory: each hostile file through `juesuan convert`.

Every case runs in its own process, as a build's worker would; the table gives its
wall time, the process's peak resident memory (ru_maxrss from wait4) and the one line
it printed. Targets (the PDF issue): ≤ 30 s and ≤ 1 GB per file, one clear line.

    .venv/bin/python benchmarks/hostile_inputs.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

ORIGINAL = ROOT.parent / "shared" / "originals" / "juesuan_2024_putuo_ghzy_draft.pdf"


def _hostile():  # imported only where files are made: its libraries would count in the peaks
    from juesuan.testing import hostile_files

    return hostile_files


def _truncated() -> bytes:
    data = ORIGINAL.read_bytes()
    return data[: len(data) // 2]


def _broken_xref() -> bytes:
    data = bytearray(ORIGINAL.read_bytes())
    at = data.rindex(b"startxref")
    data[at + 10 : at + 16] = b"999999"
    return bytes(data)


def _scripted_html() -> bytes:
    script = "<script>" + "var a=1;" * 200_000 + "</script>"
    return (
        "<!doctype html><html><head><meta charset='utf-8'>" + script + "</head><body>"
        "<nav>首页 | 信息公开</nav><p>某某局2024年度部门决算</p>" + script + "</body></html>"
    ).encode()


CASES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "encrypted PDF": (".pdf", lambda: _hostile().encrypted_pdf()),
    "truncated PDF (50%)": (".pdf", _truncated),
    "broken xref": (".pdf", _broken_xref),
    "zero pages": (".pdf", lambda: _hostile().blank_pdf(0)),
    "2,000 blank pages": (".pdf", lambda: _hostile().blank_pdf(2000)),
    "~50 MB PDF (one noise image)": (".pdf", lambda: _hostile().image_pdf(5800, quality=100)),
    "images only (scan)": (".pdf", lambda: _hostile().image_pdf(600)),
    ".docx zip bomb": (".docx", lambda: _hostile().zip_bomb_docx()),
    ".xlsx of a million rows": (".xlsx", lambda: _hostile().million_row_xlsx()),
    "HTML page with scripts": (".html", _scripted_html),
    "legacy .doc": (".doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096),
}


def _run(path: Path, out: Path) -> tuple[float, float, str]:
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "juesuan", "convert", str(path), "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")},
    )
    assert proc.stdout is not None
    output = proc.stdout.read().decode("utf-8", "replace")
    _, _, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    lines = [line for line in output.splitlines() if line.strip()]
    first = next((line for line in lines if line.startswith("error:")), lines[-1] if lines else "")
    return (
        seconds,
        usage.ru_maxrss / 1024,
        first.replace(str(path.parent) + "/", "").removeprefix("error: "),
    )


def _make(folder: Path) -> None:
    """Write every case's file (run in a child: Linux keeps a process's peak memory across
    exec, so files made in the measuring process would inflate every peak)."""
    for n, (name, (suffix, make)) in enumerate(CASES.items()):
        if name in NEEDS_ORIGINAL and not ORIGINAL.is_file():
            continue
        (folder / f"case{n:02d}{suffix}").write_bytes(make())


NEEDS_ORIGINAL = {"truncated PDF (50%)", "broken xref"}


def main() -> int:
    if sys.argv[1:2] == ["--make"]:
        _make(Path(sys.argv[2]))
        return 0
    print(f"{'case':30s} {'MB':>6s} {'s':>6s} {'peak MB':>8s}  outcome")
    worst_s = worst_mb = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, __file__, "--make", tmp], check=True)
        for n, (name, (suffix, _)) in enumerate(CASES.items()):
            path = Path(tmp) / f"case{n:02d}{suffix}"
            if not path.is_file():
                print(f"{name:30s} skipped: ../shared/originals absent")
                continue
            seconds, peak, line = _run(path, Path(tmp) / "out")
            worst_s, worst_mb = max(worst_s, seconds), max(worst_mb, peak)
            size = path.stat().st_size / 2**20
            print(f"{name:30s} {size:6.1f} {seconds:6.2f} {peak:8.0f}  {line[:90]}")
    print(f"\nworst: {worst_s:.2f} s, {worst_mb:.0f} MB peak (targets: 30 s, 1024 MB)")
    return 0 if worst_s <= 30 and worst_mb <= 1024 else 1


if __name__ == "__main__":
    raise SystemExit(main())
