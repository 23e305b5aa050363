"""Traditional characters and inserted pinyin are undone before reading: a copy of a
disclosure in traditional characters, with readings after some characters, is read as
the simplified original; a simplified text with a traditional name in it is untouched."""

from __future__ import annotations

from juesuan.read.normalize import is_mostly_traditional, normalize_text

# Invented: a small bureau's procurement paragraph as a copying site republishes it.
MIRRORED = (
    "青禾縣農業(yè)技術(shù)推廣站\n"
    "政府採購決算公開情況說明\n"
    "2023年度政府採購支出總額312.5萬元，其中：政府採購貨物支出100.25萬元，"
    "政府採購服務(wù)支出212.25萬元。\n"
)
SIMPLIFIED = (
    "青禾县农业技术推广站\n"
    "政府采购决算公开情况说明\n"
    "2023年度政府采购支出总额312.5万元，其中：政府采购货物支出100.25万元，"
    "政府采购服务支出212.25万元。\n"
)


def test_a_traditional_copy_with_pinyin_reads_as_the_simplified_original():
    assert normalize_text(MIRRORED) == SIMPLIFIED


def test_pinyin_in_full_width_parentheses_and_two_syllables_is_removed():
    assert (
        normalize_text("本单位经（jīng）费支出和公务（gōng wù）接待") == "本单位经费支出和公务接待"
    )


def test_a_simplified_text_is_left_as_printed():
    text = (
        "本局2023年度邀请臺灣專家一人来本单位开展技术交流，支出0.5万元（含差旅费），"
        "其余公务接待按照厉行节约的要求执行，接待批次和人次均比上年有所减少，"
        "主要原因是严格执行中央八项规定精神，压减一般性支出(1)。\n"
    )
    assert not is_mostly_traditional(text)
    assert normalize_text(text) == text


def test_parentheses_that_are_not_pinyin_are_kept():
    # English words, codes and units carry no tone marks: they are not readings.
    text = "项目支出(project)12万元，编码(A01)，面积(m2)，款(kuan)\n"
    assert normalize_text(text) == text


def test_the_numbers_of_a_traditional_text_are_unchanged():
    out = normalize_text(MIRRORED)
    for number in ("312.5", "100.25", "212.25", "2023"):
        assert number in out


def t2s_verdict(text: str) -> bool:
    """is_mostly_traditional's rule applied by converting the sample unconditionally."""
    from juesuan.read import normalize

    sample = text[: normalize._SCRIPT_SAMPLE]
    han = len(normalize._HAN.findall(sample))
    converted = normalize._t2s().convert(sample)
    changed = sum(a != b for a, b in zip(sample, converted, strict=False))
    return bool(han) and changed >= normalize.TRADITIONAL_SHARE * han


def test_skipping_texts_without_a_t2s_word_changes_no_verdict(seed_disclosures):
    """A text in which no word of t2s's dictionaries occurs is not converted at all; the
    verdict must be the one converting gives, for simplified, traditional and mixed texts."""
    from opencc import OpenCC

    s2t = OpenCC("s2t")
    texts = [SIMPLIFIED, MIRRORED, "覆盖" + SIMPLIFIED, "臺灣" * 3 + SIMPLIFIED]
    texts += [d.text for d in seed_disclosures.values()]
    texts += [s2t.convert(d.text[:2000]) for d in seed_disclosures.values()]
    # partly traditional, around the share that decides (t2s is skipped below it)
    texts += [
        s2t.convert(d.text[:n]) + d.text[n:2000]
        for d in seed_disclosures.values()
        for n in (100, 200, 300, 400, 600)
    ]
    for text in texts:
        assert is_mostly_traditional(text) == t2s_verdict(text), text[:40]
    assert any(is_mostly_traditional(t) for t in texts)
