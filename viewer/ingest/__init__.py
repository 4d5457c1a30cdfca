"""Readers: each turns one source file into :class:`viewer.model.Page` objects.

``read_pages`` picks the reader by the file's type: page text, page PDF (text with positions
plus the picture), a scan (a picture, with its text in a ``.txt`` of the same name beside it
when there is one), or library XML (an issue's METS with its ALTO pages, or one ALTO page).
Readers never touch the archive.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from viewer.errors import ImportRefused, InputError, needed
from viewer.failures import shown_path
from viewer.geometry import region
from viewer.ingest.encoding import decode_text
from viewer.ingest.epaper import read_epaper_text
from viewer.ingest.layout_text import looks_like_layout, reading_order
from viewer.ingest.library import read_alto_pages, read_mets_issue
from viewer.ingest.ocr import OcrOptions, read_picture
from viewer.ingest.pdf import read_pdf
from viewer.ingest.plain import read_plain_text
from viewer.ingest.xmlsafe import local, parse_xml
from viewer.limits import OCR_SECONDS_PER_PAGE, Deadline, check_text_size
from viewer.model import Page
from viewer.pictures import picture_pages

DEFAULT_PUBLICATION = "未命名报纸"
TEXT_SUFFIXES = (".txt", ".text")
PDF_SUFFIXES = (".pdf",)
PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".bmp")
XML_SUFFIXES = (".xml",)  # METS and ALTO
PAGE_SUFFIXES = TEXT_SUFFIXES + PDF_SUFFIXES + PICTURE_SUFFIXES + XML_SUFFIXES
MAX_TEXT_BYTES = 20 * 1024 * 1024  # a page of text is a few tens of KB; larger is not a page
# Scans and PDFs are often named by date and page: 2025-04-03_08.jpg, 20250403-08.pdf, …-p8.
_NAME_DATE_PAGE = re.compile(r"(?<!\d)(\d{4})-?(\d{2})-?(\d{2})[_-]p?(\d{1,3})(?!\d)", re.IGNORECASE)


@dataclass(frozen=True)
class ReadOptions:
    publication: str = DEFAULT_PUBLICATION
    encoding: str | None = None
    date: dt.date | None = None  # for files that carry no date
    page: int | None = None  # for files that carry no page number
    date_from_name: bool = False  # ``date`` is what the file's name says (2025-04-03_08.jpg), not given
    # ``date`` (given) is the page's even where its masthead says another: a person's answer to
    # "which date?" when the two disagree (the window asks); otherwise the masthead's wins
    date_wins: bool = False
    ocr: OcrOptions = OcrOptions()  # pictures with no text: read them, with which engine


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_pages(path: Path, data: bytes, options: ReadOptions) -> list[Page]:
    """The pages in ``data`` (the bytes of ``path``). Raises InputError or ImportRefused."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        if len(data) > MAX_TEXT_BYTES:
            raise InputError(f"{path}: {len(data) // 1024 // 1024} MB is too large for a page of text")
        pages = [read_text_page(path, data, options)]
    elif suffix in PDF_SUFFIXES:
        pages = read_pdf_pages(path, data, _with_name_date(path, options), Deadline(str(path)))
    elif suffix in PICTURE_SUFFIXES:
        pages = read_scan_pages(path, data, _with_name_date(path, options), Deadline(str(path)))
    elif suffix in XML_SUFFIXES:
        pages = read_library_pages(path, data, _with_name_date(path, options))
    else:
        raise InputError(f"{path}: not a page file Gazette can read "
                         f"(expected {', '.join(s.lstrip('.') for s in PAGE_SUFFIXES)})")
    sha256 = sha256_of(data)
    for page in pages:
        page.source_path, page.sha256 = shown_path(path), sha256
    return pages


def read_text_page(path: Path, data: bytes, options: ReadOptions) -> Page:
    decoded = decode_text(data, str(path), options.encoding)
    page = read_page_text(path, decoded.text, options)
    page.encoding = decoded.encoding
    page.warnings = list(decoded.warnings) + page.warnings
    return page


def read_page_text(path: Path, text: str, options: ReadOptions, *, columns: bool = True) -> Page:
    """An e-paper page if the text has a masthead, else plain text given a date and page.
    Text laid out in columns (``pdftotext -layout``) is first put into reading order, unless
    ``columns`` is False (a PDF's own text, whose character boxes follow its text as it is)."""
    check_text_size(text, str(path))
    if columns and looks_like_layout(text):
        text = reading_order(text)
    page = read_epaper_text(text, publication=options.publication)
    if page is None:
        return _plain_page(path, text, options)
    _fill_from_options(path, page, options)
    return page


def read_pdf_pages(path: Path, data: bytes, options: ReadOptions, deadline: Deadline | None = None) -> list[Page]:
    """One page per PDF page; pages with no masthead take the given page number plus their
    place in the file. A page with no text layer is a scan."""
    pages = []
    for index, pdf_page in enumerate(read_pdf(data, str(path), deadline)):
        page_options = _nth_page(options, index)
        if pdf_page.has_text:
            page = read_page_text(path, pdf_page.text, page_options, columns=False)
            page.char_boxes = pdf_page.boxes
            for article in page.articles:
                article.region = region(page.raw_text, pdf_page.boxes, article.source_lines)
        else:
            _allow_ocr(deadline, options)
            page = _scan_page(path, page_options, pdf_page.picture, "the PDF page has no text layer")
        page.picture = pdf_page.picture
        pages.append(page)
    return pages


def read_scan_pages(path: Path, data: bytes, options: ReadOptions, deadline: Deadline | None = None) -> list[Page]:
    """A picture (each page of a multi-page TIFF), with the text of ``<name>.txt`` beside it
    (unless OCR is to read every picture)."""
    pictures = picture_pages(data, str(path), deadline)
    sidecar = sidecar_text(path) if options.ocr.mode != "always" else None
    pages = []
    for index, picture in enumerate(pictures):
        page_options = _nth_page(options, index)
        if sidecar is not None and len(pictures) == 1:
            page = read_text_page(sidecar, sidecar.read_bytes(), page_options)
        else:
            _allow_ocr(deadline, options)
            page = _scan_page(path, page_options, picture, "no text beside the scan")
            if deadline is not None:
                deadline.check(f"OCR of page {index + 1} of {len(pictures)}")
        page.picture = picture
        pages.append(page)
    return pages


def read_library_pages(path: Path, data: bytes, options: ReadOptions) -> list[Page]:
    """An issue's METS (its date and publication unless given) or one ALTO page (which says
    neither: from the file name or the options)."""
    root = parse_xml(data, str(path))
    if local(root) == "mets":
        given = options.publication if options.publication != DEFAULT_PUBLICATION else None
        return read_mets_issue(path, root, publication=given, date=options.date)
    if local(root) == "alto":
        date, number = _required_date_and_page(path, options, "an ALTO file alone carries no date or page number")
        return read_alto_pages(path, root, publication=options.publication, date=date, number=number)
    raise InputError(f"{path}: XML that is neither METS nor ALTO (its root element is <{local(root)}>)")


def sidecar_text(picture: Path) -> Path | None:
    """The text file beside a scan: same name, .txt."""
    for suffix in TEXT_SUFFIXES:
        candidate = picture.with_suffix(suffix)
        if candidate.is_file():
            return candidate
    return None


def date_and_page_from_name(path: Path) -> tuple[dt.date | None, int | None]:
    match = _NAME_DATE_PAGE.search(path.stem)
    if match is None:
        return None, None
    year, month, day, page = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day), page
    except ValueError:
        return None, None


def _with_name_date(path: Path, options: ReadOptions) -> ReadOptions:
    """Options filled, where the user gave nothing, from a file name such as 2025-04-03_08."""
    date, page = date_and_page_from_name(path)
    return dataclasses.replace(options, date=options.date or date, page=options.page or page,
                               date_from_name=options.date is None and date is not None)


def _nth_page(options: ReadOptions, index: int) -> ReadOptions:
    return options if options.page is None else dataclasses.replace(options, page=options.page + index)


def _allow_ocr(deadline: Deadline | None, options: ReadOptions) -> None:
    if deadline is not None and options.ocr.mode != "never":
        deadline.allow(OCR_SECONDS_PER_PAGE)


def _scan_page(path: Path, options: ReadOptions, picture: bytes, why: str) -> Page:
    """A picture with no text: OCR'd (unless OCR is off), else a picture only."""
    if options.ocr.mode == "never":
        date, number = _required_date_and_page(path, options, "a scan carries no masthead Gazette can read")
        return Page(publication=options.publication, date=date, number=number, label=str(number),
                    warnings=[f"{why}: imported as a picture only (OCR is off)"])
    page = ocr_page(path, picture, options)
    found = "" if page.raw_text.strip() else ", which found no text on it"
    page.warnings.append(f"{why}: read by OCR ({page.ocr_engine}){found}")
    return page


def ocr_page(path: Path, picture: bytes, options: ReadOptions) -> Page:
    """The page OCR reads from ``picture``: its masthead, if it has one the reader finds, else
    the date and page the options (or the file's name) give."""
    reading = read_picture(picture, options.ocr, str(path))
    text = reading.text
    page = read_page_text(path, text.text, options, columns=False)
    page.char_boxes, page.char_confidence = text.boxes, text.confidence
    page.ocr_engine, page.ocr_confidence = reading.engine, reading.confidence
    for article in page.articles:
        article.region = region(page.raw_text, text.boxes, article.source_lines)
    return page


def _plain_page(path: Path, text: str, options: ReadOptions) -> Page:
    date, number = _required_date_and_page(path, options, "no masthead with a date and page number")
    return read_plain_text(text, publication=options.publication, date=date, number=number)


def _required_date_and_page(path: Path, options: ReadOptions, why: str) -> tuple[dt.date, int]:
    """The date and page number the options give, or ImportRefused naming what is missing."""
    if options.date is None or options.page is None:
        missing = tuple(name for name, value in (("date", options.date), ("page", options.page)) if value is None)
        raise ImportRefused(f"{path}: {why}; to import it, give {needed(missing)}", missing)
    return options.date, options.page


def _fill_from_options(path: Path, page: Page, options: ReadOptions) -> None:
    """The masthead wins; the options fill what it lacks. A date taken from the file name that
    the masthead contradicts is refused with both named: one of them is wrong (a scan beside
    another day's text), and which one is for a person to say — a date given with
    ``date_wins`` is that person's answer."""
    if options.date_from_name and page.date is not None and page.date != options.date:
        raise ImportRefused(f"{path}: the masthead says {page.date} but the file name says {options.date}; "
                            "rename the file, or give the date to let the masthead's stand", ("date",))
    if options.date_wins and options.date is not None and not options.date_from_name and page.date != options.date:
        if page.date is not None:
            page.warnings.append(f"the masthead says {page.date}: imported as {options.date}, the date given")
        page.date = options.date
    if page.date is None:
        if options.date is None:
            raise ImportRefused(f"{path}: the masthead has no date; to import it, give {needed(('date',))}",
                                ("date",))
        page.date = options.date
    if page.number is None:
        if options.page is None:
            raise ImportRefused(f"{path}: the masthead has no page number; to import it, give {needed(('page',))}",
                                ("page",))
        page.number, page.label = options.page, str(options.page)
    for name, given, read in (("date", options.date, page.date), ("page", options.page, page.number)):
        if given is not None and given != read:
            page.warnings.append(f"{name} {given} (given, or from the file name) differs from the "
                                 f"masthead's {read}: the masthead wins")
