"""Reading order for OCR'd lines, and the page text made from them.

An engine gives lines with boxes, in no useful order (RapidOCR goes row by row across the
columns). The page is first parted at the rules drawn across it (under the masthead, between
stacked articles: found in the picture), then each part is ordered from the boxes alone, by
recursive XY-cut: a region is cut at the widest empty band across it (between stacked
blocks) or down it (a column gutter), in units of the page's type size, until no band is
left (on a page of horizontal text, across first whenever there is a band across: articles
are stacked, and their gutters may line up);
stacked parts are read top to bottom, parts side by side left to right — or right to left
where the text is vertical (a page set in vertical columns, as the 1930s papers were). On a
page of horizontal text, vertical lines beside text are its headline, subtitle and byline
(set to its right): they are read first.

The text is made as a PDF's text layer would give it, so the page reader that splits e-paper
text into articles reads OCR'd pages the same way: horizontal lines one per line with a space
where the characters leave a gap, first lines of paragraphs marked by their indent within
their block, marks an engine reads as characters given back (口 for a byline's □); vertical
headlines one character per line with a blank line between columns; on a page set vertically,
each column one line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from viewer.ingest.epaper import BYLINE_MARKS, parse_byline
from viewer.ingest.ocr.engines import Box, OcrLine
from viewer.ingest.pdf import TextLine, mark_indents, with_vertical_gaps

INDENT_TOLERANCE = 0.25  # ems: lines whose left edges are this close start at one column edge
MIN_BAND = 0.6  # ems: an empty band narrower than this is line spacing, not a cut
STACK_OVERLAP = 0.6  # single characters stacked this aligned are one vertical line
MISREAD_BYLINE_MARK = "口"  # what engines read a byline's □ as


@dataclass
class OcrText:
    text: str
    boxes: list[Box | None]  # one per character of text
    confidence: list[float | None]  # one per character of text; None for spaces and breaks


def page_text(lines: list[OcrLine], rules: Sequence[int] = ()) -> OcrText:
    """The page's text from its lines; ``rules`` are the heights of the rules drawn across
    it, which part what is above from what is below whatever the lines' boxes reach."""
    lines = _stacks_joined([line for line in lines if line.chars])
    if not lines:
        return OcrText("", [], [])
    em = _em(lines)
    vertical_page = sum(len(line.chars) for line in lines if line.vertical) > \
        sum(len(line.chars) for line in lines if not line.vertical)
    text_lines: list[TextLine] = []
    confidence: dict[int, float] = {}  # id of a character's box → its confidence
    blocks = [block for part in _split_at_rules(lines, rules) for block in _order(part, em, vertical_page)]
    for block in blocks:
        block_lines: list[TextLine] = []
        for line in block:
            if line.vertical and not vertical_page:  # a headline: a character per line, as a PDF gives it
                for char in line.chars:
                    block_lines.append(TextLine(char.text, [char.box]))
                    confidence[id(block_lines[-1].boxes[0])] = char.confidence
            else:
                block_lines.append(_marks_restored(_text_line(line, confidence)))
        if not vertical_page:  # a line's column is the lines of its block: a centred byline
            # above the text is no indented first line of a paragraph
            mark_indents(block_lines, em=em, tolerance=INDENT_TOLERANCE * em)
        text_lines += block_lines
    if not vertical_page:
        text_lines = with_vertical_gaps(text_lines)
    chars: list[str] = []
    boxes: list[Box | None] = []
    sure: list[float | None] = []
    for n, text_line in enumerate(text_lines):
        if n:
            chars.append("\n")
            boxes.append(None)
            sure.append(None)
        chars.append(text_line.chars)
        boxes += text_line.boxes
        sure += [confidence.get(id(box)) if box is not None else None for box in text_line.boxes]
    return OcrText("".join(chars), boxes, sure)


def _split_at_rules(lines: list[OcrLine], rules: Sequence[int]) -> list[list[OcrLine]]:
    """The lines between each two rules, top to bottom; a line belongs where its middle is."""
    edges = sorted(rules)
    parts: list[list[OcrLine]] = [[] for _ in range(len(edges) + 1)]
    for line in lines:
        middle = line.box[1] + line.box[3] / 2
        parts[sum(middle >= edge for edge in edges)].append(line)
    return [part for part in parts if part]


def _line_em(line: OcrLine) -> float:
    """A line's character pitch: its length over its characters."""
    return (line.box[3] if line.vertical else line.box[2]) / max(1, len(line.chars))


def _text_line(line: OcrLine, confidence: dict[int, float]) -> TextLine:
    """A horizontal line as text: its characters, one space for each run of the engine's."""
    chars: list[str] = []
    boxes: list[Box | None] = []
    for char in line.chars:
        if char.text.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                boxes.append(None)
            continue
        box = tuple(char.box)
        chars.append(char.text)
        boxes.append(box)  # type: ignore[arg-type]
        confidence[id(box)] = char.confidence
    while chars and chars[-1] == " ":
        chars.pop()
        boxes.pop()
    return TextLine("".join(chars), boxes)


def _marks_restored(line: TextLine) -> TextLine:
    """Marks an engine reads as what they look like, where the page reader needs them:
    ``口本报记者 韩平`` is ``□ 本报记者 韩平`` (the box that opens a byline, read as the character
    口); ``—桂施政计划`` opening a line is the subtitle's ``——`` (the pair joins into one
    long dash, read as one)."""
    text = line.chars
    if text.startswith(MISREAD_BYLINE_MARK) and parse_byline(text[1:]) is not None:
        line.chars = BYLINE_MARKS[0] + text[1:]
    elif text.startswith("—") and text[1:2] not in ("", "—"):
        line.chars = "——" + text[1:]
        line.boxes = line.boxes[:1] + line.boxes
    return line


def _em(lines: list[OcrLine]) -> float:
    """The body type size: the median character pitch (a line's length over its characters;
    engines' boxes are padded, their pitch is not)."""
    pitches = [_line_em(line) for line in lines if len(line.chars) >= 4]
    return float(median(pitches)) if pitches else float(median(max(line.box[2], line.box[3]) for line in lines))


def _stacks_joined(lines: list[OcrLine]) -> list[OcrLine]:
    """Single characters and short columns an engine found one below the other (a vertical
    headline) joined into one vertical line."""
    singles = sorted((line for line in lines if len(line.chars) == 1 or line.vertical), key=lambda line: line.box[1])
    others = [line for line in lines if not (len(line.chars) == 1 or line.vertical)]
    stacks: list[list[OcrLine]] = []
    for line in singles:
        stack = next((s for s in stacks if _stacks_on(s[-1].box, line.box)), None)
        if stack is None:
            stacks.append([line])
        else:
            stack.append(line)
    for stack in stacks:
        if len(stack) == 1:
            others.append(stack[0])
            continue
        chars = [c for line in stack for c in line.chars]
        others.append(OcrLine(chars, _union([c.box for c in chars]), vertical=True))
    return others


def _stacks_on(above: Box, below: Box) -> bool:
    overlap = min(above[0] + above[2], below[0] + below[2]) - max(above[0], below[0])
    gap = below[1] - (above[1] + above[3])
    return overlap >= STACK_OVERLAP * max(above[2], below[2]) and -0.5 * min(above[2], below[2]) <= gap <= above[2]


def _union(boxes: list[Box]) -> Box:
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, bottom = max(b[0] + b[2] for b in boxes), max(b[1] + b[3] for b in boxes)
    return left, top, right - left, bottom - top


def _bands(spans: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Empty bands between the covered stretches of an axis: (width, start, end)."""
    bands = []
    spans = sorted(spans)
    reach = spans[0][1]
    for start, end in spans[1:]:
        if start > reach:
            bands.append((start - reach, reach, start))
        reach = max(reach, end)
    return bands


def _order(lines: list[OcrLine], em: float, vertical_page: bool) -> list[list[OcrLine]]:
    """The blocks XY-cut leaves, in reading order, each its lines in order."""
    if len(lines) <= 1:
        return [lines]
    across = _bands([(line.box[1], line.box[1] + line.box[3]) for line in lines])  # stacked parts
    down = _bands([(line.box[0], line.box[0] + line.box[2]) for line in lines])  # side by side
    widest_across = max(across, default=(0, 0, 0))
    widest_down = max(down, default=(0, 0, 0))
    if max(widest_across[0], widest_down[0]) < MIN_BAND * em:
        return [_leaf(lines, vertical_page)]
    # A page of horizontal text is stacked articles first: the gutters of two articles one
    # above the other often line up into one band down the page, which must not be cut first.
    if widest_across[0] >= widest_down[0] or (not vertical_page and widest_across[0] >= MIN_BAND * em):
        cuts = [band for band in across if band[0] >= MIN_BAND * em]
        parts = _split(lines, cuts, axis=1)
        return [block for part in parts for block in _order(part, em, vertical_page)]
    cuts = [band for band in down if band[0] >= MIN_BAND * em]
    parts = _split(lines, cuts, axis=0)
    if vertical_page:
        parts.reverse()
    else:
        parts = _headlines_first(parts)
    return [block for part in parts for block in _order(part, em, vertical_page)]


def _split(lines: list[OcrLine], cuts: list[tuple[int, int, int]], axis: int) -> list[list[OcrLine]]:
    edges = sorted(end for _, _, end in cuts)
    parts: list[list[OcrLine]] = [[] for _ in range(len(edges) + 1)]
    for line in lines:
        parts[sum(line.box[axis] >= edge for edge in edges)].append(line)
    return [part for part in parts if part]


def _headlines_first(parts: list[list[OcrLine]]) -> list[list[OcrLine]]:
    """Parts side by side. A run of parts of vertical lines only is the headline, subtitle and
    byline of the text parts on its left (back to the previous such run): they are read first,
    right to left, then the text left to right."""
    groups: list[tuple[list, list]] = [([], [])]  # (text parts, vertical parts to their right)
    for part in parts:
        if all(line.vertical for line in part):
            groups[-1][1].append(part)
        else:
            if groups[-1][1]:
                groups.append(([], []))
            groups[-1][0].append(part)
    return [part for texts, verticals in groups for part in verticals[::-1] + texts]


def _leaf(lines: list[OcrLine], vertical_page: bool) -> list[OcrLine]:
    """Lines of one block: rows top to bottom (left to right within a row); vertical columns
    right to left."""
    if all(line.vertical for line in lines) or vertical_page:
        return sorted(lines, key=lambda line: (-(line.box[0] + line.box[2]), line.box[1]))
    rows: list[list[OcrLine]] = []
    for line in sorted(lines, key=lambda line: line.box[1]):
        row = rows[-1] if rows else None
        if row and _same_row(row[-1].box, line.box):
            row.append(line)
        else:
            rows.append([line])
    return [line for row in rows for line in sorted(row, key=lambda line: line.box[0])]


def _same_row(a: Box, b: Box) -> bool:
    overlap = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return overlap > 0.5 * min(a[3], b[3])
