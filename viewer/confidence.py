"""Per-character OCR confidence packed for the store (see db/0006_char_confidence.sql)."""

from __future__ import annotations

import zlib

NONE = 255  # a character with no confidence: a space, a line break, text that is not OCR


def pack_confidence(values: list[float | None] | None) -> bytes | None:
    if values is None:
        return None
    return zlib.compress(bytes(NONE if v is None else round(min(1.0, max(0.0, v)) * 100) for v in values))


def unpack_confidence(blob: bytes | None) -> list[float | None] | None:
    if blob is None:
        return None
    return [None if b == NONE else b / 100 for b in zlib.decompress(blob)]
