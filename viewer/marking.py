"""Search hits in one article, for a reader that shows it with the hits marked: which pieces of
its title, kicker, subtitle, byline and paragraphs a query matched, and where on the page
picture they are. The same matching as search (:func:`viewer.search.snippets.hit_spans`)."""

from __future__ import annotations

from viewer.errors import GazetteError
from viewer.model import Reading
from viewer.search import query as q
from viewer.search.snippets import hit_spans
from viewer.services.searching import Searching

PARTS = ("title", "kicker", "subtitle", "byline")  # lines 0–3 of the search text; paragraphs follow
Pieces = list[tuple[str, bool]]  # (text, is a hit)


def _positive_texts(query: str) -> list[q.Text]:
    """What a query looks for in the text (not under NOT); nothing for a query that is not one."""
    try:
        return q.positive_texts(q.parse(query))
    except GazetteError:
        return []


def query_texts(query: str) -> list[str]:
    return [text.text for text in _positive_texts(query)]


def marked_reading(reading: Reading, query: str) -> dict[str, Pieces | list[Pieces]]:
    """``{title, kicker, subtitle, byline: pieces, paragraphs: [pieces]}``, each line of the
    reading's search text split into hits and the text between them."""
    texts = _positive_texts(query)
    spans = hit_spans(reading, texts) if texts else []
    pieces: list[Pieces] = []
    start = 0
    for line in reading.search_lines():
        end = start + len(line)
        cuts = [(max(a, start) - start, min(b, end) - start) for a, b in spans if a < end and b > start]
        pieces.append(_split(line, cuts))
        start = end + 1  # the "\n" between lines
    marked: dict[str, Pieces | list[Pieces]] = dict(zip(PARTS, pieces))
    marked["paragraphs"] = pieces[len(PARTS):]
    return marked


def _split(line: str, cuts: list[tuple[int, int]]) -> Pieces:
    pieces: Pieces = []
    at = 0
    for start, end in cuts:
        if start > at:
            pieces.append((line[at:start], False))
        pieces.append((line[start:end], True))
        at = end
    if at < len(line) or not pieces:
        pieces.append((line[at:], False))
    return pieces


def hit_boxes(searching: Searching, article_id: int, query: str) -> list[tuple[int, int, int, int]]:
    """Boxes on the page picture around the query's strings in the article (none when its
    page has no text positions)."""
    return [box for text in dict.fromkeys(query_texts(query)) for box in searching.hit_boxes(article_id, text)]
