"""The browse panel: the publications → years → months → issues tree, the calendar of the
chosen publication, and the chosen issue's pages with their articles."""

from __future__ import annotations

from viewer.archive import Archive
from viewer.gui import browse_model, pages_model
from viewer.gui.browse_model import BrowseModel
from viewer.gui.issue_calendar import IssueCalendar
from viewer.gui.pages_model import IssuePagesModel
from viewer.gui.qt import (
    QAbstractItemView,
    QEvent,
    QIcon,
    QImageReader,
    QItemSelectionModel,
    QLabel,
    QModelIndex,
    QPixmap,
    QSize,
    QSplitter,
    Qt,
    QTreeView,
    QVBoxLayout,
    QWidget,
    Signal,
)
from viewer.model import ArticleLocation

THUMBNAIL_SIZE = QSize(48, 64)


class BrowsePanel(QWidget):
    issue_chosen = Signal(int)
    page_chosen = Signal(int)
    article_chosen = Signal(int)

    def __init__(self, archive: Archive, parent: QWidget | None = None):
        super().__init__(parent)
        self.archive = archive
        self.issue_id: int | None = None
        self.issue_date: str | None = None
        self._quiet = False  # set while showing where an article is, so no choice is signalled

        self.tree_model = BrowseModel(archive, self)
        self.tree = QTreeView()
        self.tree.setObjectName("issueTree")
        self.tree.setHeaderHidden(True)
        self.tree.setModel(self.tree_model)
        self.tree.setUniformRowHeights(True)
        self.tree.selectionModel().currentChanged.connect(self._tree_current_changed)

        self.calendar = IssueCalendar(archive)
        self.calendar.issue_clicked.connect(self.choose_issue)
        self.calendar_legend = self.calendar.legend
        calendar_box = QWidget()
        calendar_layout = QVBoxLayout(calendar_box)
        calendar_layout.setContentsMargins(0, 0, 0, 0)
        calendar_layout.addWidget(self.calendar, 1)
        calendar_layout.addWidget(self.calendar_legend)
        calendar_layout.addWidget(self.calendar.note)

        self.pages_label = QLabel()
        self.pages_model = IssuePagesModel(archive, self)
        self.pages = QTreeView()
        self.pages.setObjectName("pageList")
        self.pages.setHeaderHidden(True)
        self.pages.setModel(self.pages_model)
        self.pages.setIconSize(THUMBNAIL_SIZE)
        self.pages.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.pages.selectionModel().currentChanged.connect(self._pages_current_changed)

        pages_box = QWidget()
        pages_layout = QVBoxLayout(pages_box)
        pages_layout.setContentsMargins(0, 4, 0, 0)
        pages_layout.addWidget(self.pages_label)
        pages_layout.addWidget(self.pages)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("browseSplitter")
        self.splitter.setChildrenCollapsible(False)
        for widget in (self.tree, calendar_box, pages_box):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(2, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.retranslate()
        publications = archive.browsing.publications()
        if publications:
            self.calendar.show_publication(publications[0].id, publications[0].last_date)

    # -- choosing ----------------------------------------------------------------------------------

    def choose_latest_issue(self) -> None:
        """Open the newest issue of the first publication (what a reader most likely wants)."""
        publications = self.archive.browsing.publications()
        if publications and publications[0].last_date:
            self._select_issue(publications[0].id, publications[0].last_date)

    def choose_issue(self, issue_id: int) -> None:
        issue = self.archive.browsing.issue(issue_id)
        self._select_issue(issue.publication_id, issue.date)

    def reveal(self, location: ArticleLocation, article_id: int) -> None:
        """Show where an article is (its issue, page and row) without signalling a choice."""
        self._quiet = True
        try:
            self._select_issue(location.publication_id, location.date)
            index = self.pages_model.index_of_article(article_id)
            if index.isValid():
                self.pages.expand(index.parent())
                self.pages.setCurrentIndex(index)
                self.pages.scrollTo(index)
        finally:
            self._quiet = False

    def refresh(self) -> None:
        """Read everything again (pages added or replaced), keeping the chosen issue."""
        issue_id = self.issue_id
        self.tree_model.refresh()
        self.calendar.refresh()
        if issue_id is not None:
            self._quiet = True
            try:
                self.choose_issue(issue_id)
            finally:
                self._quiet = False
            self.read_pages_again()  # the same issue chosen again is not read again by choosing it
        elif self.calendar.publication_id is None:
            publications = self.archive.browsing.publications()
            if publications:
                self.calendar.show_publication(publications[0].id, publications[0].last_date)

    def shows_article(self, article_id: int) -> bool:
        return self.pages_model.index_of_article(article_id).isValid()

    def read_pages_again(self) -> None:
        """Read the chosen issue's pages and their articles again (a page added, a title
        corrected), keeping the row chosen, without signalling a choice."""
        current = self.pages.currentIndex()
        article_id, page_id = current.data(pages_model.ArticleIdRole), current.data(pages_model.PageIdRole)
        self._quiet = True
        try:
            self.pages_model.refresh()
            self._load_thumbnails()
            self.pages.expandAll()
            index = (self.pages_model.index_of_article(article_id) if article_id is not None
                     else self.pages_model.index_of_page(page_id) if page_id is not None else QModelIndex())
            if index.isValid():
                self.pages.setCurrentIndex(index)
        finally:
            self._quiet = False

    def _select_issue(self, publication_id: int, date: str) -> None:
        index = self.tree_model.index_of_issue(publication_id, date)
        if not index.isValid():
            return
        self.tree.expand(index.parent().parent().parent())
        self.tree.expand(index.parent().parent())
        self.tree.expand(index.parent())
        self.tree.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.tree.scrollTo(index)

    def _tree_current_changed(self, index: QModelIndex) -> None:
        publication_id = index.data(browse_model.PublicationIdRole)
        if index.data(browse_model.KindRole) != browse_model.ISSUE:
            if publication_id is not None:
                self.calendar.show_publication(publication_id, month=index.data(browse_model.MonthRole))
            return
        issue_id, date = index.data(browse_model.IssueIdRole), index.data(browse_model.DateRole)
        self.calendar.show_publication(publication_id, date)
        if issue_id == self.issue_id and self.pages_model.issue_id == issue_id:
            return
        self.issue_id, self.issue_date = issue_id, date
        self.pages_model.set_issue(issue_id)
        self._load_thumbnails()
        self.pages.expandAll()
        self._update_pages_label()
        if not self._quiet:
            self.issue_chosen.emit(issue_id)

    def _pages_current_changed(self, index: QModelIndex) -> None:
        if self._quiet or not index.isValid():
            return
        article_id = index.data(pages_model.ArticleIdRole)
        if article_id is not None:
            self.article_chosen.emit(article_id)
        else:
            self.page_chosen.emit(index.data(pages_model.PageIdRole))

    def _load_thumbnails(self) -> None:
        """Small pictures, read scaled (a thumbnail file when the archive has made one)."""
        for page in self.pages_model.pages():
            path = self.archive.browsing.page_file(page.thumbnail)
            if path is None:
                continue
            reader = QImageReader(str(path))
            reader.setScaledSize(reader.size().scaled(THUMBNAIL_SIZE, Qt.AspectRatioMode.KeepAspectRatio))
            image = reader.read()
            if not image.isNull():
                self.pages_model.set_thumbnail(page.id, QIcon(QPixmap.fromImage(image)))

    def _update_pages_label(self) -> None:
        if self.issue_date is None:
            self.pages_label.setText(self.tr("Pages"))
        else:
            self.pages_label.setText(self.tr("Pages of {date}").format(date=self.issue_date))

    def retranslate(self) -> None:
        self.tree_model.retranslate()
        self._update_pages_label()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
