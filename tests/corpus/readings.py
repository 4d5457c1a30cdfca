"""A corpus page read by Gazette as a user would have it: pdftotext's plain text ("text"), its
``-layout`` text ("layout"), or the PDF itself ("pdf")."""

from __future__ import annotations

from pathlib import Path

from viewer.ingest import ReadOptions, read_page_text, read_pdf_pages
from viewer.model import Page

PATHS = ("text", "layout", "pdf")


def read_page(folder: Path, name: str, path: str) -> Page:
    options = ReadOptions(publication="")
    if path == "pdf":
        pdf = folder / f"{name}.pdf"
        return read_pdf_pages(pdf, pdf.read_bytes(), options)[0]
    text_file = folder / (f"{name}.txt" if path == "text" else f"{name}.layout.txt")
    return read_page_text(text_file, text_file.read_text(encoding="utf-8"), options)
