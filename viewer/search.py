"""Full-text search: every article containing the query string, best first.

**What is searched.** An article's text, as this module defines it, is
:func:`article_text`: its parts joined by ``"\\n"``, always in this order and always all
present (empty ones as empty lines)::

    line 0  title        line 2  subtitle     line 4…  the paragraphs, one per line
    line 1  kicker       line 3  byline (format_credits of the article's credits)

A query string matches when its folded form (:mod:`viewer.textnorm`: width, case, vertical
forms, traditional → simplified, extractor spaces) is a substring of the folded form of one
line. Matches never cross a line.

**Spans.** ``Hit.spans`` are ``[start, end)`` offsets into ``article_text(doc)`` as printed,
not folded: Python string indices, i.e. code points (``𠵱`` U+20D71 counts 1; Qt counts it
2 UTF-16 units, so a Qt view must convert). Subtract the start of a line to get an offset
into that part. Every occurrence of every query string that is not under NOT is a span;
spans are sorted and do not overlap. ``Hit.snippet`` is a piece of the printed text around
the first hit in the body (else in the title), hits marked with :data:`MARK_OPEN` and
:data:`MARK_CLOSE`, ``…`` where it was cut.

**The index** (layout in :mod:`viewer.searchpostings`) stores grams, positions and a few
columns per article, never the text: snippets and spans are made from the articles that the
``load_docs`` callback returns for the page of hits being shown.

**Ranking.** BM25F over two fields: the whole article and the title again, the title weighted
:data:`TITLE_WEIGHT` times. ``sort="date"`` gives oldest first (then page); ties in relevance
keep index order.

**Cancelling** ``rebuild``: ``cancel`` is a callable returning True once the user has asked
to stop (a ``threading.Event().is_set`` fits); the rebuild then raises
:class:`~viewer.errors.Cancelled` and the previous index stays as it was.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import shutil
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from operator import itemgetter
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.index import EmptyIndexError

from viewer import searchquery as q
from viewer.errors import Cancelled
from viewer.model import SearchDoc
from viewer.searchpostings import BulkWriter, DocRow, Postings, read_postings, schema, unpack_meta
from viewer.textnorm import fold, fold_with_offsets

MARK_OPEN = "⟦"
MARK_CLOSE = "⟧"
TITLE_WEIGHT = 2.0  # on top of the title's weight as part of the article text
BM25_K1 = 1.2
BM25_B = 0.75
BATCH_DOCS = 10_000  # articles per segment written at once; bounds memory while indexing
MAX_SEGMENTS = 12  # above this, small segments are re-indexed into one
FACET_SIZE = 20
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

    def __init__(self, path: Path | str, load_docs: LoadDocs):
        self.path = Path(path)
        self.load_docs = load_docs
        self._ix = _open_or_create(self.path)
        self._view: _View | None = None

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
        self._write([], replace_ids=list(ids))

    def rebuild(self, docs: Iterable[SearchDoc], total: int,
                on_progress: Callable[[int, int], None] | None = None,
                cancel: Callable[[], bool] | None = None) -> None:
        """Build a new index from ``docs`` (``total`` of them) beside this one, then swap.

        ``on_progress(done, total)`` is called every few hundred articles and at the end.
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
                            on_progress(done, total)
                except BaseException:
                    writer.cancel()
                    raise
                writer.commit(merge=False)
        except BaseException:
            shutil.rmtree(fresh_path, ignore_errors=True)
            raise
        if on_progress:
            on_progress(done, total)
        self._swap_in(fresh_path)

    def search(self, query: str, *, date_from: str | dt.date | None = None,
               date_to: str | dt.date | None = None, section: str | None = None,
               sort: str = "relevance", limit: int = 20, offset: int = 0) -> SearchResult:
        """Articles matching ``query`` (see :mod:`viewer.searchquery`), one page of them.

        ``date_from``/``date_to`` (ISO dates, inclusive) and ``section`` (exact section name)
        narrow the query; ``sort`` is ``"relevance"`` or ``"date"``.
        """
        if sort not in ("relevance", "date"):
            raise ValueError(f"sort must be 'relevance' or 'date', not {sort!r}")
        tree = q.parse(query)
        view = self._current_view()
        evaluation = _Evaluation(view)
        matched = evaluation.docs(_with_filters(tree, date_from, date_to))
        if section is not None:
            matched &= view.docs_in_section(section)
        scores = evaluation.scores(q.positive_texts(tree), matched)
        ranked = view.rank(matched, scores, sort, offset + limit)[offset:]
        hits = self._hits(view, ranked, scores, q.positive_texts(tree))
        return SearchResult(query, len(matched), hits, view.facets(matched))

    # Writing

    def _write(self, docs: list[SearchDoc], replace_ids: list[int],
               drop_segments: frozenset = frozenset()) -> None:
        self._drop_view()
        writer = BulkWriter(self._ix, timeout=10.0)
        try:
            for docnum in _docnums_of(writer.reader(), set(replace_ids)):
                writer.delete_document(docnum)
            for doc in docs:
                writer.add_article(*_prepare(doc))
        except BaseException:
            writer.cancel()
            raise
        kept = [s for s in writer.segments if s.segment_id() not in drop_segments]
        writer.commit(mergetype=lambda _writer, _segments: kept)

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
        ids = self._current_view().article_ids_in({s.segment_id() for s in chosen})
        docs = self.load_docs(ids)
        self._write([docs[i] for i in ids if i in docs], replace_ids=[],
                    drop_segments=frozenset(s.segment_id() for s in chosen))

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

    def _current_view(self) -> _View:
        latest = self._ix.latest_generation()
        if self._view is None or self._view.generation != latest:
            self._drop_view()
            self._ix = _open_or_create(self.path)
            self._view = _View(self._ix)
        return self._view

    def _drop_view(self) -> None:
        if self._view is not None:
            self._view.close()
            self._view = None

    def _hits(self, view: _View, ranked: list[int], scores: dict[int, float],
              texts: list[q.Text]) -> list[Hit]:
        ids = [view.article_id[d] for d in ranked]
        docs = self.load_docs(ids)
        hits = []
        for docnum, article_id in zip(ranked, ids):
            doc = docs.get(article_id)
            if doc is None:  # deleted from SQLite, index not yet told
                continue
            spans = hit_spans(doc, texts)
            hits.append(Hit(article_id, doc.title, doc.date, doc.page, doc.section,
                            round(scores.get(docnum, 0.0), 4), snippet(doc, spans), spans))
        return hits


def hit_spans(doc: SearchDoc, texts: list[q.Text]) -> list[tuple[int, int]]:
    """Spans in ``article_text(doc)`` of every occurrence of the folded ``texts``."""
    folded = fold_with_offsets(article_text(doc))
    title_end = folded.text.find("\n")
    found: list[tuple[int, int]] = []
    for text in texts:
        limit = title_end if text.title_only else len(folded.text)
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
    line_start = text.rfind("\n", 0, anchor) + 1
    start = max(line_start, anchor - SNIPPET_BEFORE)
    end = min(len(text), start + SNIPPET_LENGTH)
    pieces = ["…" if start > 0 else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        pieces += [text[cursor:span_start], MARK_OPEN, text[span_start:span_end], MARK_CLOSE]
        cursor = span_end
    pieces += [text[cursor:end], "…" if end < len(text) else ""]
    return "".join(pieces).replace("\n", " ")


def _prepare(doc: SearchDoc) -> tuple[DocRow, str, str]:
    """What :class:`BulkWriter` takes for one article: its row, folded title and text."""
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
    )
    return row, fold(doc.title), fold(article_text(doc))


def _docnums_of(reader, article_ids: set[int]) -> list[int]:
    """The live doc numbers of ``article_ids`` in the index ``reader`` reads."""
    if not article_ids or not reader.doc_count_all():
        return []
    found = []
    for leaf, offset in reader.leaf_readers():
        column = leaf.column_reader("article_id", translate=False).load()
        found += [offset + d for d, article_id in enumerate(column)
                  if article_id in article_ids and not leaf.is_deleted(d)]
    return found


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


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _checked(docs: Iterable[SearchDoc], cancel: Callable[[], bool] | None):
    for count, doc in enumerate(docs):
        if cancel and count % PROGRESS_EVERY == 0 and cancel():
            raise Cancelled("Rebuilding the search index was cancelled.")
        yield doc


def _with_filters(tree, date_from, date_to):
    if date_from is None and date_to is None:
        return tree
    low = q.date_bounds(str(date_from))[0] if date_from is not None else None
    high = q.date_bounds(str(date_to))[1] if date_to is not None else None
    return q.And((tree, q.Range("date", low, high)))


class _View:
    """One generation of the index, opened for searching, with its columns in memory."""

    def __init__(self, ix):
        self.generation = ix.latest_generation()
        self.reader = ix.reader()
        self.leaves = self.reader.leaf_readers() if self.reader.doc_count_all() else []
        self.article_id: list[int] = []
        self.date: list[int] = []
        self.page: list[int] = []
        self.text_length: list[int] = []
        self.title_length: list[int] = []
        self.section: list[str] = []
        self.publication: list[str] = []
        self.page_label: list[str] = []
        self.credits: list[tuple] = []
        self.segment_of: list[str] = []
        self.deleted: set[int] = set()
        for leaf, offset in self.leaves:
            self._load_leaf(leaf, offset)
        self.live = set(range(len(self.article_id))) - self.deleted
        self._date_order = sorted(self.live, key=lambda d: (self.date[d], self.page[d], d))
        self._rank_by_date = {d: rank for rank, d in enumerate(self._date_order)}
        live_count = max(len(self.live), 1)
        self.avg_text_length = sum(self.text_length[d] for d in self.live) / live_count or 1.0
        self.avg_title_length = sum(self.title_length[d] for d in self.live) / live_count or 1.0
        self._postings_cache: dict[tuple[str, str], Postings | None] = {}

    def _load_leaf(self, leaf, offset: int) -> None:
        for name in ("article_id", "date", "page", "text_length", "title_length"):
            getattr(self, name).extend(leaf.column_reader(name, translate=False).load())
        for meta in leaf.column_reader("meta", translate=False):
            section, publication, page_label, credits = unpack_meta(meta)
            self.section.append(section)
            self.publication.append(publication)
            self.page_label.append(page_label)
            self.credits.append(credits)
        self.segment_of.extend([leaf.segment().segment_id()] * leaf.doc_count_all())
        if leaf.has_deletions():
            self.deleted.update(offset + d for d in leaf.deleted_docs())

    def close(self) -> None:
        self.reader.close()

    def article_ids_in(self, segment_ids: set[str]) -> list[int]:
        return [self.article_id[d] for d in sorted(self.live) if self.segment_of[d] in segment_ids]

    def postings(self, field: str, term: str) -> Postings | None:
        """``term``'s postings over all segments, as global doc numbers."""
        key = (field, term)
        if key not in self._postings_cache:
            if len(self._postings_cache) > 256:
                self._postings_cache.clear()
            self._postings_cache[key] = self._read_postings(field, term)
        return self._postings_cache[key]

    def _read_postings(self, field: str, term: str) -> Postings | None:
        parts = [(p, offset) for leaf, offset in self.leaves
                 if (p := read_postings(leaf, field, term)) is not None]
        if not parts:
            return None
        if len(parts) == 1 and parts[0][1] == 0:
            return parts[0][0]
        ids = [d + offset for p, offset in parts for d in p.ids]
        weights = parts[0][0].weights
        for p, _ in parts[1:]:
            weights.extend(p.weights)
        positions = None
        if parts[0][0].positions is not None:
            positions = parts[0][0].positions
            for p, _ in parts[1:]:
                positions.extend(p.positions)
        return Postings(ids, weights, positions)

    def docs_in_date_range(self, low: int | None, high: int | None) -> set[int]:
        return {d for d in self.live
                if (low is None or self.date[d] >= low) and (high is None or self.date[d] <= high)
                and self.date[d]}

    def docs_in_section(self, section: str) -> set[int]:
        wanted = fold(section)
        return {d for d in self.live if fold_cached(self.section[d]) == wanted}

    def docs_matching_meta(self, name: str, value: str) -> set[int]:
        if name == "page":
            return {d for d in self.live if fold_cached(self.page_label[d]) == value
                    or str(self.page[d]) == value}
        column = self.section if name == "section" else self.publication
        return {d for d in self.live if value in fold_cached(column[d])}

    def docs_in_page_range(self, low: int | None, high: int | None) -> set[int]:
        return {d for d in self.live if self.page[d] >= 0
                and (low is None or self.page[d] >= low) and (high is None or self.page[d] <= high)}

    def docs_crediting(self, name: str, roles: tuple[str, ...] | None) -> set[int]:
        return {d for d in self.live
                if any((roles is None or role in roles) and name in fold_cached(person)
                       for role, person in self.credits[d])}

    def rank(self, matched: set[int], scores: dict[int, float], sort: str, count: int) -> list[int]:
        if sort == "date":
            return heapq.nsmallest(count, matched, key=self._rank_by_date.__getitem__)
        scored = heapq.nlargest(count, ((d, scores.get(d, 0.0)) for d in matched),
                                key=itemgetter(1))
        return [d for d, _ in scored]

    def facets(self, matched: set[int]) -> dict[str, dict[str, int]]:
        years = Counter(self.date[d] // 10000 for d in matched if self.date[d])
        sections = Counter(self.section[d] for d in matched if self.section[d])
        people = Counter(chain.from_iterable(
            {name for _, name in self.credits[d]} for d in matched))
        return {
            "year": {str(year): years[year] for year in sorted(years)},
            "section": dict(sections.most_common(FACET_SIZE)),
            "person": dict(people.most_common(FACET_SIZE)),
        }


_fold_cache: dict[str, str] = {}


def fold_cached(text: str) -> str:
    """``fold`` for the few distinct section, publication and person names."""
    if text not in _fold_cache:
        if len(_fold_cache) > 100_000:
            _fold_cache.clear()
        _fold_cache[text] = fold(text)
    return _fold_cache[text]


class _Evaluation:
    """Evaluates one query tree against a view: sets of doc numbers, then BM25F scores."""

    def __init__(self, view: _View):
        self.view = view
        self._occurrences: dict[tuple[str, str], dict[int, int]] = {}

    def docs(self, node) -> set[int]:
        view = self.view
        if isinstance(node, q.Everything):
            return set(view.live)
        if isinstance(node, q.Text):
            return set(self.occurrences("title" if node.title_only else "text", node.text))
        if isinstance(node, q.Person):
            return view.docs_crediting(node.name, node.roles)
        if isinstance(node, q.Meta):
            return view.docs_matching_meta(node.field, node.value)
        if isinstance(node, q.Range):
            if node.field == "date":
                return view.docs_in_date_range(node.low, node.high)
            return view.docs_in_page_range(node.low, node.high)
        if isinstance(node, q.Not):
            return view.live - self.docs(node.part)
        if isinstance(node, q.Or):
            return set().union(*(self.docs(part) for part in node.parts))
        return self._and(node.parts)

    def _and(self, parts) -> set[int]:
        positive = [p for p in parts if not isinstance(p, q.Not)]
        result = (set.intersection(*sorted((self.docs(p) for p in positive), key=len))
                  if positive else set(self.view.live))
        for part in parts:
            if isinstance(part, q.Not) and result:
                result -= self.docs(part.part)
        return result

    def occurrences(self, field: str, text: str) -> dict[int, int]:
        """Doc number → how often the folded ``text`` occurs in ``field`` (live docs only)."""
        key = (field, text)
        if key not in self._occurrences:
            found = _term_counts(self.view, field, text) if len(text) <= 2 \
                else _phrase_counts(self.view, field, text)
            deleted = self.view.deleted
            self._occurrences[key] = {d: n for d, n in found.items() if d not in deleted} \
                if deleted else found
        return self._occurrences[key]

    def scores(self, texts: list[q.Text], matched: set[int]) -> dict[int, float]:
        """BM25F score of each matched doc over the query's positive text terms."""
        view = self.view
        total: dict[int, float] = {}
        live_count = len(view.live)
        for text in texts:
            title = self.occurrences("title", text.text)
            body = title if text.title_only else self.occurrences("text", text.text)
            idf = math.log(1 + (live_count - len(body) + 0.5) / (len(body) + 0.5))
            for d in matched.intersection(body):
                weighted = (TITLE_WEIGHT * title.get(d, 0) / _norm(view.title_length[d],
                                                                   view.avg_title_length)
                            + body[d] / _norm(view.text_length[d], view.avg_text_length))
                total[d] = total.get(d, 0.0) + idf * weighted * (BM25_K1 + 1) / (weighted + BM25_K1)
        return total


def _norm(length: int, average: float) -> float:
    return 1 - BM25_B + BM25_B * length / average


def _term_counts(view: _View, field: str, term: str) -> dict[int, int]:
    postings = view.postings(field, term)
    return dict(zip(postings.ids, postings.weights)) if postings else {}


def _phrase_counts(view: _View, field: str, text: str) -> dict[int, int]:
    """Docs where ``text`` (3+ characters) occurs: its bigrams at the right distances."""
    bigrams = {text[i:i + 2] for i in range(len(text) - 1)}
    postings = {b: view.postings(field, b) for b in bigrams}
    if any(p is None for p in postings.values()):
        return {}
    candidates = set.intersection(*sorted((set(p.ids) for p in postings.values()), key=len))
    if not candidates:
        return {}
    # Bigrams at offsets 0, 2, 4 … and the last one cover every character of the text.
    cover = sorted({*range(0, len(text) - 1, 2), len(text) - 2})
    where = [(offset, _positions_in(postings[text[offset:offset + 2]], candidates))
             for offset in cover]
    counts = {}
    for d in candidates:
        starts = set(where[0][1][d])
        for offset, positions in where[1:]:
            starts.intersection_update(p - offset for p in positions[d])
            if not starts:
                break
        if starts:
            counts[d] = len(starts)
    return counts


def _positions_in(postings: Postings, docs: set[int]) -> dict[int, memoryview]:
    """For each doc of ``docs``, the positions of ``postings`` in it."""
    result = {}
    cursor = 0
    positions = postings.positions
    for d, weight in zip(postings.ids, postings.weights):
        if d in docs:
            result[d] = positions[cursor:cursor + weight]
        cursor += weight
    return result
