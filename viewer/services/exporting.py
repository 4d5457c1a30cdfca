"""Exporting selected articles (see :mod:`viewer.export` for the formats and options)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from viewer.errors import ExportError, NotFound
from viewer.export import export_articles
from viewer.store import Store

ProgressCallback = Callable[[int, int, str], None]


class Exporting:
    def __init__(self, store: Store):
        self.store = store

    def article_ids_of_page(self, page_id: int) -> list[int]:
        """A page's articles in order: the selection "this whole page"."""
        return self.store.article_ids_of_page(page_id)

    def article_ids_of_issue(self, issue_id: int) -> list[int]:
        """An issue's articles by page, then in order on the page: "this whole issue"."""
        return self.store.article_ids_of_issue(issue_id)

    def export(self, article_ids: Iterable[int], fmt: str, out: Path | str, *,
               one_file_per_article: bool = False, encoding: str = "utf-8", crlf: bool = False,
               with_annotations: bool = False, csv_raw: bool = False, language: str = "zh_CN",
               on_progress: ProgressCallback | None = None, cancel: threading.Event | None = None) -> list[Path]:
        """Write the articles, in the order given (each once), to ``out`` as ``fmt`` (one of
        :data:`viewer.export.FORMATS`), annotations worded in ``language`` (the interface's:
        ``zh_CN`` or ``en``); returns the files written. A cancelled or failed export writes
        nothing."""
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            raise ExportError("nothing to export: no articles selected")
        missing = self.store.missing_article_ids(ids)
        if missing:
            raise NotFound(f"no article with id {', '.join(map(str, missing))}")
        articles = (self._exported(i, with_annotations, fmt) for i in ids)
        return export_articles(articles, len(ids), fmt, out, one_file_per_article=one_file_per_article,
                               encoding=encoding, crlf=crlf, csv_raw=csv_raw, language=language,
                               on_progress=on_progress,
                               cancel=cancel)

    def _exported(self, article_id: int, with_annotations: bool, fmt: str) -> dict:
        """The article as the writers take it (the shape of ``show --json``); ALTO also needs
        where its text sits on the page."""
        article = self.store.article(article_id)
        assert article is not None  # checked above
        shown = article.to_json(with_annotations=with_annotations)
        if fmt == "alto":
            shown["layout"] = self.store.article_layout(article_id)
        return shown
