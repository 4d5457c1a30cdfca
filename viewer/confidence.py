"""Per-character OCR confidence: packed for the store (see db/0006_char_confidence.sql), and
the characters of an article OCR was unsure of."""

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


UNSURE = 0.8  # characters OCR read with less confidence than this are shown for checking
LOOK_AHEAD = 8  # characters of the page text skipped at most to find the next one of the article


def unsure_spans(search_text: str, raw_text: str, confidence: list[float | None],
                 source_lines: list[int]) -> tuple[tuple[int, int], ...]:
    """Spans of ``search_text`` (an article's current text) whose characters OCR was unsure of.

    The article's characters are found again, in order, in the page-text lines it was read
    from (the reader keeps their order and drops only spaces and marks); a character an editor
    corrected is not found, and is not shown as unsure."""
    lines = raw_text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    page = [(raw_text[i], confidence[i]) for n in source_lines if n < len(lines)
            for i in range(starts[n], starts[n] + len(lines[n])) if i < len(confidence) and not raw_text[i].isspace()]
    spans: list[tuple[int, int]] = []
    at = 0
    for offset, char in enumerate(search_text):
        if char.isspace():
            continue
        found = next((k for k in range(at, min(at + LOOK_AHEAD, len(page))) if page[k][0] == char), None)
        if found is None:
            continue
        at = found + 1
        sure = page[found][1]
        if sure is not None and sure < UNSURE:
            if spans and spans[-1][1] == offset:
                spans[-1] = (spans[-1][0], offset + 1)
            else:
                spans.append((offset, offset + 1))
    return tuple(spans)
