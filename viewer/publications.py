"""Renaming and merging publications (a paper imported as 未命名报纸, or under two spellings).

Every article of the paper keeps its id, annotations and place; only the name it is filed
under changes, in SQLite and in the search index, so ``show``, search (``publication:``) and
citations give the corrected name at once. The store's SQL for this lives here, beside the
store, as the annotation store's does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from viewer.errors import GazetteError, NotFound

if TYPE_CHECKING:
    from viewer.archive import Archive


class PublicationConflict(GazetteError):
    """A merge would put two pages with one label on one day of one paper."""


def rename_publication(archive: Archive, old: str, new: str) -> list[int]:
    """Give the paper ``old`` the name ``new``; a paper of that name already there is merged
    into (see :func:`merge_publications`). Returns the ids of the articles refiled."""
    new = new.strip()
    if not new:
        raise GazetteError("a publication needs a name")
    if _publication_id(archive, new) is not None:
        return merge_publications(archive, old, new)
    old_id = _require(archive, old)
    with archive.store.db.atomic() as db:
        db.execute("UPDATE publication SET name = ? WHERE id = ?", [new, old_id])
    return _refiled(archive, old_id)


def merge_publications(archive: Archive, old: str, into: str) -> list[int]:
    """File every issue of ``old`` under ``into`` and remove ``old``. Issues of the same day
    become one; if both papers have a page of one label on that day, nothing changes and
    PublicationConflict names the first such page."""
    old_id, into_id = _require(archive, old), _require(archive, into)
    if old_id == into_id:
        return []
    db = archive.store.db
    clash = db.execute("""
        SELECT theirs.date, mine.label FROM issue AS theirs
        JOIN page AS mine ON mine.issue_id = theirs.id
        JOIN issue AS ours ON ours.publication_id = ? AND ours.date = theirs.date
        JOIN page AS other ON other.issue_id = ours.id AND other.label = mine.label
        WHERE theirs.publication_id = ? ORDER BY theirs.date, mine.number LIMIT 1""",
                       [into_id, old_id]).fetchone()
    if clash:
        raise PublicationConflict(f"{old} and {into} both have page {clash[1]} of {clash[0]}: "
                                  f"nothing merged; remove or replace one of them first")
    with archive.store.db.atomic() as db:
        for issue_id, date in db.execute("SELECT id, date FROM issue WHERE publication_id = ?", [old_id]).fetchall():
            same_day = db.execute("SELECT id FROM issue WHERE publication_id = ? AND date = ?",
                                  [into_id, date]).fetchone()
            if same_day:
                db.execute("UPDATE page SET issue_id = ? WHERE issue_id = ?", [same_day[0], issue_id])
                db.execute("DELETE FROM issue WHERE id = ?", [issue_id])
            else:
                db.execute("UPDATE issue SET publication_id = ? WHERE id = ?", [into_id, issue_id])
        db.execute("DELETE FROM publication WHERE id = ?", [old_id])
    return _refiled(archive, into_id)


def _publication_id(archive: Archive, name: str) -> int | None:
    row = archive.store.db.execute("SELECT id FROM publication WHERE name = ?", [name]).fetchone()
    return row[0] if row else None


def _require(archive: Archive, name: str) -> int:
    publication_id = _publication_id(archive, name)
    if publication_id is None:
        raise NotFound(f"no publication named {name}")
    return publication_id


def _refiled(archive: Archive, publication_id: int) -> list[int]:
    ids = [row[0] for row in archive.store.db.execute("""
        SELECT article.id FROM article JOIN page ON page.id = article.page_id
        JOIN issue ON issue.id = page.issue_id WHERE issue.publication_id = ? ORDER BY article.id""",
                                                      [publication_id])]
    archive.indexing.try_catch_up()  # the triggers queued them: indexed again, with the new name
    return ids
