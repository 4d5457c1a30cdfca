"""What the user asked the search panel for: the typed query plus the filters and sort.

Kept apart from the widgets so that facets, person links and filter fields all change one
value, and the panel only has to run it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from viewer.errors import QueryError
from viewer.search import query


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    section: str | None = None
    person: str | None = None
    sort: str = "relevance"  # or "date"

    def is_blank(self) -> bool:
        """Nothing asked: the panel shows no results rather than the whole archive."""
        return not self.text.strip() and self.section is None and self.person is None \
            and self.date_from is None and self.date_to is None

    def query(self) -> str:
        """The query string for :meth:`Archive.search`: the typed text, and the person as a
        ``person:`` clause (the search takes no separate person filter)."""
        text = self.text.strip()
        if self.person is None:
            return text
        person = 'person:"{}"'.format(self.person.replace('"', ""))
        return f"({text}) {person}" if text else person

    def reads_annotations(self) -> bool:
        """Whether the answer changes with a note, tag or collection (``tag:``, ``has:notes`` …)."""
        try:
            return query.reads_annotations(query.parse(self.query()))
        except QueryError:
            return False

    def search_arguments(self) -> dict:
        return {"date_from": self.date_from, "date_to": self.date_to, "section": self.section,
                "sort": self.sort}

    def narrowed(self, facet: str, value: str) -> SearchRequest:
        """This request narrowed by a clicked facet value (a year, a section or a person)."""
        if facet == "year":
            year = int(value)
            return replace(self, date_from=dt.date(year, 1, 1), date_to=dt.date(year, 12, 31))
        if facet == "section":
            return replace(self, section=value)
        if facet == "person":
            return replace(self, person=value)
        raise ValueError(f"unknown facet {facet!r}")

    def without_filters(self) -> SearchRequest:
        return SearchRequest(text=self.text, sort=self.sort)
