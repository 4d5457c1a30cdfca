"""The one facade the GUI and the CLI call: open an archive, import, read, search.

An archive is a folder a person can copy::

    archive.sqlite   the source of truth (WAL, foreign keys on, migrations recorded)
    index/           the Whoosh index, derived from archive.sqlite and rebuildable
    pages/           page images by content hash, with previews and thumbnails

Long operations take ``on_progress(done, total, message)`` and ``cancel``, a
``threading.Event`` the caller sets to stop; they raise :class:`viewer.errors.Cancelled`
having rolled back the file in progress.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import platformdirs

from viewer.annotation_store import body_text
from viewer.errors import Cancelled, ExportError, GazetteError, IndexStale, NotFound
from viewer.export import export_articles
from viewer.geometry import hit_boxes
from viewer.ingest import PAGE_SUFFIXES, PICTURE_SUFFIXES, TEXT_SUFFIXES, ReadOptions, read_pages, sha256_of
from viewer.model import ImportOutcome, ImportReport
from viewer.pictures import store_picture
from viewer.schedule import missing_dates, publishing_weekdays
from viewer.search import SearchIndex, SearchResult
from viewer.store import Store

log = logging.getLogger(__name__)
ProgressCallback = Callable[[int, int, str], None]
INDEX_BATCH = 500  # articles imported between two index writes (each write makes a segment)
SAMPLE_PAGE = Path(__file__).resolve().parent.parent / "resources" / "sample" / "jiaocheng-2025-04-03-p8.txt"


def _is_sidecar(text_file: Path) -> bool:
    """A text file beside a scan of the same name is that scan's text."""
    return any(text_file.with_suffix(suffix).is_file() for suffix in PICTURE_SUFFIXES)


def default_archive_path() -> Path:
    """``GAZETTE_ARCHIVE`` if set, else the user data folder (e.g. ~/.local/share/gazette)."""
    env = os.environ.get("GAZETTE_ARCHIVE")
    return Path(env) if env else Path(platformdirs.user_data_dir("gazette", appauthor=False)) / "archive"


class Archive:
    def __init__(self, root: Path | str | None = None, *, read_only: bool = False):
        """``read_only`` (the reading room) opens SQLite with ``mode=ro`` and the index for
        reading, creates nothing and writes nothing; every write method then fails."""
        self.root = Path(root) if root is not None else default_archive_path()
        self.read_only = read_only
        self._stale_on_open = False
        if not read_only:
            try:
                for folder in (self.root, self.root / "index", self.root / "pages"):
                    folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise GazetteError(f"{self.root}: cannot create the archive folder ({error.strerror})") from error
        self.store = Store(self.root / "archive.sqlite", read_only=read_only)
        self.index = SearchIndex(self.root / "index", self._search_docs, read_only=read_only)
        self._check_index()

    def close(self) -> None:
        self.index.close()
        self.store.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- import ------------------------------------------------------------------------------

    def import_paths(self, paths: Iterable[Path | str], options: ReadOptions = ReadOptions(), *,
                     replace: bool = False, on_progress: ProgressCallback | None = None,
                     cancel: threading.Event | None = None) -> ImportReport:
        """Import files and folders (recursively). Each file is one transaction; a bad file is
        reported and the batch goes on. Cancelling keeps what was imported before."""
        report = ImportReport()
        files = list(self._expand(paths, report))
        added: list[int] = []
        gone: set[int] = set()
        try:
            for done, path in enumerate(files):
                if on_progress:
                    on_progress(done, len(files), str(path))
                if cancel is not None and cancel.is_set():
                    raise Cancelled(f"import cancelled after {done} of {len(files)} files", partial=report)
                outcome, replaced = self._import_file(path, options, replace)
                report.outcomes.append(outcome)
                added += outcome.article_ids
                gone |= replaced
                if len(added) >= INDEX_BATCH:
                    self._index_articles(added, gone)
                    added, gone = [], set()
        finally:  # cancelled or not, what SQLite holds is searchable
            self._index_articles(added, gone)
        if on_progress:
            on_progress(len(files), len(files), "")
        return report

    def import_file(self, path: Path, options: ReadOptions = ReadOptions(), *,
                    replace: bool = False) -> ImportOutcome:
        outcome, replaced = self._import_file(path, options, replace)
        self._index_articles(outcome.article_ids, replaced)
        return outcome

    def _import_file(self, path: Path, options: ReadOptions, replace: bool) -> tuple[ImportOutcome, set[int]]:
        """One file in one SQLite transaction; the outcome, and the ids of articles a replaced
        page had that it has no more (for the caller to take out of the index)."""
        try:
            data = path.read_bytes()
        except OSError as error:
            return ImportOutcome(str(path), "failed", f"{path}: cannot read ({error.strerror})"), set()
        sha256 = sha256_of(data)
        present = self.store.page_with_sha256(sha256)
        if present is not None:
            return ImportOutcome(str(path), "skipped",
                                 f"already present as {present['publication']} {present['date']} "
                                 f"page {present['label']}"), set()
        try:
            pages = read_pages(path, data, options)
        except GazetteError as error:
            return ImportOutcome(str(path), "failed", str(error)), set()
        to_save = []
        for page in pages:
            existing = self.store.page_at(page.publication, page.date.isoformat(), page.label or str(page.number))
            if existing is not None and not replace:
                return ImportOutcome(str(path), "failed",
                                     f"{path}: {page.publication} {page.date} page {page.label} is already in "
                                     f"the archive from another file ({existing['source_path']}); use --replace"), set()
            to_save.append((page, existing["id"] if existing else None))
        try:
            for page in pages:
                if page.picture is not None:
                    page.image = store_picture(self.root / "pages", page.picture, str(path))
        except GazetteError as error:
            return ImportOutcome(str(path), "failed", str(error)), set()
        replaced = {i for _, page_id in to_save if page_id for i in self.store.article_ids_of_page(page_id)}
        saved = self.store.save_pages(to_save)
        article_ids = [article_id for _, ids in saved for article_id in ids]
        where = ", ".join(f"{page.date} page {page.label}" for page in pages)
        warnings = [warning for page in pages for warning in page.warnings]
        outcome = ImportOutcome(str(path), "imported", f"{where}: {len(article_ids)} article(s)", article_ids, warnings)
        return outcome, replaced - set(article_ids)

    def _expand(self, paths: Iterable[Path | str], report: ImportReport) -> Iterator[Path]:
        for path in map(Path, paths):
            if path.is_dir():
                for child in sorted(path.rglob("*")):
                    if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                        if child.suffix.lower() in TEXT_SUFFIXES and _is_sidecar(child):
                            continue  # read with its scan
                        if child.suffix.lower() in PAGE_SUFFIXES:
                            yield child
                        else:
                            report.outcomes.append(ImportOutcome(str(child), "skipped", "not a page file"))
            elif path.exists():
                yield path
            else:
                report.outcomes.append(ImportOutcome(str(path), "failed", f"{path}: no such file or folder"))

    # -- search ------------------------------------------------------------------------------
    # The index is derived from SQLite. Every import updates it right after its SQLite commit;
    # if that fails, the archive records the index as stale, and search refuses (IndexStale)
    # rather than leave articles out silently, until ``reindex`` has rebuilt it.

    def search(self, query: str, *, date_from: dt.date | str | None = None,
               date_to: dt.date | str | None = None, section: str | None = None,
               has_notes: bool | None = None, sort: str = "relevance", limit: int = 20,
               offset: int = 0) -> SearchResult:
        """Articles containing the query, best first (see :mod:`viewer.searchquery`);
        ``has_notes`` True keeps those with a note or highlight, False those without."""
        if self.index_stale:
            raise IndexStale("the search index is out of date and must be rebuilt before searching: "
                             "run `gazette reindex` (the app rebuilds it by itself)")
        return self.index.search(query, date_from=date_from, date_to=date_to, section=section,
                                 has_notes=has_notes, sort=sort, limit=limit, offset=offset)

    def reindex(self, on_progress: ProgressCallback | None = None,
                cancel: threading.Event | None = None) -> int:
        """Rebuild the search index from SQLite; return the number of articles indexed.
        Cancelling keeps the previous index (and whether it was stale)."""
        total = self.store.article_count()
        self.index.rebuild(self.store.search_docs(), total, on_progress, cancel)
        self.store.set_state("index_stale", "0")
        return total

    @property
    def index_stale(self) -> bool:
        """True while the search index may lack articles: the app says it is rebuilding."""
        return self._stale_on_open or self.store.get_state("index_stale", "0") == "1"

    def _search_docs(self, ids: list[int]) -> dict:
        return {doc.article_id: doc for doc in self.store.search_docs(ids)}

    def _index_articles(self, article_ids: list[int], gone: Iterable[int] = ()) -> None:
        """Bring the index up to date with articles just committed to SQLite (or deleted)."""
        gone = list(gone)
        if self.index_stale or not (article_ids or gone):
            return  # the rebuild to come reads them from SQLite; or nothing changed
        try:
            self.index.delete(gone)
            self.index.add(self.store.search_docs(article_ids))
        except Exception:  # whatever broke, SQLite holds the articles: rebuild from there
            log.exception("updating the search index failed; marked stale")
            self.store.set_state("index_stale", "1")

    def _check_index(self) -> None:
        """Mark the index stale when it does not hold as many articles as SQLite (a crash
        between the SQLite commit and the index write, an index folder deleted …)."""
        if not self.index_stale and self.index.doc_count() != self.store.article_count():
            if self.read_only:
                self._stale_on_open = True
            else:
                self.store.set_state("index_stale", "1")

    def hit_boxes(self, article_id: int, text: str) -> list[tuple[int, int, int, int]]:
        """Boxes on the page picture around each place ``text`` occurs in the article, for
        outlining search hits; empty when the page text has no positions."""
        geometry = self.store.article_geometry(article_id)
        if geometry is None:
            raise NotFound(f"no article with id {article_id}")
        raw_text, boxes, lines = geometry
        return hit_boxes(raw_text, boxes, lines, text) if boxes else []

    def load_sample(self) -> ImportReport:
        """Import the bundled sample page (the seed), so a new archive shows a real page."""
        return self.import_paths([SAMPLE_PAGE])

    # -- reading -----------------------------------------------------------------------------

    def is_empty(self) -> bool:
        """No pages at all (a scan imported without text is a page with no articles)."""
        return not self.store.has_pages()

    def list_articles(self) -> list[dict]:
        return self.store.list_articles()

    def article(self, article_id: int) -> dict:
        article = self.store.article(article_id)
        if article is None:
            raise NotFound(f"no article with id {article_id}")
        return article

    def stats(self) -> dict:
        return {"archive": str(self.root), **self.store.stats()}

    # -- annotations: every method takes the editor's name as ``author`` ------------------------
    # Search indexes notes, highlights, tags, collections, annotators and the corrected text, so
    # each change to them updates the article in the index after its SQLite commit, as an
    # import does (a failed index write marks the index stale).

    def add_note(self, article_id: int, text: str, *, author: str, fmt: str = "plain") -> int:
        if not text.strip():
            raise GazetteError("a note needs some text")
        note_id = self.store.annotations.add_note(article_id, text, author, fmt)
        self._index_articles([article_id])
        return note_id

    def add_highlight(self, article_id: int, *, author: str, quote: str | None = None,
                      span: tuple[int, int] | None = None, comment: str = "", colour: str = "yellow") -> int:
        """Highlight a passage given by its span in the body text (paragraphs joined by "\n"),
        or by its words (the first place they occur)."""
        if span is None:
            if not quote:
                raise GazetteError("a highlight needs a passage: its words or its span")
            text = body_text(self.store.annotations.current(article_id)["paragraphs"])
            start = text.find(quote)
            if start < 0:
                raise GazetteError(f"“{quote}” is not in the text of article {article_id}")
            span = (start, start + len(quote))
        highlight_id = self.store.annotations.add_highlight(article_id, *span, author, comment=comment,
                                                            colour=colour)
        self._index_articles([article_id])
        return highlight_id

    def update_annotation(self, annotation_id: int, *, text: str | None = None, colour: str | None = None,
                          fmt: str | None = None) -> None:
        """Change a note's text (and its format, "plain" or "html") or a highlight's comment or colour."""
        self.store.annotations.update_annotation(annotation_id, body=text, colour=colour, fmt=fmt)
        if text is not None or fmt is not None:  # a colour is not searched
            self._index_annotated(self.store.annotations.article_of(annotation_id))

    def delete_annotation(self, annotation_id: int) -> dict:
        row = self.store.annotations.delete_annotation(annotation_id)
        self._index_annotated(row["article_id"])
        return row

    def restore_annotation(self, row: dict) -> None:
        self.store.annotations.restore_annotation(row)
        self._index_annotated(row["article_id"])

    def _index_annotated(self, article_id: int | None) -> None:
        """Update the article whose annotation changed (None: an orphan, its article gone)."""
        if article_id is not None:
            self._index_articles([article_id])

    def annotations(self, article_id: int) -> list[dict]:
        return self.store.annotations.listing(article_id)

    def all_annotations(self, **filters: str | None) -> list[dict]:
        """Notes and highlights of the whole archive; filters: author, tag, since, until."""
        return self.store.annotations.all_annotations(**filters)

    def annotators(self) -> list[str]:
        return self.store.annotations.authors()

    def tag(self, article_id: int, tags: list[str], *, author: str) -> list[str]:
        self.article(article_id)  # NotFound before anything is written
        added = self.store.annotations.add_tags(article_id, tags, author)
        if added:
            self._index_articles([article_id])
        return added

    def untag(self, article_id: int, tags: list[str]) -> None:
        self.store.annotations.remove_tags(article_id, tags)
        self._index_articles([article_id])

    def tags_in_use(self) -> list[tuple[str, int]]:
        return self.store.annotations.all_tags()

    def correct(self, article_id: int, *, author: str, paragraph: int | None = None, text: str | None = None,
                title: str | None = None, subtitle: str | None = None, kicker: str | None = None) -> int:
        """A correction, as a new revision of the whole text. ``paragraph`` (from 1) is replaced
        by ``text``; a line break in it splits the paragraph, an empty text removes it (joining
        its neighbours is: correct one with both texts, remove the other)."""
        current = self.store.annotations.current(article_id)
        changed = {k: v for k, v in (("title", title), ("subtitle", subtitle), ("kicker", kicker)) if v is not None}
        paragraphs = list(current["paragraphs"])
        if paragraph is not None:
            if not 1 <= paragraph <= len(paragraphs):
                raise GazetteError(f"article {article_id} has paragraphs 1 to {len(paragraphs)}, not {paragraph}")
            if text is None:
                raise GazetteError("a corrected paragraph needs its text")
            paragraphs[paragraph - 1:paragraph] = [p.strip() for p in text.split("\n") if p.strip()]
            changed["paragraphs"] = paragraphs
        if not changed:
            raise GazetteError("nothing to correct: give a paragraph and its text, or a title")
        summary = ", ".join(f"paragraph {paragraph}" if key == "paragraphs" else key for key in changed)
        revision_id = self.store.annotations.add_revision(article_id, {**current, **changed}, summary, author)
        self._index_articles([article_id])
        return revision_id

    def revisions(self, article_id: int) -> list[dict]:
        return self.store.annotations.revisions(article_id)

    def current_revision(self, article_id: int) -> int | None:
        """The id of the revision the article reads as now; None for the imported reading."""
        return self.store.annotations.current(article_id)["revision"]

    def restore_revision(self, article_id: int, revision_id: int | None, *, author: str) -> int:
        """Make an earlier revision (None: the imported reading) current again, as a new revision."""
        text = self.store.annotations.revision_text(article_id, revision_id)
        summary = f"restored revision {revision_id}" if revision_id else "restored the imported reading"
        restored_id = self.store.annotations.add_revision(article_id, text, summary, author)
        self._index_articles([article_id])
        return restored_id

    def collections(self) -> list[dict]:
        return self.store.annotations.collections()

    def collection_articles(self, name: str) -> list[int]:
        return self.store.annotations.collection_articles(name)

    def add_to_collection(self, name: str, article_ids: list[int], *, author: str) -> list[int]:
        if not name.strip():
            raise GazetteError("a collection needs a name")
        added = self.store.annotations.add_to_collection(name.strip(), article_ids, author)
        self._index_articles(added)
        return added

    def remove_from_collection(self, name: str, article_ids: list[int]) -> None:
        self.store.annotations.remove_from_collection(name, article_ids)
        self._index_articles(article_ids)

    def reorder_collection(self, name: str, article_ids: list[int]) -> None:
        self.store.annotations.reorder_collection(name, article_ids)

    def delete_collection(self, name: str) -> None:
        article_ids = self.store.annotations.collection_articles(name)
        self.store.annotations.delete_collection(name)
        self._index_articles(article_ids)


    # -- browsing (the desktop viewer's tree, calendar and page lists) -----------------------

    def publications(self) -> list[dict]:
        """``[{id, name, issues, first_date, last_date}]`` by name."""
        return self.store.publications()

    def issue_years(self, publication_id: int) -> list[dict]:
        """``[{year, issues}]`` of a publication, oldest first."""
        return self.store.issue_years(publication_id)

    def issue_months(self, publication_id: int, year: int) -> list[dict]:
        """``[{month, issues}]`` of a publication's year."""
        return self.store.issue_months(publication_id, year)

    def issues_in_month(self, publication_id: int, year: int, month: int) -> list[dict]:
        """``[{id, date, pages, missing_pages}]`` of a publication's month, by date."""
        first = dt.date(year, month, 1)
        last = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
        return self.store.issues_between(publication_id, first.isoformat(), last.isoformat())

    def missing_dates(self, publication_id: int, first: dt.date, last: dt.date) -> list[dt.date]:
        """Days in ``first``…``last`` the paper should have appeared on (going by the weekdays
        its issues fall on) but has no issue in the archive."""
        publication = next((p for p in self.store.publications() if p["id"] == publication_id), None)
        if publication is None or not publication["issues"]:
            return []
        span = (dt.date.fromisoformat(publication["first_date"]), dt.date.fromisoformat(publication["last_date"]))
        weekdays = publishing_weekdays(self.store.issue_weekday_counts(publication_id), *span)
        present = [dt.date.fromisoformat(i["date"])
                   for i in self.store.issues_between(publication_id, first.isoformat(), last.isoformat())]
        return missing_dates(present, weekdays, first, last, span=span)

    def issue(self, issue_id: int) -> dict:
        """``{id, date, publication_id, publication}``."""
        issue = self.store.issue(issue_id)
        if issue is None:
            raise NotFound(f"no issue with id {issue_id}")
        return issue

    def issue_pages(self, issue_id: int) -> list[dict]:
        """The pages of an issue, ``[{id, number, label, section, image, thumbnail, articles:
        [{id, seq, title}]}]`` in page order (``image``, ``thumbnail``: see :meth:`page_file`)."""
        return self.store.issue_pages(issue_id)

    def page(self, page_id: int) -> dict:
        """One page: masthead facts, ``credits`` (its editors by role), its picture (``image``,
        ``preview``, ``image_width``, ``image_height``; None without one), ``unassigned`` text
        and ``articles`` in order, each with its paragraphs, credits and ``region``
        (``[[x, y, w, h], …]`` in picture pixels, or None)."""
        page = self.store.page(page_id)
        if page is None:
            raise NotFound(f"no page with id {page_id}")
        return page

    def page_file(self, name: str | None) -> Path | None:
        """The file a page's ``image``, ``preview`` or ``thumbnail`` names (None for None)."""
        return self.root / "pages" / name if name else None

    def article_location(self, article_id: int) -> dict:
        """Where an article sits: ``{page_id, issue_id, publication_id, date}``."""
        location = self.store.article_location(article_id)
        if location is None:
            raise NotFound(f"no article with id {article_id}")
        return location

    def sections(self) -> list[str]:
        return self.store.sections()

    # -- export ------------------------------------------------------------------------------

    def article_ids_of_page(self, page_id: int) -> list[int]:
        """A page's articles in order: the selection "this whole page"."""
        return self.store.article_ids_of_page(page_id)

    def article_ids_of_issue(self, issue_id: int) -> list[int]:
        """An issue's articles by page, then in order on the page: "this whole issue"."""
        return self.store.article_ids_of_issue(issue_id)

    def export(self, article_ids: Iterable[int], fmt: str, out: Path | str, *,
               one_file_per_article: bool = False, encoding: str = "utf-8", crlf: bool = False,
               with_annotations: bool = False, on_progress: ProgressCallback | None = None,
               cancel: threading.Event | None = None) -> list[Path]:
        """Write the articles, in the order given (each once), to ``out`` as ``fmt`` (one of
        :data:`viewer.export.FORMATS`); returns the files written. See :mod:`viewer.export`
        for the formats and options. A cancelled or failed export writes nothing."""
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            raise ExportError("nothing to export: no articles selected")
        missing = self.store.missing_article_ids(ids)
        if missing:
            raise NotFound(f"no article with id {', '.join(map(str, missing))}")
        articles = (self._exported_article(i, with_annotations) for i in ids)
        return export_articles(articles, len(ids), fmt, out, one_file_per_article=one_file_per_article,
                               encoding=encoding, crlf=crlf, on_progress=on_progress, cancel=cancel)

    def _exported_article(self, article_id: int, with_annotations: bool) -> dict:
        article = self.article(article_id)
        if not with_annotations:
            del article["annotations"]  # the writers include annotations an article carries
        return article
