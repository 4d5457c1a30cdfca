"""Renaming and merging publications (a paper imported as 未命名报纸, or under two spellings).

Every article of the paper keeps its id, annotations and place; only the name it is filed
under changes, in SQLite and in the search index, so ``show``, search (``publication:``) and
citations give the corrected name at once.
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
    if archive.store.publication_id(new) is not None:
        return merge_publications(archive, old, new)
    old_id = _require(archive, old)
    archive.store.rename_publication(old_id, new)
    return _refiled(archive, old_id)


def merge_publications(archive: Archive, old: str, into: str) -> list[int]:
    """File every issue of ``old`` under ``into`` and remove ``old``. Issues of the same day
    become one; if both papers have a page of one label on that day, nothing changes and
    PublicationConflict names the first such page."""
    old_id, into_id = _require(archive, old), _require(archive, into)
    if old_id == into_id:
        return []
    clash = archive.store.publication_clash(old_id, into_id)
    if clash:
        raise PublicationConflict(f"{old} and {into} both have page {clash[1]} of {clash[0]}: "
                                  f"nothing merged; remove or replace one of them first")
    archive.store.merge_publication(old_id, into_id)
    return _refiled(archive, into_id)


def _require(archive: Archive, name: str) -> int:
    publication_id = archive.store.publication_id(name)
    if publication_id is None:
        raise NotFound(f"no publication named {name}")
    return publication_id


def _refiled(archive: Archive, publication_id: int) -> list[int]:
    archive.indexing.try_catch_up()  # the triggers queued them: indexed again, with the new name
    return archive.store.article_ids_of_publication(publication_id)
