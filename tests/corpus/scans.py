"""Corpus pages as scans: the printed PDF rendered to a picture and damaged as a scanner and
an old page damage it (tests/test_ocr.py, bench/ocr.py)."""

from __future__ import annotations

import io
import random
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageFilter


def damaged(picture: Image.Image, rng: random.Random) -> bytes:
    """A rendered page as a scanner would give it."""
    grey = picture.convert("L")
    grey = grey.rotate(rng.uniform(-2.0, 2.0), resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    grey = grey.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.2)))
    width, height = grey.size
    ramp = np.linspace(rng.uniform(200, 235), rng.uniform(225, 255), width)[None, :]  # uneven paper
    ramp = ramp * np.linspace(rng.uniform(0.92, 1.0), 1.0, height)[:, None]
    ink = np.asarray(grey, dtype=float) / 255.0
    noisy = ink * ramp + np.random.default_rng(rng.randrange(1 << 30)).normal(0, 6, ink.shape)
    out = io.BytesIO()
    Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)).save(out, "JPEG", quality=rng.choice((55, 65, 75)))
    return out.getvalue()


def rendered(pdf: Path, dpi: int) -> Image.Image:
    document = pdfium.PdfDocument(pdf.read_bytes())
    try:
        return document[0].render(scale=dpi / 72).to_pil()
    finally:
        document.close()


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
