"""Page PDFs (the e-paper's own PDF, or a scan's PDF with a hidden OCR layer) via pypdfium2,
which needs no system binaries.

Each PDF page gives its text in content order with a box per character, and a rendered
picture. Lines that start well right of their column's left edge get two ideographic spaces,
the mark the page reader takes for a paragraph's first line: positions make the indent the
text extractor dropped explicit again. A page with no text layer is a scan.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from statistics import median

import pypdfium2 as pdfium

from viewer.errors import InputError
from viewer.limits import Deadline, check_page_count

RENDER_LONG_SIDE = 4000  # px: a newspaper page readable when zoomed in
RENDER_MAX_SCALE = 300 / 72  # never above 300 dpi
INDENT_MIN_EM, INDENT_MAX_EM = 1.5, 3.5  # how far right of the column a first line starts
NEIGHBOURS = 4  # lines either side that may share a line's column
# pdfium's mark for a hyphen at a line end. Where it breaks a word (anti-/leaguers) the mark
# goes and the halves are joined; elsewhere (煤-焦-化) it is the hyphen as printed.
HYPHEN_AT_LINE_END = "\ufffe"

Box = tuple[int, int, int, int]  # x, y, width, height in picture pixels


@dataclass
class PdfPage:
    text: str  # lines joined by "\n", first lines marked with "\u3000\u3000"
    boxes: list[Box | None]  # one per character of text; None for line breaks and marks
    picture: bytes  # the rendered page, JPEG
    has_text: bool


@dataclass
class TextLine:
    chars: str
    boxes: list[Box | None]

    @property
    def visible(self) -> list[Box]:
        return [b for c, b in zip(self.chars, self.boxes) if b is not None and not c.isspace()]

    @property
    def left(self) -> int:
        return min(b[0] for b in self.visible)

    @property
    def right(self) -> int:
        return max(b[0] + b[2] for b in self.visible)

    @property
    def em(self) -> float:
        return median(max(b[2], b[3]) for b in self.visible)


def read_pdf(data: bytes, source: str, deadline: Deadline | None = None) -> list[PdfPage]:
    """The PDF's pages, each checked against the file's ``deadline`` once read."""
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise InputError(f"{source}: not a PDF Gazette can read ({error})") from error
    try:
        if len(document) == 0:
            raise InputError(f"{source}: the PDF has no pages")
        check_page_count(len(document), source)
        deadline = deadline or Deadline(source)
        pages = []
        for n in range(len(document)):
            pages.append(_read_page(document[n], source, n + 1))
            deadline.check(f"page {n + 1} of {len(document)}")
        return pages
    finally:
        document.close()


def _read_page(page: pdfium.PdfPage, source: str, number: int) -> PdfPage:
    width, height = page.get_size()
    scale = min(RENDER_MAX_SCALE, RENDER_LONG_SIDE / max(width, height))
    try:
        textpage = page.get_textpage()
        lines = _lines(textpage, height, scale)
        picture = page.render(scale=scale).to_pil().convert("RGB")
    except pdfium.PdfiumError as error:
        raise InputError(f"{source}: page {number} of the PDF cannot be read ({error})") from error
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85, optimize=True)
    mark_indents(lines)
    text = "\n".join(line.chars for line in lines)
    boxes: list[Box | None] = []
    for n, line in enumerate(lines):
        boxes += line.boxes + ([None] if n < len(lines) - 1 else [])
    return PdfPage(text, boxes, buffer.getvalue(), has_text=any(line.visible for line in lines))


def _lines(textpage: pdfium.PdfTextPage, page_height: float, scale: float) -> list[TextLine]:
    """The text in content order, split into lines at the breaks pdfium puts between them."""
    text = textpage.get_text_range()
    lines: list[TextLine] = []
    chars: list[str] = []
    boxes: list[Box | None] = []
    joining = False  # after a line-end hyphen: the break that follows joins the word's halves
    for index, char in enumerate(text):
        if char == HYPHEN_AT_LINE_END:
            if _breaks_a_word(text, index):
                joining = True
                continue
            char = "-"  # a hyphen printed between characters that stand apart: 煤-焦-化
        if char in "\r\n" and joining:
            continue
        joining = False
        if char in "\r\n":
            if char == "\n" or not text[index + 1:index + 2] == "\n":
                lines.append(TextLine("".join(chars), boxes))
                chars, boxes = [], []
            continue
        left, bottom, right, top = textpage.get_charbox(index)
        box = (round(left * scale), round((page_height - top) * scale),
               round((right - left) * scale), round((top - bottom) * scale))
        chars.append(char)
        boxes.append(box if box[2] > 0 and box[3] > 0 else None)
    lines.append(TextLine("".join(chars), boxes))
    return with_vertical_gaps(lines)


def _breaks_a_word(text: str, index: int) -> bool:
    """Whether the line-end hyphen at ``index`` splits a word of letters (anti-/leaguers); Chinese
    is never hyphenated, so a hyphen beside a CJK character is printed text."""
    before = text[index - 1:index]
    after = text[index + 1:].lstrip("\r\n")[:1]
    return before.isalpha() and after.isalpha() and not _is_cjk(before) and not _is_cjk(after)


def _is_cjk(char: str) -> bool:
    return "\u2e80" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or char >= "\U00020000"


def with_vertical_gaps(lines: list[TextLine]) -> list[TextLine]:
    """Vertical text comes one character per line; where the printed column leaves a gap (between
    the names of a vertical byline) or a new column starts, put the blank line a text extractor
    would."""
    spaced: list[TextLine] = []
    for line in lines:
        previous = spaced[-1] if spaced else None
        if previous is not None and _is_vertical_char(previous) and _is_vertical_char(line):
            above, below = previous.visible[-1], line.visible[0]
            gap = below[1] - (above[1] + above[3])
            if abs(below[0] - above[0]) >= above[2] or gap > 0.5 * above[3]:  # a new column, or a gap
                spaced.append(TextLine("", []))
        spaced.append(line)
    return spaced


def _is_vertical_char(line: TextLine) -> bool:
    return 0 < len(line.visible) <= 2


def _column_left(lefts: list[int], tolerance: float) -> int:
    """The left edge of a column: the leftmost edge two or more of its lines share (a centred
    headline of the next article may reach further left than one line of the column)."""
    shared = [left for left in lefts if sum(abs(left - other) <= tolerance for other in lefts) >= 2]
    return min(shared or lefts)


def mark_indents(lines: list[TextLine], *, em: float | None = None, tolerance: float = 1) -> None:
    """Mark lines that start INDENT_MIN_EM–INDENT_MAX_EM right of the leftmost line near them
    whose span overlaps theirs (their column). Lines share an edge within ``tolerance`` pixels
    (a PDF's positions are exact; OCR's boxes wander); ``em`` is the type size when the
    characters' boxes do not give it (OCR pads them)."""
    marks = []
    for n, line in enumerate(lines):
        if len(line.visible) < 4:  # a vertical headline's characters, a stray mark
            marks.append(False)
            continue
        column = [other for other in lines[max(0, n - NEIGHBOURS):n + NEIGHBOURS + 1]
                  if len(other.visible) >= 4 and other.left < line.right and line.left < other.right]
        offset = (line.left - _column_left([other.left for other in column], tolerance)) / (em or line.em)
        marks.append(len(column) > 1 and INDENT_MIN_EM <= offset <= INDENT_MAX_EM)
    for line, marked in zip(lines, marks):
        if marked:
            stripped = line.chars.lstrip()
            line.boxes = [None, None, *line.boxes[len(line.chars) - len(stripped):]]
            line.chars = "\u3000\u3000" + stripped
