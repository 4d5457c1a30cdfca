"""ALTO page files (v1.4 without a namespace, v2, v3, v4): words with their boxes.

``read_alto`` turns each ``Page`` of the file into an :class:`AltoPage`: every ``String`` in
document order as a :class:`Word` (its text, box in the file's unit, confidence ``WC``,
hyphenation), and for every element with an ``ID`` (block, composed block, line, word,
illustration) the range of words it holds and its box. METS areas point at those IDs (``BEGIN``, ``END``), so articles
are assembled from word ranges (see :mod:`viewer.ingest.library`).

Text comes out twice, from the same words:

- as printed (:func:`page_text`): one line of the page text per ``TextLine``, words joined
  by a space where the file has ``SP`` (or between two words that are not both Chinese),
  a line-end ``HYP`` kept as its hyphen; one box per character inside its word's box
  (across for horizontal words, downwards for a tall word of Chinese characters), and one
  confidence per character (its word's);
- as read (:meth:`AltoPage.text`): hyphenated words joined again (``SUBS_CONTENT`` where the
  file gives it, else the two parts without the ``HYP``), lines joined with a space.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from viewer.errors import InputError
from viewer.ingest.xmlsafe import children, descendants, local, parse_xml

Box = tuple[int, int, int, int]
UnitBox = tuple[float, float, float, float]  # x, y, width, height in the file's MeasurementUnit
BLOCKS = ("TextBlock", "ComposedBlock", "Illustration", "GraphicalElement")
NOMINAL_DPI = 300  # boxes in inch1200 or mm10 with no page picture to scale them to
PIXELS_PER_UNIT = {"pixel": 1.0, "inch1200": NOMINAL_DPI / 1200, "mm10": NOMINAL_DPI / 254}


@dataclass
class Word:
    text: str
    box: UnitBox | None
    confidence: float | None  # WC, 0–1
    line: int  # index of its TextLine: the line of the page text it is printed on
    space_before: bool
    hyphen_part: int = 0  # 1 or 2 for the two halves of a hyphenated word (SUBS_TYPE HypPart1/2)
    whole: str = ""  # SUBS_CONTENT: the hyphenated word whole


@dataclass
class Line:
    words: tuple[int, int]  # range of word indices
    hyphen: str = ""  # the HYP printed at its end
    hyphen_box: UnitBox | None = None


@dataclass
class AltoPage:
    width: float | None  # the Page's WIDTH and HEIGHT, in unit
    height: float | None
    unit: str
    words: list[Word] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # element ID → word range
    boxes: dict[str, UnitBox] = field(default_factory=dict)  # element ID → box
    top_blocks: list[str] = field(default_factory=list)  # IDs of the page's outermost blocks, in order
    block_types: dict[str, str] = field(default_factory=dict)  # ID → element name, or TYPE of a ComposedBlock
    text_blocks: list[str] = field(default_factory=list)  # IDs of every TextBlock, in order

    def text(self, start: int, end: int) -> str:
        """The words ``start``…``end`` as read: hyphenated words whole, lines joined."""
        out: list[str] = []
        joined = False  # the previous word's end was hyphenated: this word continues it
        for n in range(start, end):
            word = self.words[n]
            if word.hyphen_part == 2 and n > start and self.words[n - 1].hyphen_part == 1 \
                    and self.words[n - 1].whole and self.words[n - 1].whole == word.whole:
                joined = False
                continue  # its first half was written whole
            if out and not joined:
                out.append(_separator(self.words[n - 1], word, new_line=word.line != self.words[n - 1].line))
            if word.hyphen_part == 1 and word.whole:
                out.append(word.whole)
                joined = False
            else:
                out.append(word.text)
                line = self.lines[word.line]
                joined = bool(line.hyphen) and n == line.words[1] - 1
        return "".join(out).strip()

    def lines_of(self, start: int, end: int) -> list[int]:
        return sorted({self.words[n].line for n in range(start, end)})

    def scale_to(self, picture_size: tuple[int, int] | None) -> tuple[float, float]:
        """Factors from the file's unit to the picture's pixels: the Page's size maps onto the
        picture; with no picture, pixels at NOMINAL_DPI."""
        if picture_size and self.width and self.height:
            return picture_size[0] / self.width, picture_size[1] / self.height
        factor = PIXELS_PER_UNIT.get(self.unit, 1.0)
        return factor, factor


def read_alto(data: bytes, source: str) -> list[AltoPage]:
    """Each ``Page`` of the file (nearly always one)."""
    root = parse_xml(data, source)
    if local(root) != "alto":
        raise InputError(f"{source}: not an ALTO file (its root element is <{local(root)}>)")
    return alto_pages(root, source)


def alto_pages(root: Element, source: str) -> list[AltoPage]:
    units = descendants(root, "MeasurementUnit")
    unit = (units[0].text or "pixel").strip() if units else "pixel"
    if unit not in PIXELS_PER_UNIT:
        raise InputError(f"{source}: unknown ALTO MeasurementUnit {unit!r} (expected pixel, inch1200 or mm10)")
    pages = descendants(root, "Page")
    if not pages:
        raise InputError(f"{source}: the ALTO file has no <Page>")
    read = []
    for page in pages:
        alto = AltoPage(_number(page, "WIDTH"), _number(page, "HEIGHT"), unit)
        try:
            _walk(page, alto, top=True)
        except ValueError as error:
            raise InputError(f"{source}: a position or confidence is not a number ({error})") from None
        read.append(alto)
    return read


def page_text(alto: AltoPage, scale: tuple[float, float]) -> tuple[str, list[Box | None], list[float | None]]:
    """The page text as printed, a box per character in picture pixels, and a confidence per
    character (None for spaces and line breaks)."""
    chars: list[str] = []
    boxes: list[Box | None] = []
    confidence: list[float | None] = []
    for number, line in enumerate(alto.lines):
        if number:
            chars.append("\n")
            boxes.append(None)
            confidence.append(None)
        for n in range(*line.words):
            word = alto.words[n]
            if n > line.words[0] and word.space_before:
                chars.append(" ")
                boxes.append(None)
                confidence.append(None)
            chars.append(word.text)
            boxes += _char_boxes(word.text, scaled(word.box, scale))
            confidence += [word.confidence] * len(word.text)
        if line.hyphen:
            chars.append(line.hyphen)
            box = scaled(line.hyphen_box, scale)
            boxes += [box] + [None] * (len(line.hyphen) - 1)
            confidence += [None] * len(line.hyphen)
    return "".join(chars), boxes, confidence


# -- reading the layout ----------------------------------------------------------------------------

def _walk(element: Element, alto: AltoPage, *, top: bool) -> None:
    for child in element:
        name = local(child)
        if name in BLOCKS:
            start = len(alto.words)
            ident = child.get("ID")
            if name == "TextBlock":
                for line in children(child, "TextLine"):
                    _read_line(line, alto)
            else:
                _walk(child, alto, top=False)
            if ident:
                alto.spans[ident] = (start, len(alto.words))
                alto.block_types[ident] = (child.get("TYPE") or name) if name == "ComposedBlock" else name
                box = _box(child)
                if box:
                    alto.boxes[ident] = box
                if name == "TextBlock":
                    alto.text_blocks.append(ident)
                if top:
                    alto.top_blocks.append(ident)
        elif name in ("PrintSpace", "TopMargin", "BottomMargin", "LeftMargin", "RightMargin"):
            _walk(child, alto, top=True)


def _read_line(element: Element, alto: AltoPage) -> None:
    number, start = len(alto.lines), len(alto.words)
    line = Line((start, start))
    space = False
    for child in element:
        name = local(child)
        if name == "String":
            kind = child.get("SUBS_TYPE") or ""
            word = Word(child.get("CONTENT") or "", _box(child), _confidence(child), number, space,
                        hyphen_part=2 if kind == "HypPart2" else 1 if kind == "HypPart1" else 0,
                        whole=child.get("SUBS_CONTENT") or "")
            ident = child.get("ID")
            if word.text:
                if ident:
                    alto.spans[ident] = (len(alto.words), len(alto.words) + 1)
                    if word.box:
                        alto.boxes[ident] = word.box
                alto.words.append(word)
            space = False
        elif name == "SP":
            space = True
        elif name == "HYP":
            line.hyphen = child.get("CONTENT") or "-"
            line.hyphen_box = _box(child, default_height=_box(element))
    for n in range(start, len(alto.words)):  # words the file runs together without SP
        word = alto.words[n]
        if n > start and not word.space_before:
            word.space_before = not (_wide(alto.words[n - 1].text[-1]) and _wide(word.text[0]))
    line.words = (start, len(alto.words))
    alto.lines.append(line)
    ident = element.get("ID")
    if ident:
        alto.spans[ident] = line.words
        box = _box(element)
        if box:
            alto.boxes[ident] = box


def _number(element: Element, name: str) -> float | None:
    value = element.get(name)
    return float(value) if value not in (None, "") else None


def _box(element: Element, default_height: UnitBox | None = None) -> UnitBox | None:
    values = [_number(element, name) for name in ("HPOS", "VPOS", "WIDTH", "HEIGHT")]
    if values[3] is None and default_height is not None:
        values[1], values[3] = default_height[1], default_height[3]
    if any(v is None for v in values):
        return None
    return values[0], values[1], values[2], values[3]  # type: ignore[return-value]


def _confidence(element: Element) -> float | None:
    value = _number(element, "WC")
    return None if value is None else min(1.0, max(0.0, value))


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _separator(before: Word, word: Word, *, new_line: bool) -> str:
    if new_line:
        return "" if _wide(before.text[-1]) and _wide(word.text[0]) else " "
    return " " if word.space_before else ""


def scaled(box: UnitBox | None, scale: tuple[float, float]) -> Box | None:
    if box is None:
        return None
    x, y, w, h = box
    return round(x * scale[0]), round(y * scale[1]), max(1, round(w * scale[0])), max(1, round(h * scale[1]))


def _char_boxes(text: str, box: Box | None) -> list[Box | None]:
    """A box per character inside the word's box: across, or downwards for a word of Chinese
    characters taller than it is wide (vertical text)."""
    if box is None:
        return [None] * len(text)
    x, y, w, h = box
    n = len(text)
    downwards = n > 1 and h > w and all(_wide(c) for c in text)
    length = h if downwards else w
    cuts = [round(i * length / n) for i in range(n + 1)]
    if downwards:
        return [(x, y + cuts[i], w, max(1, cuts[i + 1] - cuts[i])) for i in range(n)]
    return [(x + cuts[i], y, max(1, cuts[i + 1] - cuts[i]), h) for i in range(n)]
