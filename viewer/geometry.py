"""Where text sits on a page picture: article regions and search-hit boxes.

A page keeps one box per character of its raw text (from a PDF's positions; none for plain
text). An article knows which lines of that text it was read from; its region is those lines'
boxes merged into blocks, and a hit is found again in those lines to outline it.
"""

from __future__ import annotations

from viewer.vertical import horizontal

Box = tuple[int, int, int, int]  # x, y, width, height in picture pixels
LINE_GAP = 1.6  # lines this many line heights apart or closer belong to one block


def line_spans(raw_text: str) -> list[tuple[int, int]]:
    """Start and end offset of each line of ``raw_text``."""
    spans, start = [], 0
    for line in raw_text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def union(boxes: list[Box]) -> Box:
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    right, bottom = max(b[0] + b[2] for b in boxes), max(b[1] + b[3] for b in boxes)
    return left, top, right - left, bottom - top


def region(raw_text: str, boxes: list[Box | None], lines: list[int]) -> list[Box]:
    """The article's blocks: its lines' boxes, merged where one line follows under the other
    (a column, or a vertical headline) and overlaps it across."""
    spans = line_spans(raw_text)
    line_boxes = []
    for n in lines:
        start, end = spans[n]
        chars = [b for b in boxes[start:end] if b is not None]
        if chars:
            line_boxes.append(union(chars))
    blocks: list[list[Box]] = []
    for box in line_boxes:
        block = next((b for b in blocks if _continues(b[-1], box)), None)
        if block is None:
            blocks.append([box])
        else:
            block.append(box)
    return [union(block) for block in blocks]


def _continues(above: Box, box: Box) -> bool:
    overlaps_across = box[0] < above[0] + above[2] and above[0] < box[0] + box[2]
    gap = box[1] - (above[1] + above[3])
    return overlaps_across and -above[3] <= gap <= LINE_GAP * max(above[3], box[3])


def hit_boxes(raw_text: str, boxes: list[Box | None], lines: list[int], needle: str) -> list[Box]:
    """Boxes outlining every occurrence of ``needle`` (as printed) in the given lines, one box
    per line an occurrence touches. Whitespace and line breaks are ignored on both sides."""
    target = "".join(horizontal(needle).split())
    if not target:
        return []
    spans = line_spans(raw_text)
    chars, where = [], []  # the lines' visible characters, and each one's offset in raw_text
    for n in lines:
        start, end = spans[n]
        for offset in range(start, end):
            if not raw_text[offset].isspace():
                chars.append(horizontal(raw_text[offset]))
                where.append(offset)
    text = "".join(chars)
    found, at = [], text.find(target)
    while at >= 0:
        by_line: dict[int, list[Box]] = {}
        for offset in where[at:at + len(target)]:
            box = boxes[offset]
            if box is not None:
                by_line.setdefault(raw_text.count("\n", 0, offset), []).append(box)
        found += [union(line) for line in by_line.values()]
        at = text.find(target, at + len(target))
    return found
