"""The OCR engines Gazette drives, each giving a page's text as lines of boxed characters.

- **RapidOCR** (``rapidocr-onnxruntime`` 1.4.x: PP-OCRv4 detection and recognition models
  inside the wheel, run by onnxruntime; later versions fetch their models at run time, so the
  version is pinned). Reads Chinese well, simplified and traditional, but finds lines, not
  columns: the order comes from :mod:`viewer.ingest.ocr.layout`. A column of vertical text it
  would read turned on its side, so each tall line is cut into its characters, set side by side
  and recognised again.
- **Tesseract 5** (Debian's ``tesseract-ocr`` with its ``chi_sim``/``chi_tra`` and ``_vert``
  models) through ``pytesseract``: reads its own page layout, misreads more characters.

Both give per-character boxes in the picture's pixels and a confidence 0–1 (a Tesseract word's
confidence for each of its characters).
"""

from __future__ import annotations

import functools
import importlib.metadata
import os
import unicodedata
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from PIL import Image

from viewer.errors import GazetteError

Box = tuple[int, int, int, int]  # x, y, width, height in picture pixels
TALL = 1.5  # a line this many times taller than wide is a column of vertical text
# A space printed between two characters shows as a band without ink at least this wide (in
# line heights) and this many times the line's usual gap between characters (engines give no
# spaces in Chinese; bylines and mastheads need them: 记者 王明 张建国)
SPACE_INK_GAP, SPACE_TIMES_USUAL = 0.3, 2.5
# A dash printed as two em dashes (——, before a subtitle) reads as 一一. An em dash's stroke runs
# the whole em, 一's leaves room at both sides: strokes closer than DASH_GAP (in line heights)
# are the dash
DASH_LIKE = set("一—－-―")
DASH_GAP = 0.08
# Set vertically, the comma and full stop sit at the top right of their square; a cell pasted
# upright into a line is read as the mark a horizontal line has there
VERTICAL_MARKS = str.maketrans({"’": "，", "'": "，", "`": "，", "°": "。", "º": "。"})


class OcrUnavailable(GazetteError):
    """The engine asked for is not installed on this machine."""


@dataclass
class OcrChar:
    text: str
    box: Box
    confidence: float


@dataclass
class OcrLine:
    chars: list[OcrChar]
    box: Box
    vertical: bool

    @property
    def text(self) -> str:
        return "".join(c.text for c in self.chars)


class Engine(Protocol):
    name: str

    def read(self, picture: Image.Image, lang: str) -> list[OcrLine]: ...

    def version(self) -> str: ...


class RapidOcrEngine:
    name = "rapidocr"

    def version(self) -> str:
        return f"rapidocr-onnxruntime {importlib.metadata.version('rapidocr-onnxruntime')} (PP-OCRv4)"

    def read(self, picture: Image.Image, lang: str) -> list[OcrLine]:
        image = np.asarray(picture.convert("RGB"))
        # text_score 0: keep every line found, however unsure (nothing is dropped; the
        # confidence says how sure it was). No angle classifier: the page is straightened
        # first, and the classifier turns some upright lines over, which then read as nothing.
        found, _ = _rapidocr()(image, use_cls=False, return_word_box=True, text_score=0.0)
        lines = []
        for quad, text, score, *words in found or []:
            box = _quad_box(quad)
            if _is_tall(box, text):
                line = self._column(picture, box, text, float(score))
            else:
                line = with_spaces(picture, self._row(box, text, float(score), words))
            if line.chars:
                lines.append(line)
        return lines

    @staticmethod
    def _row(box: Box, text: str, score: float, words: list) -> OcrLine:
        word_boxes, word_texts, word_scores = (words + [None, None, None])[:3]
        chars: list[OcrChar] = []
        if word_texts and word_boxes and len(word_texts) == len(word_boxes):
            for quad, piece, confidence in zip(word_boxes, word_texts, word_scores or [score] * len(word_texts)):
                chars += _spread(piece, _quad_box(quad), float(confidence), vertical=False)
            if "".join(c.text for c in chars).replace(" ", "") == text.replace(" ", ""):
                return OcrLine(chars, box, vertical=False)
        return OcrLine(_spread(text.replace(" ", ""), box, score, vertical=False), box, vertical=False)

    @staticmethod
    def _column(picture: Image.Image, box: Box, text: str, score: float) -> OcrLine:
        """A column of vertical text: its characters cut apart where the ink leaves a gap, set
        upright side by side, and recognised again (PP-OCR reads a line left to right)."""
        x, y, w, h = box
        column = picture.convert("L").crop((x, y, x + w, y + h))
        cells = _character_cells(column)
        if len(cells) >= 2 and len(cells) != len(text):
            strip = Image.new("L", (sum(b - a for a, b in cells) + w // 2 * (len(cells) + 1), w), 255)
            at = w // 2
            for top, bottom in cells:
                strip.paste(column.crop((0, top, w, bottom)), (at, 0))
                at += bottom - top + w // 2
            read, _ = _rapidocr()(np.asarray(strip.convert("RGB")), use_det=False, use_cls=False, use_rec=True)
            if read and float(read[0][1]) > score:  # the reading it is surer of
                text, score = str(read[0][0]).replace(" ", ""), float(read[0][1])
        text = text.translate(VERTICAL_MARKS)
        if len(cells) == len(text):
            chars = [OcrChar(c, (x, y + top, w, bottom - top), score) for c, (top, bottom) in zip(text, cells)]
        else:
            chars = _spread(text, box, score, vertical=True)
        return OcrLine(chars, box, vertical=True)


class TesseractEngine:
    name = "tesseract"

    def version(self) -> str:
        return f"tesseract {_pytesseract().get_tesseract_version()}"

    def read(self, picture: Image.Image, lang: str) -> list[OcrLine]:
        tesseract = _pytesseract()
        vertical = "_vert" in lang
        missing = set(lang.split("+")) - set(tesseract.get_languages(config=""))
        if missing:
            raise OcrUnavailable(f"Tesseract has no model for {', '.join(sorted(missing))} "
                                 f"(Debian: tesseract-ocr-{'-'.join(sorted(missing)).replace('_', '-')})")
        data = tesseract.image_to_data(picture.convert("L"), lang=lang, config="--psm 3",
                                       output_type=tesseract.Output.DICT)
        lines: dict[tuple[int, int, int], list[OcrChar]] = {}
        for n, word in enumerate(data["text"]):
            word = word.strip()
            if not word:
                continue
            box = (data["left"][n], data["top"][n], data["width"][n], data["height"][n])
            confidence = max(0.0, float(data["conf"][n])) / 100
            key = (data["block_num"][n], data["par_num"][n], data["line_num"][n])
            lines.setdefault(key, []).extend(_spread(word, box, confidence, vertical=vertical and box[3] > box[2]))
        result = []
        for chars in lines.values():
            chars = [c for c in chars if c.text != " "] if vertical else chars
            visible = [c.box for c in chars if c.text != " "]
            left, top = min(b[0] for b in visible), min(b[1] for b in visible)
            right, bottom = max(b[0] + b[2] for b in visible), max(b[1] + b[3] for b in visible)
            box = (left, top, right - left, bottom - top)
            line = OcrLine(chars, box, vertical=vertical or _is_tall(box, "".join(c.text for c in chars)))
            result.append(line if line.vertical else with_spaces(picture, line))
        return result


ENGINES: dict[str, type[RapidOcrEngine] | type[TesseractEngine]] = {
    "rapidocr": RapidOcrEngine, "tesseract": TesseractEngine}
DEFAULT_ENGINE = "rapidocr"  # bench/ocr.py: fewer misread characters on every page measured


def engine(name: str) -> Engine:
    if name not in ENGINES:
        raise OcrUnavailable(f"unknown OCR engine {name!r} (known: {', '.join(ENGINES)})")
    return ENGINES[name]()


@functools.cache
def _rapidocr():
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as error:
        raise OcrUnavailable("RapidOCR is not installed (pip install 'rapidocr-onnxruntime>=1.4,<1.5')") from error
    threads = _ocr_threads()
    return RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=threads) if threads else RapidOCR()


def _ocr_threads() -> int | None:
    """``GAZETTE_OCR_THREADS``: how many threads one OCR may use (default: onnxruntime's, every
    core). Where several OCRs run at once, on a shared machine or in parallel tests, one thread
    each avoids their threads fighting over the cores (the same output, less time in all)."""
    value = os.environ.get("GAZETTE_OCR_THREADS", "")
    return int(value) if value.isdigit() and int(value) > 0 else None


def _pytesseract():
    try:
        import pytesseract
        pytesseract.get_tesseract_version()
    except (ImportError, OSError, RuntimeError) as error:  # no module, or no tesseract binary
        raise OcrUnavailable("Tesseract is not installed (Debian: tesseract-ocr tesseract-ocr-chi-sim "
                             "tesseract-ocr-chi-tra; pip install pytesseract)") from error
    except Exception as error:  # pytesseract.TesseractNotFoundError is an OSError subclass elsewhere
        raise OcrUnavailable(f"Tesseract cannot run ({error})") from error
    return pytesseract


def with_spaces(picture: Image.Image, line: OcrLine) -> OcrLine:
    """The line with a space wherever the ink between two characters leaves a band as wide as
    a printed space (see SPACE_INK_GAP), never beside punctuation, whose glyphs leave room; and
    horizontal strokes that run on unbroken from one character into the next as the dash."""
    x, y, w, h = line.box
    crop = picture.convert("L").crop((x, y, x + w, y + h))
    ink = np.any(np.asarray(crop) < ink_threshold(crop), axis=0)
    chars = [c for c in line.chars if not c.text.isspace()]
    gaps = []  # for each pair of neighbours: the widest inkless band between their centres
    for before, after in zip(chars, chars[1:]):
        start = max(0, before.box[0] + before.box[2] // 2 - x)
        end = min(w, after.box[0] + after.box[2] // 2 - x)
        gaps.append(_longest_false_run(ink[start:end]) if end > start else 0)
    usual = float(np.median(gaps)) if gaps else 0.0
    for n, gap in enumerate(gaps):
        if gap <= DASH_GAP * h and chars[n].text in DASH_LIKE and chars[n + 1].text in DASH_LIKE:
            chars[n].text = chars[n + 1].text = "—"
    spaced = chars[:1]
    for (before, after), gap in zip(zip(chars, chars[1:]), gaps):
        if gap >= SPACE_INK_GAP * h and gap >= SPACE_TIMES_USUAL * max(usual, 1.0) \
                and not _is_punctuation(before.text) and not _is_punctuation(after.text):
            spaced.append(OcrChar(" ", (before.box[0] + before.box[2], y, 1, h), after.confidence))
        spaced.append(after)
    return OcrLine(spaced, line.box, line.vertical)


def _longest_false_run(values: np.ndarray) -> int:
    longest = run = 0
    for value in values:
        run = 0 if value else run + 1
        longest = max(longest, run)
    return longest


def _is_punctuation(text: str) -> bool:
    return any(unicodedata.category(c).startswith("P") or unicodedata.category(c).startswith("S") for c in text)


def _quad_box(quad) -> Box:
    xs, ys = [p[0] for p in quad], [p[1] for p in quad]
    left, top = int(min(xs)), int(min(ys))
    return left, top, max(1, int(max(xs)) - left), max(1, int(max(ys)) - top)


def _is_tall(box: Box, text: str) -> bool:
    return len(text) > 1 and box[3] >= TALL * box[2]


def _spread(text: str, box: Box, confidence: float, *, vertical: bool) -> list[OcrChar]:
    """A box per character, cutting the box evenly along the line."""
    x, y, w, h = box
    n = len(text)
    if n == 0:
        return []
    length = h if vertical else w
    cuts = [round(i * length / n) for i in range(n + 1)]
    if vertical:
        return [OcrChar(c, (x, y + cuts[i], w, max(1, cuts[i + 1] - cuts[i])), confidence) for i, c in enumerate(text)]
    return [OcrChar(c, (x + cuts[i], y, max(1, cuts[i + 1] - cuts[i]), h), confidence) for i, c in enumerate(text)]


def _character_cells(column: Image.Image) -> list[tuple[int, int]]:
    """Top and bottom of each character in a column of vertical text: runs of rows with ink,
    runs closer than a fifth of the column's width joined (a character of several strokes
    apart, such as 二 or 三)."""
    ink = np.asarray(column) < ink_threshold(column)
    rows = np.any(ink, axis=1)
    runs: list[list[int]] = []
    for n, has_ink in enumerate(rows):
        if has_ink:
            if runs and n - runs[-1][1] <= max(1, column.width // 5):
                runs[-1][1] = n + 1
            else:
                runs.append([n, n + 1])
    # a run much taller than wide is several characters touching: cut it evenly
    cells: list[tuple[int, int]] = []
    for top, bottom in runs:
        if bottom - top < 3:
            continue
        count = max(1, round((bottom - top) / max(1, column.width * 0.9)))
        step = (bottom - top) / count
        cells += [(round(top + i * step), round(top + (i + 1) * step)) for i in range(count)]
    return cells


def ink_threshold(picture: Image.Image) -> int:
    """Otsu's threshold of a greyscale picture."""
    histogram = np.bincount(np.asarray(picture).ravel(), minlength=256).astype(float)
    total = histogram.sum()
    levels = np.arange(256)
    weight = np.cumsum(histogram)
    mean = np.cumsum(histogram * levels)
    between = (mean[-1] * weight / total - mean) ** 2 / np.maximum(weight * (total - weight), 1e-9)
    return int(np.argmax(between))
