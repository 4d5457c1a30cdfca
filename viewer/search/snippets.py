"""Hits as they are shown: spans of the query strings in an article's text, and snippets.

Pure functions over text: the caller hands in the article as the read model has it
(:class:`viewer.model.Reading`, always the current text) and the query strings of
:class:`viewer.search.index.Matches`.

**Spans** are ``[start, end)`` offsets into :meth:`Reading.search_text` as printed, not folded:
Python string indices, i.e. code points (``𠵱`` U+20D71 counts 1; Qt counts it 2 UTF-16 units,
so a Qt view must convert). Every occurrence of every query string (not under NOT) is a span;
spans are sorted and do not overlap; a title term (``title:``) is looked for in the title only.

A **snippet** is a piece of the printed text around the first hit in the body (else in the
title), from its line on, hits marked with :data:`MARK_OPEN` and :data:`MARK_CLOSE`, ``…`` where
a line was cut, lines joined by spaces. A string found only in the article's earlier readings
(before a correction) has no spans; its snippet is that earlier line, marked, and prefixed with
:data:`EARLIER_READING`. One found only among the page's people (责编 …) has none either; its
snippet is that line, marked.
"""

from __future__ import annotations

from viewer.model import Hit, Reading
from viewer.search.query import Text
from viewer.textnorm import fold_with_offsets

MARK_OPEN = "⟦"
MARK_CLOSE = "⟧"
EARLIER_READING = "〔更正前〕"  # begins a snippet taken from the text as it read before a correction
SNIPPET_BEFORE = 20
SNIPPET_LENGTH = 90


def hit_spans(reading: Reading, texts: list[Text]) -> list[tuple[int, int]]:
    """Spans in ``reading.search_text()`` of every occurrence of the folded ``texts``."""
    return spans_in(reading.search_text(), texts)


def spans_in(printed: str, texts: list[Text]) -> list[tuple[int, int]]:
    """Spans in ``printed`` of the folded ``texts``; title terms only in its first line."""
    folded = fold_with_offsets(printed)
    title_end = len(folded.text.partition("\n")[0])
    found: list[tuple[int, int]] = []
    for text in texts:
        limit = title_end if text.field == "title" else len(folded.text)
        start = folded.text.find(text.text, 0, limit)
        while start >= 0:
            found.append(folded.source_span(start, start + len(text.text)))
            start = folded.text.find(text.text, start + 1, limit)
    return _merged(found)


def snippet(reading: Reading, spans: list[tuple[int, int]]) -> str:
    """A line of printed text around the first hit in the body (else the title), marked."""
    body_start = reading.body_offset()
    in_body = [s for s in spans if s[0] >= body_start]
    anchor = (in_body or spans or [(body_start, body_start)])[0][0]
    return _snippet_at(reading.search_text(), spans, anchor)


def earlier_snippet(earlier_readings: list[str], texts: list[Text]) -> str:
    """The first of the earlier lines holding a query string, marked and prefixed with
    :data:`EARLIER_READING`; "" when none does."""
    body_texts = [text for text in texts if text.field == "text"]
    for line in earlier_readings if body_texts else ():
        spans = spans_in(line, body_texts)
        if spans:
            return EARLIER_READING + _snippet_at(line, spans, spans[0][0])
    return ""


def page_people_snippet(page_people: str, texts: list[Text]) -> str:
    """The page's people line (:func:`viewer.model.page_people_line`), marked, when it holds a
    query string; "" when it does not."""
    spans = spans_in(page_people, [text for text in texts if text.field == "text"])
    return _snippet_at(page_people, spans, spans[0][0]) if spans else ""


def make_hit(article_id: int, *, reading: Reading, earlier_readings: list[str], date: str, page: int | None,
             page_label: str, section: str, score: float, texts: list[Text], page_people: str = "") -> Hit:
    """A hit as the results list shows it, from the article as SQLite has it now."""
    spans = hit_spans(reading, texts)
    shown = snippet(reading, spans) if spans else (earlier_snippet(earlier_readings, texts)
                                                   or page_people_snippet(page_people, texts) or snippet(reading, []))
    return Hit(article_id, reading.title, date, page, page_label, section, score, shown, tuple(spans))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _snippet_at(text: str, spans: list[tuple[int, int]], anchor: int) -> str:
    """Some printed text from a little before ``anchor`` within its line, hits marked."""
    line_start = text.rfind("\n", 0, anchor) + 1
    start = max(line_start, anchor - SNIPPET_BEFORE)
    end = min(len(text), start + SNIPPET_LENGTH)
    pieces = ["…" if start > line_start else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        pieces += [text[cursor:span_start], MARK_OPEN, text[span_start:span_end], MARK_CLOSE]
        cursor = span_end
    pieces += [text[cursor:end], "…" if end < len(text) else ""]
    return "".join(pieces).replace("\n", " ")
