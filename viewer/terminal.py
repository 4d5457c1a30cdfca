"""Text from the archive made safe to print on a terminal.

Titles, file names and page text come from outside: an escape sequence (``ESC [ …``, the C1
``CSI``), a carriage return or backspace in them could rewrite what the terminal shows, and a
bidirectional control (U+202E …) could reorder it. They are printed as visible escapes
(``\\x1b``, ``\\u202e``) instead, so nothing is hidden and nothing is lost. A file name whose
bytes are not UTF-8 (decoded by Python with ``surrogateescape``) shows its bytes as ``\\xff``.
Line breaks and tabs stay: the CLI lays out its own lines with them.
"""

from __future__ import annotations

import re

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_UNSAFE = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{BIDI_CONTROLS}\\ud800-\\udfff]")


def _escape(match: re.Match) -> str:
    char = match[0]
    if "\udc80" <= char <= "\udcff":  # a byte surrogateescape could not decode
        return f"\\x{ord(char) - 0xdc00:02x}"
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def for_terminal(text: str) -> str:
    """``text`` with every control character except line break and tab shown as an escape."""
    return _UNSAFE.sub(_escape, text)


def json_for_terminal(text: str) -> str:
    """JSON text (``ensure_ascii=False``) with the characters a terminal acts on written as
    JSON escapes (``\\u001b``): the same JSON value, safe to print. JSON escapes C0 itself."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)
