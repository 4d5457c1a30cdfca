"""One generation of the search index opened for searching, and query evaluation over it.

Sets of articles are sorted numpy arrays of global doc numbers (segment offset + the
segment's doc number); per-article data (dates, sections, credits …) is loaded from the
Whoosh columns into arrays once per generation, so filters, facets and ranking cost a few
vectorised passes instead of a Python loop per matching article.
"""

from __future__ import annotations

import math
from collections import OrderedDict

import numpy as np

from viewer.search import query as q
from viewer.search.postings import Grams, advise_random, distinct, in_sorted, numeric_column, unpack_meta
from viewer.textnorm import fold

TITLE_WEIGHT = 2.0  # on top of the title's weight as part of the article text
BM25_K1 = 1.2
BM25_B = 0.75
FACET_SIZE = 20
CACHE_SIZE = 512  # decoded terms and query strings kept between searches

_EMPTY = np.empty(0, dtype=np.int64)


class _Codes:
    """Distinct strings of one column, each with a small integer code."""

    def __init__(self):
        self.names: list[str] = []
        self._code: dict[str, int] = {}
        self.folded: list[str] = []

    def code(self, name: str) -> int:
        if name not in self._code:
            self._code[name] = len(self.names)
            self.names.append(name)
            self.folded.append(fold(name))
        return self._code[name]

    def matching(self, wanted) -> np.ndarray:
        """Codes whose folded name satisfies ``wanted(folded_name)``."""
        return np.array([c for c, name in enumerate(self.folded) if wanted(name)], dtype=np.int64)


class _Labels:
    """A column with any number of names per article (its people, tags …): (doc, code) pairs."""

    def __init__(self):
        self.codes = _Codes()
        self.doc = self.code = _EMPTY  # filled by freeze() once every doc is added
        self._docs: list[int] = []
        self._codes: list[int] = []

    def add(self, doc: int, names) -> None:
        """Give ``doc`` the distinct ``names`` (each doc counts once per name)."""
        for name in names:
            self._docs.append(doc)
            self._codes.append(self.codes.code(name))

    def freeze(self) -> None:
        self.doc, self.code = np.array(self._docs, np.int64), np.array(self._codes, np.int64)
        self._docs, self._codes = [], []

    def docs_matching(self, wanted) -> np.ndarray:
        """Sorted docs with a name whose folded form satisfies ``wanted(folded_name)``."""
        return np.unique(self.doc[np.isin(self.code, self.codes.matching(wanted))])

    def counts(self, matched: np.ndarray) -> dict[str, int]:
        """The most frequent names among the ``matched`` docs, with their doc counts."""
        in_matched = _among(self.doc, matched)
        return _top(self.codes.names, np.bincount(self.code[in_matched], minlength=len(self.codes.names)))


class View:
    """The index at one generation, with its per-article columns in memory."""

    # One value per doc number (all segments end to end), read from the Whoosh columns.
    article_id: np.ndarray
    date: np.ndarray
    page: np.ndarray
    text_length: np.ndarray
    title_length: np.ndarray
    note_length: np.ndarray
    section_code: np.ndarray
    publication_code: np.ndarray
    page_label_code: np.ndarray

    def __init__(self, ix):
        self.generation = ix.latest_generation()
        self.reader = ix.reader()
        self.leaves = self.reader.leaf_readers() if self.reader.doc_count_all() else []
        self.sections, self.publications, self.page_labels = _Codes(), _Codes(), _Codes()
        self.credit_pairs, self.people = _Labels(), _Labels()
        self.labels = {"tag": _Labels(), "collection": _Labels(), "annotator": _Labels()}
        columns: dict[str, list[np.ndarray]] = {name: [] for name in (
            "article_id", "date", "page", "text_length", "title_length", "note_length")}
        codes: dict[str, list[int]] = {"section": [], "publication": [], "page_label": []}
        alive = []
        for leaf, offset in self.leaves:
            advise_random(leaf)
            for name, values in columns.items():
                values.append(numeric_column(leaf, name))
            for docnum, meta in enumerate(leaf.column_reader("meta", translate=False)):
                section, publication, page_label, credits, labels = unpack_meta(meta)
                codes["section"].append(self.sections.code(section))
                codes["publication"].append(self.publications.code(publication))
                codes["page_label"].append(self.page_labels.code(page_label))
                doc = offset + docnum
                if credits:
                    self.credit_pairs.add(doc, {role + "\x00" + name for role, name in credits})
                    self.people.add(doc, {name for _, name in credits})
                for column, names in zip(self.labels.values(), labels):
                    column.add(doc, names)
            segment_alive = np.ones(leaf.doc_count_all(), dtype=bool)
            segment_alive[list(leaf.deleted_docs_set)] = False
            alive.append(segment_alive)
        for name, values in columns.items():
            setattr(self, name, np.concatenate(values) if values else _EMPTY)
        for name, code_values in codes.items():
            setattr(self, name + "_code", np.array(code_values, dtype=np.int64))
        for column in (self.credit_pairs, self.people, *self.labels.values()):
            column.freeze()
        self.alive = np.concatenate(alive) if alive else np.empty(0, dtype=bool)
        self.live_docs = np.flatnonzero(self.alive)
        order = np.lexsort((np.arange(len(self.date)), self.page, self.date))
        self.date_rank = np.empty(len(order), dtype=np.int64)
        self.date_rank[order] = np.arange(len(order))
        self.avg_text_length = float(self.text_length[self.live_docs].mean()) if len(self.live_docs) else 1.0
        self.avg_title_length = max(float(self.title_length[self.live_docs].mean()), 1.0) \
            if len(self.live_docs) else 1.0
        self._postings: OrderedDict = OrderedDict()
        self._grams: dict[tuple[int, str], Grams] = {}  # each segment's fields, as they are needed
        self._occurrences: OrderedDict = OrderedDict()

    def close(self) -> None:
        self.reader.close()

    def forget_decoded(self) -> None:
        self._postings.clear()
        self._occurrences.clear()

    def docs_in_segments(self, segment_ids: set[str]) -> np.ndarray:
        """Live doc numbers in the segments named by ``segment_ids``."""
        inside = np.zeros(len(self.alive), dtype=bool)
        for leaf, offset in self.leaves:
            if leaf.segment().segment_id() in segment_ids:
                inside[offset:offset + leaf.doc_count_all()] = True
        return np.flatnonzero(inside & self.alive)

    # Text

    def occurrences(self, field: str, text: str, within: np.ndarray | None = None
                    ) -> tuple[np.ndarray, np.ndarray]:
        """(doc numbers, occurrence counts) of live docs whose ``field`` contains ``text``.

        With ``within`` (sorted doc numbers) only the segments holding some of them are read,
        so the result is complete for those docs only (and is not remembered).
        """
        key = (field, text)
        if key in self._occurrences:
            self._occurrences.move_to_end(key)
            return self._occurrences[key]
        doc_parts, count_parts = [], []
        for leaf, offset in self.leaves:
            if within is not None and not _any_between(within, offset, offset + leaf.doc_count_all()):
                continue
            found_docs, found_counts = _segment_occurrences(leaf, field, text, self._lookup)
            doc_parts.append(found_docs + offset)
            count_parts.append(found_counts)
        docs = np.concatenate(doc_parts) if doc_parts else _EMPTY
        counts = np.concatenate(count_parts) if count_parts else _EMPTY
        live = self.alive[docs]
        result = (docs[live], counts[live])
        if within is None:
            _remember(self._occurrences, key, result)
        return result

    def _lookup(self, leaf, field: str, term: str):
        key = (id(leaf), field, term)
        if key in self._postings:
            self._postings.move_to_end(key)
            return self._postings[key]
        grams = self._grams.get((id(leaf), field))
        if grams is None:
            grams = self._grams[id(leaf), field] = Grams(leaf, field)
        postings = grams.lookup(term)
        _remember(self._postings, key, postings)
        return postings

    # Everything else

    def docs_in_date_range(self, low: int | None, high: int | None) -> np.ndarray:
        keep = self.alive & (self.date > 0)
        if low is not None:
            keep &= self.date >= low
        if high is not None:
            keep &= self.date <= high
        return np.flatnonzero(keep)

    def docs_in_page_range(self, low: int | None, high: int | None) -> np.ndarray:
        keep = self.alive & (self.page >= 0)
        if low is not None:
            keep &= self.page >= low
        if high is not None:
            keep &= self.page <= high
        return np.flatnonzero(keep)

    def docs_in_section(self, section: str) -> np.ndarray:
        wanted = fold(section)
        return self._docs_with(self.section_code, self.sections.matching(lambda s: s == wanted))

    def docs_matching_meta(self, name: str, value: str) -> np.ndarray:
        if name == "page":
            labels = self._docs_with(self.page_label_code,
                                     self.page_labels.matching(lambda s: s == value))
            numbers = self.docs_in_page_range(int(value), int(value)) if value.isdigit() else _EMPTY
            return np.union1d(labels, numbers)
        if name == "section":
            return self._docs_with(self.section_code, self.sections.matching(lambda s: value in s))
        return self._docs_with(self.publication_code,
                               self.publications.matching(lambda s: value in s))

    def docs_crediting(self, name: str, roles: tuple[str, ...] | None) -> np.ndarray:
        def wanted(pair: str) -> bool:
            role, person = pair.split("\x00", 1)
            return (roles is None or role in roles) and name in person
        docs = self.credit_pairs.docs_matching(wanted)
        return docs[self.alive[docs]]

    def docs_labelled(self, field: str, value: str) -> np.ndarray:
        """Docs with the tag or collection named ``value`` (folded), or an annotator whose
        folded name contains it."""
        if field == "annotator":
            docs = self.labels[field].docs_matching(lambda name: value in name)
        else:
            docs = self.labels[field].docs_matching(lambda name: name == value)
        return docs[self.alive[docs]]

    def docs_with_notes(self) -> np.ndarray:
        return np.flatnonzero(self.alive & (self.note_length > 0))

    def _docs_with(self, column: np.ndarray, codes: np.ndarray) -> np.ndarray:
        return np.flatnonzero(self.alive & np.isin(column, codes))

    def rank(self, matched: np.ndarray, scores: np.ndarray, sort: str) -> np.ndarray:
        """Indices into ``matched`` in result order: by date (oldest first), or by score
        (equal scores oldest first)."""
        ranks = self.date_rank[matched]
        return np.argsort(ranks) if sort == "date" else np.lexsort((ranks, -scores))

    def facets(self, matched: np.ndarray) -> dict[str, dict[str, int]]:
        years = self.date[matched] // 10000
        year_values, year_counts = np.unique(years[years > 0], return_counts=True)
        section_counts = np.bincount(self.section_code[matched], minlength=len(self.sections.names))
        return {
            "year": {str(y): int(n) for y, n in zip(year_values.tolist(), year_counts.tolist())},
            "section": _top(self.sections.names, section_counts),
            "person": self.people.counts(matched),
            "tag": self.labels["tag"].counts(matched),
        }


def _among(values: np.ndarray, members: np.ndarray) -> np.ndarray:
    """Whether each of ``values`` (doc numbers, in any order) is one of ``members``: through a
    mask over the doc numbers, ten times faster than ``np.isin``'s sorting on 100,000 articles."""
    if not len(values) or not len(members):
        return np.zeros(len(values), dtype=bool)
    mask = np.zeros(int(max(values.max(), members.max())) + 1, dtype=bool)
    mask[members] = True
    return mask[values]


def _top(names: list[str], counts: np.ndarray) -> dict[str, int]:
    order = np.argsort(-counts, kind="stable")[:FACET_SIZE + 1]
    return {names[i]: int(counts[i]) for i in order.tolist() if counts[i] and names[i]}


def _remember(cache: OrderedDict, key, value) -> None:
    cache[key] = value
    if len(cache) > CACHE_SIZE:
        cache.popitem(last=False)


class Evaluation:
    """Evaluates one query tree: sorted arrays of doc numbers, then BM25F scores."""

    def __init__(self, view: View):
        self.view = view

    def docs(self, node) -> np.ndarray:
        view = self.view
        if isinstance(node, q.Everything):
            return view.live_docs
        if isinstance(node, q.Text):
            return view.occurrences(node.field, node.text)[0]
        if isinstance(node, q.Person):
            return view.docs_crediting(node.name, node.roles)
        if isinstance(node, q.Label):
            return view.docs_labelled(node.field, node.value)
        if isinstance(node, q.HasNotes):
            return view.docs_with_notes()
        if isinstance(node, q.Meta):
            return view.docs_matching_meta(node.field, node.value)
        if isinstance(node, q.Range):
            if node.field == "date":
                return view.docs_in_date_range(node.low, node.high)
            return view.docs_in_page_range(node.low, node.high)
        if isinstance(node, q.Not):
            return np.setdiff1d(view.live_docs, self.docs(node.part), assume_unique=True)
        if isinstance(node, q.Or):
            result = _EMPTY
            for part in node.parts:
                result = np.union1d(result, self.docs(part))
            return result
        return self._and(node.parts)

    def _and(self, parts) -> np.ndarray:
        positive = sorted((self.docs(p) for p in parts if not isinstance(p, q.Not)), key=len)
        result = positive[0] if positive else self.view.live_docs
        for docs in positive[1:]:
            result = np.intersect1d(result, docs, assume_unique=True)
        for part in parts:
            if isinstance(part, q.Not) and len(result):
                result = np.setdiff1d(result, self.docs(part.part), assume_unique=True)
        return result

    def scores(self, texts: list[q.Text], matched: np.ndarray) -> np.ndarray:
        """BM25F score of each doc of ``matched`` over the query's positive text terms."""
        view = self.view
        total = np.zeros(len(matched))
        live_count = len(view.live_docs)
        for text in texts:
            body_docs, body_counts = view.occurrences(text.field, text.text)
            idf = math.log(1 + (live_count - len(body_docs) + 0.5) / (len(body_docs) + 0.5))
            keep = _among(body_docs, matched)
            docs, in_body = body_docs[keep], body_counts[keep]
            # Titles are part of the text: only the segments of the docs scored need reading.
            title_docs, title_counts = (body_docs, body_counts) if text.field == "title" \
                else view.occurrences("title", text.text, within=docs)
            in_title = _lookup_counts(title_docs, title_counts, docs)
            weighted: np.ndarray = TITLE_WEIGHT * in_title / _norm(view.title_length[docs], view.avg_title_length)
            weighted = weighted + in_body / _norm(view.text_length[docs], view.avg_text_length)
            total[np.searchsorted(matched, docs)] += idf * weighted * (BM25_K1 + 1) / (weighted + BM25_K1)
        return total


def _any_between(docs: np.ndarray, start: int, end: int) -> bool:
    """Whether the sorted ``docs`` hold a doc number in [start, end)."""
    at = np.searchsorted(docs, start)
    return bool(at < len(docs) and docs[at] < end)


def _lookup_counts(docs: np.ndarray, counts: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """``counts`` of ``wanted`` docs within sorted ``docs`` (0 where absent)."""
    at = np.minimum(np.searchsorted(docs, wanted), max(len(docs) - 1, 0))
    if not len(docs):
        return np.zeros(len(wanted))
    return np.where(docs[at] == wanted, counts[at], 0)


def _norm(lengths: np.ndarray, average: float) -> np.ndarray:
    return 1 - BM25_B + BM25_B * lengths / average


def _segment_occurrences(leaf, field: str, text: str, lookup) -> tuple[np.ndarray, np.ndarray]:
    """(doc numbers, occurrence counts) of ``text`` in one segment; ``lookup`` finds terms.

    One character, or one bigram, is read directly (doc numbers and frequencies). A longer
    string needs every one of its bigrams to occur in the segment; of those, the rarest that
    together cover all its characters are intersected, rarest first: first by doc numbers
    alone (skipping the blocks without candidates), then by positions, read only for the
    documents still in the running. Every bigram is indexed (a common one as its own term, a
    rare one in its hash bucket), so the covering bigrams at the right distances are the
    string itself.
    """
    if len(text) == 1:
        term = lookup(leaf, field, text)
        return term.counts() if term else (_EMPTY, _EMPTY)
    grams = []
    for offset in range(len(text) - 1):
        term = lookup(leaf, field, text[offset:offset + 2])
        if term is None:
            return _EMPTY, _EMPTY
        grams.append((offset, term))
    if len(grams) == 1:
        return grams[0][1].counts()
    cover = _cover(grams, len(text))
    candidates = cover[0][1].counts()[0]
    for _, term in cover[1:]:
        candidates = _intersection(candidates, term.counts(candidates)[0])
        if not len(candidates):
            return _EMPTY, _EMPTY
    starts: np.ndarray | None = None
    for offset, term in cover:
        found = term.starts(candidates, offset)
        starts = found if starts is None else _intersection(starts, found)
        if not len(starts):
            return _EMPTY, _EMPTY
        candidates = distinct(starts >> 32)
    assert starts is not None  # the cover has a bigram
    docs = starts >> 32
    firsts = np.flatnonzero(np.diff(docs, prepend=-1))
    return docs[firsts], np.diff(np.append(firsts, len(docs)))


def _intersection(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The values in both sorted, distinct ``a`` and ``b``, sorted: doc numbers and
    ``doc << 32 | start`` keys come so from the postings, and ``np.intersect1d`` would sort
    them again (with ``np.unique``, 40% of a phrase found in 95,000 of 100,000 articles)."""
    if len(a) > len(b):
        a, b = b, a
    return a[in_sorted(a, b)]


def _cover(grams: list, length: int) -> list:
    """The rarest of the (offset, bigram) ``grams`` of a string of ``length`` characters that
    cover all of them, rarest first."""
    cover: list = []
    covered: set[int] = set()
    for offset, term in sorted(grams, key=lambda gram: gram[1].doc_frequency):
        if offset not in covered or offset + 1 not in covered:
            cover.append((offset, term))
            covered.update((offset, offset + 1))
            if len(covered) == length:
                break
    return cover
