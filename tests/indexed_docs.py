"""Search tests at the index level: documents built in the test, hits made from them the way
the archive's search service makes them from SQLite (viewer/services/searching.py)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from viewer.model import Credit, Reading, SearchDoc, SearchResult
from viewer.search import SearchIndex, make_hit


def search_doc(article_id: int, *, title: str = "", subtitle: str = "", kicker: str = "",
               paragraphs: Iterable[str] = (), credits: dict[str, list[str]] | None = None,
               **fields) -> SearchDoc:
    """A SearchDoc whose reading is made of the given parts; ``fields`` are SearchDoc's own."""
    reading = Reading(title, subtitle, kicker,
                      tuple(Credit(role, name) for role, names in (credits or {}).items() for name in names),
                      tuple(paragraphs))
    values = dict(publication="交城报", date="2025-04-03", page=8, page_label="8", section="县域·交城",
                  page_credits={})
    values.update(fields)
    return SearchDoc(article_id=article_id, text=reading, **values)


class IndexedDocs:
    """A SearchIndex over ``docs`` (article id → SearchDoc) that answers with hits."""

    def __init__(self, path: Path, docs: dict[int, SearchDoc]):
        self.index = SearchIndex(path)
        self.docs = docs

    def add(self, docs: Iterable[SearchDoc]) -> None:
        docs = list(docs)
        self.docs.update((doc.article_id, doc) for doc in docs)
        self.index.update(docs)

    def search(self, query: str, **options) -> SearchResult:
        matches = self.index.search(query, **options)
        hits = tuple(make_hit(article_id, reading=doc.text, earlier_readings=doc.earlier_readings, date=doc.date,
                              page=doc.page, page_label=doc.page_label, section=doc.section, score=score,
                              texts=matches.texts)
                     for article_id, score in zip(matches.article_ids, matches.scores)
                     if (doc := self.docs.get(article_id)) is not None)
        return SearchResult(query, matches.total, hits, matches.facets)
