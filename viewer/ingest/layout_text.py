"""Put the columns of ``pdftotext -layout`` text back into reading order.

``-layout`` prints a page's columns side by side: each text row holds the lines of several
columns that share a height, separated by runs of spaces, and vertical headline characters
stand alone or in pairs at their own positions. Positions are characters, one for each
character whatever its printed width (that is what pdftotext does: a CJK character and a digit
both take one place), so the rules below count characters, not display width. They are
approximate: a column may drift by a few places between rows, and rows of one column may be
printed on rows of their own when another column's lines fall between them.

Rules, top to bottom:

- Recognising it (``looks_like_layout``): at least three lines, and a fifth of them, have a run
  of three or more spaces inside them, and half the places where text starts after such a run
  recur (±1) on three or more lines. The seed's e-paper text and pdftotext's plain text have
  no such runs.
- A row is cut into *pieces* at runs of two or more spaces. Pieces of at most three characters
  are *short*: vertical text (pdftotext prints a vertical column's characters one, two or three
  to a row), or a column's short last line. Single characters separated by single spaces
  (``许 本 □``) are vertical columns side by side, one piece each, also when they follow a line
  after one space (``说、他自然见我 丁 图 文 □``).
- Pieces form *tracks* (columns) within *blocks*. A row of two or more long pieces continues the
  current block of columns when each piece lies in at most one track and no track takes two
  (a piece over two columns that one space cuts into a line of each is two lines); else it
  starts a new block.
- A row of one long piece (a *lone line*) is the page's own, a block of lines read in row order,
  when it is the masthead or the credits line, when it spans (it lies over two tracks, over two
  pieces of a nearby row of the block, or is much wider than its column), or when it is centred
  on the page after a blank row, or roughly centred at no column's edge with another such line
  just under it (kicker, title, subtitle, byline). Otherwise it is a column's line: it waits,
  and joins its track (or a new one) when the block goes on. Lines under a headline line start
  a new block of columns unless they too are centred.
- When a block breaks, the lone lines waiting before the break belong with the next headline
  from the first one after a blank row, centred on the page or in its column, or short of its
  column and ending in no punctuation (a kicker); the ones before stay in their columns.
- Short pieces join the track they overlap (a column only within its usual extent), else start
  one; they never break a block. Before a block's first row of columns they wait and join it
  (a vertical headline starts above the body's first line). A short piece between two lines of
  its row that overlaps no track is a character set apart from the end of the line on its left;
  a lone character over a single space of the line after or before it fills that space (a
  character from another font is printed a row off and leaves its place blank).
- Turned marks of vertical text (``/`` ``:``) are set apart from their column: each goes back
  to a column that goes on below it, preferring the one it overlaps, then one whose first
  character it would follow (a role's separator, 文/), nearest at or right of it first; a dash
  (a subtitle's ——) apart from every column goes to the nearest at or right of it.
- A block is read as: its vertical tracks right to left, one character to a line with a blank
  line between tracks, as the e-paper reader expects a vertical headline; then its other tracks
  left to right, each top to bottom. A line that starts two or more places right of its
  column's left edge is a paragraph's first line and is given the ideographic indent the
  e-paper reader knows.

Only spaces are moved or added: every other character of the input comes out exactly once.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from viewer.ingest.masthead import parse_credits_line, parse_masthead

STATS_EVERY, STATS_GROWTH = 32, 1.25  # a longer track's figures are recounted as it grows by a quarter
GAP = 2  # spaces that separate two pieces of a row
LAYOUT_GAP = 3  # an internal run this long marks -layout text
SHORT = 3  # characters in a piece of vertical text (pdftotext runs up to three together)
LOOKAROUND = 3  # rows of columns looked at on either side of a lone line
WIDER = 1.3  # a lone line this much wider than a column's lines spans columns
CENTRE, CENTRE_SHARE = 4, 0.1  # a line whose centre is this near the page's is centred on it
LOOSE_SHARE = 0.25  # … under another headline line
HEADING_SHARE = 0.85  # a heading-like line is at most this share of its column
INDENT = 2  # places right of the column's edge that mark a first line
INDENT_MARK = "\u3000\u3000"

_PIECE = re.compile(r"\S+(?: \S+)*")
_INTERNAL_GAP = re.compile(rf"\S {{{LAYOUT_GAP},}}(?=\S)")


@dataclass
class Piece:
    row: int
    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def short(self) -> bool:
        return len(self.text.replace(" ", "")) <= SHORT

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


@dataclass
class Track:
    pieces: list[Piece] = field(default_factory=list)
    start: int = 0
    end: int = 0
    _counted: int = -1
    _longs: int = 0
    _cached: tuple[int, int, int] = (0, 0, 0)

    def add(self, piece: Piece) -> None:
        if not self.pieces:
            self.start, self.end = piece.start, piece.end
        self.start, self.end = min(self.start, piece.start), max(self.end, piece.end)
        self.pieces.append(piece)
        self._longs += not piece.short

    @property
    def vertical(self) -> bool:
        """Vertical text: no piece longer than SHORT (only short pieces join a track later)."""
        return self._longs == 0

    def _stats(self) -> tuple[int, int, int]:
        """(median length, commonest start, median end), recounted as the track grows (once it
        is long, when it has grown by a share, which keeps long columns near linear)."""
        n = len(self.pieces)
        if self._counted != n and (n < STATS_EVERY or n > STATS_GROWTH * self._counted or self._counted < 0):
            lengths = sorted(len(p.text) for p in self.pieces)
            starts = Counter(p.start for p in self.pieces)
            ends = sorted(p.end for p in self.pieces)
            self._cached = (lengths[n // 2], min(starts, key=lambda s: (-starts[s], s)), ends[n // 2])
            self._counted = n
        return self._cached

    def width(self) -> float:
        """The column's width: the median length of its lines."""
        return self._stats()[0]

    def overlaps(self, piece: Piece) -> bool:
        return piece.overlaps(self.start, self.end)

    def core_overlaps(self, piece: Piece) -> bool:
        """Overlap with the column's usual extent: its commonest start to its median end."""
        _, start, end = self._stats()
        return piece.overlaps(start, end)


@dataclass
class Block:
    columns: bool  # a block of columns (tracks), else lines read in row order
    tracks: list[Track] = field(default_factory=list)
    rows: list[Piece] = field(default_factory=list)  # a line block's lines, each its row's one piece

    def long_tracks(self) -> list[Track]:
        return [t for t in self.tracks if not t.vertical]


def looks_like_layout(text: str) -> bool:
    """Text laid out in columns: many lines with a run of three or more spaces inside them,
    the text after it starting at places that recur."""
    lines = [line for line in text.splitlines() if line.strip()]
    starts = [m.end() for line in lines for m in _INTERNAL_GAP.finditer(line.expandtabs())]
    gapped = sum(1 for line in lines if _INTERNAL_GAP.search(line.expandtabs()))
    if gapped < 3 or gapped < 0.2 * len(lines):
        return False
    counts = Counter(starts)
    recurring = sum(n for start, n in counts.items() if n + counts[start - 1] + counts[start + 1] >= 3)
    return recurring >= 0.5 * len(starts)


def reading_order(text: str) -> str:
    """The text with its columns one after another, each top to bottom (see the module's rules)."""
    rows = [_pieces(n, line.expandtabs()) for n, line in enumerate(text.splitlines())]
    rows = [r for r in rows if r]
    blocks = _blocks(rows)
    out: list[str] = []
    for block in blocks:
        out += _read_block(block)
    return "\n".join(out) + "\n"


def _pieces(row: int, line: str) -> list[Piece]:
    pieces = []
    for match in _PIECE.finditer(line):
        pieces.append(Piece(row, match.start(), match.group()))
    # _PIECE joins at single spaces; cut at runs of GAP or more
    out = []
    for piece in pieces:
        start = piece.start
        for part in re.split(rf"( {{{GAP},}})", piece.text):
            if part and not part.isspace():
                out += _cut_tail(Piece(row, start, part))
            start += len(part)
    return out


def _cut_tail(piece: Piece) -> list[Piece]:
    """``说、他自然见我 丁 图 文 □``: a line with vertical text one space after it (single
    characters, single spaces) is the line and the vertical text."""
    match = re.search(r"(?: \S){2,}$", piece.text)
    if match is None or match.start() == 0 or " " in piece.text[:match.start()]:
        return [piece]
    head = Piece(piece.row, piece.start, piece.text[:match.start()])
    if head.short:
        return [piece]
    tail = Piece(piece.row, piece.start + match.start() + 1, match.group()[1:])
    return [head] + (_split_short(tail) or [tail])


def _split_short(piece: Piece) -> list[Piece] | None:
    """``许 本 □``: single characters side by side, each its own vertical column; None when not."""
    parts = piece.text.split(" ")
    if len(parts) < 2 or any(len(p) > 1 for p in parts):
        return None
    out, start = [], piece.start
    for part in parts:
        out.append(Piece(piece.row, start, part))
        start += len(part) + 1
    return out


def _is_long(piece: Piece) -> bool:
    return not piece.short and _split_short(piece) is None


def _blocks(rows: list[list[Piece]]) -> list[Block]:
    multi = [i for i, row in enumerate(rows) if sum(1 for p in row if _is_long(p)) >= 2]
    blocks: list[Block] = []
    current: Block | None = None
    pending_short: list[Piece] = []  # short pieces before the first row of a columns block
    deferred: list[Piece] = []  # lone lines within a track, waiting for the block to go on
    first_row = 0  # the current block's first row

    def start_columns(row: list[Piece]) -> Block:
        block = Block(columns=True)
        for piece in row:
            _place(block, piece, row)
        return block

    width = max((p.end for row in rows for p in row), default=0)
    filled = {row[0].row for row in rows}
    blank = set(range(max(filled, default=0))) - filled
    for i, row in enumerate(rows):
        if current is not None and current.columns and sum(1 for p in row if _is_long(p)) >= 2:
            split = [part for piece in row for part in _split_at_gutter(piece, current)]
            if len(split) > len(row) and _fits(current, split) and not _fits(current, row):
                row = rows[i] = split  # only to let the row go on with the block's columns
        longs = [p for p in row if _is_long(p)]
        if len(longs) >= 2:
            opening = next((n for n, p in enumerate(deferred) if _is_long(p) and p.row - 1 in blank), None)
            if current is not None and current.columns and _fits(current, row) and opening is None:
                for piece in deferred:
                    _place(current, piece)
                deferred = []
                for piece in row:
                    _place(current, piece, row)
                continue
            # a new block of columns: lone lines waiting become headline lines before it, from
            # the first after a blank row (the ones before it end the block above)
            if deferred:
                if opening is None:  # from the first centred line, else all
                    opening = next((n for n, p in enumerate(deferred)
                                    if _is_long(p) and _is_page_line([p], width)), 0)
                if current is not None and current.columns:
                    for piece in deferred[:opening]:
                        _place(current, piece)
                blocks.append(Block(columns=False, rows=deferred[opening:]))
                deferred = []
            current, first_row = start_columns(row), i
            _take_pending(current, pending_short, blocks)
            pending_short = []
            blocks.append(current)
            continue
        if not longs:  # short pieces only
            if deferred:
                deferred += row  # kept in row order with the lone lines before them
            elif current is not None and current.columns:
                for piece in row:
                    _place(current, piece)
            else:
                pending_short += row
            continue
        piece = longs[0]  # one line, maybe beside vertical text: they go together
        # within columns, a centred line is a headline's only after a blank row (the middle
        # column of an odd number is centred too)
        after_lines = current is None or not current.columns
        # a line at no column's edge, with another such line just under it (a headline has a
        # kicker, a byline or a subtitle; a column's centred sub-heading has its column under it)
        unaligned = not after_lines and not _aligned(piece, i, rows, multi, current) and any(
            sum(1 for p in rows[j] if _is_long(p)) == 1 and _is_page_line(rows[j], width, loose=True)
            and not _aligned([p for p in rows[j] if _is_long(p)][0], j, rows, multi, current, strict=True)
            for j in range(i + 1, min(i + 3, len(rows))))
        headline = _is_page_line(row, width, centred=after_lines or unaligned or piece.row - 1 in blank,
                                 loose=after_lines or unaligned)
        if current is not None and current.columns and not headline and (
                not any(t.overlaps(piece) for t in current.long_tracks())
                or not _spans(piece, i, rows, multi, current, first_row)):
            deferred += row  # a column's line (of a column not seen yet, when it overlaps none)
            continue
        if (current is None or not current.columns) and not headline:
            # a line in from the page's centre after headline lines: a column's first line
            if current is not None and pending_short:
                current.rows += pending_short
                pending_short = []
            current, first_row = start_columns(row), i
            _take_pending(current, pending_short, blocks)
            pending_short = []
            blocks.append(current)
            continue
        # a spanning line, or one after lines: a line block
        if current is None or current.columns:
            moved = _headline_lines(deferred, current, blank)
            for p in deferred:
                if p not in moved:
                    assert current is not None, "lines wait only behind a block"
                    _place(current, p)
            deferred = []
            if pending_short:
                blocks.append(Block(columns=False, rows=pending_short))
                pending_short = []
            current = Block(columns=False, rows=moved)
            blocks.append(current)
        elif pending_short:
            current.rows += pending_short
            pending_short = []
        current.rows += row
    if current is not None and current.columns:
        for piece in deferred:
            _place(current, piece)
    elif deferred:
        blocks.append(Block(columns=False, rows=deferred))
    if pending_short:
        blocks.append(Block(columns=False, rows=pending_short))
    for block in blocks:
        _give_back_marks(block)
        for track in block.long_tracks():
            _fill_gaps(track)
    return blocks


def _fill_gaps(track: Track) -> None:
    """A character drawn from another font may be set a row above or below its line, which
    keeps a space where it stood (``文曾言 今`` with ``⋯`` over the space): a lone character of a
    column that stands over a single space of the line after or before it goes into that space."""
    pieces = sorted(track.pieces, key=lambda p: (p.row, p.start))
    for n, piece in enumerate(pieces):
        if len(piece.text) != 1:
            continue
        for other in (pieces[n + 1:n + 2] + pieces[max(0, n - 1):n]):
            at = piece.start - other.start
            if len(other.text) > 2 and 0 < at < len(other.text) - 1 and other.text[at] == " " \
                    and other.text[at - 1] != " " and other.text[at + 1] != " ":
                other.text = other.text[:at] + piece.text + other.text[at + 1:]
                track.pieces.remove(piece)
                break


def _is_mark(piece: Piece) -> bool:
    """Punctuation that is not a CJK character (``/``, ``:``, ``——``), which vertical text
    prints turned."""
    return all(unicodedata.category(c).startswith("P") and unicodedata.east_asian_width(c) in "NaH"
               for c in piece.text if not c.isspace())


def _is_dash(piece: Piece) -> bool:
    return all(unicodedata.category(c) == "Pd" for c in piece.text if not c.isspace())


def _give_back_marks(block: Block) -> None:
    """Narrow punctuation of vertical text (文/ 图/) is printed turned, and pdftotext sets it
    apart, a place or two off its column: each such mark, in row order, goes back to a column
    that goes on below it, preferring one it would follow the first character of (a role's
    separator: 文/), then the nearest at or right of it, then the nearest on its left; each
    column takes one mark at one place."""
    vertical = [t for t in block.tracks if t.vertical]
    _give_back_dashes(vertical, block)
    vertical = [t for t in block.tracks if t.vertical]
    marks = [p for t in vertical for p in t.pieces if _is_mark(p)]
    columns = [t for t in vertical if any(not _is_mark(p) for p in t.pieces)]
    if not marks or not columns:
        return
    for track in vertical:
        track.pieces = [p for p in track.pieces if not _is_mark(p)]
    block.tracks = [t for t in block.tracks if t.pieces]
    taken: set[tuple[int, int]] = set()
    for piece in sorted(marks, key=lambda p: (p.row, p.start)):
        right = sorted((t for t in columns if t.start >= piece.start), key=lambda t: t.start)
        left = sorted((t for t in columns if t.start < piece.start), key=lambda t: -t.start)
        choices = []
        for target in sorted(right + left, key=lambda t: not t.overlaps(piece)):
            own = [p for p in target.pieces if not _is_mark(p)]
            chars = sum(len(p.text) for p in own if p.row < piece.row)
            slot = sum(1 for p in own if p.row < piece.row)
            inside = 0 < slot < len(own)
            if (id(target), slot) not in taken:
                choices.append((not target.overlaps(piece), not (inside and chars == 1), not inside, target, slot))
        if not choices:
            (right + left)[0].pieces.append(piece)
            continue
        *_, target, slot = min(choices, key=lambda c: c[:3])
        taken.add((id(target), slot))
        target.pieces.append(piece)


def _aligned(piece: Piece, i: int, rows: list[list[Piece]], multi: list[int], block: Block | None,
             strict: bool = False) -> bool:
    """A line that starts at a column's left edge, or its first line's indent: of a column of the
    block it lies in, or of a nearby row of columns below it."""
    edges = [t.start for t in block.long_tracks() if t.overlaps(piece)] if block is not None else []
    at = bisect.bisect_right(multi, i)
    below = [p.start for j in multi[at:at + LOOKAROUND] for p in rows[j] if _is_long(p)
             and (not strict or p.overlaps(piece.start, piece.end))]
    edges += ([min(below)] if below else []) if strict else below  # strict: the leftmost line's start
    return any(-1 <= piece.start - edge <= INDENT + 1 for edge in edges)


def _is_page_line(row: list[Piece], width: int, centred: bool = True, loose: bool = False) -> bool:
    """A line of the page, not of a column: the masthead or the page's credits, or (when
    ``centred`` is asked) a line centred on the page (a headline, its kicker, subtitle or byline);
    ``loose``ly centred under another headline line (a column's first line starts at its left)."""
    text = " ".join(p.text for p in row)
    if parse_masthead(text) is not None or parse_credits_line(text) is not None:
        return True
    if not centred:
        return False
    start, end = row[0].start, row[-1].end
    return abs(start + end - width) <= max(CENTRE, (LOOSE_SHARE if loose else CENTRE_SHARE) * width)


def _give_back_dashes(vertical: list[Track], block: Block) -> None:
    """A dash of vertical text (a subtitle's ——) set apart from every column goes to the
    nearest column at or right of it."""
    for track in [t for t in vertical if all(_is_dash(p) for p in t.pieces)]:
        others = [t for t in vertical if t is not track and not all(_is_dash(p) for p in t.pieces)]
        if not others:
            continue
        right = sorted((t for t in others if t.start >= track.start), key=lambda t: t.start)
        left = sorted((t for t in others if t.start < track.start), key=lambda t: -t.start)
        (right + left)[0].pieces += track.pieces
        block.tracks.remove(track)


def _take_pending(block: Block, pending: list[Piece], blocks: list[Block]) -> None:
    """Short pieces seen before a block's first row: vertical text of the block when they stand
    clear of its columns, else short headline lines before it."""
    before = []
    for piece in pending:
        if any(t.overlaps(piece) for t in block.long_tracks()):
            before.append(piece)
        else:
            _place(block, piece)
    if before:
        blocks.append(Block(columns=False, rows=before))


def _split_at_gutter(piece: Piece, block: Block) -> list[Piece]:
    """Two columns' lines with one space between them (a line that ran into the gutter), in a
    row of columns: a piece over two columns that a single space cuts into one line of each."""
    tracks = block.long_tracks()
    if not _is_long(piece) or sum(1 for t in tracks if t.core_overlaps(piece)) < 2:
        return [piece]
    for at in (n for n, c in enumerate(piece.text) if c == " "):
        left = Piece(piece.row, piece.start, piece.text[:at])
        right = Piece(piece.row, piece.start + at + 1, piece.text[at + 1:])
        if not (_is_long(left) and _is_long(right)):
            continue
        left_hits = [t for t in tracks if t.core_overlaps(left)]
        right_hits = [t for t in tracks if t.core_overlaps(right)]
        if len(left_hits) == 1 and right_hits and left_hits[0] is not right_hits[0] \
                and left_hits[0] not in right_hits:
            return [left] + _split_at_gutter(right, block)
    return [piece]


def _fits(block: Block, row: list[Piece]) -> bool:
    used: set[int] = set()
    for piece in row:
        if not _is_long(piece):
            continue
        hits = [n for n, t in enumerate(block.tracks) if not t.vertical and t.overlaps(piece)]
        if len(hits) > 1 or (hits and hits[0] in used):
            return False
        used.update(hits)
    return True


def _spans(piece: Piece, i: int, rows: list[list[Piece]], multi: list[int], block: Block, first: int) -> bool:
    """A lone line that lies over two columns: of the block, or of a nearby row of the block's
    columns (the rows after it up to the block's end)."""
    tracks = [t for t in block.long_tracks() if t.overlaps(piece)]
    if len(tracks) != 1 or len(piece.text) > WIDER * tracks[0].width() + 1:
        return True
    at = bisect.bisect_left(multi, i)
    before = [j for j in multi[max(0, at - LOOKAROUND):at] if j >= first]
    after: list[int] = []
    for j in multi[bisect.bisect_right(multi, i):]:
        if len(after) == LOOKAROUND or not _fits(block, rows[j]):
            break
        after.append(j)
    return any(sum(1 for p in rows[j] if _is_long(p) and p.overlaps(piece.start, piece.end)) >= 2
               for j in before + after)


def _headline_lines(deferred: list[Piece], block: Block | None, blank: set[int]) -> list[Piece]:
    """Of the lone lines waiting before a spanning line, those that belong with it: the ones
    from the first after a blank row, centred in its column or like a heading on (a headline
    stands apart from the columns above it)."""
    if block is None:
        return []
    moved: list[Piece] = []
    for piece in deferred:
        if _is_long(piece) and (moved or piece.row - 1 in blank or _centred(piece, block)
                                or _heading_like(piece, block)):
            moved.append(piece)
    return moved


def _heading_like(piece: Piece, block: Block) -> bool:
    """A line well short of its column that ends in no punctuation: no column's last line (a
    paragraph ends with a mark), a kicker above a headline."""
    tracks = [t for t in block.long_tracks() if t.overlaps(piece)]
    return len(tracks) == 1 and len(piece.text) <= HEADING_SHARE * tracks[0].width() and piece.text[-1].isalnum()


def _centred(piece: Piece, block: Block) -> bool:
    """A line set in from both edges of its column: a headline line, not a column's line."""
    tracks = [t for t in block.long_tracks() if t.overlaps(piece)]
    return len(tracks) == 1 and piece.start > tracks[0].start + INDENT + 1 and piece.end < tracks[0].end - 1


def _place(block: Block, piece: Piece, row: list[Piece] | None = None) -> None:
    """Put a piece on the track it overlaps (a long one first), else on a new track. A short
    piece between two column lines of its row that overlaps no track is a character the
    extractor set apart from the end of the line on its left (a rare character drawn from
    another font): it goes back there."""
    if not _is_long(piece):
        if row is not None and not any(t.overlaps(piece) for t in block.tracks):
            left = [p for p in row if _is_long(p) and p.end <= piece.start]
            right = [p for p in row if _is_long(p) and p.start >= piece.end]
            if left and right and piece.start - left[-1].end < right[0].start - piece.end:
                left[-1].text += piece.text
                return
        if (parts := _split_short(piece)) is not None and not any(
                t.overlaps(piece) for t in block.long_tracks()):
            for part in parts:
                _place(block, part)
            return
    hits = [t for t in block.tracks if t.overlaps(piece)]
    # a short piece joins a column only within the column's usual width (vertical text beside it)
    longs = [t for t in hits if not t.vertical and (_is_long(piece) or t.core_overlaps(piece))]
    hits = [t for t in hits if t.vertical or t in longs]
    target = longs[0] if longs else hits[0] if hits else None
    if target is None:
        target = Track()
        block.tracks.append(target)
    target.add(piece)


def _read_block(block: Block) -> list[str]:
    if not block.columns:
        lines: dict[int, list[Piece]] = {}
        for piece in sorted(block.rows, key=lambda p: (p.row, p.start)):
            lines.setdefault(piece.row, []).append(piece)
        return [" ".join(p.text for p in pieces) for pieces in lines.values()]
    out: list[str] = []
    vertical = sorted((t for t in block.tracks if t.vertical), key=lambda t: -t.start)
    body = sorted((t for t in block.tracks if not t.vertical), key=lambda t: t.start)
    for track in vertical:
        for piece in sorted(track.pieces, key=lambda p: (p.row, p.start)):
            out += [c for c in piece.text if not c.isspace()]
        out.append("")
    for track in body:
        pieces = sorted(track.pieces, key=lambda p: (p.row, p.start))
        for n, piece in enumerate(pieces):
            near = Counter(p.start for p in pieces[max(0, n - 6):n + 7])
            edge = min(near, key=lambda s: (-near[s], s))
            edge = min(edge, min(near))  if near[min(near)] >= 2 else edge
            out.append((INDENT_MARK if piece.start >= edge + INDENT else "") + piece.text)
        out.append("")
    return out
