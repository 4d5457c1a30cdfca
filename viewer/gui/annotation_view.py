"""Below the article's text: what editors added to it (:mod:`viewer.gui.annotation_html`)
and a field to tag it, completing from the tags in use."""

from __future__ import annotations

from collections.abc import Sequence

from viewer.gui import annotation_html
from viewer.gui.qt import (
    QCompleter,
    QEvent,
    QLineEdit,
    QStringListModel,
    Qt,
    QTextBrowser,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
)
from viewer.model import AnnotationEntry


class AnnotationView(QWidget):
    link_activated = Signal(str, str)  # an annotation_html action and its argument
    tag_entered = Signal(str)  # what was typed in the tag field, on Enter

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.annotations: Sequence[AnnotationEntry] | None = None
        self.tag_field = QLineEdit()
        self.tag_field.setObjectName("tagField")
        self.tag_field.setClearButtonEnabled(True)
        self.tag_names = QStringListModel(self)
        completer = QCompleter(self.tag_names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)  # a Chinese tag is often found by its middle
        self.tag_field.setCompleter(completer)
        self.tag_field.returnPressed.connect(self._tag_entered)

        self.view = QTextBrowser()
        self.view.setObjectName("articleAnnotations")
        self.view.setOpenLinks(False)
        self.view.anchorClicked.connect(self._link_clicked)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tag_field)
        layout.addWidget(self.view)
        self.retranslate()

    def show_annotations(self, annotations: Sequence[AnnotationEntry] | None) -> None:
        """An article's annotations (None: no article, nothing to annotate)."""
        self.annotations = annotations
        self.tag_field.setEnabled(annotations is not None)
        self.view.setHtml(annotation_html.render(annotations) if annotations is not None else "")

    def set_tags_in_use(self, tags: list[str]) -> None:
        self.tag_names.setStringList(tags)

    def _tag_entered(self) -> None:
        text = self.tag_field.text().strip()
        if text:
            self.tag_field.clear()
            self.tag_entered.emit(text)

    def _link_clicked(self, url: QUrl) -> None:
        self.link_activated.emit(url.scheme(), url.path(QUrl.ComponentFormattingOption.FullyDecoded))

    def retranslate(self) -> None:
        self.tag_field.setPlaceholderText(self.tr("Add a tag (Enter; commas between several)…"))
        if self.annotations is not None:
            self.show_annotations(self.annotations)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
