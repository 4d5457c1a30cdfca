"""Text with no masthead: one untitled article whose paragraphs are the text.

Used only when the user supplies the date and page the text does not carry.
"""

from __future__ import annotations

import datetime as dt

from viewer.ingest.reflow import reflow
from viewer.ingest.textutil import clean_line, is_indented
from viewer.model import Article, Page


def read_plain_text(text: str, *, publication: str, date: dt.date, number: int) -> Page:
    raw_lines = [line for line in text.splitlines() if line.strip()]
    paragraphs = reflow([clean_line(line) for line in raw_lines], [is_indented(line) for line in raw_lines])
    article = Article(seq=1, paragraphs=paragraphs, raw_text=text.strip("\n"),
                      source_lines=[n for n, line in enumerate(text.splitlines()) if line.strip()])
    return Page(publication=publication, date=date, number=number, label=str(number),
                articles=[article] if raw_lines else [], raw_text=text,
                warnings=["no masthead: imported as one untitled article with the given date and page"])
