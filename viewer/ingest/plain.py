"""Text with no masthead: one untitled article whose paragraphs are the text.

Used only when the user supplies the date and page the text does not carry.
"""

from __future__ import annotations

import datetime as dt

from viewer.ingest.reflow import reflow
from viewer.ingest.textutil import clean_line
from viewer.model import Article, Page


def read_plain_text(text: str, *, publication: str, date: dt.date, number: int) -> Page:
    lines = [clean_line(line) for line in text.splitlines() if line.strip()]
    article = Article(seq=1, paragraphs=reflow(lines), raw_text=text.strip("\n"))
    return Page(publication=publication, date=date, number=number, label=str(number),
                articles=[article] if lines else [], raw_text=text,
                warnings=["no masthead: imported as one untitled article with the given date and page"])
