"""Corrections: the dialog that corrects a paragraph or the headings of an article, and the
history of its revisions, any of which can be made current again."""

from __future__ import annotations

import re
from html import escape

from viewer.gui.annotation_html import local_time
from viewer.gui.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    Qt,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    translate,
)
from viewer.model import ArticleView, Revision

HEADINGS = ("kicker", "title", "subtitle")


class CorrectionDialog(QDialog):
    """Correct the headings and one paragraph (the one the cursor was in) of ``article``."""

    def __init__(self, parent: QWidget | None, article: ArticleView, paragraph: int | None):
        super().__init__(parent)
        self.setObjectName("correctionDialog")
        self.setWindowTitle(self.tr("Correct the text"))
        self.resize(640, 460)
        self.article = article
        self.headings = {name: QLineEdit(getattr(article.text, name)) for name in HEADINGS}
        self.paragraph = QSpinBox()
        self.paragraph.setRange(1, max(1, len(article.text.paragraphs)))
        self.paragraph.setValue(paragraph or 1)
        self.paragraph.valueChanged.connect(self._load_paragraph)
        self.text = QPlainTextEdit()
        self.text.setObjectName("correctedParagraph")
        hint = QLabel(self.tr("A line break splits the paragraph in two; an empty text removes it. "
                              "The text as it was is kept in the history."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color:#666")

        form = QFormLayout()
        form.addRow(self.tr("Kicker:"), self.headings["kicker"])
        form.addRow(self.tr("Title:"), self.headings["title"])
        form.addRow(self.tr("Subtitle:"), self.headings["subtitle"])
        form.addRow(self.tr("Paragraph:"), self.paragraph)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.text)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        for field in self.headings.values():
            field.textChanged.connect(self._enable_ok)
        self.text.textChanged.connect(self._enable_ok)
        self._load_paragraph(self.paragraph.value())

    def changes(self) -> dict:
        """What changed, as ``archive.editing.correct``'s keyword arguments."""
        changed = {name: field.text().strip() for name, field in self.headings.items()
                   if field.text().strip() != getattr(self.article.text, name)}
        number = self.paragraph.value()
        paragraphs = self.article.text.paragraphs
        if paragraphs and self.text.toPlainText() != paragraphs[number - 1]:
            changed.update(paragraph=number, text=self.text.toPlainText())
        return changed

    def _load_paragraph(self, number: int) -> None:
        paragraphs = self.article.text.paragraphs
        self.text.setPlainText(paragraphs[number - 1] if paragraphs else "")
        self.text.setEnabled(bool(paragraphs))

    def _enable_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.changes()))


def describe(summary: str) -> str:
    """A revision's summary (as the archive words it) in the interface's language."""
    if summary == "imported reading":
        return translate("Corrections", "The imported reading")
    if summary == "restored the imported reading":
        return translate("Corrections", "Restored the imported reading")
    restored = re.fullmatch(r"restored revision (\d+)", summary)
    if restored:
        return translate("Corrections", "Restored revision {number}").format(number=restored.group(1))
    words = {"title": translate("Corrections", "title"), "subtitle": translate("Corrections", "subtitle"),
             "kicker": translate("Corrections", "kicker")}
    parts = []
    for part in summary.split(", "):
        paragraph = re.fullmatch(r"paragraph (\d+)", part)
        parts.append(translate("Corrections", "paragraph {number}").format(number=paragraph.group(1))
                     if paragraph else words.get(part, part))
    separator = translate("Corrections", ", ")
    return translate("Corrections", "Corrected {what}").format(what=separator.join(parts))


class HistoryDialog(QDialog):
    """The revisions of an article, oldest first; "Restore" makes the chosen one current
    (``chosen`` holds its id, None for the imported reading)."""

    def __init__(self, parent: QWidget | None, revisions: list[Revision], current: int | None):
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.setWindowTitle(self.tr("History of the text"))
        self.resize(860, 520)
        self.revisions = revisions
        self.current = current
        self.chosen: int | None = None

        self.list = QListWidget()
        self.list.setObjectName("revisions")
        for revision in revisions:
            label = describe(revision.summary)
            if revision.id is not None:
                who = f"{revision.author} · {local_time(revision.created)}"
                label = f"#{revision.id}  {label}\n{who}"
            if revision.id == current:
                label += "  " + self.tr("(current)")
            self.list.addItem(QListWidgetItem(label))
        self.preview = QTextBrowser()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(self.preview)
        splitter.setSizes([300, 560])

        self.restore = QPushButton(self.tr("Restore This Revision"))
        self.restore.setObjectName("restoreRevision")
        self.restore.clicked.connect(self._restore)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        layout.addWidget(buttons)
        self.list.currentRowChanged.connect(self._show)
        self.list.setCurrentRow(len(revisions) - 1)

    def _show(self, row: int) -> None:
        revision = self.revisions[row]
        self.restore.setEnabled(revision.id != self.current)
        headings = [f"<p style='color:#6b5a2e'>{escape(revision.text.kicker)}</p>" if revision.text.kicker
                    else "",
                    f"<h3>{escape(revision.text.title)}</h3>",
                    f"<p>{escape(revision.text.subtitle)}</p>" if revision.text.subtitle else ""]
        body = "".join(f"<p>　　{escape(p)}</p>" for p in revision.text.paragraphs)
        self.preview.setHtml("".join(headings) + body)

    def _restore(self) -> None:
        self.chosen = self.revisions[self.list.currentRow()].id
        self.accept()
