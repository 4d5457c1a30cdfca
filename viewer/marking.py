"""Search hits in one article, for a reader that shows it with the hits marked: which pieces of
its title, kicker, subtitle, byline and paragraphs a query matched, and where on the page
picture they are. The same matching as search (:func:`viewer.search.hit_spans`)."""

from __future__ import annotations

from viewer import searchquery
from viewer.archive import Archive
from viewer.errors import GazetteError
from viewer.search import hit_spans

PARTS = ("title", "kicker", "subtitle", "byline")  # lines 0–3 of the searched text; paragraphs follow
Pieces = list[tuple[str, bool]]  # (text, is a hit)


def _positive_texts(query: str) -> list[searchquery.Text]:
    """What a query looks for in the text (not under NOT); nothing for a query that is not one."""
    try:
        return searchquery.positive_texts(searchquery.parse(query))
    except GazetteError:
        return []


def query_texts(query: str) -> list[str]:
    return [text.text for text in _positive_texts(query)]


def marked_article(archive: Archive, article_id: int, query: str) -> dict[str, Pieces | list[Pieces]]:
    """``{title, kicker, subtitle, byline: pieces, paragraphs: [pieces]}`` of the article's
    current text, each split into hits and the text between them."""
    doc = next(iter(archive.store.search_docs([article_id])), None)
    if doc is None:
        return {}
    texts = _positive_texts(query)
    lines = [doc.title, doc.kicker, doc.subtitle, doc.byline, *doc.paragraphs]
    spans = hit_spans(doc, texts) if texts else []
    pieces: list[Pieces] = []
    start = 0
    for line in lines:
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


def hit_boxes(archive: Archive, article_id: int, query: str) -> list[tuple[int, int, int, int]]:
    """Boxes on the page picture around the query's strings in the article (none when its
    page has no text positions)."""
    return [box for text in dict.fromkeys(query_texts(query)) for box in archive.hit_boxes(article_id, text)]
