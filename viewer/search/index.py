"""Full-text search: every article containing the query string, best first.

**What is searched.** An article's search text, :meth:`viewer.model.Reading.search_text`
(title, kicker, subtitle, byline, paragraphs, one per line), then the page's people, as
:meth:`viewer.model.SearchDoc.indexed_text` has it. A query string matches when its folded form (:mod:`viewer.textnorm`: width, case, vertical
forms, traditional → simplified, extractor spaces) is a substring of the folded form of one
line. Matches never cross a line.

**Corrected and original text.** An article's text is its current one, as editors corrected
it (``SearchDoc`` is built from it). Its ``earlier_readings`` — the lines of the imported
reading and of earlier revisions that the current text lacks — are indexed after it, so a
query finds an article by what was first printed as well as by the correction. A string found
only there has no spans (they would point at text no longer shown); the hit's snippet is then
the earlier line, marked as hits are and prefixed with
:data:`viewer.search.snippets.EARLIER_READING`.

**What editors added** is searched only through its own fields (:mod:`viewer.searchquery`):
``note:`` over the text of notes, highlight comments and quotes, ``tag:``, ``collection:``,
``annotator:``, ``has:notes``. They never give spans; the facets add ``tag``.

**What it returns.** :meth:`SearchIndex.search` gives :class:`Matches`: article ids and
scores of one page of results, the total, the facets and the query strings to mark. It never
reads SQLite: the caller loads those articles from the read model and makes spans and
snippets with :mod:`viewer.search.snippets`.

**The index** (layout in :mod:`viewer.search.postings`) stores grams, positions and a few
columns per article, never the text.

**Ranking.** BM25F over two fields, the whole article (earlier readings included) and the
title again (weighted :data:`viewer.searchview.TITLE_WEIGHT` times more); equal scores go
oldest first. Only terms on the text score: ``note:`` and the other fields narrow, so a query
made of them alone comes out oldest first. ``sort="date"`` gives oldest first, then by page.

**Compacting.** Each write adds a segment; :meth:`SearchIndex.compaction` names segments of
about one size once there are :data:`MERGE_FACTOR` of them, which :meth:`SearchIndex.compact`
writes as one (a few articles again from their text, more merged from their postings), and a
rebuild merges all it wrote into one.

**Rebuilding** takes ``on_progress(done, total, message)`` and ``cancel``, a
``threading.Event`` (anything with ``is_set()``) as elsewhere in the core; once it is set the
rebuild raises :class:`~viewer.errors.Cancelled` and the previous index stays as it was.

**Generations.** The folder holds Whoosh indexes under different names (Whoosh prefixes each
index's files with its name); the small file ``CURRENT`` names the one in use (none: ``MAIN``,
Whoosh's default, as archives before generations have it). A rebuild writes a new generation
beside the current one and then replaces ``CURRENT``, so no folder is ever renamed or removed
while a reader (this process or another) holds its files: Windows cannot rename a folder with
open files. The old generation's files are then deleted, and those a reader still holds (on
Windows) at a later rebuild. Each generation has its own epoch (:mod:`viewer.services.indexing`),
so a new empty generation is never taken for the archive's index.

A ``SearchIndex`` is used from one thread at a time (the archive's worker).
"""

from __future__ import annotations

import datetime as dt
import math
import os
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import numpy as np
from filelock import FileLock
from whoosh.filedb.filestore import FileStorage
from whoosh.index import EmptyIndexError

from viewer.errors import Cancelled, IndexStale
from viewer.model import SearchDoc
from viewer.search import query as q
from viewer.search.evaluation import Evaluation, View
from viewer.search.postings import BulkWriter, DocRow, MergingWriter, schema, segments
from viewer.textnorm import fold

FORMAT = "gazette-index 5"  # written in the index folder; another format is started afresh
# (5: a segment may have more bigram buckets than BUCKETS, as its directory says)
CURRENT = "CURRENT"  # the file naming the generation in use
CREATE_WAIT_S = 60  # another process making the index: it writes a few empty files
LEGACY_GENERATION = "MAIN"  # Whoosh's own index name: the generation of archives made before CURRENT
LEGACY_EPOCH = "EPOCH"
BATCH_DOCS = 5_000  # articles per segment written at once; bounds memory while indexing
MERGE_FACTOR = 4  # segments of about one size merged into one once there are this many
REINDEX_DOCS = 500  # a merge of this many articles or fewer writes them again from their text
MERGE_PROGRESS_EVERY = 256  # groups of buckets between a rebuild's progress reports while merging
MERGING = "merging"  # the message of a rebuild's progress while it merges its segments
PROGRESS_EVERY = 200


@dataclass(frozen=True)
class Matches:
    """One page of results: article ids best first with their scores, how many matched in
    all, the facets of all of them, and the query strings whose occurrences are hits."""

    total: int
    article_ids: list[int]
    scores: list[float]
    facets: dict[str, dict[str, int]]
    texts: list[q.Text]


@dataclass(frozen=True)
class Compaction:
    segment_ids: frozenset[str]
    article_ids: list[int] | None  # the articles to write again from their text; None: merge the postings


class SearchIndex:
    """The Whoosh index of an archive: derived from SQLite, rebuilt from it at will."""

    def __init__(self, path: Path | str, *, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        self._ix = self._open()
        self._view: View | None = None

    @property
    def generation(self) -> str:
        """The name of the Whoosh index this object has open."""
        return self._ix.indexname

    def epoch(self) -> str | None:
        """The token the keeper wrote when it last rebuilt the current generation (None: never)."""
        try:
            return _epoch_file(self.path, _current_name(self.path)).read_text(encoding="utf-8").strip()
        except OSError:
            return None

    def mark_epoch(self, epoch: str) -> None:
        _epoch_file(self.path, _current_name(self.path)).write_text(epoch + "\n", encoding="utf-8")

    def close(self) -> None:
        self._drop_view()

    def doc_count(self) -> int:
        self._open_current()  # another index object may have rebuilt it as a new generation
        return self._ix.doc_count()

    def update(self, docs: Iterable[SearchDoc], gone: Iterable[int] = ()) -> None:
        """Index ``docs``, replacing any article already indexed under the same id, and take
        the articles ``gone`` out."""
        gone = list(gone)
        for batch in _batches(docs, BATCH_DOCS):
            self._write(batch, replace_ids=[doc.article_id for doc in batch] + gone)
            gone = []
        if gone:
            self._write([], replace_ids=gone)

    def compaction(self) -> Compaction | None:
        """The next merge, while :data:`MERGE_FACTOR` segments are of about one size (the same
        power of MERGE_FACTOR of live articles), the smallest first; None when there is none.
        Each write adds a segment and a query pays for each one it looks in; merging like sizes
        rewrites an article a few times over the archive's life. Up to :data:`REINDEX_DOCS`
        articles are written again from their text (the caller reads it from SQLite: faster
        than merging the postings of a few articles), more are merged from their postings."""
        self._open_current()
        tiers: dict[int, list] = {}
        for segment in sorted(segments(self._ix), key=lambda s: s.doc_count()):
            tiers.setdefault(int(math.log(max(1, segment.doc_count()), MERGE_FACTOR)), []).append(segment)
        for tier in sorted(tiers):
            if len(tiers[tier]) >= MERGE_FACTOR:
                chosen = tiers[tier][:MERGE_FACTOR]
                ids = frozenset(s.segment_id() for s in chosen)
                if sum(s.doc_count() for s in chosen) > REINDEX_DOCS:
                    return Compaction(ids, None)
                view = self._current_view()
                return Compaction(ids, view.article_id[view.docs_in_segments(set(ids))].tolist())
        return None

    def compact(self, compaction: Compaction, docs: Iterable[SearchDoc] = ()) -> None:
        """Replace the segments of ``compaction`` by one: merged from their postings, or when
        it names articles, holding ``docs`` (those articles as SQLite has them now; those gone
        are left out)."""
        if compaction.article_ids is None:
            self._drop_view()
            _merge(self._ix, compaction.segment_ids)
        else:  # (none left when all of them were deleted: the segments are only dropped)
            self._write(list(docs), replace_ids=[], drop_segments=compaction.segment_ids)

    def merge(self) -> None:
        """Rewrite the index's segments as one, from their postings (:class:`MergingWriter`)."""
        self._drop_view()
        self._open_current()
        _merge(self._ix, frozenset(s.segment_id() for s in segments(self._ix)))

    def rebuild(self, docs: Iterable[SearchDoc], total: int,
                on_progress: Callable[[int, int, str], None] | None = None,
                cancel: threading.Event | None = None) -> None:
        """Build a new generation from ``docs`` (``total`` of them) beside this one, in
        segments of BATCH_DOCS articles merged into one at the end, then make it current. The
        caller holds the index's write lock (:mod:`viewer.services.indexing`).

        ``on_progress(done, total, "")`` is called every few hundred articles and at the end,
        then ``on_progress(done, total, MERGING)`` over the merge's groups of buckets.
        """
        self._open_current()
        _delete_generations(self.path, keep=self.generation)  # left by a rebuild that crashed
        fresh = _create(FileStorage(str(self.path), supports_mmap=False), _new_generation_name())
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
                _commit(writer, merge=False)
            _merge(fresh, frozenset(s.segment_id() for s in segments(fresh)), _merge_progress(on_progress, cancel))
        except BaseException:
            _delete_generations(self.path, keep=self.generation)
            raise
        if on_progress:
            on_progress(done, total, "")
        self._drop_view()
        old = self.generation
        _write_current(self.path, fresh.indexname)
        self._ix = fresh
        _delete_generations(self.path, keep=fresh.indexname, only=old)

    def search(self, query: str, *, date_from: str | dt.date | None = None,
               date_to: str | dt.date | None = None, section: str | None = None,
               has_notes: bool | None = None, sort: str = "relevance", limit: int = 20,
               offset: int = 0) -> Matches:
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
        return Matches(len(matched), view.article_id[matched[page]].tolist(),
                       [round(score, 4) for score in scores[page].tolist()], view.facets(matched), texts)

    def forget_decoded(self) -> None:
        """Forget the terms and query strings decoded by earlier searches (for benchmarks: the
        next search reads its terms afresh)."""
        if self._view is not None:
            self._view.forget_decoded()

    # Writing

    def _write(self, docs: list[SearchDoc], replace_ids: list[int],
               drop_segments: frozenset = frozenset()) -> None:
        self._drop_view()
        self._open_current()  # another process may have rebuilt the index
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
        _commit(writer, mergetype=lambda _writer, _segments: kept)

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

    # Opening

    def _open(self):
        return _open_for_reading(self.path) if self.read_only else _open_or_create(self.path)

    def _open_current(self) -> None:
        """Open the generation ``CURRENT`` names, if another index object has made a new one."""
        if _current_name(self.path) != self.generation:
            self._drop_view()
            self._ix = self._open()

    # Reading

    def _current_view(self) -> View:
        self._open_current()
        latest = self._ix.latest_generation()
        if self._view is None or self._view.generation != latest:
            self._drop_view()
            self._ix = self._open()
            self._view = View(self._ix)
        return self._view

    def _drop_view(self) -> None:
        if self._view is not None:
            self._view.close()
            self._view = None

def _commit(writer: BulkWriter, **options) -> None:
    """Commit, or on a failure (a full disk) give back the index's write lock: a writer left
    holding it makes every later write of this process wait for it in vain."""
    try:
        writer.commit(**options)
    except BaseException:
        try:
            writer.cancel()
        except Exception:  # the disk that failed the commit fails closing its files too
            if writer.writelock is not None:
                writer.writelock.release()
        raise


def _merge(ix, segment_ids: frozenset[str], on_group: Callable[[int, int], None] | None = None) -> None:
    """Rewrite the segments ``segment_ids`` of ``ix`` as one (:class:`MergingWriter`)."""
    if len(segment_ids) < 2:
        return
    _commit(MergingWriter(ix, segment_ids, on_group, timeout=10.0),
            mergetype=lambda _writer, kept: [s for s in kept if s.segment_id() not in segment_ids])


def _merge_progress(on_progress: Callable[[int, int, str], None] | None,
                    cancel: threading.Event | None) -> Callable[[int, int], None]:
    """A rebuild's merge reports its groups of buckets as :data:`MERGING` progress, and stops
    when cancelled."""
    def on_group(done: int, total: int) -> None:
        if cancel is not None and cancel.is_set():
            raise Cancelled("rebuilding the search index cancelled while merging; the previous index is kept")
        if on_progress and (done % MERGE_PROGRESS_EVERY == 0 or done == total):
            on_progress(done, total, MERGING)
    return on_group


def _prepare(doc: SearchDoc) -> tuple[DocRow, str, str, str]:
    """What :class:`BulkWriter` takes for one article: its row, folded title, text and notes."""
    row = DocRow(
        article_id=doc.article_id,
        date=int(doc.date.replace("-", "")) if doc.date else 0,
        page=doc.page if doc.page is not None else -1,
        page_label=doc.page_label,
        section=doc.section,
        publication=doc.publication,
        credits=doc.people(),
        tags=tuple(doc.tags),
        collections=tuple(doc.collections),
        annotators=tuple(doc.annotators),
    )
    return row, fold(doc.text.title), fold(doc.indexed_text()), fold("\n".join(doc.notes))


def _open_or_create(path: Path):
    path.mkdir(parents=True, exist_ok=True)
    storage = FileStorage(str(path), supports_mmap=False)  # see DESIGN.md: mmap doubles RAM
    try:
        ix = _open_current_generation(storage, path)
        if _is_current_format(path) and set(ix.schema.names()) == set(schema().names()):
            return ix
        ix.close()
    except EmptyIndexError:
        pass
    # No index yet, or one from another version of Gazette (derived data: start a new empty
    # generation; it has no epoch, so the keeper rebuilds it). Two processes opening a new
    # archive at once must not both create one: the second opens what the first made.
    with FileLock(path.with_name("index.create.lock"), timeout=CREATE_WAIT_S):
        try:
            ix = _open_current_generation(storage, path)
        except EmptyIndexError:
            return _create(storage, _current_name(path))
        if _is_current_format(path) and set(ix.schema.names()) == set(schema().names()):
            return ix
        ix.close()
        fresh = _create(storage, _new_generation_name())
        _write_current(path, fresh.indexname)
        return fresh


def _open_for_reading(path: Path):
    """The index as it is, never created or replaced (the reading room writes nothing)."""
    try:
        ix = _open_current_generation(FileStorage(str(path), supports_mmap=False, readonly=True), path)
    except (EmptyIndexError, OSError) as error:
        raise IndexStale(f"{path}: no search index to read ({error}); run `gazette reindex`") from error
    if not _is_current_format(path) or set(ix.schema.names()) != set(schema().names()):
        raise IndexStale(f"{path}: the search index is from another version; run `gazette reindex`")
    return ix


def _open_current_generation(storage: FileStorage, path: Path):
    """The generation ``CURRENT`` names. A rebuild in another process may make a new one
    current and delete this one's files while it is being opened: then open the new one."""
    while True:
        name = _current_name(path)
        try:
            return storage.open_index(indexname=name)
        except (EmptyIndexError, FileNotFoundError):
            if _current_name(path) == name:
                raise


def _create(storage: FileStorage, name: str):
    ix = storage.create_index(schema(), indexname=name)
    (Path(storage.folder) / "FORMAT").write_text(FORMAT + "\n", encoding="utf-8")
    return ix


def _is_current_format(path: Path) -> bool:
    try:
        return (path / "FORMAT").read_text(encoding="utf-8").strip() == FORMAT
    except OSError:
        return False


def _current_name(path: Path) -> str:
    try:
        return (path / CURRENT).read_text(encoding="utf-8").strip() or LEGACY_GENERATION
    except FileNotFoundError:
        return LEGACY_GENERATION


def _new_generation_name() -> str:
    return "G" + uuid.uuid4().hex[:12]  # unique, so two processes never write the same files


def _write_current(path: Path, name: str) -> None:
    """Point ``CURRENT`` at generation ``name``: a file replaced whole, never a folder renamed.
    On Windows a reader reading the file at that moment makes the replace fail; it is retried."""
    partial = path / f"{CURRENT}.{uuid.uuid4().hex[:8]}.tmp"
    partial.write_text(name + "\n", encoding="utf-8")
    for attempt in range(50):
        try:
            os.replace(partial, path / CURRENT)
            return
        except PermissionError:
            if attempt == 49:
                partial.unlink(missing_ok=True)
                raise
            time.sleep(0.02)


def _epoch_file(path: Path, generation: str) -> Path:
    return path / (LEGACY_EPOCH if generation == LEGACY_GENERATION else f"_{generation}_EPOCH")


def _generation_of(file_name: str) -> str | None:
    """The generation a file of the folder belongs to (Whoosh names a TOC ``_NAME_3.toc`` and
    a segment's files ``NAME_<id>.<ext>``); None for the folder's own files."""
    if file_name in (CURRENT, "FORMAT") or file_name.endswith(".tmp"):
        return None
    if file_name == LEGACY_EPOCH:
        return LEGACY_GENERATION
    name = file_name[1:] if file_name.startswith("_") else file_name
    return name.split("_", 1)[0] if "_" in name else None


def _delete_generations(path: Path, keep: str, only: str | None = None) -> None:
    """Delete the files of every generation but ``keep`` (or of ``only``). A file a reader
    still holds on Windows stays until a later rebuild deletes it."""
    for entry in os.scandir(path):
        generation = _generation_of(entry.name)
        if generation is None or generation == keep or (only is not None and generation != only):
            continue
        try:
            os.unlink(entry.path)
        except OSError:
            pass


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
    filters: list[object] = []
    if date_from is not None or date_to is not None:
        low = q.date_bounds(str(date_from))[0] if date_from is not None else None
        high = q.date_bounds(str(date_to))[1] if date_to is not None else None
        filters.append(q.Range("date", low, high))
    if has_notes is not None:
        filters.append(q.HasNotes() if has_notes else q.Not(q.HasNotes()))
    return q.And((tree, *filters)) if filters else tree
