"""Normalise decoded text so that later stages see one alphabet of digits and marks.

Only what varies between exports without changing meaning is touched: line
ends, invisible characters, full-width digits, inline emphasis markup and page
markers. A text printed mostly in traditional characters is converted to simplified ones
(OpenCC's t2s), and pinyin readings inserted after characters (`經(jīng)費`, as copying
sites do) are removed, so the wording rules written in simplified characters read it.
Chinese punctuation (，。（）：) is kept as printed, because evidence
quoted on the site must read like the source. Offsets of every extracted value
refer to this normalised text.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, NamedTuple

# Full-width digits and the marks that occur inside numbers → ASCII.
_FULLWIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９．％－＋"}
_FULLWIDTH.update({0x2212: ord("-")})  # U+2212 MINUS SIGN
_INVISIBLE = {0x200B: None, 0x200C: None, 0x200D: None, 0xFEFF: None, 0x00AD: None}
_SPACES = {0x00A0: " ", 0x3000: " ", 0x2002: " ", 0x2003: " ", 0x2009: " "}
# One table for all three (their characters are distinct and none maps to another's),
# applied only to a text that has one of them: translating costs ~0.1 µs per character
# and most texts have none.
_TABLE = {**_INVISIBLE, **_SPACES, **_FULLWIDTH}
_TRANSLATED = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TABLE)) + "]")

_INLINE_TAGS = re.compile(r"</?(?:b|strong|i|em|u|span|font|sup|sub)(?:\s[^<>]{0,80})?>", re.I)
_BREAK_TAGS = re.compile(r"<br\s*/?>", re.I)
_BOLD = re.compile(r"\*\*|__(?=\S)|(?<=\S)__")
_WORD_BOOKMARK = re.compile(r"\[bookmark:[^\]\n]{0,80}\]")
_PAGE_MARKER = re.compile(r"^[ \t]*[—–-]{1,2}[ \t]*\d{1,4}[ \t]*[—–-]{1,2}[ \t]*$", re.M)


# A pinyin reading in parentheses right after a Han character: one to three syllables of
# lower-case Latin letters, at least one carrying a tone mark (a tone mark is what no
# English word, unit or code in a disclosure has). The bracket comes first and the Han
# character before it is tested by a lookbehind over both: the same matches as
# (?<=[\u4e00-\u9fff])[(（], found by a fast scan for the brackets.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_SYLLABLE = rf"[a-zü{_TONED}]{{1,6}}"
_PINYIN_GLOSS = re.compile(
    rf"[(（](?<=[\u4e00-\u9fff][(（])(?=[^()（）]*[{_TONED}])"
    rf"{_SYLLABLE}(?: ?{_SYLLABLE}){{0,2}}[)）]"
)
_HAN = re.compile(r"[\u4e00-\u9fff]")
# How much of a text is sampled to tell whether it is printed in traditional characters,
# and the share of its Han characters that t2s must change: a simplified text has
# (nearly) none, a traditional one about a third; a few traditional names in a
# simplified text are left as printed.
_SCRIPT_SAMPLE = 2000
TRADITIONAL_SHARE = 0.1


@cache
def _t2s() -> Any:  # OpenCC has no type stubs
    from opencc import OpenCC  # imported lazily: most texts are simplified

    return OpenCC("t2s")


class _T2sWords(NamedTuple):
    lengths: dict[str, tuple[int, ...]]  # per first character, the lengths of its words
    words: frozenset[str]
    firsts: frozenset[str]
    # Every word is replaced by a word of its length, in one pass over the text (one group
    # of dictionaries): then t2s changes only characters inside the words found in it.
    aligned: bool


@cache
def _t2s_keys() -> _T2sWords | None:
    """The words t2s converts. None where OpenCC keeps them otherwise than groups of
    (max length, min length, dict) (another version of the package): then every sample
    is converted."""
    converter = _t2s()
    converter.convert("")  # reads its dictionaries
    lengths: dict[str, set[int]] = {}
    words: set[str] = set()
    aligned = True
    try:
        aligned = len(converter._dict_chain_data) == 1
        for group in converter._dict_chain_data:
            for _, _, table in group:
                for word, value in table.items():
                    lengths.setdefault(word[0], set()).add(len(word))
                    words.add(word)
                    # a word's first value is the one used (OpenCC's __findMatch)
                    aligned = aligned and len(value.split(" ")[0]) == len(word)
    except (AttributeError, TypeError, ValueError, IndexError):
        return None
    return _T2sWords(
        {c: tuple(sorted(n)) for c, n in lengths.items()},
        frozenset(words),
        frozenset(lengths),
        aligned,
    )


def _t2s_cover(sample: str, keys: _T2sWords) -> int:
    """How many characters of `sample` lie in a word of t2s's dictionaries: 0 where none
    occurs (t2s, which replaces dictionary words, longest first, and keeps the rest,
    returns it as it is). Three simplified texts in four have none, and the others a few;
    finding them is ~50 times cheaper than converting."""
    covered: set[int] = set()
    for first in keys.firsts.intersection(sample):  # the few first characters present
        i = sample.find(first)
        while i != -1:
            for n in keys.lengths[first]:
                if sample[i : i + n] in keys.words:
                    covered.update(range(i, i + n))
            i = sample.find(first, i + 1)
    return len(covered)


def is_mostly_traditional(text: str) -> bool:
    """Whether t2s changes at least TRADITIONAL_SHARE of the Han characters of the text's head.

    Where t2s keeps lengths (`_T2sWords.aligned`), it changes no more characters than its
    words cover: a text they cover less than that share of is not converted at all."""
    sample = text[:_SCRIPT_SAMPLE]
    han = len(_HAN.findall(sample))
    if not han:
        return False
    keys = _t2s_keys()
    if keys is not None:
        cover = _t2s_cover(sample, keys)
        if cover == 0 or (keys.aligned and cover < TRADITIONAL_SHARE * han):
            return False
    converted = _t2s().convert(sample)
    changed = sum(a != b for a, b in zip(sample, converted, strict=False))
    return changed >= TRADITIONAL_SHARE * han


def to_simplified(text: str) -> str:
    """Pinyin glosses removed, then the text in simplified characters if it is mostly
    traditional; any other text is returned unchanged."""
    if "(" in text or "（" in text:
        text = _PINYIN_GLOSS.sub("", text)
    return _t2s().convert(text) if is_mostly_traditional(text) else text


def normalize_text(text: str) -> str:
    """Return the normalised text every extractor works on."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _TRANSLATED.search(text):
        text = text.translate(_TABLE)
    text = _BREAK_TAGS.sub("\n", text)
    text = _INLINE_TAGS.sub("", text)
    if "**" in text or "__" in text:  # what every _BOLD match contains
        text = _BOLD.sub("", text)
    text = _WORD_BOOKMARK.sub("", text)
    text = _PAGE_MARKER.sub("", text)
    return to_simplified(text)


# A number the text ends in, with no line end after it: the file may be cut off inside it.
_CUT_NUMBER = re.compile(r"(?<![\d,.])[\d,.]*\d[\d,.]*\Z")
_NUMBER_CHAR = re.compile(r"[\d,.]")


def cut_number_at_end(text: str) -> int | None:
    """Offset of a number the text ends in without a line end (perhaps cut short), else None."""
    # A match can only start where the text's last run of digits and marks starts:
    # find that by hand, since a search tries every offset of the text.
    start = len(text)
    while start and _NUMBER_CHAR.match(text, start - 1):
        start -= 1
    m = _CUT_NUMBER.match(text, start)
    return m.start() if m else None
