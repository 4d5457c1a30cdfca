"""Writing a note: plain text, or simple rich text (bold, italic, underline, bullet lists).

A note with no formatting is kept as plain text; one with some is kept as a small HTML of
paragraphs, lists and those three styles only, so what is indexed and exported is the text
and not the style sheet a QTextDocument would write around it.
"""

from __future__ import annotations

from html import escape

from viewer.gui.qt import (
    QAction,
    QDialog,
    QDialogButtonBox,
    QFont,
    QKeySequence,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextDocument,
    QTextEdit,
    QTextListFormat,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

LINE_SEPARATOR = "\u2028"  # Shift+Enter within a paragraph


def note_from_document(document: QTextDocument) -> tuple[str, str]:
    """The note as (text, format): "plain" when nothing is formatted, else "html"."""
    blocks = _blocks(document)
    if not any(block.textList() for block in blocks) and not any(
            _styles(fragment.charFormat()) for block in blocks for fragment in _fragments(block)):
        return document.toPlainText().strip(), "plain"
    return _simple_html(blocks), "html"


def _blocks(document: QTextDocument) -> list[QTextBlock]:
    blocks, block = [], document.begin()
    while block.isValid():
        blocks.append(block)
        block = block.next()
    while blocks and not blocks[-1].text().strip():
        blocks.pop()
    while blocks and not blocks[0].text().strip():
        blocks.pop(0)
    return blocks


def _fragments(block: QTextBlock) -> list:
    return [piece.fragment() for piece in block if piece.fragment().isValid()]


def _styles(char_format: QTextCharFormat) -> list[str]:
    return [tag for tag, on in (("b", char_format.fontWeight() > QFont.Weight.Normal),
                                ("i", char_format.fontItalic()), ("u", char_format.fontUnderline())) if on]


def _simple_html(blocks: list[QTextBlock]) -> str:
    html, in_list = [], False
    for block in blocks:
        inner = ""
        for fragment in _fragments(block):
            styles = _styles(fragment.charFormat())
            text = escape(fragment.text()).replace(LINE_SEPARATOR, "<br/>")
            inner += "".join(f"<{s}>" for s in styles) + text + "".join(f"</{s}>" for s in reversed(styles))
        if block.textList() and not in_list:
            html.append("<ul>")
        elif not block.textList() and in_list:
            html.append("</ul>")
        in_list = bool(block.textList())
        html.append(f"<li>{inner}</li>" if in_list else f"<p>{inner}</p>")
    if in_list:
        html.append("</ul>")
    return "".join(html)


class NoteDialog(QDialog):
    def __init__(self, parent: QWidget | None, text: str = "", fmt: str = "plain"):
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.resize(520, 340)
        self.editor = QTextEdit()
        self.editor.setObjectName("noteEditor")
        self.editor.setAcceptRichText(True)
        if fmt == "html":
            self.editor.setHtml(text)
        else:
            self.editor.setPlainText(text)

        tools = QToolBar()
        self.bold = self._style_action(tools, "Ctrl+B", lambda on: self.editor.setFontWeight(
            QFont.Weight.Bold if on else QFont.Weight.Normal))
        self.italic = self._style_action(tools, "Ctrl+I", self.editor.setFontItalic)
        self.underline = self._style_action(tools, "Ctrl+U", self.editor.setFontUnderline)
        self.bullets = self._style_action(tools, "Ctrl+Shift+8", self._set_bullets)
        self.editor.currentCharFormatChanged.connect(self._show_format)
        self.editor.cursorPositionChanged.connect(self._show_list)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.editor.textChanged.connect(self._enable_ok)
        layout = QVBoxLayout(self)
        layout.addWidget(tools)
        layout.addWidget(self.editor)
        layout.addWidget(self.buttons)
        self._enable_ok()
        self.setWindowTitle(self.tr("Note") if not text else self.tr("Edit note"))
        self.bold.setText(self.tr("Bold"))
        self.italic.setText(self.tr("Italic"))
        self.underline.setText(self.tr("Underline"))
        self.bullets.setText(self.tr("List"))
        for action, style in ((self.bold, "setBold"), (self.italic, "setItalic"), (self.underline, "setUnderline")):
            font = action.font()
            getattr(font, style)(True)  # each button shows what it does
            action.setFont(font)
        self.editor.setPlaceholderText(self.tr("Your note on this article"))

    def note(self) -> tuple[str, str]:
        """(text, format) as written."""
        return note_from_document(self.editor.document())

    def _style_action(self, tools: QToolBar, shortcut: str, apply) -> QAction:
        action = tools.addAction("")
        action.setCheckable(True)
        action.setShortcut(QKeySequence(shortcut))
        action.toggled.connect(apply)
        return action

    def _set_bullets(self, on: bool) -> None:
        cursor = self.editor.textCursor()
        current = cursor.currentList()
        if on and current is None:
            cursor.createList(QTextListFormat.Style.ListDisc)
        elif not on and current is not None:
            current.remove(cursor.block())
            cursor.setBlockFormat(QTextBlockFormat())  # no list indent left behind

    def _show_format(self, char_format: QTextCharFormat) -> None:
        styles = _styles(char_format)
        for action, tag in ((self.bold, "b"), (self.italic, "i"), (self.underline, "u")):
            _show_checked(action, tag in styles)

    def _show_list(self) -> None:
        _show_checked(self.bullets, self.editor.textCursor().currentList() is not None)

    def _enable_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.editor.toPlainText().strip()))


def _show_checked(action: QAction, on: bool) -> None:
    """Show what the text under the cursor is, without applying it."""
    action.blockSignals(True)
    action.setChecked(on)
    action.blockSignals(False)
