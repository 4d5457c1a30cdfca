"""Full-text search: every article containing the query string, best first.

**What is searched.** An article's text, as this module defines it, is
:func:`article_text`: its parts joined by ``"\\n"``, always in this order and always all
present (empty ones as empty lines)::

    line 0  title        line 2  subtitle     line 4…  the paragraphs, one per line
    line 1  kicker       line 3  byline (format_credits of the article's credits)

A query string matches when its folded form (:mod:`viewer.textnorm`: width, case, vertical
forms, traditional → simplified, extractor spaces) is a substring of the folded form of one
line. Matches never cross a line.

**Corrected and original text.** An article's text is its current one, as editors corrected
it (``SearchDoc`` is built from it). Its ``earlier_readings`` — the lines of the imported
reading and of earlier revisions that the current text lacks — are indexed after it, so a
query finds an article by what was first printed as well as by the correction. A string found
only there has no spans (they would point at text no longer shown); the hit's snippet is then
the earlier line, marked as hits are and prefixed with :data:`EARLIER_READING`.

**What editors added** is searched only through its own fields (:mod:`viewer.searchquery`):
``note:`` over the text of notes, highlight comments and quotes, ``tag:``, ``collection:``,
``annotator:``, ``has:notes``. They never give spans; the facets add ``tag``.

**Spans.** ``Hit.spans`` are ``[start, end)`` offsets into ``article_text(doc)`` as printed,
not folded: Python string indices, i.e. code points (``𠵱`` U+20D71 counts 1; Qt counts it
2 UTF-16 units, so a Qt view must convert). Subtract the start of a line to get an offset
into that part. Every occurrence of every query string on the text (not under NOT) is a span;
spans are sorted and do not overlap. ``Hit.snippet`` is a piece of the printed text around
the first hit in the body (else in the title), from its line on, hits marked with
:data:`MARK_OPEN` and :data:`MARK_CLOSE`, ``…`` where a line was cut, lines joined by spaces.

**The index** (layout in :mod:`viewer.searchpostings`) stores grams, positions and a few
columns per article, never the text: snippets and spans are made from the articles that the
``load_docs`` callback returns for the page of hits being shown.

**Ranking.** BM25F over two fields, the whole article (earlier readings included) and the
title again (weighted :data:`viewer.searchview.TITLE_WEIGHT` times more); equal scores go
oldest first. Only terms on the text score: ``note:`` and the other fields narrow, so a query
made of them alone comes out oldest first. ``sort="date"`` gives oldest first, then by page.

**Rebuilding** takes ``on_progress(done, total, message)`` and ``cancel``, a
``threading.Event`` (anything with ``is_set()``) as elsewhere in the core; once it is set the
rebuild raises :class:`~viewer.errors.Cancelled` and the previous index stays as it was.

A ``SearchIndex`` is used from one thread at a time (the archive's worker).
"""

from __future__ import annotations

import datetime as dt
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import numpy as np

from whoosh.filedb.filestore import FileStorage
from whoosh.index import EmptyIndexError

from viewer import searchquery as q
from viewer.errors import Cancelled, IndexStale
from viewer.model import SearchDoc
from viewer.searchpostings import BulkWriter, DocRow, schema
from viewer.searchview import Evaluation, View
from viewer.textnorm import fold, fold_with_offsets

MARK_OPEN = "⟦"
MARK_CLOSE = "⟧"
EARLIER_READING = "〔更正前〕"  # begins a snippet taken from the text as it read before a correction
BATCH_DOCS = 5_000  # articles per segment written at once; bounds memory while indexing
MAX_SEGMENTS = 40  # above this, small segments are re-indexed into one
SNIPPET_BEFORE = 20
SNIPPET_LENGTH = 90
PROGRESS_EVERY = 200

LoadDocs = Callable[[list[int]], dict[int, SearchDoc]]


@dataclass
class Hit:
    article_id: int
    title: str
    date: str
    page: int | None
    section: str
    score: float
    snippet: str
    spans: list[tuple[int, int]]


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)


def article_parts(doc: SearchDoc) -> list[str]:
    """The lines of :func:`article_text` (see the module docstring)."""
    return [doc.title, doc.kicker, doc.subtitle, doc.byline, *doc.paragraphs]


def article_text(doc: SearchDoc) -> str:
    """The text searched and the one ``Hit.spans`` point into."""
    return "\n".join(article_parts(doc))


class SearchIndex:
    """The Whoosh index of an archive: derived from SQLite, rebuilt from it at will.

    ``load_docs(ids)`` returns the SearchDocs of those article ids (missing ones left out);
    the index calls it for the hits it shows and to re-index small segments.
    """

    def __init__(self, path: Path | str, load_docs: LoadDocs, *, read_only: bool = False):
        self.path = Path(path)
        self.load_docs = load_docs
        self.read_only = read_only
        self._ix = _open_for_reading(self.path) if read_only else _open_or_create(self.path)
        self._view: View | None = None

    def close(self) -> None:
        self._drop_view()

    def doc_count(self) -> int:
        return self._ix.doc_count()

    def add(self, docs: Iterable[SearchDoc]) -> None:
        """Index ``docs``, replacing any article already indexed under the same id."""
        for batch in _batches(docs, BATCH_DOCS):
            self._write(batch, replace_ids=[doc.article_id for doc in batch])
        self._compact()

    def delete(self, ids: Iterable[int]) -> None:
        ids = list(ids)
        if ids:
            self._write([], replace_ids=ids)

    def rebuild(self, docs: Iterable[SearchDoc], total: int,
                on_progress: Callable[[int, int, str], None] | None = None,
                cancel: threading.Event | None = None) -> None:
        """Build a new index from ``docs`` (``total`` of them) beside this one, then swap.

        ``on_progress(done, total, "")`` is called every few hundred articles and at the end.
        """
        fresh_path = self.path.with_name(self.path.name + ".new")
        shutil.rmtree(fresh_path, ignore_errors=True)
        fresh = _open_or_create(fresh_path)
        done = 0
        try:
            for batch in _batches(_checked(docs, cancel), BATCH_DOCS):
                writer = BulkWriter(fresh)
                try:
                    for doc in batch:
                        writer.add_article(*_prepare(doc))
                        done += 1
                        if on_progress and done % PROGRESS_EVERY == 0:
                            on_progress(done, total, "")
                except BaseException:
                    writer.cancel()
                    raise
                writer.commit(merge=False)
        except BaseException:
            shutil.rmtree(fresh_path, ignore_errors=True)
            raise
        if on_progress:
            on_progress(done, total, "")
        self._swap_in(fresh_path)

    def search(self, query: str, *, date_from: str | dt.date | None = None,
               date_to: str | dt.date | None = None, section: str | None = None,
               has_notes: bool | None = None, sort: str = "relevance", limit: int = 20,
               offset: int = 0) -> SearchResult:
        """Articles matching ``query`` (see :mod:`viewer.searchquery`), one page of them.

        ``date_from``/``date_to`` (ISO dates, inclusive), ``section`` (exact section name) and
        ``has_notes`` (True: only articles with a note or highlight; False: only those
        without) narrow the query; ``sort`` is ``"relevance"`` or ``"date"``.
        """
        if sort not in ("relevance", "date"):
            raise ValueError(f"sort must be 'relevance' or 'date', not {sort!r}")
        tree = q.parse(query)
        view = self._current_view()
        evaluation = Evaluation(view)
        matched = evaluation.docs(_with_filters(tree, date_from, date_to, has_notes))
        if section is not None:
            matched = np.intersect1d(matched, view.docs_in_section(section), assume_unique=True)
        texts = q.positive_texts(tree)
        scores = evaluation.scores(texts, matched)
        page = view.rank(matched, scores, sort)[offset:offset + limit]
        hits = self._hits(view.article_id[matched[page]].tolist(), scores[page].tolist(), texts)
        return SearchResult(query, len(matched), hits, view.facets(matched))

    # Writing

    def _write(self, docs: list[SearchDoc], replace_ids: list[int],
               drop_segments: frozenset = frozenset()) -> None:
        self._drop_view()
        writer = BulkWriter(self._ix, timeout=10.0)
        try:
            for docnum in self._docnums_of(writer, set(replace_ids)):
                writer.delete_document(docnum)
            for doc in docs:
                writer.add_article(*_prepare(doc))
        except BaseException:
            writer.cancel()
            raise
        kept = [s for s in writer.segments if s.segment_id() not in drop_segments]
        writer.commit(mergetype=lambda _writer, _segments: kept)

    @staticmethod
    def _docnums_of(writer: BulkWriter, article_ids: set[int]) -> list[int]:
        """The live doc numbers of ``article_ids`` in the segments ``writer`` writes to."""
        if not article_ids or not writer.segments:
            return []
        found = []
        with writer.reader() as reader:
            for leaf, offset in reader.leaf_readers():
                column = leaf.column_reader("article_id", translate=False).load()
                found += [offset + d for d, article_id in enumerate(column)
                          if article_id in article_ids and not leaf.is_deleted(d)]
        return found

    def _compact(self) -> None:
        """Re-index the smallest segments into one while there are too many of them."""
        segments = sorted(self._ix._segments(), key=lambda s: s.doc_count())
        if len(segments) <= MAX_SEGMENTS:
            return
        chosen, count = [], 0
        for segment in segments:
            if len(chosen) >= 2 and count + segment.doc_count() > BATCH_DOCS:
                break
            chosen.append(segment)
            count += segment.doc_count()
        chosen_ids = {s.segment_id() for s in chosen}
        view = self._current_view()
        ids = view.article_id[view.docs_in_segments(chosen_ids)].tolist()
        docs = self.load_docs(ids)
        self._write([docs[i] for i in ids if i in docs], replace_ids=[],
                    drop_segments=frozenset(chosen_ids))

    def _swap_in(self, fresh_path: Path) -> None:
        self._drop_view()
        old_path = self.path.with_name(self.path.name + ".old")
        shutil.rmtree(old_path, ignore_errors=True)
        if self.path.exists():
            self.path.rename(old_path)
        fresh_path.rename(self.path)
        shutil.rmtree(old_path, ignore_errors=True)
        self._ix = _open_or_create(self.path)

    # Reading

    def _current_view(self) -> View:
        latest = self._ix.latest_generation()
        if self._view is None or self._view.generation != latest:
            self._drop_view()
            self._ix = _open_for_reading(self.path) if self.read_only else _open_or_create(self.path)
            self._view = View(self._ix)
        return self._view

    def _drop_view(self) -> None:
        if self._view is not None:
            self._view.close()
            self._view = None

    def _hits(self, ids: list[int], scores: list[float], texts: list[q.Text]) -> list[Hit]:
        docs = self.load_docs(ids)
        hits = []
        for article_id, score in zip(ids, scores):
            doc = docs.get(article_id)
            if doc is None:  # deleted from SQLite, index not yet told
                continue
            spans = hit_spans(doc, texts)
            shown = snippet(doc, spans) if spans else earlier_snippet(doc, texts) or snippet(doc, [])
            hits.append(Hit(article_id, doc.title, doc.date, doc.page, doc.section,
                            round(score, 4), shown, spans))
        return hits


def hit_spans(doc: SearchDoc, texts: list[q.Text]) -> list[tuple[int, int]]:
    """Spans in ``article_text(doc)`` of every occurrence of the folded ``texts``."""
    return _spans_in(article_text(doc), texts)


def _spans_in(printed: str, texts: list[q.Text]) -> list[tuple[int, int]]:
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
    return _merge_spans(found)


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(doc: SearchDoc, spans: list[tuple[int, int]]) -> str:
    """A line of printed text around the first hit in the body (else the title), marked."""
    text = article_text(doc)
    body_start = len(text) - sum(len(p) + 1 for p in doc.paragraphs) + 1
    in_body = [s for s in spans if s[0] >= body_start]
    anchor = (in_body or spans or [(body_start, body_start)])[0][0]
    return _snippet_at(text, spans, anchor)


def earlier_snippet(doc: SearchDoc, texts: list[q.Text]) -> str:
    """The first line of the earlier readings holding a query string, marked and prefixed
    with :data:`EARLIER_READING`; "" when none does."""
    body_texts = [text for text in texts if text.field == "text"]
    for line in doc.earlier_readings if body_texts else ():
        spans = _spans_in(line, body_texts)
        if spans:
            return EARLIER_READING + _snippet_at(line, spans, spans[0][0])
    return ""


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


def _prepare(doc: SearchDoc) -> tuple[DocRow, str, str, str]:
    """What :class:`BulkWriter` takes for one article: its row, folded title, text and notes."""
    credits = tuple((role, name) for group in (doc.credits, doc.page_credits)
                    for role, names in group.items() for name in names)
    row = DocRow(
        article_id=doc.article_id,
        date=int(doc.date.replace("-", "")) if doc.date else 0,
        page=doc.page if doc.page is not None else -1,
        page_label=doc.page_label,
        section=doc.section,
        publication=doc.publication,
        credits=credits,
        tags=tuple(doc.tags),
        collections=tuple(doc.collections),
        annotators=tuple(doc.annotators),
    )
    text = "\n".join([article_text(doc), *doc.earlier_readings])
    return row, fold(doc.title), fold(text), fold("\n".join(doc.notes))


def _open_or_create(path: Path):
    path.mkdir(parents=True, exist_ok=True)
    storage = FileStorage(str(path), supports_mmap=False)  # see DESIGN.md: mmap doubles RAM
    try:
        ix = storage.open_index()
    except EmptyIndexError:
        return storage.create_index(schema())
    if set(ix.schema.names()) != set(schema().names()):
        # An index from another version of Gazette: it is derived data, start again.
        ix.close()
        return storage.create_index(schema())
    return ix


def _open_for_reading(path: Path):
    """The index as it is, never created or replaced (the reading room writes nothing)."""
    try:
        ix = FileStorage(str(path), supports_mmap=False, readonly=True).open_index()
    except (EmptyIndexError, OSError) as error:
        raise IndexStale(f"{path}: no search index to read ({error}); run `gazette reindex`") from error
    if set(ix.schema.names()) != set(schema().names()):
        raise IndexStale(f"{path}: the search index is from another version; run `gazette reindex`")
    return ix


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _checked(docs: Iterable[SearchDoc], cancel: threading.Event | None):
    for count, doc in enumerate(docs):
        if cancel is not None and count % PROGRESS_EVERY == 0 and cancel.is_set():
            raise Cancelled(f"rebuilding the search index cancelled after {count} articles; "
                            "the previous index is kept")
        yield doc


def _with_filters(tree, date_from, date_to, has_notes):
    filters = []
    if date_from is not None or date_to is not None:
        low = q.date_bounds(str(date_from))[0] if date_from is not None else None
        high = q.date_bounds(str(date_to))[1] if date_to is not None else None
        filters.append(q.Range("date", low, high))
    if has_notes is not None:
        filters.append(q.HasNotes() if has_notes else q.Not(q.HasNotes()))
    return q.And((tree, *filters)) if filters else tree
