"""How the search index is laid out in Whoosh, and the fast paths that write and read it.

One Whoosh document per article. Three indexed fields hold folded text (:mod:`viewer.textnorm`):
``text``, the whole article text (with the lines of its earlier readings after it), ``title``,
the title again so it can be searched alone and weighted above the body, and ``note``, what
editors wrote on the article (empty for most). Layout 3 of each field, per segment, is made
so that a query reads little of the disk:

- every **bigram** (two characters of one line) is indexed with its positions, so a string
  of two or more characters is found from its bigrams alone. A bigram is **common** in its
  segment when at least :data:`VOCABULARY_MIN_DOCS` of the segment's first
  :data:`VOCABULARY_SAMPLE` articles contain it (~70% of all occurrences), or in a merged
  segment when it was common in one it was merged from: it has postings of its own. The
  others, most distinct bigrams with a posting or two each, are kept whole inside their
  **hash bucket** (by a multiplicative hash of the bigram: :data:`BUCKETS` per field in a new
  segment; a merged one has as many more as keep a bucket near :data:`BUCKET_BYTES`, a power
  of two its directory gives). A bucket also says where each of its common bigrams' postings are, and
  the field's bucket directory (the one term Whoosh's dictionary has for bigrams,
  :data:`DIRECTORY_TERM`) where each bucket is: finding a bigram is one read of its bucket.
- every **character** is a Whoosh term with doc numbers and frequencies only (no positions):
  a one-character query needs no more.
- a term's postings: a block table (per :data:`BLOCK_SIZE` docs: last doc, count, where its
  doc numbers and its positions end), then the doc-number parts of all blocks (doc deltas and
  frequencies), then the position parts, each part zlib-compressed on its own. Candidates are
  found from doc numbers alone, skipping the blocks that cannot hold one, and positions are
  read only for the blocks that hold a candidate; neighbouring parts are read in one call.

Per-article data lives in Whoosh columns: the article id, date, page, field lengths, and a
``meta`` string with section, publication, page label, credits, tags, collections and
annotators. The text is not stored.

Whoosh's own writer sends each posting through a sorting pool one Python call at a time
(35 articles/s here, 50 kB on disk per article). :class:`BulkWriter` keeps a batch's folded
texts, turns them into (term, doc, position) arrays with numpy, sorts them (in a few passes
over ranges of terms, to bound memory), and writes each term's postings whole into the
segment's postings file. :class:`MergingWriter` writes several segments as one from their
postings (a rebuild merges its batches' segments: a query pays for each segment it looks in).
Whoosh's term dictionary (characters and the bucket directories),
columns, deletions, segments and TOC are used as they are; postings are read by
:class:`Grams`, :class:`TermPostings` and :class:`BucketPostings`. Because the postings are
ours, Whoosh must never merge these segments (commit with ``merge=False`` or a ``mergetype``
that only drops segments), and Whoosh's own matchers cannot read them. Everything is packed
with :mod:`struct` and numpy (little-endian, no pickle), so an index moves between machines.

**This is the only module that touches Whoosh's internals** — the names in
:data:`WHOOSH_INTERNALS`, checked against the installed Whoosh by
``tests/test_search_whoosh_contract.py``. The pinned Whoosh versions in ``pyproject.toml`` are
the ones that test passes with.
"""

from __future__ import annotations

import os
import struct
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from whoosh import columns, fields, formats
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.reading import TermNotFound
from whoosh.system import pack_ushort
from whoosh.writing import SegmentWriter

BLOCK_SIZE = 128  # docs per block of a term's postings: what a query skips over
VOCABULARY_SAMPLE = 1000
VOCABULARY_MIN_DOCS = 3
_ZLIB_LEVEL = 1  # nearly as small as level 3 on this data, and faster
_CODE_BITS = 21  # Unicode code points fit in 21 bits; a bigram key is two of them
_CHUNK = 1 << 20  # characters whose bigram keys are made at once
_PARTS = 3  # passes over ranges of terms when sorting a batch's postings
_NEWLINE = 10
_META_SEPARATOR = "\x1f"
_CREDIT_SEPARATOR = "\x1e"
_ROLE_SEPARATOR = "\x1d"
_FIRST_READ = 4096  # a disk page: a term's first read goes on to the end of its page
_GAP = 4096  # blocks of a term this close together are read in one piece
# A term's header: the dtype codes of doc deltas, weights and positions; whether it has positions.
_TERM_HEADER = struct.Struct("<ccc?")
_BUCKET_BITS = 13
BUCKETS = 1 << _BUCKET_BITS  # hash buckets of the bigrams, per field and new segment
BUCKET_BYTES = 4096  # a merged segment has as many buckets as make its buckets about this size
# The term of a field's bucket directory: two characters, and bigrams are no terms of their own
# (the term dictionary holds only characters and this).
DIRECTORY_TERM = "\ue000\ue000"
_HASH = 0x9E3779B97F4A7C15
_KEY_BITS = 43  # a bigram key is below 1 << 43
# A bucket's header: how many common and rare bigrams it holds, the dtype codes of the rare
# ones' ids, weights and positions.
_BUCKET_HEADER = struct.Struct("<II3s")
# A bucket directory's header: the first bucket's offset in the postings file, how many buckets.
_DIRECTORY_HEADER = struct.Struct("<QI")
_EMPTY = np.empty(0, dtype=np.int64)

# Every private Whoosh name used here (class, attribute), for the contract test.
WHOOSH_INTERNALS = (
    ("whoosh.codec.whoosh3.W3FieldWriter", "_postfile"),
    ("whoosh.codec.whoosh3.W3FieldWriter", "_fieldid"),
    ("whoosh.codec.whoosh3.W3FieldWriter", "_tindex"),
    ("whoosh.reading.SegmentReader", "_terms"),
    ("whoosh.codec.whoosh3.W3TermsReader", "_postfile"),
    ("whoosh.codec.whoosh3.W3TermsReader", "_dbfile"),
    ("whoosh.columns.NumericColumn.Reader", "_default"),
    ("whoosh.columns.NumericColumn.Reader", "_dbfile"),
    ("whoosh.columns.NumericColumn.Reader", "_basepos"),
    ("whoosh.columns.NumericColumn.Reader", "_count"),
    ("whoosh.columns.NumericColumn.Reader", "_fixedlen"),
    ("whoosh.columns.NumericColumn.Reader", "_typecode"),
    ("whoosh.index.FileIndex", "_segments"),
    ("whoosh.writing.SegmentWriter", "_check_state"),
    ("whoosh.writing.SegmentWriter", "_added"),
    ("whoosh.writing.SegmentWriter", "_flush_segment"),
)


class GramFormat(formats.Format):
    """Postings of characters and bigrams: weight = frequency; positions in our block data."""

    def fixed_value_size(self):
        return None

    def supports(self, name):
        return name in ("frequency", "weight")


class GramField(fields.FieldType):
    """A field filled only by :class:`BulkWriter` from folded text."""

    def __init__(self):
        self.format = GramFormat()
        self.analyzer = None
        self.scorable = True
        self.stored = False
        self.unique = False
        self.vector = None
        self.column_type = None


def schema() -> fields.Schema:
    return fields.Schema(
        text=GramField(),
        title=GramField(),
        note=GramField(),
        article_id=fields.COLUMN(columns.NumericColumn("I")),
        date=fields.COLUMN(columns.NumericColumn("I")),  # YYYYMMDD, 0 when unknown
        page=fields.COLUMN(columns.NumericColumn("i", default=-1)),  # -1 when unknown
        text_length=fields.COLUMN(columns.NumericColumn("I")),
        title_length=fields.COLUMN(columns.NumericColumn("I")),
        note_length=fields.COLUMN(columns.NumericColumn("I")),
        meta=fields.COLUMN(columns.VarBytesColumn()),
    )


@dataclass
class DocRow:
    """What the index keeps of one article besides its grams."""

    article_id: int
    date: int  # YYYYMMDD, 0 when unknown
    page: int  # -1 when unknown
    page_label: str
    section: str
    publication: str
    credits: tuple[tuple[str, str], ...]  # (role, name as printed), article and page credits
    tags: tuple[str, ...] = ()
    collections: tuple[str, ...] = ()
    annotators: tuple[str, ...] = ()


def pack_meta(row: DocRow) -> bytes:
    credits = _CREDIT_SEPARATOR.join(role + _ROLE_SEPARATOR + name for role, name in row.credits)
    parts = [row.section, row.publication, row.page_label, credits]
    labels = (row.tags, row.collections, row.annotators)
    if any(labels):  # most articles have none: leave them out, and reading the column stays fast
        parts += [_CREDIT_SEPARATOR.join(names) for names in labels]
    return _META_SEPARATOR.join(parts).encode("utf-8")


def unpack_meta(data: bytes) -> tuple[str, str, str, tuple[tuple[str, str], ...],
                                      tuple[tuple[str, ...], ...]]:
    """Section, publication, page label, credits, and (tags, collections, annotators) or ()
    when the article has none of them."""
    section, publication, page_label, credits, *labels = data.decode("utf-8").split(_META_SEPARATOR)
    pairs = tuple((role, name) for role, name in (c.split(_ROLE_SEPARATOR, 1) for c in
                                                   credits.split(_CREDIT_SEPARATOR) if c))
    if not labels:
        return section, publication, page_label, pairs, ()
    return section, publication, page_label, pairs, \
        tuple(tuple(names.split(_CREDIT_SEPARATOR)) if names else () for names in labels)


def term_of_key(key: int) -> str:
    """A character key is its code point; a bigram key is (first + 1) << 21 | second."""
    if key >> _CODE_BITS:
        return chr((key >> _CODE_BITS) - 1) + chr(key & ((1 << _CODE_BITS) - 1))
    return chr(key)


class BulkWriter(SegmentWriter):
    """A Whoosh segment writer that takes folded articles and writes whole posting lists.

    ``add_article`` per article, then ``commit`` with ``merge=False`` or a ``mergetype`` that
    only drops segments (never Whoosh's merging). ``delete_document`` works as in Whoosh.
    """

    def __init__(self, ix, **kwargs):
        super().__init__(ix, compound=False, **kwargs)
        self._texts: dict[str, list[str]] = {"text": [], "title": [], "note": []}

    def add_article(self, row: DocRow, title: str, text: str, note: str) -> None:
        """Add one article: its row and its folded title, article text and note text."""
        self._check_state()
        perdoc = self.perdocwriter
        perdoc.start_doc(self.docnum)
        for name, value in (("text", text), ("title", title), ("note", note)):
            self._texts[name].append(value)
            perdoc.add_field(name, self.schema[name], None, len(value))
        values: tuple[tuple[str, int | bytes], ...] = (
            ("article_id", row.article_id), ("date", row.date), ("page", row.page),
            ("text_length", len(text)), ("title_length", len(title)), ("note_length", len(note)),
            ("meta", pack_meta(row)))
        for name, column_value in values:
            perdoc.add_column_value(name, self.schema[name].column_type, column_value)
        perdoc.finish_doc()
        self.docnum += 1
        self._added = True

    def _flush_segment(self):
        # Replaces SegmentWriter's: our postings come from self._texts, not from its pool.
        self.perdocwriter.close()
        fieldwriter = self.fieldwriter
        for name in sorted(self._texts):
            texts = self._texts[name]
            fieldwriter.start_field(name, self.schema[name])
            entries = _write_postings(fieldwriter._postfile, texts)
            for term, info in sorted(entries):
                key = pack_ushort(fieldwriter._fieldid) + term.encode("utf-8")
                fieldwriter._tindex.add(key, info)
            fieldwriter.finish_field()
        self._texts.clear()
        fieldwriter.close()


class MergingWriter(BulkWriter):
    """A segment writer that writes one segment holding the live documents of the segments
    ``segment_ids`` with their postings merged as they are stored: no text is read again.
    Commit with a ``mergetype`` that drops those segments.

    Fewer, larger segments make a query read less: each segment costs a query one bucket read
    per bigram, and a string's rarest bigrams are found among more documents at once."""

    def __init__(self, ix, segment_ids: frozenset[str], on_group: Callable[[int, int], None] | None = None,
                 **kwargs):
        super().__init__(ix, **kwargs)
        self._on_group = on_group  # (done, total) after each group of buckets; may raise to stop
        self._reader = self.reader()  # the segments as this writer, holding the lock, sees them
        sources = [leaf for leaf, _ in self._reader.leaf_readers() if leaf.segment().segment_id() in segment_ids]
        self._sources = sources
        self._doc_maps: list[np.ndarray] = []  # per source: its doc number → the new one (-1: deleted)
        self._lengths: dict[str, list[int]] = {"text": [], "title": [], "note": []}
        perdoc = self.perdocwriter
        numeric = ("article_id", "date", "page", "text_length", "title_length", "note_length")
        for leaf in sources:
            values = {name: numeric_column(leaf, name).tolist() for name in numeric}
            metas = list(leaf.column_reader("meta", translate=False))
            doc_map = np.full(leaf.doc_count_all(), -1, dtype=np.int64)
            deletions = leaf.has_deletions()
            for doc in range(leaf.doc_count_all()):
                if deletions and leaf.is_deleted(doc):
                    continue
                doc_map[doc] = self.docnum
                perdoc.start_doc(self.docnum)
                for name in self._lengths:
                    length = values[f"{name}_length"][doc]
                    perdoc.add_field(name, self.schema[name], None, length)
                    self._lengths[name].append(length)
                for name in numeric:
                    perdoc.add_column_value(name, self.schema[name].column_type, values[name][doc])
                perdoc.add_column_value("meta", self.schema["meta"].column_type, metas[doc])
                perdoc.finish_doc()
                self.docnum += 1
            self._doc_maps.append(doc_map)
        self._added = True

    def _flush_segment(self):
        self.perdocwriter.close()
        fieldwriter = self.fieldwriter
        names = sorted(self._lengths)
        for n, name in enumerate(names):
            fieldwriter.start_field(name, self.schema[name])
            lengths = np.array(self._lengths[name], dtype=np.int64)

            def on_group(done: int, total: int, n: int = n) -> None:  # the fields one after another
                if self._on_group is not None:
                    self._on_group(n * total + done, len(names) * total)

            entries = _merged_postings(fieldwriter._postfile, name, self._sources, self._doc_maps, lengths, on_group)
            for term, info in sorted(entries):
                fieldwriter._tindex.add(pack_ushort(fieldwriter._fieldid) + term.encode("utf-8"), info)
            fieldwriter.finish_field()
        fieldwriter.close()
        self._reader.close()

    def cancel(self):
        self._reader.close()
        super().cancel()


def _merged_postings(postfile, field: str, sources: list, doc_maps: list[np.ndarray],
                     lengths: np.ndarray, on_group: Callable[[int, int], None]) -> list[tuple[str, bytes]]:
    """Write the postings of ``field`` for the documents of ``sources`` (renumbered by
    ``doc_maps``); return (term, term info)s."""
    if not len(lengths):
        return []
    grams = [Grams(leaf, field) for leaf in sources]
    entries = []
    for char in sorted({c for g in grams for c in g.characters()}):
        parts = []
        for g, doc_map in zip(grams, doc_maps):
            postings = g.lookup(char)
            if postings is not None:
                ids, weights, _ = postings.everything()
                parts.append(_renumbered(ids, weights, _EMPTY, doc_map)[:2])
        ids, weights = (np.concatenate(p) for p in zip(*parts)) if parts else (_EMPTY, _EMPTY)
        if len(ids):
            entries.append((char, _write_term(postfile, ids, weights, None, lengths).to_bytes()))
    entries += _merged_buckets(postfile, grams, doc_maps, lengths, on_group)
    return entries


def _renumbered(ids: np.ndarray, weights: np.ndarray, positions: np.ndarray, doc_map: np.ndarray):
    """Postings with their docs renumbered and the deleted ones left out."""
    new = doc_map[ids]
    kept = new >= 0
    if kept.all():
        return new, weights, positions
    return new[kept], weights[kept], positions[np.repeat(kept, weights)] if len(positions) else positions


def _merged_buckets(postfile, grams: list[Grams], doc_maps: list[np.ndarray], lengths: np.ndarray,
                    on_group: Callable[[int, int], None]) -> list[tuple[str, bytes]]:
    """Merge the bigrams of ``grams``: a bigram common in any source is written with postings
    of its own, the others go whole into their bucket. The buckets are many more than in a
    new segment when the sources' buckets together are large (BUCKET_BYTES each, about).
    Buckets are taken in groups (bucket ``g`` of the sources with the fewest), so the merge
    holds one group's postings at a time; the buckets are written to a temporary file, then
    after all the common postings, as the directory wants them in one run."""
    with_text = [g for g in grams if g.bucket_bytes()]
    if not with_text:
        return []
    bucket_bytes = sum(g.bucket_bytes() for g in with_text)
    group_bits = min(g.bits for g in with_text)
    bits = max(max(g.bits for g in with_text), int(np.ceil(np.log2(max(1, bucket_bytes / BUCKET_BYTES)))))
    sizes = np.zeros(1 << bits, dtype="<u4")
    with tempfile.TemporaryFile() as buckets_file:
        for group in range(1 << group_bits):
            keys, docs, positions, common = [], [], [], set()
            for g, doc_map in zip(grams, doc_maps):
                if not g.bucket_bytes():
                    continue
                shift = g.bits - group_bits
                for number in range(group << shift, (group + 1) << shift):
                    bucket = g.bucket(number)
                    if bucket is None:
                        continue
                    for which, key in enumerate(bucket.common_keys.tolist()):
                        ids, weights, where = _renumbered(*g.common(bucket, which).everything(), doc_map)
                        keys.append(np.full(len(where), key, dtype=np.uint64))
                        docs.append(np.repeat(ids, weights))
                        positions.append(where)
                    common.update(bucket.common_keys.tolist())
                    # the rare bigrams all at once: a key and a doc per posting, then per occurrence
                    posting_keys = np.repeat(bucket.rare_keys, np.diff(bucket.rare_ends, prepend=0))
                    ids, weights = bucket.ids.astype(np.int64), bucket.weights.astype(np.int64)
                    posting_keys = posting_keys[doc_map[ids] >= 0]
                    ids, weights, where = _renumbered(ids, weights, bucket.positions.astype(np.int64), doc_map)
                    keys.append(np.repeat(posting_keys, weights))
                    docs.append(np.repeat(ids, weights))
                    positions.append(where)
            if keys:
                _write_group(postfile, buckets_file, group, bits - group_bits, sizes, np.concatenate(keys),
                             np.concatenate(docs), np.concatenate(positions), common, lengths, bits)
            on_group(group + 1, 1 << group_bits)
        base = postfile.tell()
        buckets_file.seek(0)
        while chunk := buckets_file.read(_CHUNK):
            postfile.write(chunk)
    start = postfile.tell()
    postfile.write(zlib.compress(_DIRECTORY_HEADER.pack(base, len(sizes)) + sizes.tobytes(), _ZLIB_LEVEL))
    info = W3TermInfo(weight=1.0, df=1, maxweight=1.0, minid=0, maxid=0,
                      minlength=int(lengths.min()), maxlength=int(lengths.max()))
    info.set_extent(start, postfile.tell() - start)
    return [(DIRECTORY_TERM, info.to_bytes())]


def _write_group(postfile, buckets_file, group: int, shift: int, sizes: np.ndarray, keys: np.ndarray,
                 docs: np.ndarray, positions: np.ndarray, common: set[int], lengths: np.ndarray, bits: int) -> None:
    """Write the merged buckets ``group << shift`` to ``(group + 1) << shift`` from the
    occurrences (bigram key, doc, position) of a group, in source order: the common bigrams'
    postings to ``postfile``, the buckets to ``buckets_file``."""
    order = np.argsort(keys, kind="stable")  # by key, then doc (sources in order), then position
    keys, docs, positions = keys[order], docs[order], positions[order]
    is_common = np.isin(keys, np.array(sorted(common), dtype=np.uint64))
    infos = dict(_write_terms(postfile, keys[is_common], docs[is_common], positions[is_common], lengths))
    rare = _rare_postings(keys[~is_common], docs[~is_common], positions[~is_common], bits)
    common_keys = np.unique(keys[is_common])
    common_buckets = bucket_of(common_keys, bits)
    order = np.lexsort((common_keys, common_buckets))  # by bucket, then key: as a bucket holds them
    common_keys, common_buckets = common_keys[order], common_buckets[order]
    extents = np.array([_extent(infos[k]) for k in common_keys.tolist()], dtype=np.int64).reshape(-1, 2)
    frequencies = np.array([infos[k].doc_frequency() for k in common_keys.tolist()], dtype="<u4")
    numbers = np.arange(group << shift, ((group + 1) << shift) + 1, dtype=np.uint64)
    common_bounds = np.searchsorted(common_buckets, numbers)
    rare_bounds = np.searchsorted(rare["buckets"], numbers)
    for n, number in enumerate(numbers[:-1].tolist()):
        c_start, c_end = int(common_bounds[n]), int(common_bounds[n + 1])
        r_start, r_end = int(rare_bounds[n]), int(rare_bounds[n + 1])
        if c_end > c_start or r_end > r_start:
            data = _bucket_data(common_keys[c_start:c_end], extents[c_start:c_end], frequencies[c_start:c_end],
                                rare, r_start, r_end)
            buckets_file.write(data)
            sizes[number] = len(data)


def _write_postings(postfile, texts: list[str]) -> list[tuple[str, bytes]]:
    """Write the postings of one field for the batch ``texts``; return (term, term info)s."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    codes = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32)
    docs = np.repeat(np.arange(len(texts), dtype=np.uint32), lengths)
    positions = np.arange(len(codes), dtype=np.uint32)
    positions -= np.repeat((np.cumsum(lengths) - lengths).astype(np.uint32), lengths)
    vocabulary, where, which, rare_keys, rare_where = _bigrams(codes, docs, lengths)
    common = _write_kind(postfile, which, where, docs, positions, lengths, True)
    del where, which
    common_keys = vocabulary[np.array([key for key, _ in common], dtype=np.int64)]
    entries = _write_buckets(postfile, rare_keys, docs[rare_where], positions[rare_where], lengths,
                             common_keys, [info for _, info in common])
    del rare_keys, rare_where
    chars = np.flatnonzero(codes != _NEWLINE).astype(np.uint32)
    entries += [(chr(key), info.to_bytes()) for key, info in
                _write_kind(postfile, codes[chars], chars, docs, positions, lengths, False)]
    return entries


def _write_kind(postfile, terms: np.ndarray, where: np.ndarray, docs: np.ndarray,
                positions: np.ndarray, lengths: np.ndarray, with_positions: bool) -> list[tuple[int, W3TermInfo]]:
    """Write the postings of term ``terms[i]`` occurring at ``where[i]`` (in the batch's
    docs and positions), in :data:`_PARTS` passes over ranges of terms to bound memory."""
    entries: list[tuple[int, W3TermInfo]] = []
    if not len(terms):
        return entries
    # Range ends, the last past the largest term (all terms alike give one range, not none).
    bounds = np.unique(np.append(np.percentile(terms, np.linspace(0, 100, _PARTS + 1))[:-1].astype(np.int64),
                                 int(terms.max()) + 1))
    for low, high in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        selected = np.flatnonzero((terms >= low) & (terms < high))
        keys = terms[selected].astype(np.uint64)
        keys <<= np.uint64(32)
        keys |= where[selected].astype(np.uint64)
        del selected
        keys.sort()  # by term, then by place in the batch: docs and positions ascending
        low_high = keys.view(np.uint32).reshape(-1, 2)  # the two 32-bit halves, no copy
        index, term = (low_high[:, 0], low_high[:, 1]) if np.little_endian else \
            (low_high[:, 1], low_high[:, 0])
        entries += _write_terms(postfile, term, docs[index],
                                positions[index] if with_positions else None, lengths)
        del keys, low_high, index, term
    return entries


def _bigrams(codes: np.ndarray, docs: np.ndarray, lengths: np.ndarray):
    """The batch's bigrams (two characters of one line): the sorted keys of its vocabulary
    bigrams and where they occur (the index of each occurrence's first character, and which
    vocabulary bigram it is), and the keys and places of all the other, rare, ones."""
    sample_end = min(int(lengths[:VOCABULARY_SAMPLE].sum()), len(codes) - 1)
    keys = _bigram_keys(codes, 0, sample_end)
    sample = np.flatnonzero(_in_line(codes, docs, 0, sample_end))
    # Key and doc in one number (the sample's doc numbers fit in 10 bits): one unique pass.
    key_docs = np.unique((keys[sample] << 10) | docs[sample].astype(np.uint64))
    candidates, doc_counts = np.unique(key_docs >> 10, return_counts=True)
    vocabulary = candidates[doc_counts >= VOCABULARY_MIN_DOCS]
    wheres, whiches, rare_keys, rare_wheres = [], [], [], []
    # In chunks: the 8-byte keys of a whole batch at once are the largest arrays of a build.
    for start in range(0, len(codes) - 1, _CHUNK):
        end = min(start + _CHUNK, len(codes) - 1)
        keys = _bigram_keys(codes, start, end)
        in_line = _in_line(codes, docs, start, end)
        if len(vocabulary):
            which = np.minimum(np.searchsorted(vocabulary, keys), len(vocabulary) - 1)
            known = vocabulary[which] == keys
        else:
            which, known = np.zeros(len(keys), np.int64), np.zeros(len(keys), bool)
        where = np.flatnonzero(known & in_line)
        whiches.append(which[where].astype(np.uint32))
        wheres.append((where + start).astype(np.uint32))
        rare = np.flatnonzero(~known & in_line)
        rare_keys.append(keys[rare])
        rare_wheres.append((rare + start).astype(np.uint32))

    def joined(parts, dtype):
        return np.concatenate(parts) if parts else np.empty(0, dtype)

    return (vocabulary, joined(wheres, np.uint32), joined(whiches, np.uint32),
            joined(rare_keys, np.uint64), joined(rare_wheres, np.uint32))


def _in_line(codes: np.ndarray, docs: np.ndarray, start: int, end: int) -> np.ndarray:
    """Whether the bigram starting at each of ``codes[start:end]`` lies within one line."""
    return ((docs[start:end] == docs[start + 1:end + 1]) & (codes[start:end] != _NEWLINE)
            & (codes[start + 1:end + 1] != _NEWLINE))


def _bigram_keys(codes: np.ndarray, start: int, end: int) -> np.ndarray:
    """Keys of the bigrams starting at ``codes[start:end]``: (first + 1) << 21 | second."""
    keys = codes[start:end].astype(np.uint64)
    keys += 1
    keys <<= _CODE_BITS
    keys |= codes[start + 1:end + 1]
    return keys


def bucket_of(keys: np.ndarray, bits: int | None = None) -> np.ndarray:
    """The bucket of each bigram key among ``1 << bits`` (:data:`BUCKETS` by default) by a
    multiplicative hash: its top bits, so that bucket ``b`` of ``bits`` holds buckets ``b << k``
    to ``(b + 1) << k`` of ``bits + k``."""
    with np.errstate(over="ignore"):
        return (keys * np.uint64(_HASH)) >> np.uint64(64 - (_BUCKET_BITS if bits is None else bits))


def _write_buckets(postfile, keys: np.ndarray, docs: np.ndarray, positions: np.ndarray,
                   lengths: np.ndarray, common_keys: np.ndarray, common: list[W3TermInfo]
                   ) -> list[tuple[str, bytes]]:
    """Write every bigram of the field into its hash bucket: the rare ones, occurring at
    ``docs``/``positions`` (in batch order), with their postings; the common ones (their
    postings already written, ``common`` their term infos) with where those are. Then the
    buckets' directory, the one term of the term dictionary that the bigrams have.

    A bucket: :data:`_BUCKET_HEADER`; the common bigrams' keys, postings offsets, lengths
    and doc frequencies; the rare bigrams' keys, postings ends, then all their doc numbers,
    frequencies and positions; zlib-compressed. The directory: the first bucket's offset
    and each bucket's length (0: empty), zlib-compressed."""
    if not len(keys) and not len(common_keys):
        return []
    n_buckets = 1 << _BUCKET_BITS
    rare = _rare_postings(keys, docs, positions)
    common_buckets = bucket_of(common_keys.astype(np.uint64))
    order = np.argsort((common_buckets << np.uint64(_KEY_BITS)) | common_keys.astype(np.uint64), kind="stable")
    common_keys, common_buckets = common_keys[order].astype("<u8"), common_buckets[order]
    extents = np.array([_extent(common[i]) for i in order.tolist()], dtype=np.int64).reshape(-1, 2)
    frequencies = np.array([common[i].doc_frequency() for i in order.tolist()], dtype="<u4")
    common_bounds = np.searchsorted(common_buckets, np.arange(n_buckets + 1, dtype=np.uint64))
    rare_bounds = np.searchsorted(rare["buckets"], np.arange(n_buckets + 1, dtype=np.uint64))
    sizes = np.zeros(n_buckets, dtype="<u4")
    base = postfile.tell()
    for bucket in np.flatnonzero((np.diff(common_bounds) > 0) | (np.diff(rare_bounds) > 0)).tolist():
        c_start, c_end = int(common_bounds[bucket]), int(common_bounds[bucket + 1])
        data = _bucket_data(common_keys[c_start:c_end], extents[c_start:c_end], frequencies[c_start:c_end],
                            rare, int(rare_bounds[bucket]), int(rare_bounds[bucket + 1]))
        postfile.write(data)
        sizes[bucket] = len(data)
    start = postfile.tell()
    postfile.write(zlib.compress(_DIRECTORY_HEADER.pack(base, n_buckets) + sizes.tobytes(), _ZLIB_LEVEL))
    info = W3TermInfo(weight=1.0, df=1, maxweight=1.0, minid=0, maxid=0,
                      minlength=int(lengths.min()), maxlength=int(lengths.max()))
    info.set_extent(start, postfile.tell() - start)
    return [(DIRECTORY_TERM, info.to_bytes())]


def _bucket_data(common_keys: np.ndarray, extents: np.ndarray, frequencies: np.ndarray,
                 rare: dict, r_start: int, r_end: int) -> bytes:
    """One bucket, compressed: its common bigrams (sorted keys, (offset, length) of their
    postings, doc frequencies) and the rare ones ``r_start:r_end`` of ``rare``
    (:func:`_rare_postings`)."""
    raw = [_BUCKET_HEADER.pack(len(common_keys), r_end - r_start, rare["types"]),
           common_keys.astype("<u8").tobytes(), extents[:, 0].astype("<u8").tobytes(),
           extents[:, 1].astype("<u4").tobytes(), frequencies.astype("<u4").tobytes()]
    if r_end > r_start:
        key_ends = rare["key_ends"]
        p_start = int(key_ends[r_start - 1]) if r_start else 0
        p_end = int(key_ends[r_end - 1])
        occurrence_ends = rare["occurrence_ends"]
        o_start = int(occurrence_ends[p_start - 1]) if p_start else 0
        o_end = int(occurrence_ends[p_end - 1])
        ids_type, weights_type, positions_type = rare["dtypes"]
        raw += [rare["keys"][r_start:r_end].tobytes(),
                (key_ends[r_start:r_end] - p_start).astype("<u4").tobytes(),
                rare["ids"][p_start:p_end].astype(ids_type).tobytes(),
                rare["weights"][p_start:p_end].astype(weights_type).tobytes(),
                rare["positions"][o_start:o_end].astype(positions_type).tobytes()]
    return zlib.compress(b"".join(raw), _ZLIB_LEVEL)


def _rare_postings(keys: np.ndarray, docs: np.ndarray, positions: np.ndarray, bits: int | None = None) -> dict:
    """The rare bigrams' postings, sorted by bucket, key, doc and position: their distinct
    keys with their buckets and where each key's postings end, and per posting the doc and
    frequency and where its positions end."""
    buckets = bucket_of(keys, bits)
    order = np.argsort((buckets << np.uint64(_KEY_BITS)) | keys, kind="stable")
    keys, docs, positions, buckets = keys[order], docs[order], positions[order], buckets[order]
    del order
    new_posting = np.ones(len(keys), dtype=bool)
    new_posting[1:] = (keys[1:] != keys[:-1]) | (docs[1:] != docs[:-1])
    posting_starts = np.flatnonzero(new_posting)
    posting_keys, posting_ids = keys[posting_starts], docs[posting_starts]
    weights = np.diff(np.append(posting_starts, len(keys)))
    new_key = np.ones(len(posting_keys), dtype=bool)
    new_key[1:] = posting_keys[1:] != posting_keys[:-1]
    key_starts = np.flatnonzero(new_key)
    dtypes = tuple(_smallest_type(int(a.max()) if len(a) else 0) for a in (posting_ids, weights, positions))
    return {"keys": posting_keys[key_starts].astype("<u8"), "buckets": buckets[posting_starts[key_starts]],
            "key_ends": np.append(key_starts[1:], len(posting_keys)),
            "ids": posting_ids, "weights": weights, "occurrence_ends": np.cumsum(weights),
            "positions": positions, "dtypes": dtypes,
            "types": b"".join(t.char.encode() for t in dtypes)}


def _write_terms(postfile, keys: np.ndarray, docs: np.ndarray, positions: np.ndarray | None,
                 lengths: np.ndarray) -> list[tuple[int, W3TermInfo]]:
    """Write postings sorted by term (``keys``), then doc, then position; return (key, term
    info)s. Without ``positions`` the terms keep only docs and frequencies."""
    if not len(keys):
        return []
    new_posting = np.ones(len(keys), dtype=bool)
    new_posting[1:] = (keys[1:] != keys[:-1]) | (docs[1:] != docs[:-1])
    posting_starts = np.flatnonzero(new_posting)
    del new_posting
    posting_ids = docs[posting_starts]
    posting_keys = keys[posting_starts]
    weights = np.diff(np.append(posting_starts, len(keys))).astype(np.uint32)
    term_starts = np.flatnonzero(np.diff(posting_keys, prepend=posting_keys[0] + 1))
    term_ends = np.append(term_starts[1:], len(posting_keys))
    entries = []
    for start, end in zip(term_starts.tolist(), term_ends.tolist()):
        if positions is None:
            term_positions = None
        else:
            position_start = int(posting_starts[start])
            position_end = int(posting_starts[end]) if end < len(posting_starts) else len(keys)
            term_positions = positions[position_start:position_end]
        info = _write_term(postfile, posting_ids[start:end], weights[start:end], term_positions, lengths)
        entries.append((int(posting_keys[start]), info))
    return entries


def _write_term(postfile, ids: np.ndarray, weights: np.ndarray, positions: np.ndarray | None,
                lengths: np.ndarray) -> W3TermInfo:
    """Write one term's postings; return its term info.

    Layout: a header (:data:`_TERM_HEADER`), the block table (per block of
    :data:`BLOCK_SIZE` docs: last doc, count, end of its ids part, end of its positions part,
    as little-endian uint32), the ids parts (doc deltas and weights, compressed per block),
    then the positions parts (compressed per block). A query reads the table, the ids of the
    blocks it needs, and positions only for the blocks holding its candidate documents."""
    doc_lengths = lengths[ids]
    info = W3TermInfo(weight=float(weights.sum()), df=len(ids),
                      maxweight=float(weights.max()), minid=int(ids[0]), maxid=int(ids[-1]),
                      minlength=int(doc_lengths.min()), maxlength=int(doc_lengths.max()))
    deltas = np.diff(ids.astype(np.int64), prepend=0)
    ids_type, weights_type = _smallest_type(int(deltas.max())), _smallest_type(int(weights.max()))
    positions_type = _smallest_type(int(positions.max()) if positions is not None else 0)
    deltas, weights = deltas.astype(ids_type), weights.astype(weights_type)
    position_ends = np.cumsum(weights, dtype=np.int64)
    count = len(ids)
    blocks = range(0, count, BLOCK_SIZE)
    table = np.zeros((len(blocks), 4), dtype="<u4")
    id_parts, position_parts = [], []
    ids_end = positions_end = 0
    for row, block_start in enumerate(blocks):
        block_end = min(block_start + BLOCK_SIZE, count)
        part = _compress(deltas[block_start:block_end].tobytes() + weights[block_start:block_end].tobytes())
        id_parts.append(part)
        ids_end += len(part)
        if positions is not None:
            first = int(position_ends[block_start - 1]) if block_start else 0
            part = _compress(positions[first:int(position_ends[block_end - 1])].astype(positions_type).tobytes())
            position_parts.append(part)
            positions_end += len(part)
        table[row] = (ids[block_end - 1], block_end - block_start, ids_end, positions_end)
    start = postfile.tell()
    postfile.write(_TERM_HEADER.pack(ids_type.char.encode(), weights_type.char.encode(),
                                     positions_type.char.encode(), positions is not None))
    postfile.write(table.tobytes())
    postfile.write(b"".join(id_parts))
    postfile.write(b"".join(position_parts))
    info.set_extent(start, postfile.tell() - start)
    return info


def _compress(data: bytes) -> bytes:
    return zlib.compress(data, _ZLIB_LEVEL, wbits=-15)


def _decompress(data: bytes) -> bytes:
    return zlib.decompress(data, wbits=-15)


def _smallest_type(largest: int) -> np.dtype:
    dtype = np.uint8 if largest < 0x100 else np.uint16 if largest < 0x10000 else np.uint32
    return np.dtype(dtype).newbyteorder("<")


class _Occurrences:
    """The shared reading interface of one term in one segment: ``doc_frequency``,
    ``counts(docs)``, ``starts(docs, offset)`` and ``everything()``."""

    doc_frequency: int

    def counts(self, docs: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        raise NotImplementedError

    def starts(self, docs: np.ndarray, offset: int) -> np.ndarray:
        raise NotImplementedError

    def everything(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(doc numbers, weights, positions) of all the postings."""
        raise NotImplementedError


class TermPostings(_Occurrences):
    """One term's postings in one segment, read block by block as they are needed.

    Doc numbers are the segment's own and include deleted documents.
    """

    def __init__(self, postfile, offset: int, length: int, doc_frequency: int):
        self.doc_frequency = doc_frequency
        self._postfile = postfile
        self._offset, self._length = offset, length
        self._data = b""  # the first bytes of the term (all of it, when it is small)
        self._ids: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._positions: dict[int, np.ndarray] = {}
        self._opened = False  # the header is read when first needed: a string's bigrams that
        # are not among its rarest covering ones are never read

    def _open(self) -> None:
        self._opened = True
        offset, length = self._offset, self._length
        n_blocks = -(-self.doc_frequency // BLOCK_SIZE)
        head = _TERM_HEADER.size + n_blocks * 16
        # Its header and block table, and what else the disk's page holding them has (often
        # all its ids): that page is read anyway.
        page_rest = _FIRST_READ - offset % _FIRST_READ if _FIRST_READ else 0
        raw = self._data = read_at(self._postfile, offset, min(length, max(head, page_rest)))
        ids_type, weights_type, positions_type, _ = _TERM_HEADER.unpack_from(raw)
        self._types = tuple(np.dtype("<" + t.decode()) for t in (ids_type, weights_type, positions_type))
        table = np.frombuffer(raw, dtype="<u4", count=n_blocks * 4, offset=_TERM_HEADER.size)
        table = table.reshape(n_blocks, 4).astype(np.int64)
        self._last_ids, self._counts = table[:, 0], table[:, 1]
        self._ids_ends = table[:, 2] + head
        self._ids_starts = np.concatenate(([head], self._ids_ends[:-1]))
        self._positions_ends = table[:, 3] + self._ids_ends[-1]
        self._positions_starts = np.concatenate(([self._ids_ends[-1]], self._positions_ends[:-1]))

    def _read(self, start: int, length: int) -> bytes:
        if start + length <= len(self._data):
            return self._data[start:start + length]
        return read_at(self._postfile, self._offset + start, length)

    def _blocks_for(self, docs: np.ndarray | None) -> list[int]:
        """The blocks that may hold any of the sorted ``docs`` (all blocks for None)."""
        if not self._opened:
            self._open()
        if docs is None:
            return list(range(len(self._last_ids)))
        wanted = distinct(np.searchsorted(self._last_ids, docs))
        return wanted[wanted < len(self._last_ids)].tolist()

    def _load(self, blocks: list[int], starts: np.ndarray, ends: np.ndarray, decode, cache: dict) -> None:
        """Read the parts of ``blocks`` not yet in ``cache``: neighbours, and blocks with
        less than :data:`_GAP` bytes between them, in one read."""
        missing = [b for b in blocks if b not in cache]
        run: list[int] = []
        for block in missing + [-1]:
            if run and (block < 0 or int(starts[block]) - int(ends[run[-1]]) > _GAP):
                first = int(starts[run[0]])
                data = self._read(first, int(ends[run[-1]]) - first)
                for b in run:
                    cache[b] = decode(b, data[int(starts[b]) - first:int(ends[b]) - first])
                run = []
            run.append(block)

    def _decode_ids(self, block: int, data: bytes) -> tuple[np.ndarray, np.ndarray]:
        count = int(self._counts[block])
        raw = _decompress(data)
        ids_type, weights_type, _ = self._types
        deltas = np.frombuffer(raw, dtype=ids_type, count=count)
        ids = np.cumsum(deltas, dtype=np.int64)
        if block:
            ids += self._last_ids[block - 1]
        return ids, np.frombuffer(raw, dtype=weights_type, count=count, offset=deltas.nbytes).astype(np.int64)

    def _decode_positions(self, block: int, data: bytes) -> np.ndarray:
        return np.frombuffer(_decompress(data), dtype=self._types[2])

    def counts(self, docs: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(doc numbers, weights) of all postings, or of the blocks that may hold ``docs``."""
        blocks = self._blocks_for(docs)
        if not blocks:
            return _EMPTY, _EMPTY
        self._load(blocks, self._ids_starts, self._ids_ends, self._decode_ids, self._ids)
        pairs = [self._ids[b] for b in blocks]
        return np.concatenate([p[0] for p in pairs]), np.concatenate([p[1] for p in pairs])

    def starts(self, docs: np.ndarray, offset: int) -> np.ndarray:
        """``doc << 32 | position - offset`` for each occurrence in the sorted ``docs``."""
        blocks = self._blocks_for(docs)
        if not blocks:
            return _EMPTY
        self._load(blocks, self._ids_starts, self._ids_ends, self._decode_ids, self._ids)
        ids = np.concatenate([self._ids[b][0] for b in blocks])
        hit = in_sorted(ids, docs)  # one pass over all the blocks' ids
        block_of = np.repeat(np.array(blocks, dtype=np.int64), self._counts[blocks])
        with_docs = distinct(block_of[hit]).tolist()
        if not with_docs:
            return _EMPTY
        self._load(with_docs, self._positions_starts, self._positions_ends, self._decode_positions,
                   self._positions)
        if len(with_docs) < len(blocks):
            keep = np.isin(block_of, with_docs)
            ids, hit = ids[keep], hit[keep]
        weights = np.concatenate([self._ids[b][1] for b in with_docs])
        positions = np.concatenate([self._positions[b] for b in with_docs])
        return _keys(ids, weights, positions, hit, offset)


    def everything(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(doc numbers, weights, positions) of all the term's postings (positions empty for
        a term without them)."""
        blocks = self._blocks_for(None)
        self._load(blocks, self._ids_starts, self._ids_ends, self._decode_ids, self._ids)
        ids = np.concatenate([self._ids[b][0] for b in blocks])
        weights = np.concatenate([self._ids[b][1] for b in blocks])
        if int(self._positions_ends[-1]) == int(self._positions_starts[0]):
            return ids, weights, _EMPTY
        self._load(blocks, self._positions_starts, self._positions_ends, self._decode_positions, self._positions)
        return ids, weights, np.concatenate([self._positions[b] for b in blocks]).astype(np.int64)


class BucketPostings(_Occurrences):
    """A rare bigram's postings in one segment, from its hash bucket (all in memory)."""

    def __init__(self, ids: np.ndarray, weights: np.ndarray, positions: np.ndarray):
        self.doc_frequency = len(ids)
        self._ids, self._weights, self._positions = ids, weights, positions

    def counts(self, docs: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        return self._ids, self._weights

    def everything(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return self._ids, self._weights, self._positions

    def starts(self, docs: np.ndarray, offset: int) -> np.ndarray:
        return _starts(self._ids, self._weights, self._positions, docs, offset)


class Grams:
    """The grams of one field in one segment: characters through Whoosh's term dictionary,
    bigrams through the field's bucket directory (read once, kept)."""

    def __init__(self, segment_reader, field: str):
        terms = segment_reader._terms
        self._reader, self._terms, self._postfile, self._field = segment_reader, terms, terms._postfile, field
        self._bucket_starts = self._bucket_ends = _EMPTY
        self.bits = _BUCKET_BITS
        try:
            info = terms.term_info(field, DIRECTORY_TERM.encode("utf-8"))
        except TermNotFound:  # no text in this field
            return
        raw = zlib.decompress(self._postfile.get(*_extent(info)))
        base, n_buckets = _DIRECTORY_HEADER.unpack_from(raw)
        sizes = np.frombuffer(raw, dtype="<u4", count=n_buckets, offset=_DIRECTORY_HEADER.size)
        self.bits = n_buckets.bit_length() - 1  # a power of two: more in larger segments
        self._bucket_ends = base + np.cumsum(sizes, dtype=np.int64)
        self._bucket_starts = self._bucket_ends - sizes

    def lookup(self, term: str) -> _Occurrences | None:
        """The postings of a character or a bigram; None when it does not occur here."""
        if len(term) == 1:
            try:
                info = self._terms.term_info(self._field, term.encode("utf-8"))
            except TermNotFound:
                return None
            return TermPostings(self._postfile, *_extent(info), info.doc_frequency())
        key = (ord(term[0]) + 1) << _CODE_BITS | ord(term[1])
        bucket = self.bucket(int(bucket_of(np.array([key], dtype=np.uint64), self.bits)[0]))
        if bucket is None:
            return None
        which = int(np.searchsorted(bucket.common_keys, key))
        if which < len(bucket.common_keys) and int(bucket.common_keys[which]) == key:
            return self.common(bucket, which)
        which = int(np.searchsorted(bucket.rare_keys, key))
        if which == len(bucket.rare_keys) or int(bucket.rare_keys[which]) != key:
            return None
        return BucketPostings(*bucket.rare(which))

    def bucket(self, number: int) -> _Bucket | None:
        """Bucket ``number`` read and decoded; None when it is empty."""
        if number >= len(self._bucket_ends) or self._bucket_ends[number] == self._bucket_starts[number]:
            return None
        start = int(self._bucket_starts[number])
        return _Bucket(zlib.decompress(read_at(self._postfile, start, int(self._bucket_ends[number]) - start)))

    def common(self, bucket: _Bucket, which: int) -> TermPostings:
        """The postings of the bucket's common bigram ``which``."""
        return TermPostings(self._postfile, int(bucket.common_offsets[which]), int(bucket.common_lengths[which]),
                            int(bucket.common_frequencies[which]))

    def characters(self) -> list[str]:
        """The characters of this field in the segment (its one-character terms)."""
        return [term for term in (raw.decode("utf-8") for raw in self._reader.lexicon(self._field))
                if len(term) == 1]

    def bucket_bytes(self) -> int:
        """How many bytes the field's buckets take (0: the field holds no text here)."""
        return int(self._bucket_ends[-1] - self._bucket_starts[0]) if len(self._bucket_ends) else 0


class _Bucket:
    """One decoded bucket (see :func:`_write_buckets`): arrays over its raw bytes."""

    def __init__(self, raw: bytes):
        n_common, n_rare, types = _BUCKET_HEADER.unpack_from(raw)
        at = _BUCKET_HEADER.size
        self.common_keys = np.frombuffer(raw, dtype="<u8", count=n_common, offset=at)
        self.common_offsets = np.frombuffer(raw, dtype="<u8", count=n_common, offset=at + 8 * n_common)
        self.common_lengths = np.frombuffer(raw, dtype="<u4", count=n_common, offset=at + 16 * n_common)
        self.common_frequencies = np.frombuffer(raw, dtype="<u4", count=n_common, offset=at + 20 * n_common)
        at += 24 * n_common
        self.rare_keys = np.frombuffer(raw, dtype="<u8", count=n_rare, offset=at)
        at += 8 * n_rare
        self.rare_ends = np.frombuffer(raw, dtype="<u4", count=n_rare, offset=at).astype(np.int64)
        at += 4 * n_rare
        ids_type, weights_type, positions_type = (np.dtype("<" + chr(t)) for t in types)
        total = int(self.rare_ends[-1]) if n_rare else 0
        self.ids = np.frombuffer(raw, dtype=ids_type, count=total, offset=at)
        at += self.ids.nbytes
        self.weights = np.frombuffer(raw, dtype=weights_type, count=total, offset=at)
        at += self.weights.nbytes
        self.position_ends = np.cumsum(self.weights, dtype=np.int64)
        count = int(self.position_ends[-1]) if total else 0
        self.positions = np.frombuffer(raw, dtype=positions_type, count=count, offset=at)

    def rare(self, which: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(doc numbers, frequencies, positions) of the bucket's rare bigram ``which``."""
        start, end = (int(self.rare_ends[which - 1]) if which else 0), int(self.rare_ends[which])
        first = int(self.position_ends[start - 1]) if start else 0
        return (self.ids[start:end].astype(np.int64), self.weights[start:end].astype(np.int64),
                self.positions[first:int(self.position_ends[end - 1])])


def read_at(structfile, offset: int, length: int) -> bytes:
    """``length`` bytes at ``offset``: with one system call where there is ``os.pread``
    (exactly those bytes, not the buffer Python's file object would fill), else as Whoosh
    reads them."""
    if _PREAD is not None:
        try:
            return _PREAD(structfile.fileno(), length, offset)
        except (AttributeError, OSError, ValueError):  # not a real file
            pass
    return structfile.get(offset, length)


_PREAD = getattr(os, "pread", None)  # not on Windows


def _extent(info) -> tuple[int, int]:
    """Where a term's postings are. Whoosh reads the length back as a 1-tuple."""
    offset, length = info.extent()
    return offset, length[0] if isinstance(length, tuple) else length


def _starts(ids: np.ndarray, weights: np.ndarray, positions: np.ndarray, docs: np.ndarray,
            offset: int) -> np.ndarray:
    return _keys(ids, weights, positions, in_sorted(ids, docs), offset)


def distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values of sorted ``values`` in one pass (``np.unique`` sorts them again)."""
    return values[np.diff(values, prepend=values[0] - 1) != 0] if len(values) else values


def in_sorted(ids: np.ndarray, docs: np.ndarray) -> np.ndarray:
    """Whether each of ``ids`` is one of the sorted ``docs`` (by binary search)."""
    if not len(docs):
        return np.zeros(len(ids), dtype=bool)
    at = np.minimum(np.searchsorted(docs, ids), len(docs) - 1)
    return docs[at] == ids


def _keys(ids: np.ndarray, weights: np.ndarray, positions: np.ndarray, hit: np.ndarray,
          offset: int) -> np.ndarray:
    """``doc << 32 | position - offset`` of the occurrences in the postings ``hit``, sorted;
    those before the line could hold the string (``position < offset``) left out."""
    wanted = np.repeat(hit, weights)
    doc_of = np.repeat(ids, weights)[wanted]
    position = positions[wanted].astype(np.int64) - offset
    inside = position >= 0
    return (doc_of[inside] << 32) | position[inside]


def advise_random(segment_reader) -> None:
    """Tell the system that the segment's term dictionary and postings are read at random
    places, so that it reads no more of them than asked for (no read-ahead)."""
    terms = segment_reader._terms
    for structfile in (terms._dbfile, terms._postfile):
        try:
            os.posix_fadvise(structfile.fileno(), 0, 0, os.POSIX_FADV_RANDOM)
        except (AttributeError, OSError, ValueError):  # not on this system, or not a real file
            pass


def numeric_column(leaf, name: str) -> np.ndarray:
    """A Whoosh numeric column of one segment as an array, read in one piece.

    Whoosh writes fixed-size big-endian values up to the last one that is not the default;
    its reader would unpack them one Python call per article (a second at 100,000)."""
    reader = leaf.column_reader(name, translate=False)
    if not isinstance(reader, columns.NumericColumn.Reader):  # no column file: all default
        return np.asarray(reader.load() if hasattr(reader, "load") else list(reader), dtype=np.int64)
    values = np.full(leaf.doc_count_all(), reader._default, dtype=np.int64)
    raw = reader._dbfile.get(reader._basepos, reader._count * reader._fixedlen)
    values[:reader._count] = np.frombuffer(raw, dtype=">" + reader._typecode)
    return values


def segments(ix) -> list:
    """The index's live segments (Whoosh keeps them behind a private method)."""
    return ix._segments()
