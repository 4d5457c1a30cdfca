"""Folding for search: what the same rules do to text and queries, and the map back."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.textnorm import fold, fold_query, fold_with_offsets


@pytest.mark.parametrize("printed, folded", [
    ("﹃改革攻坚﹄与﹃民生提质﹄", "“改革攻坚”与“民生提质”"),  # vertical quotes as printed horizontally
    ("﹁交城﹂︵县︶︽报︾", "‘交城’(县)《报》"),
    ("ＡＢＣ１２３，Ｘ－３７Ｂ", "abc123,x-37b"),  # full width and case
    ("晶報 董建華", "晶报董建华"),  # traditional → simplified, space between Chinese removed
    ("完成 107.48 亿元，3月 24日", "完成107.48亿元,3月24日"),  # the extractor's spaces
    ("12345 热线", "12345热线"),
    ("New  York\tTimes", "new york times"),  # spaces between Latin words stay, one each
    ("𠵱家冇銀行戶口", "𠵱家冇银行户口"),  # non-BMP kept as one character
    ("零\u200b宽", "零宽"),  # invisible format characters dropped
    ("⑴ ㎏ Straße", "(1)kg strasse"),  # characters that fold to several
    ("  前后空白  ", "前后空白"),
    ("第一行\n第二行\r\n\n第三行", "第一行\n第二行\n第三行"),  # line breaks kept, one per run
])
def test_fold(printed, folded):
    assert fold(printed) == folded


def test_traditional_folding_is_per_character_so_substrings_fold_alike():
    # Phrase conversion would turn 乾燥 into 干燥 but keep 乾隆; per character both fold alike,
    # so any piece of a text folds to a piece of the folded text.
    text = "乾隆年間天氣乾燥"
    assert fold(text) == "干隆年间天气干燥"
    assert fold(text[:2]) in fold(text) and fold(text[-2:]) in fold(text)


def test_query_folding_turns_line_breaks_into_spaces():
    assert fold_query("交城\n县") == "交城县"
    assert fold_query("New\nYork") == "new york"


ALPHABET = st.sampled_from(list("交城县晶報董建華𠵱ＡＢａb1２3 　\n\t-.ß⑴﹃﹄\u200b") + ["𠀀", "x"])


@given(st.text(ALPHABET, max_size=40))
@settings(max_examples=300, deadline=None)
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(st.text(ALPHABET, max_size=40), st.data())
@settings(max_examples=300, deadline=None)
def test_offsets_map_folded_pieces_back_to_printed_text(text, data):
    folded = fold_with_offsets(text)
    assert folded.text == fold(text)
    if not folded.text:
        return
    start = data.draw(st.integers(0, len(folded.text) - 1))
    end = data.draw(st.integers(start + 1, len(folded.text)))
    source_start, source_end = folded.source_span(start, end)
    assert 0 <= source_start < source_end <= len(text)
    # A query never starts or ends with a space (folding strips them), so neither does a hit.
    piece = folded.text[start:end].strip(" ")
    if piece and "\n" not in piece:
        assert piece in fold(text[source_start:source_end])


def test_offsets_of_a_hit_after_removed_spaces():
    text = "完成 107.48 亿元"
    folded = fold_with_offsets(text)
    start = folded.text.index("亿元")
    assert folded.source_span(start, start + 2) == (10, 12)
    assert text[slice(*folded.source_span(0, len(folded.text)))] == text
