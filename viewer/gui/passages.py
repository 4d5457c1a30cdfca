"""Passages of an article's body between the text the pane shows and the archive.

The archive places a highlight by its span in the body text: the paragraphs joined by "\n",
counted in code points. The pane's QTextDocument counts UTF-16 units (𠵱 is one code point
and two units), shows a header before the body and indents each paragraph. The body is the
document's last blocks, one per paragraph (``article_html.render`` puts nothing after it).
"""

from __future__ import annotations

from viewer.gui.qt import QTextCursor, QTextDocument


def utf16_length(text: str) -> int:
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


def index_from_utf16(text: str, units: int) -> int:
    """The code point index at ``units`` UTF-16 units into ``text`` (rounded down)."""
    count = 0
    for index, char in enumerate(text):
        count += 2 if ord(char) > 0xFFFF else 1
        if count > units:
            return index
    return len(text)


class BodyPassages:
    """Where each body paragraph is in ``document``; empty when the document does not end
    with them (no article shown)."""

    def __init__(self, document: QTextDocument, paragraphs: list[str]):
        self.document = document
        self.paragraphs = list(paragraphs)
        self.blocks = []  # per paragraph: (the document position its text starts at, its offset in the body)
        block, found = document.lastBlock(), []
        for paragraph in reversed(self.paragraphs):
            if not block.isValid() or not block.text().endswith(paragraph):
                self.paragraphs = []
                return
            found.append(block.position() + utf16_length(block.text()) - utf16_length(paragraph))
            block = block.previous()
        offset = 0
        for position, paragraph in zip(reversed(found), self.paragraphs):
            self.blocks.append((position, offset))
            offset += len(paragraph) + 1

    def span_of(self, cursor: QTextCursor) -> tuple[int, int] | None:
        """The cursor's selection as a span of the body, cut to the body; None when it selects
        nothing of the body."""
        if not self.paragraphs or not cursor.hasSelection():
            return None
        start, end = self.body_offset(cursor.selectionStart()), self.body_offset(cursor.selectionEnd())
        return (start, end) if start < end else None

    def body_offset(self, position: int) -> int:
        """The body offset of a document position (a paragraph's start for one in its indent,
        or before the body)."""
        for (start, body_start), paragraph in zip(self.blocks, self.paragraphs):
            if position < start:
                return body_start
            units = position - start
            if units <= utf16_length(paragraph):
                return body_start + index_from_utf16(paragraph, units)
        return len("\n".join(self.paragraphs))

    def position_of(self, offset: int) -> int:
        """The document position of a body offset."""
        for (start, body_start), paragraph in zip(self.blocks, self.paragraphs):
            if offset <= body_start + len(paragraph):
                return start + utf16_length(paragraph[:max(0, offset - body_start)])
        return self.document.characterCount() - 1

    def cursor_for(self, start: int, end: int) -> QTextCursor | None:
        """A cursor selecting the body span [start, end), or None without a body."""
        if not self.paragraphs:
            return None
        cursor = QTextCursor(self.document)
        cursor.setPosition(self.position_of(start))
        cursor.setPosition(self.position_of(end), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def paragraph_at(self, position: int) -> int | None:
        """The number (from 1) of the paragraph at a document position, or None."""
        block = self.document.findBlock(position)
        for number, (start, _) in enumerate(self.blocks, start=1):
            if self.document.findBlock(start) == block:
                return number
        return None
