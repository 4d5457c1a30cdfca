"""Decode page text files whose encoding is not declared.

Detection uses charset-normalizer: it scores each candidate decoding for "mess" (uncommon CJK
included), so Big5 bytes that also decode as GB18030 lose, and it refuses the EUC-TW sample that
chardet 7.7 and chardetng-py both return as GB18030 garbage.

Order: byte order mark; binary check; strict UTF-8 (or HZ, pure ASCII told by its ``~{``
escapes); then the library, with Japanese and Korean competing so that they are not misread.
A file is decoded only when exactly one reading wins; otherwise EncodingError asks for
``--encoding``. A cut-off last character or a few corrupt bytes (up to one per 100 characters)
are kept as U+FFFD, with a warning. GB2312 and GBK are decoded with their superset GB18030 and
reported as "gb18030": ``DecodedText.encoding`` is always the codec actually used.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from charset_normalizer import CharsetMatch, from_bytes

from viewer.errors import EncodingError, InputError

# Longest signatures first: a UTF-32-LE BOM begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_SIGNATURES = (
    b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"%PDF-", b"PK\x03\x04",
    b"\x1f\x8b", b"II*\x00", b"MM\x00*", b"7z\xbc\xaf\x27\x1c",
)
# Control bytes that text does not carry (it does carry tab, newlines, form feed, DOS EOF, ESC).
_BINARY_CONTROLS = bytes(byte for byte in range(32) if byte not in b"\t\n\v\f\r\x1a\x1b")
_MAX_CONTROL_SHARE = 0.01

# charset-normalizer's names → the Python codec we decode with (GB18030 contains GB2312 and GBK).
_CODEC_OF = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030",
    "big5": "big5", "big5hkscs": "big5hkscs", "utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be",
}
# Japanese and Korean compete too, so that their bytes are not read as Chinese garbage.
_CJK_CANDIDATES = ["gb18030", "big5", "big5hkscs", "euc_kr", "euc_jp", "shift_jis"]
_CHINESE_CODECS = ("gb18030", "big5", "big5hkscs")
_DECODED_CODECS = ("utf-8", *_CHINESE_CODECS)
_UTF16_CANDIDATES = ["utf_16_le", "utf_16_be"]
# Two decodings whose mess differs by less than this are a tie the library broke arbitrarily.
_CHAOS_MARGIN = 0.02
# Undecodable spots tolerated inside otherwise good text: one per this many characters.
_CHARS_PER_TOLERATED_ERROR = 100

# Each undecodable byte run becomes one lone surrogate, which no decoder used here emits for
# valid input; a second marker tells a run cut short by the end of the file.
_BAD_MARK, _CUT_MARK = "\udc00", "\udc01"


def _mark_undecodable(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError), "registered for decoding only"
    at_end = error.end == len(error.object)
    return (_CUT_MARK if at_end else _BAD_MARK), error.end


codecs.register_error("gazette-mark", _mark_undecodable)


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # the Python codec used, lower case: "utf-8", "utf-8-sig", "gb18030", "big5"…
    warnings: list[str] = field(default_factory=list)


def decode_text(data: bytes, source: str, encoding: str | None = None) -> DecodedText:
    """Decode a page text file; ``encoding`` (the user's ``--encoding``) is applied strictly."""
    if not data:
        raise InputError(f"{source}: empty file")
    if data.startswith(_BINARY_SIGNATURES):
        raise InputError(f"{source}: not a text file")
    if encoding is not None:
        return _decode_strictly(data, source, encoding)
    codec = _codec_from_bom(data) or _detect(data, source)
    return _decode_tolerantly(data, source, codec)


def _decode_strictly(data: bytes, source: str, encoding: str) -> DecodedText:
    try:
        codec = codecs.lookup(encoding).name
    except LookupError:
        raise EncodingError(f"{source}: unknown encoding {encoding!r}") from None
    if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
        codec = "utf-8-sig"  # the BOM is not part of the text
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        raise EncodingError(
            f"{source}: not valid {codec} text at byte {error.start} ({error.reason}); "
            "check --encoding") from None
    return _non_empty(DecodedText(text, codec), source)


def _codec_from_bom(data: bytes) -> str | None:
    return next((codec for bom, codec in _BOMS if data.startswith(bom)), None)


def _detect(data: bytes, source: str) -> str:
    if _looks_binary(data):
        # UTF-16 without a BOM is full of NULs and control bytes too.
        verdict = _verdict(data, _UTF16_CANDIDATES)
        if len(verdict) != 1:
            raise InputError(f"{source}: not a text file")
        return verdict[0]
    if _decodes(data, "utf-8"):
        return "hz" if _is_hz(data) else "utf-8"
    return _detect_chinese(data, source)


def _looks_binary(data: bytes) -> bool:
    controls = len(data) - len(data.translate(None, _BINARY_CONTROLS))
    return b"\x00" in data or controls > len(data) * _MAX_CONTROL_SHARE


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _is_hz(data: bytes) -> bool:
    """HZ is 7-bit: only its ``~{ … ~}`` escapes, holding real GB2312 Hanzi, tell it from ASCII."""
    if b"~{" not in data:
        return False
    try:
        text = data.decode("hz")
    except UnicodeDecodeError:
        return False
    return any("\u4e00" <= char <= "\u9fff" for char in text)


def _detect_chinese(data: bytes, source: str) -> str:
    # The library drops a codec that fails even once (a cut-off last character, a few corrupt
    # bytes); then retry each codec on the bytes it can decode and keep those it confirms.
    verdict = _verdict(data, _CJK_CANDIDATES) or _verdict_despite_errors(data)
    if _is_damaged_utf8(data):
        # UTF-8 checks itself (GB and Big5 text fail it at most characters), but it is
        # still only one candidate if the library reads the bytes otherwise.
        verdict = ["utf-8", *verdict]
    if len(verdict) == 1 and verdict[0] in _DECODED_CODECS:
        return verdict[0]
    if verdict:
        likely = " or ".join(sorted(set(verdict)))
        raise EncodingError(
            f"{source}: cannot tell the text encoding (likely {likely}); pass --encoding")
    raise EncodingError(
        f"{source}: cannot tell the text encoding (neither UTF-8, GB18030 nor Big5 reads as "
        "text); pass --encoding")


def _verdict(data: bytes, encodings: list[str]) -> list[str]:
    """Codecs the library finds plausible: none, one (sure) or several (about equally likely)."""
    matches = from_bytes(data, cp_isolation=encodings, enable_fallback=False)
    best = matches.best()
    if best is None:
        return []
    rivals = [match for match in matches
              if str(match) != str(best) and match.chaos - best.chaos < _CHAOS_MARGIN]
    return [_codec_of(match) for match in [best, *rivals]]


def _codec_of(match: CharsetMatch) -> str:
    # Prefer plain Big5 when the text is the same in Big5-HKSCS.
    names = sorted(match.could_be_from_charset, key=lambda name: name != "big5")
    return _CODEC_OF.get(names[0], names[0])


def _verdict_despite_errors(data: bytes) -> list[str]:
    damage = {codec: errors for codec in _CHINESE_CODECS
              if (errors := _errors_if_confirmed(data, codec)) is not None}
    if "big5" in damage and "big5hkscs" in damage:
        # Big5-HKSCS adds Hong Kong characters to Big5: keep the one that decodes more (or Big5).
        del damage[max(("big5hkscs", "big5"), key=damage.__getitem__)]
    return list(damage)


def _errors_if_confirmed(data: bytes, codec: str) -> int | None:
    """Undecodable spots if the library accepts the rest of ``data`` as ``codec``, else None."""
    marked = data.decode(codec, "gazette-mark")
    readable = _without_marks(marked)
    if readable == marked or not _tolerable(marked) or readable.isascii():
        return None  # no errors (the library has said no), too many, or no evidence left
    if _verdict(readable.encode(codec), _CJK_CANDIDATES) != [codec]:
        return None
    return len(marked) - len(readable)


def _is_damaged_utf8(data: bytes) -> bool:
    """Valid UTF-8 but for a few bad bytes or a cut-off last character."""
    marked = data.decode("utf-8", "gazette-mark")
    # Once the bad bytes are gone, ASCII alone is no evidence of UTF-8; a cut-off end may be.
    return _tolerable(marked) and (_BAD_MARK not in marked or not _without_marks(marked).isascii())


def _without_marks(marked: str) -> str:
    return marked.replace(_BAD_MARK, "").replace(_CUT_MARK, "")


def _tolerable(marked: str) -> bool:
    return marked.count(_BAD_MARK) <= len(marked) // _CHARS_PER_TOLERATED_ERROR


def _decode_tolerantly(data: bytes, source: str, codec: str) -> DecodedText:
    """Decode with U+FFFD for undecodable bytes, never dropping them, and say so."""
    marked = data.decode(codec, "gazette-mark")
    if not _tolerable(marked):
        raise EncodingError(
            f"{source}: does not read as {codec} ({marked.count(_BAD_MARK)} undecodable byte "
            "sequences); pass --encoding")
    warnings = []
    if bad := marked.count(_BAD_MARK):
        warnings.append(f"{source}: {bad} undecodable byte sequence(s) replaced by U+FFFD")
    if _CUT_MARK in marked:
        warnings.append(f"{source}: the file ends inside a character (truncated?); "
                        "kept as U+FFFD")
    text = marked.replace(_BAD_MARK, "\ufffd").replace(_CUT_MARK, "\ufffd")
    return _non_empty(DecodedText(text, codec, warnings), source)


def _non_empty(decoded: DecodedText, source: str) -> DecodedText:
    if not decoded.text:
        raise InputError(f"{source}: empty file")  # e.g. nothing but a byte order mark
    return decoded
