"""Convert a real PDF the way the pipeline will once source sniffing lands (tests only).

`read_pdf` lays the PDF out as text; the text goes through the same `convert_source`
as every text export. Kept out of the package: the source stage will own this step.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from juesuan.convert import convert_source
from juesuan.disclosure import Disclosure
from juesuan.read.layout import LaidOut
from juesuan.read.pdf import read_pdf
from juesuan.read.source import RawSource, Sidecar

ORIGINALS = Path("/work/shared/originals")
EXPECTED = Path(__file__).resolve().parent.parent / "expected" / "originals"


def laid_out(pdf: Path) -> LaidOut:
    return read_pdf(Path(pdf).read_bytes(), pdf)


def convert_pdf(pdf: Path, laid: LaidOut | None = None) -> Disclosure:
    """One real PDF converted through `convert_source`, as a text export would be."""
    data = Path(pdf).read_bytes()
    laid = laid if laid is not None else read_pdf(data, pdf)
    raw = RawSource(
        path=Path(pdf),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding="pdf",
        text=laid.text,
        sidecar=Sidecar(),
    )
    return convert_source(raw)
