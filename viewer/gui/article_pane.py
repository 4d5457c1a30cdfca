"""The article pane: the open article's metadata and text, hits marked, names as links, and
below it what editors added (notes, highlights, tags …); the annotation tools above it."""

from __future__ import annotations

from urllib.parse import unquote

from viewer.citation import citation
from viewer.gui import article_html
from viewer.gui.annotation_view import AnnotationView
from viewer.gui.passages import BodyPassages
from viewer.gui.qt import (
    QEvent,
    QGuiApplication,
    QHBoxLayout,
    QLabel,
    QSplitter,
    Qt,
    QTextBrowser,
    QToolBar,
    QToolButton,
    QUrl,
    QVBoxLayout,
    QWidget,
    Signal,
)
from viewer.model import ArticleView


class ArticlePane(QWidget):
    person_clicked = Signal(str)
    citation_copied = Signal(str)
    export_wanted = Signal()
    article_shown = Signal(object)  # the article dict, or None

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.article: dict | None = None
        self.spans: tuple[tuple[int, int], ...] = ()

        self.heading = QLabel()
        self.copy_citation_button = QToolButton()
        self.copy_citation_button.clicked.connect(self.copy_citation)
        self.export_button = QToolButton()
        self.export_button.clicked.connect(self.export_wanted)
        header = QHBoxLayout()
        header.setContentsMargins(6, 4, 6, 0)
        header.addWidget(self.heading, 1)
        header.addWidget(self.copy_citation_button)
        header.addWidget(self.export_button)

        self.text = QTextBrowser()
        self.text.setObjectName("articleText")
        self.text.setOpenLinks(False)  # names search the archive; nothing opens a browser
        self.text.anchorClicked.connect(self._link_clicked)
        self.passages = BodyPassages(self.text.document(), [])
        self.tools = QToolBar()  # filled by viewer.gui.annotating
        self.tools.setObjectName("annotationTools")
        self.annotation_view = AnnotationView()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("articleSplitter")
        self.splitter.addWidget(self.text)
        self.splitter.addWidget(self.annotation_view)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.tools)
        layout.addWidget(self.splitter)
        self.retranslate()

    def show_article(self, article: ArticleView | None, spans: list[tuple[int, int]] = ()) -> None:
        """Show ``article`` (``archive.browsing.article``) with ``spans`` marked as hits, scrolled
        to the first one; None shows nothing."""
        self.article, self.spans = article, tuple(spans)
        self.copy_citation_button.setEnabled(article is not None)
        self.export_button.setEnabled(article is not None)
        self.article_shown.emit(article)
        self.annotation_view.show_annotations(article.annotations if article is not None else None)
        if article is None:
            hint = self.tr("Choose an article to read it here.")  # (lupdate cannot see into f-strings)
            self.text.setHtml(f'<p style="color:#777">{hint}</p>')
            self.passages = BodyPassages(self.text.document(), [])
            return
        self.text.setHtml(article_html.render(article, self.spans))
        self.passages = BodyPassages(self.text.document(), list(article.text.paragraphs))
        bar = self.text.verticalScrollBar()
        if self.spans:
            self.text.scrollToAnchor(article_html.FIRST_HIT_ANCHOR)
            # A hit on the first screen needs no scrolling (the title stays in view); a hit
            # further down comes into view a third of the way down, with what leads up to it.
            # Scrolled to the end, the hit is somewhere on the last screen: it stays there.
            height = self.text.viewport().height()
            if bar.value() < bar.maximum():
                bar.setValue(0 if bar.value() < height * 0.7 else bar.value() - height // 3)
        else:
            bar.setValue(0)

    def refresh(self, article: ArticleView) -> None:
        """Show the open article again as it now reads, where the reader had scrolled to."""
        bars = [self.text.verticalScrollBar(), self.annotation_view.view.verticalScrollBar()]
        scrolled = [bar.value() for bar in bars]
        self.show_article(article, self.spans)
        for bar, value in zip(bars, scrolled):
            bar.setValue(value)

    def selected_passage(self) -> tuple[int, int] | None:
        """The selected text as a span of the body text (see :mod:`viewer.gui.passages`)."""
        return self.passages.span_of(self.text.textCursor())

    def select_passage(self, start: int, end: int) -> None:
        """Select a span of the body text and scroll it into view."""
        cursor = self.passages.cursor_for(start, end)
        if cursor is not None:
            self.text.setTextCursor(cursor)
            self.text.ensureCursorVisible()

    def current_paragraph(self) -> int | None:
        """The number (from 1) of the paragraph the text cursor is in, if in one."""
        return self.passages.paragraph_at(self.text.textCursor().selectionStart())

    def copy_citation(self) -> None:
        if self.article is None:
            return
        # viewer.citation reads the json shape, which has no page label: add it (B8, not 8)
        reference = citation({**self.article.to_json(with_annotations=False), "page_label": self.article.page_label})
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
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Export this article as text, Markdown, JSON, CSV or Word"))
        self.show_article(self.article, self.spans)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
