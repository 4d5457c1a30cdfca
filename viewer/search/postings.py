"""How the search index is laid out in Whoosh, and the fast paths that write and read it.

One Whoosh document per article. Three indexed fields hold folded text (:mod:`viewer.textnorm`):
``text``, the whole article text (with the lines of its earlier readings after it), ``title``,
the title again so it can be searched alone and weighted above the body, and ``note``, what
editors wrote on the article (empty for most). In each field:

- every **character** is a term, with its positions, so any string can be checked exactly;
- a **bigram** (two characters) is a term, with its positions, only if it is common in its
  segment: at least :data:`VOCABULARY_MIN_DOCS` of the segment's first
  :data:`VOCABULARY_SAMPLE` articles contain it. Those are ~70% of all bigram occurrences
  and make common words cheap to find; the rare ones, which are most distinct bigrams, would
  each cost a term-dictionary entry per segment for a posting or two. Every vocabulary
  bigram occurs in its segment (in the sample), so within a segment a bigram is a term **if
  and only if** it is in that segment's vocabulary; a query bigram that is no term there is
  checked through its characters' positions instead.

Per-article data lives in Whoosh columns: the article id, date, page, field lengths, and a
``meta`` string with section, publication, page label, credits, tags, collections and
annotators. The text is not stored.

Whoosh's own writer sends each posting through a sorting pool one Python call at a time
(35 articles/s here, 50 kB on disk per article). :class:`BulkWriter` keeps a batch's folded
texts, turns them into (term, doc, position) arrays with numpy, sorts them (in a few passes
over ranges of terms, to bound memory), and writes each term's posting blocks whole, in the ``W3`` codec's file layout (block header, block
info, data) with our own block data: doc-number deltas and weights, and apart from them the
positions, each zlib-compressed, so finding candidates never decompresses positions.
Whoosh's term dictionary, columns, deletions, segments and TOC are used as they are; block
data is read by :class:`TermPostings`. Because the block data is ours, Whoosh must never
merge these segments (commit with ``merge=False`` or a ``mergetype`` that only drops
segments), and Whoosh's own matchers cannot read them. Block headers and data are packed
with :mod:`struct` and numpy (little-endian, no pickle), so an index moves between machines.

**This is the only module that touches Whoosh's internals** — the names in
:data:`WHOOSH_INTERNALS`, checked against the installed Whoosh by
``tests/test_search_whoosh_contract.py``. The pinned Whoosh versions in ``pyproject.toml`` are
the ones that test passes with.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

import numpy as np
from whoosh import columns, fields, formats
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.reading import TermNotFound
from whoosh.system import pack_ushort
from whoosh.util.numeric import length_to_byte
from whoosh.writing import SegmentWriter

BLOCK_SIZE = 1024
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
# A block header: count, last doc id, max weight, min and max field length as bytes.
_BLOCK_HEADER = struct.Struct("<IIfBB")
# A block's data: the dtype codes of doc deltas, weights and positions, then the length of the
# compressed ids-and-weights part; both compressed parts follow.
_BLOCK_DATA = struct.Struct("<cccI")

# Every private Whoosh name used here (class, attribute), for the contract test.
WHOOSH_INTERNALS = (
    ("whoosh.codec.whoosh3.W3FieldWriter", "_postfile"),
    ("whoosh.codec.whoosh3.W3FieldWriter", "_fieldid"),
    ("whoosh.codec.whoosh3.W3FieldWriter", "_tindex"),
    ("whoosh.reading.SegmentReader", "_terms"),
    ("whoosh.codec.whoosh3.W3TermsReader", "_postfile"),
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
    pairs = tuple(tuple(c.split(_ROLE_SEPARATOR, 1)) for c in credits.split(_CREDIT_SEPARATOR)
                  if c)
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
        for name, value in (("article_id", row.article_id), ("date", row.date),
                            ("page", row.page), ("text_length", len(text)),
                            ("title_length", len(title)), ("note_length", len(note)),
                            ("meta", pack_meta(row))):
            perdoc.add_column_value(name, self.schema[name].column_type, value)
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


def _write_postings(postfile, texts: list[str]) -> list[tuple[str, bytes]]:
    """Write the postings of one field for the batch ``texts``; return (term, term info)s."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    codes = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32)
    docs = np.repeat(np.arange(len(texts), dtype=np.uint32), lengths)
    positions = np.arange(len(codes), dtype=np.uint32)
    positions -= np.repeat((np.cumsum(lengths) - lengths).astype(np.uint32), lengths)
    vocabulary, where, which = _vocabulary_bigrams(codes, docs, lengths)
    names = [term_of_key(k) for k in vocabulary.tolist()]
    entries = _write_kind(postfile, which, where, docs, positions, lengths, names.__getitem__)
    del where, which
    chars = np.flatnonzero(codes != _NEWLINE).astype(np.uint32)
    entries += _write_kind(postfile, codes[chars], chars, docs, positions, lengths, chr)
    return entries


def _write_kind(postfile, terms: np.ndarray, where: np.ndarray, docs: np.ndarray,
                positions: np.ndarray, lengths: np.ndarray, name) -> list[tuple[str, bytes]]:
    """Write the postings of term ``terms[i]`` occurring at ``where[i]`` (in the batch's
    docs and positions), in :data:`_PARTS` passes over ranges of terms to bound memory."""
    entries = []
    if not len(terms):
        return entries
    bounds = np.unique(np.percentile(terms, np.linspace(0, 100, _PARTS + 1)).astype(np.int64))
    bounds[-1] += 1
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
        entries += _write_terms(postfile, term, docs[index], positions[index], lengths, name)
        del keys, low_high, index, term
    return entries


def _vocabulary_bigrams(codes: np.ndarray, docs: np.ndarray, lengths: np.ndarray):
    """The sorted keys of the batch's vocabulary bigrams, and where they occur: the index
    of each occurrence's first character, and which vocabulary bigram it is."""
    sample_end = min(int(lengths[:VOCABULARY_SAMPLE].sum()), len(codes) - 1)
    keys = _bigram_keys(codes, 0, sample_end)
    sample = np.flatnonzero(docs[:sample_end] == docs[1:sample_end + 1])
    # Key and doc in one number (the sample's doc numbers fit in 10 bits): one unique pass.
    key_docs = np.unique((keys[sample] << 10) | docs[sample].astype(np.uint64))
    candidates, doc_counts = np.unique(key_docs >> 10, return_counts=True)
    vocabulary = candidates[doc_counts >= VOCABULARY_MIN_DOCS]
    wheres, whiches = [], []
    # In chunks: the 8-byte keys of a whole batch at once are the largest arrays of a build.
    for start in range(0, len(codes) - 1, _CHUNK) if len(vocabulary) else ():
        end = min(start + _CHUNK, len(codes) - 1)
        keys = _bigram_keys(codes, start, end)
        which = np.minimum(np.searchsorted(vocabulary, keys), len(vocabulary) - 1)
        known = (vocabulary[which] == keys) & (docs[start:end] == docs[start + 1:end + 1])
        where = np.flatnonzero(known)
        whiches.append(which[where].astype(np.uint32))
        wheres.append((where + start).astype(np.uint32))
    if not wheres:
        return vocabulary, np.empty(0, np.uint32), np.empty(0, np.uint32)
    return vocabulary, np.concatenate(wheres), np.concatenate(whiches)


def _bigram_keys(codes: np.ndarray, start: int, end: int) -> np.ndarray:
    """Keys of the bigrams starting at ``codes[start:end]``: (first + 1) << 21 | second."""
    keys = codes[start:end].astype(np.uint64)
    keys += 1
    keys <<= _CODE_BITS
    keys |= codes[start + 1:end + 1]
    return keys


def _write_terms(postfile, keys: np.ndarray, docs: np.ndarray, positions: np.ndarray,
                 lengths: np.ndarray, name) -> list[tuple[str, bytes]]:
    """Write postings sorted by term (``keys``), then doc, then position; a term's text is
    ``name(key)``."""
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
        position_start = int(posting_starts[start])
        position_end = int(posting_starts[end]) if end < len(posting_starts) else len(keys)
        info = _write_term(postfile, posting_ids[start:end], weights[start:end],
                           positions[position_start:position_end], lengths)
        key = int(posting_keys[start])
        entries.append((name(key), info))
    return entries


def _write_term(postfile, ids: np.ndarray, weights: np.ndarray, positions: np.ndarray,
                lengths: np.ndarray) -> bytes:
    """Write one term's posting blocks; return its term info for the term dictionary."""
    doc_lengths = lengths[ids]
    info = W3TermInfo(weight=float(weights.sum()), df=len(ids),
                      maxweight=float(weights.max()), minid=int(ids[0]), maxid=int(ids[-1]),
                      minlength=int(doc_lengths.min()), maxlength=int(doc_lengths.max()))
    start = postfile.tell()
    postfile.write(WHOOSH3_HEADER_MAGIC)
    position_ends = np.cumsum(weights)
    for block_start in range(0, len(ids), BLOCK_SIZE):
        block_end = min(block_start + BLOCK_SIZE, len(ids))
        first_position = int(position_ends[block_start - 1]) if block_start else 0
        last_position = int(position_ends[block_end - 1])
        block_ids = ids[block_start:block_end]
        block_weights = weights[block_start:block_end]
        block_lengths = doc_lengths[block_start:block_end]
        data = _block_data(block_ids, block_weights, positions[first_position:last_position])
        block_info = _BLOCK_HEADER.pack(len(block_ids), int(block_ids[-1]), float(block_weights.max()),
                                        length_to_byte(int(block_lengths.min())),
                                        length_to_byte(int(block_lengths.max())))
        size = len(block_info) + len(data)
        postfile.write_int(-size if block_end == len(ids) else size)
        postfile.write(block_info)
        postfile.write(data)
    info.set_extent(start, postfile.tell() - start)
    return info.to_bytes()


def _block_data(ids: np.ndarray, weights: np.ndarray, positions: np.ndarray) -> bytes:
    deltas = _smallest(np.diff(ids.astype(np.int64), prepend=0))
    weights = _smallest(weights)
    positions = _smallest(positions)
    ids_part = zlib.compress(deltas.tobytes() + weights.tobytes(), _ZLIB_LEVEL)
    header = _BLOCK_DATA.pack(deltas.dtype.char.encode(), weights.dtype.char.encode(),
                              positions.dtype.char.encode(), len(ids_part))
    return header + ids_part + zlib.compress(positions.tobytes(), _ZLIB_LEVEL)


def _smallest(numbers: np.ndarray) -> np.ndarray:
    largest = int(numbers.max()) if len(numbers) else 0
    dtype = np.uint8 if largest < 0x100 else np.uint16 if largest < 0x10000 else np.uint32
    return numbers.astype(np.dtype(dtype).newbyteorder("<"), copy=False)


@dataclass
class _Block:
    count: int
    last_id: int
    offset: int
    length: int
    _parts: tuple | None = None
    _ids: np.ndarray | None = None
    _weights: np.ndarray | None = None
    _positions: np.ndarray | None = None

    def ids_and_weights(self, postfile) -> tuple[np.ndarray, np.ndarray]:
        if self._ids is None:
            ids_type, weights_type, packed, _, _ = self._data(postfile)
            raw = zlib.decompress(packed)
            deltas = np.frombuffer(raw, dtype=ids_type, count=self.count)
            self._ids = np.cumsum(deltas, dtype=np.int64)
            self._weights = np.frombuffer(raw, dtype=weights_type, count=self.count,
                                          offset=deltas.nbytes).astype(np.int64)
        return self._ids, self._weights

    def positions(self, postfile) -> np.ndarray:
        if self._positions is None:
            _, _, _, positions_type, packed = self._data(postfile)
            self._positions = np.frombuffer(zlib.decompress(packed), dtype=positions_type)
        return self._positions

    def _data(self, postfile) -> tuple:
        if self._parts is None:
            data = postfile.get(self.offset, self.length)
            ids_type, weights_type, positions_type, ids_length = _BLOCK_DATA.unpack_from(data)
            ids_end = _BLOCK_DATA.size + ids_length
            self._parts = ("<" + ids_type.decode(), "<" + weights_type.decode(),
                           data[_BLOCK_DATA.size:ids_end], "<" + positions_type.decode(), data[ids_end:])
        return self._parts


class TermPostings:
    """One term's postings in one segment, decoded block by block as they are needed.

    Doc numbers are the segment's own and include deleted documents.
    """

    def __init__(self, segment_reader, field: str, term: str):
        terms = segment_reader._terms
        self._info = terms.term_info(field, term.encode("utf-8"))  # raises TermNotFound
        self.doc_frequency = self._info.doc_frequency()
        self._postfile = terms._postfile
        self._table: tuple[list[_Block], np.ndarray] | None = None  # read when first needed

    @staticmethod
    def lookup(segment_reader, field: str, term: str) -> TermPostings | None:
        try:
            return TermPostings(segment_reader, field, term)
        except TermNotFound:
            return None

    @property
    def _blocks(self) -> list[_Block]:
        if self._table is None:
            blocks = self._block_table()
            self._table = blocks, np.array([block.last_id for block in blocks])
        return self._table[0]

    def _block_table(self) -> list[_Block]:
        """Walk the term's block headers (count, last id …) without reading block data."""
        postfile = self._postfile
        offset, _ = self._info.extent()
        postfile.seek(offset + len(WHOOSH3_HEADER_MAGIC))
        blocks = []
        while True:
            length = postfile.read_int()
            block_start = postfile.tell()
            count, last_id = _BLOCK_HEADER.unpack(postfile.read(_BLOCK_HEADER.size))[:2]
            data_start = postfile.tell()
            blocks.append(_Block(count, last_id, data_start,
                                 block_start + abs(length) - data_start))
            if length < 0:
                return blocks
            postfile.seek(block_start + length)

    def _blocks_for(self, docs: np.ndarray | None) -> list[_Block]:
        """The blocks that may hold any of the sorted ``docs`` (all blocks for None)."""
        blocks = self._blocks
        if docs is None:
            return blocks
        wanted = np.unique(np.searchsorted(self._table[1], docs))
        return [blocks[i] for i in wanted.tolist() if i < len(blocks)]

    def counts(self, docs: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(doc numbers, weights) of all postings, or of the blocks that may hold ``docs``."""
        blocks = self._blocks_for(docs)
        if not blocks:
            return np.empty(0, np.int64), np.empty(0, np.int64)
        pairs = [block.ids_and_weights(self._postfile) for block in blocks]
        return np.concatenate([p[0] for p in pairs]), np.concatenate([p[1] for p in pairs])

    def starts(self, docs: np.ndarray, offset: int) -> np.ndarray:
        """``doc << 32 | position - offset`` for each occurrence in the sorted ``docs``."""
        keys = []
        for block in self._blocks_for(docs):
            ids, weights = block.ids_and_weights(self._postfile)
            wanted = np.repeat(np.isin(ids, docs, assume_unique=True), weights)
            doc_of = np.repeat(ids, weights)[wanted]
            position = block.positions(self._postfile)[wanted].astype(np.int64) - offset
            keys.append((doc_of << 32) | (position & 0xFFFFFFFF))
        return np.concatenate(keys) if keys else np.empty(0, np.int64)


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
