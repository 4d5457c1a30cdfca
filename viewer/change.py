"""What a write changed, so whoever shows the archive refreshes from that and nothing else.

Every write gives one: an undoable edit's ``apply`` and ``revert`` (:mod:`viewer.services.edits`),
an import's report (:attr:`viewer.model.ImportReport.change`), pages read again or by OCR
(:func:`viewer.reread.change_of`). The window shows a change in one place
(``MainWindow.apply_change``); the command line has no use for them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    texts: tuple[int, ...] = ()  # articles whose text or headings changed (a correction, a page read again)
    annotations: tuple[int, ...] = ()  # articles whose notes, highlights, tags or collections changed
    collections: tuple[str, ...] = ()  # collections made, deleted, filled, emptied or reordered
    tags: tuple[str, ...] = ()  # tags put on or taken off an article
    pages: tuple[int, ...] = ()  # pages added, replaced or read again (a new issue comes with its pages)
    index: bool = False  # articles may still be waiting for the search index: check it
    unknown: bool = False  # a write that stopped part-way without saying what it did: anything may have

    @property
    def articles(self) -> tuple[int, ...]:
        """Every article the change is about (its text or its annotations)."""
        return tuple(dict.fromkeys(self.texts + self.annotations))
