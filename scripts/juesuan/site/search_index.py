"""The site's search index, assembled from one cached piece per page, with its postings built.

Why not Material's index as the plugin writes it: Material's search worker builds a
lunr index in the reader's browser from every document before the first result (at
5,000 disclosures, ~15,000 documents and seconds of work, growing with the site), and
the plugin only sees the pages of the build at hand, while a build that changes one
disclosure rebuilds only that page (mkdocs `dirty`). So:

- each page's documents (location, title, text, as the search plugin made them, less
  the U+200B the tokens do not need) are kept in build/cache/search, one piece a page,
  with the digest of the page's Markdown and of the search settings they came from;
- the published index is assembled from the pieces of every page of the site: the
  documents, every token in sorted order and, for each token, its postings (which
  documents hold it, in which field, how often), so the browser reads the index and
  searches at once (`search_worker.js`, speaking Material's worker protocol) instead of
  indexing. The worker fetches it itself (INDEX_PATH): the page neither parses it on its
  own thread nor copies it to the worker; search_index.json only names it. Assembling
  reads one small piece a page and tokenizes its text: no HTML, no mkdocs.

Tokens are what Material's worker would index: the text outside tags, split at the
search separator, lower-cased (no stemming: every query term is a prefix, so
"download" still finds "downloads").
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from juesuan.infra.atomic import write_file_atomically

_ZWSP = "\u200b"
_AT_TAG = re.compile(r"\u200b+(?=<)|(?<=>)\u200b+")
_TAG = re.compile(r"<[^>]*>")

# Bits of a posting: doc << 4 | title << 3 | min(count, 7) (search_worker.js reads them so).
_TITLE_BIT = 8
_MAX_COUNT = 7
# Postings are written as text: per posting the document's distance from the previous
# posting's and the low bits, in base-32 digits least significant first, a digit with
# 32 added when more follow, each digit one character of DIGITS. About a third of the
# bytes of a JSON list of numbers, and the browser decodes a term only when searched.
DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
# A piece's format; a change here makes every cached piece stale.
PIECE_VERSION = 1


def lean(text: str, separator: re.Pattern[str]) -> str:
    """`text` without the U+200B the tokens do not need: in a run of separators that holds
    another separator (a space, a bracket), at a tag, or at either end."""

    def run(match: re.Match[str]) -> str:
        chars = match.group(0)
        return chars.replace(_ZWSP, "") or _ZWSP

    return _AT_TAG.sub("", separator.sub(run, text)).strip(_ZWSP)


def tokens(text: str, separator: re.Pattern[str]) -> list[str]:
    """The words of `text` as the search worker matches them: tags part words, as do
    separators; lower case."""
    return [t.lower() for t in separator.split(_TAG.sub(" ", text)) if t]


def settings_digest(config: dict) -> str:
    """What a piece's documents depend on besides the page: the search settings."""
    text = json.dumps([PIECE_VERSION, config], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def page_digest(markdown: bytes, settings: str) -> str:
    return hashlib.sha256(markdown + b"\0" + settings.encode()).hexdigest()


@dataclass(frozen=True)
class Piece:
    """One page's part of the index: its documents, and the words its search-only lines
    gave the Chinese segmenter (a build that redoes some pages reuses the others')."""

    src_uri: str
    digest: str
    docs: list[dict]
    words: list[str]

    def to_json(self) -> bytes:
        data = {"src_uri": self.src_uri, "digest": self.digest, "docs": self.docs}
        data["words"] = self.words
        return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")


class StalePiece(Exception):
    """A page's cached piece is missing or was made from another version of the page."""


class PieceStore:
    """build/cache/search: one file a page, named by a digest of its source path."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, src_uri: str) -> Path:
        name = hashlib.sha256(src_uri.encode("utf-8")).hexdigest()[:24]
        return self.folder / f"{name}.piece.json"

    def save(self, piece: Piece) -> None:
        write_file_atomically(self.path(piece.src_uri), piece.to_json())

    def load(self, src_uri: str, digest: str) -> Piece:
        path = self.path(src_uri)
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError) as error:
            raise StalePiece(f"{src_uri}: no search piece in {path} ({error})") from error
        if data.get("src_uri") != src_uri or data.get("digest") != digest:
            raise StalePiece(f"{src_uri}: the search piece {path} is of another version")
        return Piece(src_uri, digest, data["docs"], data["words"])

    def prune(self, kept: Iterable[str]) -> int:
        """Remove the pieces of pages the site no longer has; return how many."""
        keep = {self.path(uri).name for uri in kept}
        removed = 0
        for path in self.folder.glob("*.piece.json") if self.folder.is_dir() else []:
            if path.name not in keep:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


def encode_postings(postings: list[int]) -> str:
    """`postings` (doc << 4 | bits, in document order) as DIGITS text."""
    out, previous = [], 0
    for posting in postings:
        doc = posting >> 4
        value = (doc - previous) << 4 | posting & 15
        previous = doc
        while value >= 32:
            out.append(DIGITS[32 | value & 31])
            value >>= 5
        out.append(DIGITS[value])
    return "".join(out)


def _utf16(term: str) -> bytes:
    """JavaScript compares strings by UTF-16 code units: sort the terms the same way."""
    return term.encode("utf-16-be")


INDEX_PATH = "search/juesuan-index.json"


def page_index(config: dict) -> bytes:
    """search/search_index.json, which Material's page script fetches and hands its worker:
    the settings and where the index is (the worker fetches and parses it itself)."""
    data = {"config": {**config, "index": INDEX_PATH}, "docs": []}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _row(doc: dict, titles: dict[str, int]) -> list:
    """A document as [location, title or its number in `titles`, text(, boost)]."""
    title = doc.get("title", "")
    row = [doc["location"], titles.get(title, title), doc.get("text", "")]
    if "boost" in doc:
        row.append(doc["boost"])
    return row


def assemble(config: dict, pieces: Iterable[Piece]) -> bytes:
    """The index the worker reads (INDEX_PATH): in `config`, Material's settings plus
    `terms` (sorted as JavaScript sorts), `postings` (one a term, see _TITLE_BIT and
    DIGITS) and
    `titles` (the titles many documents share, e.g. every disclosure's “三公”经费 section);
    `docs`, one row a document (_row)."""
    separator = re.compile(config["separator"])
    docs: list[dict] = []
    found: dict[str, list[int]] = {}
    for piece in pieces:
        for doc in piece.docs:
            number = len(docs)
            docs.append(doc)
            for field, bit in (("title", _TITLE_BIT), ("text", 0)):
                value = doc.get(field)
                if not isinstance(value, str):
                    continue
                for term, count in sorted(Counter(tokens(value, separator)).items()):
                    found.setdefault(term, []).append(number << 4 | bit | min(count, _MAX_COUNT))
    terms = sorted(found, key=_utf16)
    shared = Counter(doc.get("title", "") for doc in docs)
    titles = sorted((t for t, n in shared.items() if n > 1), key=lambda t: (-shared[t], t))
    numbers = {t: i for i, t in enumerate(titles)}
    postings = [encode_postings(found[t]) for t in terms]
    extra = {"terms": terms, "postings": postings, "titles": titles}
    index = {"config": {**config, **extra}, "docs": [_row(d, numbers) for d in docs]}
    return json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def published_docs(site: Path) -> list[dict]:
    """The documents of a built site's index as Material's worker sees them (location,
    title, text): for checks and tests that read what a search can find."""
    index = json.loads((site / INDEX_PATH).read_bytes())
    titles = index["config"]["titles"]
    return [
        {"location": row[0], "title": titles[row[1]] if isinstance(row[1], int) else row[1]}
        | {"text": row[2]}
        for row in index["docs"]
    ]
