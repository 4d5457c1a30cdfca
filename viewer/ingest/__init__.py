"""Readers: each turns one source file into a :class:`viewer.model.Page`.

``read_file`` picks the reader by the file's type; readers never touch the archive.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from viewer.errors import ImportRefused, InputError
from viewer.ingest.encoding import decode_text
from viewer.ingest.epaper import read_epaper_text
from viewer.ingest.plain import read_plain_text
from viewer.model import Page

DEFAULT_PUBLICATION = "未命名报纸"
TEXT_SUFFIXES = (".txt", ".text")
PAGE_SUFFIXES = TEXT_SUFFIXES
MAX_TEXT_BYTES = 20 * 1024 * 1024  # a page of text is a few tens of KB; larger is not a page


@dataclass(frozen=True)
class ReadOptions:
    publication: str = DEFAULT_PUBLICATION
    encoding: str | None = None
    date: dt.date | None = None  # for files that carry no date
    page: int | None = None  # for files that carry no page number


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_file(path: Path, data: bytes, options: ReadOptions) -> Page:
    """The page in ``data`` (the bytes of ``path``). Raises InputError or ImportRefused."""
    if path.suffix.lower() not in PAGE_SUFFIXES:
        raise InputError(f"{path}: not a page file Gazette can read (expected {', '.join(PAGE_SUFFIXES)})")
    if len(data) > MAX_TEXT_BYTES:
        raise InputError(f"{path}: {len(data) // 1024 // 1024} MB is too large for a page of text")
    page = read_text_page(path, data, options)
    page.source_path, page.sha256 = str(path), sha256_of(data)
    return page


def read_text_page(path: Path, data: bytes, options: ReadOptions) -> Page:
    decoded = decode_text(data, str(path), options.encoding)
    page = read_page_text(path, decoded.text, options)
    page.encoding = decoded.encoding
    page.warnings = list(decoded.warnings) + page.warnings
    return page


def read_page_text(path: Path, text: str, options: ReadOptions) -> Page:
    """An e-paper page if the text has a masthead, else plain text given --date and --page."""
    page = read_epaper_text(text, publication=options.publication)
    if page is None:
        return _plain_page(path, text, options)
    _fill_from_options(path, page, options)
    return page


def _plain_page(path: Path, text: str, options: ReadOptions) -> Page:
    if options.date is None or options.page is None:
        missing = " and ".join(name for name, value in (("--date", options.date), ("--page", options.page))
                               if value is None)
        raise ImportRefused(f"{path}: no masthead with a date and page number; "
                            f"to import it as plain text, give {missing}")
    return read_plain_text(text, publication=options.publication, date=options.date, number=options.page)


def _fill_from_options(path: Path, page: Page, options: ReadOptions) -> None:
    """The masthead wins; the options fill what it lacks."""
    if page.date is None:
        if options.date is None:
            raise ImportRefused(f"{path}: the masthead has no date; give --date YYYY-MM-DD")
        page.date = options.date
    if page.number is None:
        if options.page is None:
            raise ImportRefused(f"{path}: the masthead has no page number; give --page N")
        page.number, page.label = options.page, str(options.page)
    for name, given, read in (("date", options.date, page.date), ("page", options.page, page.number)):
        if given is not None and given != read:
            page.warnings.append(f"--{name} {given} ignored: the masthead says {read}")
