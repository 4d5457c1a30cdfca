"""Reading the archive: publications → years → months → issues → pages → articles, and what
editors put on them. Everything comes back as the read model (:mod:`viewer.model`), built by
the store from the current text, so every view of an article agrees."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from viewer.errors import NotFound
from viewer.model import (
    AnnotationEntry,
    ArticleLocation,
    ArticleRow,
    ArticleView,
    Issue,
    IssueDay,
    IssuePage,
    PageView,
    Publication,
    Revision,
)
from viewer.schedule import missing_dates, publishing_weekdays
from viewer.store import Store


class Browsing:
    def __init__(self, store: Store, root: Path):
        self.store = store
        self.root = root

    def is_empty(self) -> bool:
        """No pages at all (a scan imported without text is a page with no articles)."""
        return not self.store.has_pages()

    def stats(self) -> dict:
        return {"archive": str(self.root), **self.store.stats()}

    def list_articles(self) -> list[ArticleRow]:
        return self.store.list_articles()

    def article(self, article_id: int) -> ArticleView:
        return _found(self.store.article(article_id), f"no article with id {article_id}")

    def article_location(self, article_id: int) -> ArticleLocation:
        return _found(self.store.article_location(article_id), f"no article with id {article_id}")

    def publications(self) -> list[Publication]:
        return self.store.publications()

    def issue_years(self, publication_id: int) -> list[tuple[int, int]]:
        """(year, issues) of a publication, oldest first."""
        return self.store.issue_years(publication_id)

    def issue_months(self, publication_id: int, year: int) -> list[tuple[int, int]]:
        """(month, issues) of a publication's year."""
        return self.store.issue_months(publication_id, year)

    def issues_in_month(self, publication_id: int, year: int, month: int) -> list[IssueDay]:
        first = dt.date(year, month, 1)
        last = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
        return self.store.issues_between(publication_id, first.isoformat(), last.isoformat())

    def missing_dates(self, publication_id: int, first: dt.date, last: dt.date) -> list[dt.date]:
        """Days in ``first``…``last`` the paper should have appeared on (going by the weekdays
        its issues fall on) but has no issue in the archive."""
        publication = next((p for p in self.store.publications() if p.id == publication_id), None)
        if publication is None or publication.first_date is None or publication.last_date is None:
            return []
        span = (dt.date.fromisoformat(publication.first_date), dt.date.fromisoformat(publication.last_date))
        weekdays = publishing_weekdays(self.store.issue_weekday_counts(publication_id), *span)
        present = [dt.date.fromisoformat(i.date)
                   for i in self.store.issues_between(publication_id, first.isoformat(), last.isoformat())]
        return missing_dates(present, weekdays, first, last, span=span)

    def issue(self, issue_id: int) -> Issue:
        return _found(self.store.issue(issue_id), f"no issue with id {issue_id}")

    def issue_pages(self, issue_id: int) -> list[IssuePage]:
        return self.store.issue_pages(issue_id)

    def page(self, page_id: int) -> PageView:
        return _found(self.store.page(page_id), f"no page with id {page_id}")

    def pages_without_text(self) -> list[int]:
        """The pages that are pictures only (scans imported without OCR), for OCR to read."""
        return self.store.pages_without_text()

    def page_file(self, name: str | None) -> Path | None:
        """The file a page's ``image``, ``preview`` or ``thumbnail`` names (None for None)."""
        return self.root / "pages" / name if name else None

    def sections(self) -> list[str]:
        return self.store.sections()

    # -- what editors put on articles ------------------------------------------------------------

    def annotations(self, article_id: int) -> list[AnnotationEntry]:
        return self.store.annotations.listing(article_id)

    def all_annotations(self, **filters: str | None) -> list[dict]:
        """Notes and highlights of the whole archive; filters: author, tag, since, until."""
        return self.store.annotations.all_annotations(**filters)

    def annotators(self) -> list[str]:
        return self.store.annotations.authors()

    def tags_in_use(self) -> list[tuple[str, int]]:
        return self.store.annotations.all_tags()

    def revisions(self, article_id: int) -> list[Revision]:
        return self.store.annotations.revisions(article_id)

    def collections(self) -> list[dict]:
        return self.store.annotations.collections()

    def collection_articles(self, name: str) -> list[int]:
        return self.store.annotations.collection_articles(name)

    def collection_rows(self, name: str) -> list[ArticleRow]:
        """A collection's articles in its order, as list rows (one SELECT)."""
        return self.store.article_rows(self.store.annotations.collection_articles(name))


def _found(value, message: str):
    if value is None:
        raise NotFound(message)
    return value
