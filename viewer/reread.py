"""Reading stored pages again: with the current reader (``gazette reread``), or from their
pictures by OCR (``gazette ocr``).

Each page is read again from the text it was read from (kept in the archive as ``raw_text``,
with the PDF's character boxes), in one transaction per page, through the same replace as
``import --replace``: an article read the same keeps its id, notes, tags and collections, its
highlights re-anchor, and the notes of an article that is gone are kept as orphans. What
changed is reported per page. Pages without text (scans) are left as they are.

The PDF itself is not stored, so what changes is what the page reader makes of the text; a
change in how text is taken out of a PDF (``ingest/pdf.py``) needs ``import --replace``.

OCR reads the stored picture again (a scan imported as a picture only, or one to read with
another engine or language) and replaces the page's text the same way; the page keeps its
place (date, page, label) whatever OCR makes of its masthead. Corrections an editor made stay
on top of the new reading, which becomes the original they correct.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from viewer.change import Change
from viewer.confidence import unpack_confidence
from viewer.errors import Cancelled, GazetteError, NotFound
from viewer.geometry import region
from viewer.ingest import ReadOptions, ocr_page, read_page_text
from viewer.ingest.ocr import OcrOptions
from viewer.model import Credit, Page, PageImage, format_credits
from viewer.store import unpack_boxes

if TYPE_CHECKING:
    from viewer.archive import Archive


@dataclass
class RereadOutcome:
    page_id: int
    where: str  # "吕梁日报 2025-04-03 page A8"
    changes: list[str] = field(default_factory=list)  # one line per change; none: read the same
    article_ids: list[int] = field(default_factory=list)
    error: str = ""


def change_of(outcomes: list[RereadOutcome]) -> Change:
    """What reading pages again changed: the pages read and their articles (the index to check)."""
    read = [o for o in outcomes if not o.error]
    return Change(texts=tuple(i for o in read for i in o.article_ids), pages=tuple(o.page_id for o in read),
                  index=True)


def reread_pages(archive: Archive, page_ids: list[int] | None = None) -> list[RereadOutcome]:
    """Read the pages (every page with text when ``page_ids`` is None) again."""
    db = archive.store.db
    if page_ids is None:
        page_ids = [r[0] for r in db.execute("SELECT id FROM page WHERE raw_text != '' ORDER BY id")]
    return [_reread_page(archive, page_id) for page_id in page_ids]


def ocr_pages(archive: Archive, page_ids: list[int], ocr: OcrOptions, *,
              on_progress: Callable[[int, int, str], None] | None = None,
              cancel: threading.Event | None = None) -> list[RereadOutcome]:
    """OCR the pages' pictures, one page (one transaction) at a time. Cancelling keeps the
    pages done and raises :class:`Cancelled` with them."""
    outcomes: list[RereadOutcome] = []
    for done, page_id in enumerate(page_ids):
        if cancel is not None and cancel.is_set():
            raise Cancelled(f"OCR cancelled after {done} of {len(page_ids)} pages", partial=outcomes)
        if on_progress:
            on_progress(done, len(page_ids), f"page {page_id}")
        outcomes.append(_ocr_page(archive, page_id, ocr))
    if on_progress:
        on_progress(len(page_ids), len(page_ids), "")
    return outcomes


def _stored(archive: Archive, page_id: int) -> dict:
    stored = archive.store.stored_page(page_id)
    if stored is None:
        raise NotFound(f"no page {page_id}")
    return stored


def _reread_page(archive: Archive, page_id: int) -> RereadOutcome:
    stored = _stored(archive, page_id)
    outcome = RereadOutcome(page_id, f"{stored['publication']} {stored['date']} page {stored['label']}")
    if not stored["raw_text"]:
        return outcome
    try:
        page = read_page_text(Path(stored["source_path"]), stored["raw_text"], _options(stored))
    except GazetteError as error:
        outcome.error = str(error)
        return outcome
    page.label = page.label or stored["label"]
    page.char_boxes = unpack_boxes(stored["char_boxes"])
    page.char_confidence = unpack_confidence(stored["char_confidence"])
    page.ocr_engine, page.ocr_confidence = stored["ocr_engine"] or "", stored["ocr_confidence"]
    if page.char_boxes:
        for article in page.articles:
            article.region = region(page.raw_text, page.char_boxes, article.source_lines)
    return _replace(archive, stored, page, outcome)


def _ocr_page(archive: Archive, page_id: int, ocr: OcrOptions) -> RereadOutcome:
    stored = _stored(archive, page_id)
    outcome = RereadOutcome(page_id, f"{stored['publication']} {stored['date']} page {stored['label']}")
    if not stored["image"]:
        outcome.error = "the page has no picture to read"
        return outcome
    try:
        picture = (archive.root / "pages" / stored["image"]).read_bytes()
        page = ocr_page(Path(stored["source_path"]), picture, _options(stored, ocr))
    except OSError as error:
        outcome.error = f"its picture cannot be read ({error.strerror})"
        return outcome
    except GazetteError as error:
        outcome.error = str(error)
        return outcome
    where = (page.date, page.number, page.label)
    page.date, page.number = dt.date.fromisoformat(stored["date"]), stored["number"]
    page.label = stored["label"]
    if where != (page.date, page.number, page.label):
        page.warnings.append(f"OCR read the masthead as {where[0]} page {where[2]}: the page stays where it is")
    return _replace(archive, stored, page, outcome)


def _options(stored: dict, ocr: OcrOptions = OcrOptions()) -> ReadOptions:
    """The page read again stays on its date, even one a person chose over its masthead's
    (``date_wins``, when its file name and masthead disagreed)."""
    return ReadOptions(publication=stored["publication"], date=dt.date.fromisoformat(stored["date"]),
                       page=stored["number"], ocr=ocr, date_wins=True)


def _replace(archive: Archive, stored: dict, page: Page, outcome: RereadOutcome) -> RereadOutcome:
    """Put the page read again in the stored one's place (its file and picture stay)."""
    before = _articles_as_read(archive, outcome.page_id)
    page.source_path, page.sha256, page.encoding = stored["source_path"], stored["source_sha256"], stored["encoding"]
    if stored["image"]:
        page.image = PageImage(stored["image"], stored["preview"], stored["thumbnail"],
                               stored["image_width"], stored["image_height"])
    [(_, outcome.article_ids)] = archive.store.save_pages([(page, outcome.page_id)])
    archive.indexing.try_catch_up()  # the triggers queued what changed
    outcome.changes = _changes(before, _articles_as_read(archive, outcome.page_id))
    return outcome


def _articles_as_read(archive: Archive, page_id: int) -> dict[int, dict]:
    """The page's articles as the reader left them (not as corrected): id → fields."""
    out = {}
    for article_id in archive.store.article_ids_of_page(page_id):
        row = archive.store.db.execute("SELECT seq, title, subtitle, kicker, paragraphs FROM article WHERE id = ?",
                                       [article_id]).fetchone()
        credits = archive.store.db.execute("SELECT role, person FROM credit WHERE article_id = ? ORDER BY seq",
                                           [article_id]).fetchall()
        out[article_id] = {"title": row[1], "subtitle": row[2], "kicker": row[3], "paragraphs": row[4],
                           "byline": format_credits([Credit(role, name) for role, name in credits])}
    return out


def _changes(before: dict[int, dict], after: dict[int, dict]) -> list[str]:
    lines = [f"article {i}: gone (its notes kept as orphans)" for i in before if i not in after]
    lines += [f"article {i}: new, “{after[i]['title'] or '（无题）'}”" for i in after if i not in before]
    for article_id in sorted(set(before) & set(after)):
        for name, value in after[article_id].items():
            if before[article_id][name] != value:
                shown = "changed" if name == "paragraphs" else f"{before[article_id][name]!r} → {value!r}"
                lines.append(f"article {article_id}: {name} {shown}")
    return lines
