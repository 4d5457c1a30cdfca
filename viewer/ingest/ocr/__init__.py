"""OCR of page pictures: a scan, or a PDF page with no text layer, becomes page text with a box
and a confidence per character (see :mod:`.engines` for the engines, :mod:`.layout` for the
reading order)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image

from viewer.ingest.ocr.engines import DEFAULT_ENGINE, ENGINES, OcrUnavailable, engine, ink_threshold
from viewer.ingest.ocr.layout import OcrText, page_text
from viewer.pictures import open_picture, reduced

OCR_MODES = ("auto", "always", "never")  # auto: pictures with no text; always: every picture
DEFAULT_LANG = "chi_sim"
MAX_SIDE = 5000  # px: larger scans are read scaled down (the boxes scaled back up)
MAX_SKEW = 3.0  # degrees a scan may be turned; it is straightened before it is read
SKEW_SAMPLE = 1200  # px: the skew is measured on a picture this size
RULE_MIN_WIDTH = 0.5  # of the picture's width: an unbroken run of ink this long is a rule
RULE_MAX_THICKNESS = 0.005  # of the picture's height: a rule is no thicker

__all__ = ["DEFAULT_ENGINE", "DEFAULT_LANG", "ENGINES", "OCR_MODES", "OcrOptions", "OcrReading",
           "OcrUnavailable", "read_picture"]


@dataclass(frozen=True)
class OcrOptions:
    mode: str = "auto"
    engine: str = DEFAULT_ENGINE
    lang: str = DEFAULT_LANG  # Tesseract's model names: chi_sim, chi_tra, chi_sim_vert, eng, a+b


@dataclass
class OcrReading:
    text: OcrText
    engine: str  # the engine and its version, as stored with the page
    confidence: float | None  # the mean over the characters read


def read_picture(picture: bytes, options: OcrOptions, source: str = "the picture") -> OcrReading:
    """The text of one page picture (encoded bytes). InputError names ``source`` when the
    picture cannot be decoded."""
    chosen = engine(options.engine)
    opened = open_picture(picture, source)
    full_width = opened.width
    image = reduced(opened, MAX_SIDE, source)
    scale = image.width / full_width
    image, angle = deskewed(image.convert("L"))
    # in reading order on the straight picture
    text = page_text(chosen.read(image, options.lang), rules=horizontal_rules(image))
    text.boxes = [None if box is None else _on_picture(box, angle, image.size, 1 / scale) for box in text.boxes]
    sure = [c for c in text.confidence if c is not None]
    return OcrReading(text, chosen.version(), sum(sure) / len(sure) if sure else None)


def deskewed(image: Image.Image) -> tuple[Image.Image, float]:
    """The picture turned straight, and the angle (degrees) it was turned by. The angle is the
    one, within MAX_SKEW, at which the rows and columns of ink stand out most sharply (the
    variance of the ink per row, or per column for vertical text, is largest when lines lie
    level)."""
    small = image.copy()
    small.thumbnail((SKEW_SAMPLE, SKEW_SAMPLE))
    ink = Image.fromarray(((np.asarray(small) < ink_threshold(small)) * 255).astype(np.uint8))

    def sharpness(angle: float) -> float:
        turned = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST))
        return float(np.var(turned.sum(axis=1, dtype=float)) + np.var(turned.sum(axis=0, dtype=float)))

    angles = np.arange(-MAX_SKEW, MAX_SKEW + 1e-9, 0.25)
    best = max(angles, key=sharpness)
    fine = max(np.arange(best - 0.2, best + 0.2 + 1e-9, 0.05), key=sharpness)
    if abs(fine) < 0.1:
        return image, 0.0
    return image.rotate(float(fine), resample=Image.Resampling.BICUBIC, fillcolor=255), float(fine)


def horizontal_rules(image: Image.Image) -> list[int]:
    """The heights of the rules drawn across a straightened page (the lines between stacked
    articles, under the masthead): rows with an unbroken run of ink over RULE_MIN_WIDTH of the
    picture's width, neighbouring rows taken as one rule, unless there are more of them than
    a rule is thick (a dark picture, a black border)."""
    grey = image.convert("L")
    ink = np.asarray(grey) < ink_threshold(grey)
    edges = np.diff(np.pad(ink, ((0, 0), (1, 1))).astype(np.int8), axis=1)
    rows_starts, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)  # in the same row-major order as the starts
    long_rows = np.unique(rows_starts[ends - starts >= RULE_MIN_WIDTH * image.width])
    if not len(long_rows):
        return []
    breaks = np.flatnonzero(np.diff(long_rows) > 1)
    firsts = np.concatenate(([long_rows[0]], long_rows[breaks + 1]))
    lasts = np.concatenate((long_rows[breaks], [long_rows[-1]]))
    thin = lasts - firsts < RULE_MAX_THICKNESS * image.height
    return [int(y) for y in ((firsts + lasts) // 2)[thin]]


def _on_picture(box: tuple[int, int, int, int], angle: float, size: tuple[int, int],
                factor: float) -> tuple[int, int, int, int]:
    """A box found on the straightened, scaled picture, on the picture as stored: its centre
    turned back by ``angle`` about the picture's centre, then scaled by ``factor``."""
    x, y, w, h = box
    cx, cy = x + w / 2 - size[0] / 2, y + h / 2 - size[1] / 2
    turn = math.radians(angle)  # PIL turns counter-clockwise for a positive angle, y downwards
    bx = cx * math.cos(turn) - cy * math.sin(turn) + size[0] / 2
    by = cx * math.sin(turn) + cy * math.cos(turn) + size[1] / 2
    return (round((bx - w / 2) * factor), round((by - h / 2) * factor),
            max(1, round(w * factor)), max(1, round(h * factor)))
