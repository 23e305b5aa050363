"""The repository's size at N disclosures, originals committed versus listed in a manifest.

Usage: PYTHONPATH=scripts .venv/bin/python benchmarks/repo_size.py [N] [DIR]
N defaults to 5000; DIR (real PDFs as published) to ../shared/originals beside the repository.

(a) Originals committed: the real PDFs are committed to a scratch repository and packed
(`git gc`); `git count-objects -v` gives the packed size, hence how far git compresses
such PDFs. N originals are then estimated as N × the mean real size × that ratio (PDF
streams are already deflated, and different disclosures share no deltas worth having).
(b) Manifest only: sources/originals.csv with N rows (realistic paths, random hashes,
sizes drawn from the real PDFs, release-asset and publisher URLs) is written by the
project's own manifest writer, committed and packed, and measured the same way.
The YAML sidecars are committed both ways; they are measured once, from a seed's.
Prints a table; exit status 0 whatever the numbers.
"""

from __future__ import annotations

import hashlib
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from juesuan.read.manifest import Original, manifest_text  # noqa: E402

ORIGINALS = ROOT.parent / "shared" / "originals"  # beside the repository, never in it
GITHUB_WARNS = 1 << 30  # GitHub warns past 1 GB; refuses files over 100 MB


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


def packed_size(files: dict[str, bytes]) -> int:
    """Bytes git keeps for `files` committed once and packed (size-pack + loose)."""
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp)
        git(repo, "init", "-q")
        for name, data in files.items():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            (repo / name).write_bytes(data)
        git(repo, "add", "-A")
        git(repo, "-c", "user.name=b", "-c", "user.email=b@b", "commit", "-qm", "measure")
        git(repo, "gc", "-q", "--aggressive", "--prune=now")
        counts = dict(line.split(": ") for line in git(repo, "count-objects", "-v").splitlines())
        return (int(counts["size-pack"]) + int(counts["size"])) * 1024


def manifest_rows(n: int, sizes: list[int], rng: random.Random) -> list[Original]:
    provinces = ["jiangsu", "shanghai", "xinjiang", "hunan", "guangdong", "sichuan"]
    rows = []
    for i in range(n):
        province = provinces[i % len(provinces)]
        name = f"{2020 + i % 5}/{province}/dept{i:05d}_juesuan.pdf"
        rows.append(
            Original(
                file=name,
                sha256=hashlib.sha256(rng.randbytes(32)).hexdigest(),
                size=rng.choice(sizes),
                url=f"https://github.com/owner/juesuan/releases/download/originals-{name[:4]}/"
                f"dept{i:05d}_juesuan.pdf",
                publisher_url=f"http://czt.{province}.gov.cn/zwgk/czyjs/bmjs/{2020 + i % 5}/"
                f"t{20210000 + i}_{rng.randrange(10**7):07d}.html",
            )
        )
    return rows


def sidecars(n: int) -> dict[str, bytes]:
    """N sidecars like the seeds' (each department named differently)."""
    seed = (ROOT / "sources" / "000_a1db828f484ee6df.yml").read_text("utf-8")
    return {
        f"sources/{i:05d}.yml": seed.replace("科学技术协会", f"第{i}局").encode() for i in range(n)
    }


def mb(n: float) -> str:
    return f"{n / 1e6:,.1f} MB"


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else 5000
    folder = Path(argv[1]) if len(argv) > 1 else ORIGINALS
    pdfs = {f"sources/{p.name}": p.read_bytes() for p in sorted(folder.glob("*.pdf"))}
    if not pdfs:
        print(f"no PDFs in {folder}", file=sys.stderr)
        return 1
    sizes = [len(d) for d in pdfs.values()]
    raw, packed = sum(sizes), packed_size(pdfs)
    ratio = packed / raw
    mean = statistics.mean(sizes)
    committed = n * mean * ratio
    text = manifest_text(manifest_rows(n, sizes, random.Random(17)))
    manifest_packed = packed_size({"sources/originals.csv": text.encode()})
    side_packed = packed_size(sidecars(n))
    print(f"{len(sizes)} real PDFs in {folder}: {mb(raw)} raw, {mb(packed)} packed by git")
    print(
        f"  size min {min(sizes):,} / median {statistics.median(sizes):,.0f} / mean {mean:,.0f}"
        f" / max {max(sizes):,} bytes; git keeps {ratio:.1%} of a PDF's bytes"
    )
    print(f"\nrepository size at N = {n:,} (packed, as a clone downloads it)")
    print(f"{'way':<44} {'originals':>12} {'+ sidecars':>12} {'total':>12}")
    for way, size in (
        ("(a) originals committed (estimate)", committed),
        ("(b) manifest only: sources/originals.csv", manifest_packed),
    ):
        print(f"{way:<44} {mb(size):>12} {mb(side_packed):>12} {mb(size + side_packed):>12}")
    print(
        f"\nmanifest: {len(text.encode()):,} bytes raw for {n:,} rows; "
        f"(a) is {committed / GITHUB_WARNS:.1f}× GitHub's 1 GB warning, "
        f"(b) {(manifest_packed + side_packed) / GITHUB_WARNS:.4f}×; at 0.2–4 MB a PDF "
        f"(the issue's range) (a) would be {mb(n * 0.2e6 * ratio)}–{mb(n * 4e6 * ratio)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
