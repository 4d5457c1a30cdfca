"""Reading stored pages again with the current reader (``gazette reread``).

Each page is read again from the text it was read from (kept in the archive as ``raw_text``,
with the PDF's character boxes), in one transaction per page, through the same replace as
``import --replace``: an article read the same keeps its id, notes, tags and collections, its
highlights re-anchor, and the notes of an article that is gone are kept as orphans. What
changed is reported per page. Pages without text (scans) are left as they are.

The PDF itself is not stored, so what changes is what the page reader makes of the text; a
change in how text is taken out of a PDF (``ingest/pdf.py``) needs ``import --replace``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from viewer.errors import GazetteError, NotFound
from viewer.geometry import region
from viewer.ingest import ReadOptions, read_page_text
from viewer.model import Credit, PageImage, format_credits
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


def reread_pages(archive: Archive, page_ids: list[int] | None = None) -> list[RereadOutcome]:
    """Read the pages (every page with text when ``page_ids`` is None) again."""
    db = archive.store.db
    if page_ids is None:
        page_ids = [r[0] for r in db.execute("SELECT id FROM page WHERE raw_text != '' ORDER BY id")]
    return [_reread_page(archive, page_id) for page_id in page_ids]


def _reread_page(archive: Archive, page_id: int) -> RereadOutcome:
    stored = next(archive.store.db.query("""
        SELECT page.*, issue.date, publication.name AS publication FROM page
        JOIN issue ON issue.id = page.issue_id JOIN publication ON publication.id = issue.publication_id
        WHERE page.id = ?""", [page_id]), None)
    if stored is None:
        raise NotFound(f"no page {page_id}")
    outcome = RereadOutcome(page_id, f"{stored['publication']} {stored['date']} page {stored['label']}")
    if not stored["raw_text"]:
        return outcome
    before = _articles_as_read(archive, page_id)
    options = ReadOptions(publication=stored["publication"], date=dt.date.fromisoformat(stored["date"]),
                          page=stored["number"])
    try:
        page = read_page_text(Path(stored["source_path"]), stored["raw_text"], options)
    except GazetteError as error:
        outcome.error = str(error)
        return outcome
    page.label = page.label or stored["label"]
    page.source_path, page.sha256, page.encoding = stored["source_path"], stored["source_sha256"], stored["encoding"]
    if stored["image"]:
        page.image = PageImage(stored["image"], stored["preview"], stored["thumbnail"],
                               stored["image_width"], stored["image_height"])
    page.char_boxes = unpack_boxes(stored["char_boxes"])
    if page.char_boxes:
        for article in page.articles:
            article.region = region(page.raw_text, page.char_boxes, article.source_lines)
    [(_, outcome.article_ids)] = archive.store.save_pages([(page, page_id)])
    archive.indexing.try_catch_up()  # the triggers queued what changed
    outcome.changes = _changes(before, _articles_as_read(archive, page_id))
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
