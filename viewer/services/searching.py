"""Search: the index finds article ids; the hits are built from the read model (the article
as SQLite has it now), so a hit never shows text the article no longer has."""

from __future__ import annotations

import datetime as dt

from viewer.errors import NotFound
from viewer.geometry import hit_boxes
from viewer.model import SearchResult
from viewer.search import SearchIndex, make_hit
from viewer.services.indexing import IndexKeeper
from viewer.store import Store

ALL = 2**62  # a limit no archive reaches


class Searching:
    def __init__(self, store: Store, index: SearchIndex, keeper: IndexKeeper):
        self.store = store
        self.index = index
        self.keeper = keeper

    def search(self, query: str, *, date_from: dt.date | str | None = None,
               date_to: dt.date | str | None = None, section: str | None = None,
               has_notes: bool | None = None, sort: str = "relevance", limit: int = 20,
               offset: int = 0) -> SearchResult:
        """Articles containing the query, best first (see :mod:`viewer.search.query`);
        ``has_notes`` True keeps those with a note or highlight, False those without.
        ``pending`` in the result counts articles committed but not yet in the index (an
        import in another process, or one that was cut short and not yet caught up)."""
        matches = self.index.search(query, date_from=date_from, date_to=date_to, section=section,
                                    has_notes=has_notes, sort=sort, limit=limit, offset=offset)
        articles = self.store.hit_articles(matches.article_ids)
        hits = []
        for article_id, score in zip(matches.article_ids, matches.scores):
            if article_id not in articles:  # deleted from SQLite, index not yet told
                continue
            row, reading, earlier, page_people = articles[article_id]
            hits.append(make_hit(article_id, reading=reading, earlier_readings=earlier, date=row.date,
                                 page=row.page, page_label=row.page_label, section=row.section, score=score,
                                 texts=matches.texts, page_people=page_people))
        return SearchResult(query, matches.total, tuple(hits), matches.facets, self.keeper.pending())

    def all_ids(self, query: str, *, date_from: dt.date | str | None = None,
                date_to: dt.date | str | None = None, section: str | None = None,
                has_notes: bool | None = None, sort: str = "relevance") -> list[int]:
        """The ids of every article :meth:`search` finds for the same arguments, in its order
        (for exporting all the results of a search, not only the page of them shown)."""
        matches = self.index.search(query, date_from=date_from, date_to=date_to, section=section,
                                    has_notes=has_notes, sort=sort, limit=ALL, offset=0)
        gone = set(self.store.missing_article_ids(matches.article_ids))  # deleted, index not yet told
        return [article_id for article_id in matches.article_ids if article_id not in gone]

    def hit_boxes(self, article_id: int, text: str) -> list[tuple[int, int, int, int]]:
        """Boxes on the page picture around each place ``text`` occurs in the article, for
        outlining search hits; empty when the page text has no positions."""
        geometry = self.store.article_geometry(article_id)
        if geometry is None:
            raise NotFound(f"no article with id {article_id}")
        raw_text, boxes, lines = geometry
        return hit_boxes(raw_text, boxes, lines, text) if boxes else []
