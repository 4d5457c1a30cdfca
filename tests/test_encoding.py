"""decode_text on real files from tests/data (used as they are) and on bytes made from them."""

from __future__ import annotations

import csv
import random

import pytest
from conftest import DATA, ENCODINGS, SEED

from viewer.errors import EncodingError, InputError
from viewer.ingest.encoding import decode_text

WEB = ENCODINGS / "web"
APPLE_DAILY = ENCODINGS / "apple-daily-2002-01-01.excerpt.csv"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def apple_daily_articles() -> str:
    """Hong Kong traditional Chinese, with Cantonese and a character outside the BMP."""
    with APPLE_DAILY.open(encoding="utf-8", newline="") as file:
        return "\n".join(row["text"] for row in csv.DictReader(file))


def big5_representable(text: str) -> str:
    """``text`` less the few Hong Kong characters that plain Big5 lacks."""
    return "".join(char for char in text if _encodes(char, "big5"))


def _encodes(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def first_hanzi_after(text: str, start: int) -> int:
    return next(i for i in range(start, len(text)) if "\u4e00" <= text[i] <= "\u9fff")


# --- codec files with UTF-8 twins ---------------------------------------------------------

@pytest.mark.parametrize(("name", "codec"), [
    ("big5", "big5"),
    ("gb18030", "gb18030"),  # has 4-byte sequences (Korean), fails as GBK
    ("gbk", "gb18030"),      # GB2312 and GBK are decoded with their superset
    ("gb2312", "gb18030"),
    ("hz", "hz"),
])
def test_codec_file_decodes_to_its_utf8_twin(name, codec):
    path = ENCODINGS / f"{name}.txt"
    decoded = decode_text(path.read_bytes(), str(path))
    # Exact, newlines included: the twins end the same way as the codec files.
    assert decoded.text == (ENCODINGS / f"{name}-utf8.txt").read_text(encoding="utf-8")
    assert decoded.encoding == codec
    assert decoded.warnings == []


# --- real texts re-encoded by the test -----------------------------------------------------

@pytest.mark.parametrize(("codec", "reported"), [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("utf-16", "utf-16"),        # with BOM
    ("utf-16-le", "utf-16-le"),  # without BOM
    ("utf-16-be", "utf-16-be"),
    ("gb18030", "gb18030"),
    ("gbk", "gb18030"),
])
def test_seed_page_decodes_back_exactly(codec, reported):
    text = seed_text()
    decoded = decode_text(text.encode(codec), "seed.txt")
    assert decoded.text == text
    assert decoded.encoding == reported
    assert decoded.warnings == []


def test_traditional_text_in_big5_decodes_back_exactly():
    text = big5_representable(apple_daily_articles())
    decoded = decode_text(text.encode("big5"), "apple.txt")
    assert (decoded.text, decoded.encoding) == (text, "big5")


def test_hong_kong_text_in_big5hkscs_decodes_back_exactly():
    text = apple_daily_articles()
    assert not _encodes(text, "big5")  # it does need the HKSCS characters
    decoded = decode_text(text.encode("big5hkscs"), "apple.txt")
    assert (decoded.text, decoded.encoding) == (text, "big5hkscs")


def test_utf8_with_a_character_outside_the_bmp():
    decoded = decode_text(APPLE_DAILY.read_bytes(), str(APPLE_DAILY))
    assert "\U00020d71" in decoded.text
    assert decoded.encoding == "utf-8"


# --- real web pages: the Big5 / GB18030 trap ---------------------------------------------

@pytest.mark.parametrize("name", ["coolloud.org.tw.xml", "sinica.edu.tw.xml", "_ude_1.txt"])
def test_big5_pages_are_big5_never_gb18030(name):
    data = (WEB / name).read_bytes()
    data.decode("gb18030")  # the trap: it decodes without error, into garbage
    try:
        decoded = decode_text(data, name)
    except EncodingError:
        return  # refusing is allowed; garbage is not
    assert (decoded.text, decoded.encoding) == (data.decode("big5"), "big5")


@pytest.mark.parametrize("name", [
    "acnnewswire.net.xml", "cnblog.org.xml",
    "_chromium_gb18030_with_no_encoding_specified.html.xml", "_mozilla_bug171813_text.html",
])
def test_gb2312_pages_are_gb18030(name):
    data = (WEB / name).read_bytes()
    decoded = decode_text(data, name)
    assert (decoded.text, decoded.encoding) == (data.decode("gb18030"), "gb18030")


def test_euc_tw_is_refused_not_read_as_gb18030():
    path = WEB / "_ude_euc-tw1.txt"
    data = path.read_bytes()
    data.decode("gb18030")  # decodes, into garbage; Python has no EUC-TW codec
    with pytest.raises(EncodingError, match="pass --encoding") as refused:
        decode_text(data, str(path))
    assert str(path) in str(refused.value)


@pytest.mark.parametrize(("text", "codec"), [
    ("대한민국 헌법 제1조 대한민국은 민주공화국이다. 대한민국의 주권은 국민에게 있고, "
     "모든 권력은 국민으로부터 나온다.", "euc_kr"),
    ("これは日本語の文章です。東京都の天気は晴れ、明日は雨が降るでしょう。", "shift_jis"),
    ("Café crème à la carte, déjà vu, naïve façade. " * 5, "latin-1"),
])
def test_other_languages_are_refused_not_read_as_chinese(text, codec):
    with pytest.raises(EncodingError, match="x.txt: cannot tell the text encoding"):
        decode_text(text.encode(codec), "x.txt")


@pytest.mark.parametrize("codec", ["gb18030", "big5"])
def test_excerpts_of_every_length_are_exact_or_refused(codec):
    text = seed_text() if codec == "gb18030" else big5_representable(apple_daily_articles())
    for size in (4, 8, 16, 32, 64, 128, 256, 512):
        for start in range(0, len(text) - size, len(text) // 7):
            excerpt = text[start:start + size]
            try:
                decoded = decode_text(excerpt.encode(codec), "excerpt.txt")
            except EncodingError:
                assert size < 256, f"a {size}-character excerpt should be detected"
                continue
            assert decoded.text == excerpt


# --- damaged files: U+FFFD and a warning, never silent loss --------------------------------

@pytest.mark.parametrize("codec", ["gb18030", "utf-8", "big5"])
def test_file_cut_inside_its_last_character(codec):
    text = seed_text() if codec != "big5" else big5_representable(apple_daily_articles())
    end = first_hanzi_after(text, len(text) // 2)
    data = text[:end].encode(codec) + text[end].encode(codec)[:-1]
    decoded = decode_text(data, "/in/cut.txt")
    assert decoded.text == text[:end] + "\ufffd"
    assert decoded.encoding == codec
    assert len(decoded.warnings) == 1
    assert "/in/cut.txt" in decoded.warnings[0] and "ends inside a character" in decoded.warnings[0]


def test_file_cut_inside_a_four_byte_gb18030_sequence():
    text = (ENCODINGS / "gb18030-utf8.txt").read_text(encoding="utf-8")
    end = next(i for i, char in enumerate(text) if "\uac00" <= char <= "\ud7a3")  # Hangul
    last = text[end].encode("gb18030")
    assert len(last) == 4
    decoded = decode_text(text[:end].encode("gb18030") + last[:3], "cut.txt")
    assert (decoded.text, decoded.encoding) == (text[:end] + "\ufffd", "gb18030")


@pytest.mark.parametrize("codec", ["gb18030", "utf-8"])
def test_garbage_inside_confident_text_is_kept_and_counted(codec):
    text = seed_text()
    spots = [first_hanzi_after(text, len(text) * k // 4) for k in (1, 2, 3)]
    pieces = [text[start:end] for start, end in zip([0, *spots], [*spots, len(text)], strict=True)]
    data = b"\xff".join(piece.encode(codec) for piece in pieces)
    decoded = decode_text(data, "/in/dirty.txt")
    assert decoded.text == "\ufffd".join(pieces)
    assert decoded.encoding == codec
    assert decoded.warnings == ["/in/dirty.txt: 3 undecodable byte sequence(s) replaced by U+FFFD"]


def test_too_much_garbage_is_refused():
    text = seed_text()
    data = b"\xff".join(text[i:i + 20].encode("gb18030") for i in range(0, len(text), 20))
    with pytest.raises(EncodingError, match="dirty.txt"):
        decode_text(data, "dirty.txt")


# --- not text at all ------------------------------------------------------------------------

def test_empty_file():
    with pytest.raises(InputError, match="^e.txt: empty file$"):
        decode_text(b"", "e.txt")


def test_only_a_byte_order_mark_is_empty():
    with pytest.raises(InputError, match="empty file"):
        decode_text(b"\xef\xbb\xbf", "bom.txt")


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    random.Random(8).randbytes(4096),
    random.Random(9).randbytes(4096).replace(b"\x00", b"\x01"),  # random, yet no NUL
    b"plain ASCII\x00with a NUL",
], ids=["png-header", "random", "random-without-nul", "nul"])
def test_binary_data_is_not_text(data):
    with pytest.raises(InputError, match="^b.bin: not a text file$"):
        decode_text(data, "b.bin")


def test_real_image_and_pdf_are_not_text():
    for path in [DATA / "jingbao-1930-1939/jb_1332_1930-04-30_0002+0003.jpg",
                 DATA / "alto/chronam-1920/0007.pdf"]:
        with pytest.raises(InputError, match="not a text file"):
            decode_text(path.read_bytes(), str(path))


# --- the user's --encoding ------------------------------------------------------------------

def test_explicit_encoding_is_used():
    path = ENCODINGS / "big5.txt"
    decoded = decode_text(path.read_bytes(), str(path), encoding="BIG5")
    assert decoded.encoding == "big5"
    assert decoded.text == (ENCODINGS / "big5-utf8.txt").read_text(encoding="utf-8")


def test_wrong_explicit_encoding_names_file_encoding_and_offset():
    path = ENCODINGS / "big5.txt"
    data = path.read_bytes()
    with pytest.raises(UnicodeDecodeError) as python_says:
        data.decode("utf-8")
    offset = python_says.value.start
    with pytest.raises(EncodingError) as refused:
        decode_text(data, str(path), encoding="utf8")
    message = str(refused.value)
    assert str(path) in message and "utf-8" in message and f"byte {offset}" in message


def test_explicit_encoding_is_strict_about_a_cut_last_character():
    data = seed_text().rstrip().encode("gb18030")[:-1]  # cut inside the final "。"
    expected = f"cut.txt: not valid gb18030 text at byte {len(data) - 1}"
    with pytest.raises(EncodingError, match=expected):
        decode_text(data, "cut.txt", encoding="gb18030")


def test_unknown_explicit_encoding():
    with pytest.raises(EncodingError, match="x.txt: unknown encoding 'klingon'"):
        decode_text(b"abc", "x.txt", encoding="klingon")


def test_explicit_utf8_drops_the_byte_order_mark():
    decoded = decode_text("县报".encode("utf-8-sig"), "x.txt", encoding="utf-8")
    assert (decoded.text, decoded.encoding) == ("县报", "utf-8-sig")


def test_ascii_with_a_tilde_brace_is_not_hz():
    decoded = decode_text(b"use ~{x} in templates\n", "t.txt")
    assert (decoded.text, decoded.encoding) == ("use ~{x} in templates\n", "utf-8")
