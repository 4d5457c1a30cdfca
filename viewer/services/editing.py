"""What editors do to articles: notes, highlights, tags, corrections, collections.

Every method takes the editor's name as ``author`` (who and when are recorded); one with
nothing else to give back returns the :class:`~viewer.change.Change` it made. The index catches
up after each commit (the triggers queued the articles in the same transaction).
:mod:`viewer.services.edits` wraps each of these as an undoable edit, whose ``apply`` and
``revert`` always return their Change.
"""

from __future__ import annotations

import dataclasses

from viewer.annotation_store import AnnotationStore
from viewer.change import Change
from viewer.errors import GazetteError
from viewer.services.indexing import IndexKeeper


class Editing:
    def __init__(self, annotations: AnnotationStore, keeper: IndexKeeper):
        self.annotations = annotations
        self.keeper = keeper

    def _changed(self, annotated=(), *, collections=(), tags=()) -> Change:
        """Catch the index up; the Change (``annotated``: the articles whose annotations changed)."""
        self.keeper.try_catch_up()
        return Change(annotations=tuple(i for i in annotated if i is not None), collections=tuple(collections),
                      tags=tuple(tags))

    # -- notes and highlights ------------------------------------------------------------------

    def add_note(self, article_id: int, text: str, *, author: str, fmt: str = "plain") -> int:
        if not text.strip():
            raise GazetteError("a note needs some text")
        note_id = self.annotations.add_note(article_id, text, author, fmt)
        self._changed([article_id])
        return note_id

    def add_highlight(self, article_id: int, *, author: str, quote: str | None = None,
                      span: tuple[int, int] | None = None, comment: str = "", colour: str = "yellow") -> int:
        """Highlight a passage given by its span in the body text (paragraphs joined by "\\n"),
        or by its words (the first place they occur)."""
        if span is None:
            if not quote:
                raise GazetteError("a highlight needs a passage: its words or its span")
            text = self.annotations.current(article_id)[0].body_text()
            start = text.find(quote)
            if start < 0:
                raise GazetteError(f"“{quote}” is not in the text of article {article_id}")
            span = (start, start + len(quote))
        highlight_id = self.annotations.add_highlight(article_id, *span, author, comment=comment, colour=colour)
        self._changed([article_id])
        return highlight_id

    def update_annotation(self, annotation_id: int, *, text: str | None = None, colour: str | None = None,
                          fmt: str | None = None) -> Change:
        """Change a note's text (and its format, "plain" or "html") or a highlight's comment or colour."""
        self.annotations.update_annotation(annotation_id, body=text, colour=colour, fmt=fmt)
        return self._changed([self.annotations.article_of(annotation_id)])

    def delete_annotation(self, annotation_id: int) -> dict:
        """Delete a note or highlight; returns its row, which :meth:`restore_annotation` puts back."""
        row = self.annotations.delete_annotation(annotation_id)
        self._changed([row["article_id"]])
        return row

    def restore_annotation(self, row: dict) -> Change:
        self.annotations.restore_annotation(row)
        return self._changed([row["article_id"]])

    # -- tags ------------------------------------------------------------------------------------

    def tag(self, article_id: int, tags: list[str], *, author: str) -> list[str]:
        """Tag the article; returns the tags that were new to it."""
        self.annotations.current(article_id)  # NotFound before anything is written
        added = self.annotations.add_tags(article_id, tags, author)
        self._changed([article_id])
        return added

    def untag(self, article_id: int, tags: list[str]) -> Change:
        self.annotations.remove_tags(article_id, tags)
        return self._changed([article_id], tags=tags)

    # -- corrections -----------------------------------------------------------------------------

    def correct(self, article_id: int, *, author: str, paragraph: int | None = None, text: str | None = None,
                title: str | None = None, subtitle: str | None = None, kicker: str | None = None) -> int:
        """A correction, as a new revision of the whole text; returns its id. ``paragraph``
        (from 1) is replaced by ``text``; a line break in it splits the paragraph, an empty
        text removes it (joining its neighbours is: correct one with both texts, remove the other)."""
        current, _ = self.annotations.current(article_id)
        changed: dict = {k: v for k, v in (("title", title), ("subtitle", subtitle), ("kicker", kicker))
                         if v is not None}
        if paragraph is not None:
            paragraphs = list(current.paragraphs)
            if not 1 <= paragraph <= len(paragraphs):
                raise GazetteError(f"article {article_id} has paragraphs 1 to {len(paragraphs)}, not {paragraph}")
            if text is None:
                raise GazetteError("a corrected paragraph needs its text")
            paragraphs[paragraph - 1:paragraph] = [p.strip() for p in text.split("\n") if p.strip()]
            changed["paragraphs"] = tuple(paragraphs)
        if not changed:
            raise GazetteError("nothing to correct: give a paragraph and its text, or a title")
        summary = ", ".join(f"paragraph {paragraph}" if key == "paragraphs" else key for key in changed)
        revision_id = self.annotations.add_revision(article_id, dataclasses.replace(current, **changed),
                                                    summary, author)
        self._changed([article_id])
        return revision_id

    def current_revision(self, article_id: int) -> int | None:
        """The id of the revision the article reads as now; None for the imported reading."""
        return self.annotations.current(article_id)[1]

    def restore_revision(self, article_id: int, revision_id: int | None, *, author: str) -> int:
        """Make an earlier revision (None: the imported reading) current again, as a new revision."""
        text = self.annotations.revision_text(article_id, revision_id)
        summary = f"restored revision {revision_id}" if revision_id else "restored the imported reading"
        restored_id = self.annotations.add_revision(article_id, text, summary, author)
        self._changed([article_id])
        return restored_id

    def withdraw_revision(self, revision_id: int) -> dict | None:
        """Take back the article's latest revision (undo); returns its row for
        :meth:`put_back_revision`, or None when a later revision exists (nothing taken back)."""
        row = self.annotations.withdraw_revision(revision_id)
        if row is not None:
            self._changed([row["article_id"]])
        return row

    def put_back_revision(self, row: dict) -> int:
        """Put back a withdrawn revision (redo) and return its id: the same revision, or, when
        a later one has been made meanwhile, its text as a new latest revision."""
        revision_id = self.annotations.put_back_revision(row)
        self._changed([row["article_id"]])
        return revision_id

    # -- collections -----------------------------------------------------------------------------

    def add_to_collection(self, name: str, article_ids: list[int], *, author: str) -> list[int]:
        """Append articles to the collection (made if new); returns those that were added."""
        if not name.strip():
            raise GazetteError("a collection needs a name")
        added = self.annotations.add_to_collection(name.strip(), article_ids, author)
        self._changed(added, collections=[name.strip()])
        return added

    def remove_from_collection(self, name: str, article_ids: list[int]) -> Change:
        self.annotations.remove_from_collection(name, article_ids)
        return self._changed(article_ids, collections=[name])

    def reorder_collection(self, name: str, article_ids: list[int]) -> Change:
        self.annotations.reorder_collection(name, article_ids)
        return Change(collections=(name,))  # an order is not searched

    def delete_collection(self, name: str) -> Change:
        article_ids = self.annotations.collection_articles(name)
        self.annotations.delete_collection(name)
        return self._changed(article_ids, collections=[name])

