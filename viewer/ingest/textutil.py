"""Character-level helpers shared by the page readers."""

from __future__ import annotations

import re
import unicodedata

from viewer.vertical import horizontal

# A run of spaces the extractor put between a wide (CJK) character and a narrow one, either way.
_WIDE = r"[^\x00-\x7f\s]"
_NARROW = r"[\x21-\x7e]"
_EXTRACTOR_SPACE = re.compile(rf"(?<={_WIDE})[ \t\u3000]+(?={_NARROW})|(?<={_NARROW})[ \t\u3000]+(?={_WIDE})")
_SPACES_BETWEEN_WIDE = re.compile(rf"(?<={_WIDE})[ \t]+(?={_WIDE})")

SENTENCE_END = "。！？!?…"
CLOSERS = "”’」』）)》〉】"


def remove_extractor_spaces(text: str) -> str:
    """``3月 24日`` → ``3月24日``; spaces between two Latin words stay."""
    return _EXTRACTOR_SPACE.sub("", text)


def clean_line(text: str) -> str:
    """A body line as printed: horizontal forms, no extractor spaces, no stray spaces inside CJK."""
    return _SPACES_BETWEEN_WIDE.sub("", remove_extractor_spaces(horizontal(text.strip())))


def display_width(text: str) -> float:
    """Width in em: CJK characters count 1, digits and Latin (half-width in print) 0.5."""
    return sum(0.5 if unicodedata.east_asian_width(c) in "NaH" else 1.0 for c in text if not c.isspace())


def is_indented(line: str) -> bool:
    """A paragraph's first line as Chinese text files and PDF lines (see ingest.pdf) mark it:
    leading ideographic spaces. Plain spaces are layout (pdftotext -layout), not indents."""
    return line.startswith("\u3000")


def ends_sentence(line: str) -> bool:
    stripped = line.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_END


def join_lines(lines: list[str]) -> str:
    """Join hard-wrapped lines: no space between CJK, one space between two Latin words."""
    out = ""
    for line in lines:
        if out and out[-1].isascii() and out[-1].isalnum() and line[:1].isascii() and line[:1].isalpha():
            out += " "
        out += line
    return out


def non_space(text: str) -> str:
    return "".join(c for c in text if not c.isspace())
