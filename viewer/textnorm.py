"""Text normalisation for search, applied the same way to article text and to queries.

``fold(text)`` gives the text search compares: a query finds an article when
``fold(query)`` is a substring of the folded article text. Folding

- maps vertical presentation forms to their horizontal mainland forms with the page reader's
  table (:mod:`viewer.vertical`: ``﹃﹄`` → ``“”``, ``﹁﹂`` → ``‘’``, ``︵︶`` → ``（）`` …);
- applies NFKC (full-width → half-width, ``①`` → ``1``, ``㎏`` → ``kg``) and case folding;
- folds traditional to simplified characters with OpenCC's t2s character tables;
- drops invisible format characters (zero-width space, soft hyphen, BOM);
- removes whitespace, except that a run of whitespace between two characters of a spaced
  script (Latin letters, digits …) becomes one space: the extractor's ``3月 24日`` and
  ``完成 107.48 亿元`` fold to ``3月24日`` and ``完成107.48亿元``; ``New York`` keeps its space;
- keeps line breaks: a run of whitespace holding a line break folds to one ``"\n"``. Search
  joins the parts of an article with line breaks, and no query (which never holds one after
  :func:`fold_query`) matches across them.

Traditional → simplified folding is done **character by character**, not with OpenCC's
phrase tables. Phrase conversion depends on context (``乾隆`` stays, ``乾燥`` → ``干燥``), so
the folded form of a substring would not always be a substring of the folded text, and a
query copied out of an article could miss it. Per character, folding commutes with taking
substrings (apart from the whitespace rule, which looks at one neighbour on each side), every
folded character comes from exactly one printed character, and the offset map stays exact.
The price is that a few distinct traditional characters fold together (``乾``/``幹``/``干``,
``後``/``后``), which only widens a search.

``fold_with_offsets(text)`` also returns where each folded character came from, so a hit
found in folded text maps back to the characters as printed: what is shown stays as printed.
Offsets are Python string indices (code points: ``𠵱`` U+20D71 counts as one).
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass

import opencc

from viewer.vertical import horizontal

# Code points OpenCC's t2s tables know about: CJK ideographs in all planes.
_CJK_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x323B0))
# Code points that can fold to something else: planes 0–3 and the tags of plane 14. The
# rest is unassigned or private use, and scanning it would only slow down the first search.
_FOLDABLE_RANGES = ((0, 0x323B0), (0xE0000, 0xE1000))


_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _is_spaced(ch: str) -> bool:
    """True for characters of scripts that separate words with spaces (Latin, digits …)."""
    return ch.isalnum() and ord(ch) < 0x2E80


@functools.cache
def _t2s_characters() -> dict[str, str]:
    """OpenCC's traditional → simplified mapping, one character at a time.

    Characters are converted separated by newlines, so no phrase can match and only the
    character tables apply.
    """
    converter = opencc.OpenCC("t2s")
    chars = [chr(cp) for start, stop in _CJK_RANGES for cp in range(start, stop)]
    converted = converter.convert("\n".join(chars)).split("\n")
    assert len(converted) == len(chars), "OpenCC changed the number of lines"
    return {c: s for c, s in zip(chars, converted) if s != c}


def _fold_char(ch: str) -> str:
    """One step of folding one character (see the module docstring)."""
    if not any(start <= ord(ch) < stop for start, stop in _FOLDABLE_RANGES):
        return ch
    if ch in _LINE_BREAKS:
        return "\n"
    if ch.isspace():
        return " "
    if unicodedata.category(ch) == "Cf":
        return ""
    folded = unicodedata.normalize("NFKC", horizontal(ch)).casefold()  # ﹃ is “, not NFKC's 『
    t2s = _t2s_characters()
    return "".join(t2s.get(c, c) for c in folded)


def _folded_char(ch: str) -> str:
    """Folding repeated until nothing changes (OpenCC maps 薴 → 苧 → 苎): folding is idempotent."""
    folded = _fold_char(ch)
    while (again := "".join(_fold_char(c) for c in folded)) != folded:
        folded = again
    return folded


class _FoldMap(dict):
    """The folding table for ``str.translate``, filled as characters are first met (building it
    for every code point at once took a second and a half of each process's first search).

    A character that folds to one character maps to it; one that folds to more or to none is
    ``irregular``: ``str.translate`` leaves it (a LookupError) and the pattern replaces it."""

    def __init__(self) -> None:
        super().__init__()
        self.irregular: dict[str, str] = {}  # character → folded string of length ≠ 1 (often "")

    def __missing__(self, code_point: int) -> int:
        ch = chr(code_point)
        if ch in self.irregular:
            raise LookupError(ch)
        folded = _folded_char(ch)
        if len(folded) != 1:
            self.irregular[ch] = folded
            raise LookupError(ch)
        self[code_point] = ord(folded)
        return self[code_point]


_FOLDING = _FoldMap()


@functools.lru_cache(maxsize=256)
def _pattern(irregular_present: frozenset[str]) -> re.Pattern:
    """A whitespace run or one of the irregular characters present in a text.

    A character class of every irregular character makes the regex engine scan a long list
    for each character; the few present in one text make a short class.
    """
    if not irregular_present:
        return re.compile("[ \n]+")
    # Characters that fold to nothing belong to the whitespace run they touch, so that folding
    # twice gives what folding once gave ("\n\u200b\n" is one line break, not two).
    vanishing = "".join(re.escape(c) for c in sorted(irregular_present) if not _FOLDING.irregular[c])
    run = f"[{vanishing}]*[ \n][ \n{vanishing}]*" if vanishing else "[ \n]+"
    return re.compile(run + "|[" + "".join(re.escape(c) for c in sorted(irregular_present)) + "]")


@dataclass(frozen=True)
class Folded:
    """Folded text plus the map back to the text it was folded from.

    Between the irregular pieces (whitespace runs, characters that fold to zero or several
    characters) folded and source characters correspond one to one, so only the pieces are
    recorded: piece *i* turned ``source[src_starts[i]:src_ends[i]]`` into
    ``text[starts[i]:ends[i]]``.
    """

    text: str
    source_length: int
    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()
    src_starts: tuple[int, ...] = ()
    src_ends: tuple[int, ...] = ()

    def source_index(self, pos: int) -> int:
        """Where in the source the folded character at ``pos`` (or the end) comes from."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0:
            return pos
        if pos < self.ends[i]:
            return self.src_starts[i]
        return self.src_ends[i] + pos - self.ends[i]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source characters that folded into ``text[start:end]`` (``start < end``)."""
        last = end - 1
        i = bisect.bisect_right(self.starts, last) - 1
        if i >= 0 and last < self.ends[i]:
            source_end = self.src_ends[i]
        else:
            source_end = self.source_index(last) + 1
        return self.source_index(start), source_end


def fold_with_offsets(text: str) -> Folded:
    """Fold ``text`` and keep the map from folded positions back to ``text``."""
    translated = text.translate(_FOLDING)
    pieces: list[tuple[int, int, int, int]] = []
    shift = 0  # len(folded so far) - len(source so far)

    def replace(match: re.Match) -> str:
        nonlocal shift
        piece = match.group()
        if "\n" in piece:
            folded = "\n"
        elif " " in piece:
            folded = _whitespace(translated, match.start(), match.end())
        else:
            folded = _FOLDING.irregular[piece]
        start = match.start() + shift
        pieces.append((start, start + len(folded), match.start(), match.end()))
        shift += len(folded) - len(piece)
        return folded

    pattern = _pattern(frozenset(_FOLDING.irregular.keys() & set(translated)))
    folded_text = pattern.sub(replace, translated)
    if not pieces:
        return Folded(folded_text, len(text))
    starts, ends, src_starts, src_ends = zip(*pieces)
    return Folded(folded_text, len(text), starts, ends, src_starts, src_ends)


def _whitespace(text: str, start: int, end: int) -> str:
    """What a whitespace run folds to: one space between two spaced-script characters."""
    if start == 0 or end == len(text):
        return ""
    before = _FOLDING.irregular.get(text[start - 1], text[start - 1])[-1:]
    after = _FOLDING.irregular.get(text[end], text[end])[:1]
    return " " if before and after and _is_spaced(before) and _is_spaced(after) else ""


def fold(text: str) -> str:
    """The folded form of ``text`` (see the module docstring)."""
    return fold_with_offsets(text).text


def fold_query(text: str) -> str:
    """The folded form of a search string: like :func:`fold`, line breaks count as spaces."""
    return fold(" ".join(text.splitlines()))
