"""Finding a highlighted passage again after the text around it changed.

A highlight keeps its span, the quoted text and CONTEXT characters either side (as the W3C
Web Annotation TextQuoteSelector does). To re-anchor: the exact quote where context agrees
best and nearest the old place; else the closest fuzzy match of the quote (whitespace and
line breaks ignored) if it is similar enough; else nothing — the caller marks it orphaned.
"""

from __future__ import annotations

import difflib
import re

CONTEXT = 24  # characters kept either side of a quote
FUZZY_MIN_RATIO = 0.8  # how alike a changed passage must be to count as the same


def context(text: str, start: int, end: int) -> tuple[str, str]:
    return text[max(0, start - CONTEXT):start], text[end:end + CONTEXT]


def anchor(text: str, quote: str, prefix: str = "", suffix: str = "", near: int = 0) -> tuple[int, int] | None:
    """Where ``quote`` is in ``text`` now, as [start, end), or None."""
    if not quote:
        return None
    exact = [m.start() for m in re.finditer(re.escape(quote), text)]
    if exact:
        best = max(exact, key=lambda at: (_context_score(text, at, at + len(quote), prefix, suffix),
                                          -abs(at - near)))
        return best, best + len(quote)
    return _fuzzy(text, quote, near)


def _context_score(text: str, start: int, end: int, prefix: str, suffix: str) -> int:
    before, after = context(text, start, end)
    return _common_suffix(before, prefix) + _common_prefix(after, suffix)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


def _fuzzy(text: str, quote: str, near: int) -> tuple[int, int] | None:
    """The quote with its whitespace ignored (a paragraph break moved), else the most similar
    window of the same length."""
    squeezed = "".join(quote.split())
    visible = [i for i, c in enumerate(text) if not c.isspace()]
    flat = "".join(text[i] for i in visible)
    at = flat.find(squeezed)
    if at >= 0 and squeezed:
        return visible[at], visible[at + len(squeezed) - 1] + 1
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(squeezed)
    best, best_ratio = None, FUZZY_MIN_RATIO
    for start in range(max(1, len(flat) - len(squeezed) + 1)):
        matcher.set_seq1(flat[start:start + len(squeezed)])
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        closer = best is not None and abs(visible[start] - near) < abs(visible[best] - near)
        if ratio > best_ratio or (ratio == best_ratio and closer):
            best, best_ratio = start, ratio
    if best is None:
        return None
    # Pin the passage to where its first and last matching characters are, with some slack
    # either side of the window (the passage may have grown or shrunk).
    slack = len(squeezed) // 4 + 1
    low, high = max(0, best - slack), min(len(flat), best + len(squeezed) + slack)
    blocks = [b for b in difflib.SequenceMatcher(None, flat[low:high], squeezed, autojunk=False)
              .get_matching_blocks() if b.size]
    start, end = low + blocks[0].a, low + blocks[-1].a + blocks[-1].size
    return visible[start], visible[end - 1] + 1
