"""Write the generated docs directory, linking what the previous one already holds.

Every build lays out the docs directory afresh (assemble.assemble_docs) and, at 1,000
disclosures, wrote ~2,500 generated files into it (department pages and their CSVs,
comparison, completeness and listing pages, the chart bundle) though a build that adds one
disclosure changes a handful: ~1.5 s of open, write and mkdir on this machine, several
seconds at 5,000, on every build. Each file written is recorded with the SHA-256 of its
bytes and its stats (build/cache/docs-digests.json); next time, a file whose bytes have the
same digest, and whose namesake in the previous directory still has the recorded stats, is
hard-linked from there instead (no write, no read). The previous directory is replaced
whole, never edited in place, so a file with the recorded stats holds the recorded bytes.
A linked file keeps its time, which is what tells MkDocs' dirty build (page_reuse) that the
page did not change.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from juesuan.infra.atomic import write_file_atomically

DIGESTS_NAME = "docs-digests.json"

Record = list  # [sha256, size, mtime_ns, inode]


class DocsWriter:
    """Writes files into `staging` (the next docs directory) by relative name."""

    def __init__(self, staging: Path, previous: Path, cache_dir: Path) -> None:
        self.staging, self.previous, self.cache_dir = staging, previous, cache_dir
        try:
            found = json.loads((cache_dir / DIGESTS_NAME).read_text("utf-8"))
        except (OSError, ValueError):
            found = {}
        self.recorded: dict[str, Record] = found if isinstance(found, dict) else {}
        self.kept: dict[str, Record] = {}  # linked from the previous directory
        self.written: dict[str, str] = {}  # name → digest, stats taken when saved
        self.made: set[Path] = set()  # folders known to exist (a mkdir a file was ~0.4 s)

    def write(self, name: str, content: bytes) -> None:
        path = self.staging / name
        if path.parent not in self.made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.made.add(path.parent)
        digest = hashlib.sha256(content).hexdigest()
        old = self.recorded.get(name)
        if old is not None and old[0] == digest:
            try:
                own = (self.previous / name).lstat()
                if [own.st_size, own.st_mtime_ns, own.st_ino] == old[1:]:
                    os.link(self.previous / name, path, follow_symlinks=False)
                    self.kept[name] = old
                    return
            except OSError:
                pass
        path.write_bytes(content)
        self.written[name] = digest

    def save(self) -> None:
        """Record what the docs directory now holds; call once `staging` is in place as the
        docs directory (a rename keeps every file's inode and time). Files whose times were
        changed since (page_reuse.keep_unchanged_times) are simply written again next time."""
        now = dict(self.kept)
        for name, digest in self.written.items():
            try:
                own = (self.previous / name).lstat()
            except OSError:
                continue
            now[name] = [digest, own.st_size, own.st_mtime_ns, own.st_ino]
        write_file_atomically(self.cache_dir / DIGESTS_NAME, json.dumps(now, sort_keys=True))
