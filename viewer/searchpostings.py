"""How the search index is laid out in Whoosh, and the fast paths that write and read it.

One Whoosh document per article. Two indexed fields hold the article's folded text as
character grams (see :mod:`viewer.textnorm` for folding):

- ``text``: the whole article text (title, kicker, subtitle, byline, paragraphs);
- ``title``: the title again, so it can be searched alone and weighted above the body.

Each field indexes every **unigram** (one character; weight = how often it occurs) and every
**bigram** (two characters; weight = how often, value = where, as positions in the folded
field text). A query of one or two characters is one term; a longer one is the bigrams that
cover it, checked against their positions, so results are exact without storing the text.
Per-article data lives in Whoosh columns: the article id, date, page, lengths, and a ``meta``
string with section, publication, page label and credits.

Whoosh's own writer sends each posting through a sorting pool one Python call at a time
(35 articles/s here, 50 kB on disk per article). :class:`BulkWriter` instead collects a batch
of articles as per-term arrays and writes each term's posting blocks whole, in Whoosh's
``W3`` layout (``whoosh3`` codec). Blocks hold up to :data:`BLOCK_SIZE` postings: the ids as
deltas, the weights as an integer array, and for bigrams one array of all the block's
positions (posting *i* owns the next ``weight[i]`` of them). Whoosh's readers, term
dictionary, columns, deletions and segment files are used as they are; the block payload is
read back by :func:`read_postings`. Because that payload is ours, segments are never merged by
Whoosh (``commit(merge=False)``): small segments are re-indexed instead (see ``viewer.search``).
"""

from __future__ import annotations

import itertools
import pickle
import zlib
from array import array
from collections import defaultdict
from dataclasses import dataclass

from whoosh import columns, fields, formats
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.reading import TermNotFound
from whoosh.system import pack_ushort
from whoosh.util.numeric import length_to_byte
from whoosh.writing import SegmentWriter

BLOCK_SIZE = 1024
_COMPRESSION = 1  # zlib level: 1 is nearly as small as 3 here and faster to write
_META_SEPARATOR = "\x1f"
_CREDIT_SEPARATOR = "\x1e"
_ROLE_SEPARATOR = "\x1d"


class GramFormat(formats.Format):
    """Postings of character grams: weight = frequency; bigram blocks also carry positions."""

    def fixed_value_size(self):
        return None  # values are our own block payload, not one item per posting

    def supports(self, name):
        return name in ("frequency", "weight")


class GramField(fields.FieldType):
    """A field filled only by :class:`BulkWriter` from pre-computed grams."""

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
        article_id=fields.COLUMN(columns.NumericColumn("I")),
        date=fields.COLUMN(columns.NumericColumn("I")),  # YYYYMMDD, 0 when unknown
        page=fields.COLUMN(columns.NumericColumn("i", default=-1)),  # -1 when unknown
        text_length=fields.COLUMN(columns.NumericColumn("I")),
        title_length=fields.COLUMN(columns.NumericColumn("I")),
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
    credits: tuple[tuple[str, str], ...]  # (role, folded name), article and page credits


def pack_meta(row: DocRow) -> bytes:
    credits = _CREDIT_SEPARATOR.join(role + _ROLE_SEPARATOR + name for role, name in row.credits)
    parts = (row.section, row.publication, row.page_label, credits)
    return _META_SEPARATOR.join(parts).encode("utf-8")


def unpack_meta(data: bytes) -> tuple[str, str, str, tuple[tuple[str, str], ...]]:
    section, publication, page_label, credits = data.decode("utf-8").split(_META_SEPARATOR)
    pairs = tuple(tuple(c.split(_ROLE_SEPARATOR, 1)) for c in credits.split(_CREDIT_SEPARATOR)
                  if c)
    return section, publication, page_label, pairs


class _FieldPostings:
    """One field's postings for a batch: per term the doc numbers, weights and positions."""

    def __init__(self):
        self.ids: dict[str, array] = defaultdict(lambda: array("I"))
        self.weights: dict[str, array] = defaultdict(lambda: array("H"))
        self.positions: dict[str, array] = defaultdict(lambda: array("I"))
        self.lengths = array("I")  # per doc

    def add(self, docnum: int, text: str) -> None:
        ids, weights, positions = self.ids, self.weights, self.positions
        bigram_positions: dict[str, list[int]] = defaultdict(list)
        for pos, bigram in enumerate(map(str.__add__, text, text[1:])):
            bigram_positions[bigram].append(pos)
        for bigram, where in bigram_positions.items():
            ids[bigram].append(docnum)
            weights[bigram].append(min(len(where), 0xFFFF))
            positions[bigram].extend(where)
        for char in set(text):
            ids[char].append(docnum)
            weights[char].append(min(text.count(char), 0xFFFF))
        self.lengths.append(len(text))


class BulkWriter(SegmentWriter):
    """A Whoosh segment writer that takes folded articles and writes whole posting lists.

    ``add_article`` per article, then ``commit(merge=False)`` (or with a ``mergetype`` that
    drops segments being replaced). ``delete_document`` works as in Whoosh.
    """

    def __init__(self, ix, **kwargs):
        super().__init__(ix, compound=False, **kwargs)
        self._fields = {"text": _FieldPostings(), "title": _FieldPostings()}

    def add_article(self, row: DocRow, title: str, text: str) -> None:
        """Add one article: its row and its folded title and folded article text."""
        self._check_state()
        docnum = self.docnum
        self._fields["text"].add(docnum, text)
        self._fields["title"].add(docnum, title)
        perdoc = self.perdocwriter
        perdoc.start_doc(docnum)
        for name, value in (("text", text), ("title", title)):
            perdoc.add_field(name, self.schema[name], None, len(value))
        for name, value in (("article_id", row.article_id), ("date", row.date),
                            ("page", row.page), ("text_length", len(text)),
                            ("title_length", len(title)), ("meta", pack_meta(row))):
            perdoc.add_column_value(name, self.schema[name].column_type, value)
        perdoc.finish_doc()
        self.docnum += 1
        self._added = True

    def _flush_segment(self):
        # Replaces SegmentWriter's: our postings come from self._fields, not the pool.
        self.perdocwriter.close()
        fieldwriter = self.fieldwriter
        for name in sorted(self._fields):
            postings = self._fields[name]
            fieldwriter.start_field(name, self.schema[name])
            for term in sorted(postings.ids):
                _write_term(fieldwriter, term, postings)
            fieldwriter.finish_field()
        self._fields.clear()
        fieldwriter.close()


def _write_term(fieldwriter, term: str, postings: _FieldPostings) -> None:
    """Write one term's posting blocks and its entry in the term dictionary."""
    postfile = fieldwriter._postfile
    ids, weights = postings.ids[term], postings.weights[term]
    positions = postings.positions.get(term)
    lengths = postings.lengths
    info = W3TermInfo()
    info._weight, info._df = float(sum(weights)), len(ids)
    info._minid, info._maxid = ids[0], ids[-1]
    info._maxweight = float(max(weights))
    start = postfile.tell()
    postfile.write(WHOOSH3_HEADER_MAGIC)
    position_start = 0
    for block_start in range(0, len(ids), BLOCK_SIZE):
        block = slice(block_start, block_start + BLOCK_SIZE)
        block_ids, block_weights = ids[block], weights[block]
        block_lengths = list(map(lengths.__getitem__, block_ids))  # docnums start at 0
        position_end = position_start + sum(block_weights) if positions is not None else 0
        payload = (
            _deltas(block_ids),
            None if max(block_weights) == 1 else block_weights,
            positions[position_start:position_end] if positions is not None else None,
        )
        position_start = position_end
        data = zlib.compress(pickle.dumps(payload, 5), _COMPRESSION)
        min_length, max_length = min(block_lengths), max(block_lengths)
        last = block_start + BLOCK_SIZE >= len(ids)
        block_info = pickle.dumps((len(block_ids), block_ids[-1], float(max(block_weights)),
                                   _COMPRESSION, length_to_byte(min_length),
                                   length_to_byte(max_length)), 2)
        size = len(block_info) + len(data)
        postfile.write_int(-size if last else size)
        postfile.write(block_info)
        postfile.write(data)
        info._minlength = min_length if info._minlength is None else min(info._minlength, min_length)
        info._maxlength = max(info._maxlength, max_length)
    info.set_extent(start, postfile.tell() - start)
    key = pack_ushort(fieldwriter._fieldid) + term.encode("utf-8")
    fieldwriter._tindex.add(key, info.to_bytes())


def _deltas(ids: array) -> array:
    deltas = array("I", ids)
    deltas[1:] = array("I", map(int.__sub__, ids[1:], ids[:-1]))
    largest = max(deltas)
    typecode = "B" if largest < 0x100 else "H" if largest < 0x10000 else "I"
    return deltas if typecode == "I" else array(typecode, deltas)


@dataclass
class Postings:
    """One term's postings in one segment: doc numbers, weights, and bigram positions."""

    ids: list[int]
    weights: array
    positions: array | None


def read_postings(segment_reader, field: str, term: str) -> Postings | None:
    """All postings of ``term`` in one segment (deleted documents included), or None."""
    try:
        matcher = segment_reader._terms.matcher(field, term.encode("utf-8"), GramFormat())
    except TermNotFound:
        return None
    ids: list[int] = []
    weights = array("H")
    positions = array("I")
    has_positions = False
    while matcher.is_active():
        matcher._read_data()
        deltas, block_weights, block_positions = matcher._data
        ids.extend(itertools.accumulate(deltas))
        if block_weights is None:
            weights.extend(itertools.repeat(1, len(deltas)))
        else:
            weights.extend(block_weights)
        if block_positions is not None:
            has_positions = True
            positions.extend(block_positions)
        matcher._next_block()
    return Postings(ids, weights, positions if has_positions else None)
