"""What each annotation action does to the archive and how it is undone, with no Qt.

An edit's ``apply`` and ``revert`` run on the writer thread, one at a time and in the order
the undo stack asks for them, so what ``apply`` learns (the id of a new note, the revision
that was current before a correction) is there when ``revert`` runs. Applying again after a
revert puts back what was there (the same note, row for row) rather than making a new one.
An edit that made a revision (a correction, a restore) is undone by withdrawing that revision,
so an undone correction leaves no trace and one undone and redone is one revision, the same;
where someone has made a later revision meanwhile (another window, the command line), the
history is never cut: the earlier text is restored as a new revision instead.

``apply`` and ``revert`` each return the :class:`~viewer.change.Change` they made, for the
window to refresh from.
"""

from __future__ import annotations

from viewer.archive import Archive
from viewer.change import Change


class Edit:
    article_id: int | None = None  # the article the edit is about, if it is about one

    def apply(self, archive: Archive) -> Change:
        raise NotImplementedError

    def revert(self, archive: Archive) -> Change:
        raise NotImplementedError


def _annotated(*article_ids: int | None) -> Change:
    return Change(annotations=tuple(i for i in article_ids if i is not None))


class _AddAnnotation(Edit):
    """Adding a note or a highlight: undone by deleting it, redone by putting the row back."""

    annotation_id: int | None = None
    _row: dict | None = None

    def apply(self, archive: Archive) -> Change:
        if self._row is None:
            self.annotation_id = self._add(archive)
            return _annotated(self.article_id)
        return archive.editing.restore_annotation(self._row)

    def revert(self, archive: Archive) -> Change:
        assert self.annotation_id is not None, "reverted before it was applied"
        self._row = archive.editing.delete_annotation(self.annotation_id)
        return _annotated(self._row["article_id"])

    def _add(self, archive: Archive) -> int:
        raise NotImplementedError


class AddNote(_AddAnnotation):
    article_id: int

    def __init__(self, article_id: int, text: str, fmt: str, author: str):
        self.article_id, self.text, self.fmt, self.author = article_id, text, fmt, author

    def _add(self, archive: Archive) -> int:
        return archive.editing.add_note(self.article_id, self.text, author=self.author, fmt=self.fmt)


class AddHighlight(_AddAnnotation):
    article_id: int

    def __init__(self, article_id: int, span: tuple[int, int], colour: str, comment: str, author: str):
        self.article_id, self.span, self.author = article_id, span, author
        self.colour, self.comment = colour, comment

    def _add(self, archive: Archive) -> int:
        return archive.editing.add_highlight(self.article_id, span=self.span, colour=self.colour,
                                     comment=self.comment, author=self.author)


class DeleteAnnotation(Edit):
    """Deleting a note or a highlight: undone by putting its row back as it was."""

    def __init__(self, article_id: int | None, annotation_id: int):
        self.article_id, self.annotation_id = article_id, annotation_id
        self._row: dict | None = None

    def apply(self, archive: Archive) -> Change:
        self._row = archive.editing.delete_annotation(self.annotation_id)
        return _annotated(self._row["article_id"])

    def revert(self, archive: Archive) -> Change:
        assert self._row is not None, "reverted before it was applied"
        return archive.editing.restore_annotation(self._row)


class EditNote(Edit):
    def __init__(self, article_id: int | None, annotation_id: int, old: tuple[str, str],
                 new: tuple[str, str]):
        """``old`` and ``new`` are (text, format)."""
        self.article_id, self.annotation_id, self.old, self.new = article_id, annotation_id, old, new

    def apply(self, archive: Archive) -> Change:
        return archive.editing.update_annotation(self.annotation_id, text=self.new[0], fmt=self.new[1])

    def revert(self, archive: Archive) -> Change:
        return archive.editing.update_annotation(self.annotation_id, text=self.old[0], fmt=self.old[1])


class AddTag(Edit):
    article_id: int

    def __init__(self, article_id: int, tags: list[str], author: str):
        self.article_id, self.tags, self.author = article_id, tags, author
        self._added: list[str] = []

    def apply(self, archive: Archive) -> Change:
        self._added = archive.editing.tag(self.article_id, self.tags, author=self.author)
        return Change(annotations=(self.article_id,), tags=tuple(self._added))

    def revert(self, archive: Archive) -> Change:
        return archive.editing.untag(self.article_id, self._added)  # not those the article had already


class RemoveTag(Edit):
    article_id: int

    def __init__(self, article_id: int, tag: str, tagged_by: str):
        """``tagged_by``: who tagged the article, who it is tagged by again on undo."""
        self.article_id, self.tag, self.tagged_by = article_id, tag, tagged_by

    def apply(self, archive: Archive) -> Change:
        return archive.editing.untag(self.article_id, [self.tag])

    def revert(self, archive: Archive) -> Change:
        archive.editing.tag(self.article_id, [self.tag], author=self.tagged_by)
        return Change(annotations=(self.article_id,), tags=(self.tag,))


class _MakesRevision(Edit):
    """An edit whose ``apply`` makes a revision of the article: undone by withdrawing that
    revision (or, once a later one exists, by restoring the one current before as a new
    revision), redone by putting the withdrawn one back."""
    article_id: int

    def __init__(self, article_id: int, author: str):
        self.article_id, self.author = article_id, author
        self._made: int | None = None  # the revision apply made
        self._before: int | None = None  # the revision current before it (None: the imported reading)
        self._withdrawn: dict | None = None  # the revision's row, while it is undone

    def apply(self, archive: Archive) -> Change:
        if self._withdrawn is not None:
            self._made, self._withdrawn = archive.editing.put_back_revision(self._withdrawn), None
        else:
            self._before = archive.editing.current_revision(self.article_id)
            self._made = self.make_revision(archive)
        return Change(texts=(self.article_id,))

    def make_revision(self, archive: Archive) -> int:
        raise NotImplementedError

    def revert(self, archive: Archive) -> Change:
        self._withdrawn = archive.editing.withdraw_revision(self._made) if self._made is not None else None
        if self._withdrawn is None:
            archive.editing.restore_revision(self.article_id, self._before, author=self.author)
        return Change(texts=(self.article_id,))


class Correct(_MakesRevision):
    """A correction (``Archive.correct``'s keyword arguments)."""

    def __init__(self, article_id: int, changes: dict, author: str):
        super().__init__(article_id, author)
        self.changes = changes

    def make_revision(self, archive: Archive) -> int:
        if self._made is None:
            return archive.editing.correct(self.article_id, author=self.author, **self.changes)
        # Redone after an undo that could not withdraw it: its text again, as a new revision.
        return archive.editing.restore_revision(self.article_id, self._made, author=self.author)


class RestoreRevision(_MakesRevision):
    """Making an earlier revision (None: the imported reading) current again, as a new revision."""

    def __init__(self, article_id: int, revision_id: int | None, author: str):
        super().__init__(article_id, author)
        self.revision_id = revision_id

    def make_revision(self, archive: Archive) -> int:
        return archive.editing.restore_revision(self.article_id, self.revision_id, author=self.author)


class AddToCollection(Edit):
    """Undone by taking out the articles it added, and the collection too if it made it."""
    collection: str


    def __init__(self, name: str, article_ids: list[int], author: str):
        self.collection, self.article_ids, self.author = name, article_ids, author
        self._added: list[int] = []
        self._made = False

    def apply(self, archive: Archive) -> Change:
        self._made = self.collection not in {c["name"] for c in archive.browsing.collections()}
        self._added = archive.editing.add_to_collection(self.collection, self.article_ids, author=self.author)
        return Change(annotations=tuple(self._added), collections=(self.collection,))

    def revert(self, archive: Archive) -> Change:
        if self._made:
            return archive.editing.delete_collection(self.collection)
        return archive.editing.remove_from_collection(self.collection, self._added)


class RemoveFromCollection(Edit):
    """Undone by adding the articles back where they were."""
    collection: str


    def __init__(self, name: str, article_ids: list[int], author: str):
        self.collection, self.article_ids, self.author = name, article_ids, author
        self._order: list[int] = []

    def apply(self, archive: Archive) -> Change:
        self._order = archive.browsing.collection_articles(self.collection)
        return archive.editing.remove_from_collection(self.collection, self.article_ids)

    def revert(self, archive: Archive) -> Change:
        archive.editing.add_to_collection(self.collection, self.article_ids, author=self.author)
        archive.editing.reorder_collection(self.collection, self._order)
        return Change(annotations=tuple(self.article_ids), collections=(self.collection,))


class ReorderCollection(Edit):
    collection: str

    def __init__(self, name: str, order: list[int]):
        self.collection, self.order = name, order
        self._before: list[int] = []

    def apply(self, archive: Archive) -> Change:
        self._before = archive.browsing.collection_articles(self.collection)
        return archive.editing.reorder_collection(self.collection, self.order)

    def revert(self, archive: Archive) -> Change:
        return archive.editing.reorder_collection(self.collection, self._before)


class DeleteCollection(Edit):
    """Undone by making the collection again with the same articles in the same order."""
    collection: str


    def __init__(self, name: str, author: str):
        self.collection, self.author = name, author
        self._articles: list[int] = []

    def apply(self, archive: Archive) -> Change:
        self._articles = archive.browsing.collection_articles(self.collection)
        return archive.editing.delete_collection(self.collection)

    def revert(self, archive: Archive) -> Change:
        archive.editing.add_to_collection(self.collection, self._articles, author=self.author)
        return Change(annotations=tuple(self._articles), collections=(self.collection,))
