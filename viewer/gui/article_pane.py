"""The article pane: the open article's metadata and text, hits marked, names as links."""

from __future__ import annotations

from urllib.parse import unquote

from viewer.citation import citation
from viewer.gui import article_html
from viewer.gui.qt import (
    QEvent,
    QGuiApplication,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QToolButton,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
)


class ArticlePane(QWidget):
    person_clicked = Signal(str)
    citation_copied = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.article: dict | None = None
        self.spans: list[tuple[int, int]] = []

        self.heading = QLabel()
        self.copy_citation_button = QToolButton()
        self.copy_citation_button.clicked.connect(self.copy_citation)
        header = QHBoxLayout()
        header.setContentsMargins(6, 4, 6, 0)
        header.addWidget(self.heading, 1)
        header.addWidget(self.copy_citation_button)

        self.text = QTextBrowser()
        self.text.setObjectName("articleText")
        self.text.setOpenLinks(False)  # names search the archive; nothing opens a browser
        self.text.anchorClicked.connect(self._link_clicked)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.text)
        self.retranslate()

    def show_article(self, article: dict | None, spans: list[tuple[int, int]] = ()) -> None:
        """Show ``article`` (``Archive.article``'s dict) with ``spans`` marked as hits, scrolled
        to the first one; None shows nothing."""
        self.article, self.spans = article, list(spans)
        self.copy_citation_button.setEnabled(article is not None)
        if article is None:
            hint = self.tr("Choose an article to read it here.")  # (lupdate cannot see into f-strings)
            self.text.setHtml(f'<p style="color:#777">{hint}</p>')
            return
        self.text.setHtml(article_html.render(article, self.spans))
        bar = self.text.verticalScrollBar()
        if self.spans:
            self.text.scrollToAnchor(article_html.FIRST_HIT_ANCHOR)
            # A hit on the first screen needs no scrolling (the title stays in view); a hit
            # further down comes into view a third of the way down, with what leads up to it.
            height = self.text.viewport().height()
            bar.setValue(0 if bar.value() < height * 0.7 else bar.value() - height // 3)
        else:
            bar.setValue(0)

    def copy_citation(self) -> None:
        if self.article is None:
            return
        reference = citation(self.article)
        QGuiApplication.clipboard().setText(reference)
        self.citation_copied.emit(reference)

    def copy(self) -> None:
        """Copy the selected text, or the whole article when nothing is selected."""
        if self.text.textCursor().hasSelection():
            self.text.copy()
        elif self.article is not None:
            QGuiApplication.clipboard().setText(self.text.toPlainText())

    def _link_clicked(self, url: QUrl) -> None:
        if url.scheme() == article_html.PERSON_SCHEME:
            self.person_clicked.emit(unquote(url.path()))

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Article"))
        self.copy_citation_button.setText(self.tr("Copy citation"))
        self.copy_citation_button.setToolTip(self.tr("Copy the GB/T 7714 reference of this article"))
        self.show_article(self.article, self.spans)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
