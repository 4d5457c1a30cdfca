"""The pages of one issue, each with its articles beneath it: a two-level tree.

A page shows its thumbnail when it has an image (set by whoever reads the images, off the GUI
thread) and otherwise its number and section.
"""

from __future__ import annotations

from viewer.archive import Archive
from viewer.gui.grouped_model import GroupedModel, is_group
from viewer.gui.qt import QIcon, QModelIndex, QObject, QPersistentModelIndex, Qt
from viewer.model import IssuePage

PageIdRole = Qt.ItemDataRole.UserRole
ArticleIdRole = Qt.ItemDataRole.UserRole + 1
ImageRole = Qt.ItemDataRole.UserRole + 2  # the page's image path in the archive, or None


class IssuePagesModel(GroupedModel):
    def __init__(self, archive: Archive, parent: QObject | None = None):
        super().__init__(parent)
        self.archive = archive
        self.issue_id: int | None = None
        self._pages: list[IssuePage] = []
        self._thumbnails: dict[int, QIcon] = {}

    def set_issue(self, issue_id: int | None) -> None:
        self.beginResetModel()
        self.issue_id = issue_id
        self._pages = self.archive.browsing.issue_pages(issue_id) if issue_id is not None else []
        self._thumbnails.clear()
        self.endResetModel()

    def refresh(self) -> None:
        self.set_issue(self.issue_id)

    def pages(self) -> list[IssuePage]:
        return list(self._pages)

    def set_thumbnail(self, page_id: int, icon: QIcon) -> None:
        self._thumbnails[page_id] = icon
        for row, page in enumerate(self._pages):
            if page.id == page_id:
                index = self.index(row, 0)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def index_of_page(self, page_id: int) -> QModelIndex:
        for row, page in enumerate(self._pages):
            if page.id == page_id:
                return self.index(row, 0)
        return QModelIndex()

    def index_of_article(self, article_id: int) -> QModelIndex:
        for row, page in enumerate(self._pages):
            for article_row, article in enumerate(page.articles):
                if article.id == article_id:
                    return self.index(article_row, 0, self.index(row, 0))
        return QModelIndex()

    # -- GroupedModel ----------------------------------------------------------------------------

    def group_count(self) -> int:
        return len(self._pages)

    def child_count(self, group_row: int) -> int:
        return len(self._pages[group_row].articles)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if is_group(index):
            return self._page_data(self._pages[index.row()], role)
        page = self._pages[index.internalId()]
        article = page.articles[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return article.title or self.tr("(untitled)")
        if role == ArticleIdRole:
            return article.id
        if role == PageIdRole:
            return page.id
        return None

    def _page_data(self, page: IssuePage, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            label = self.tr("Page {label}").format(label=page.label)
            return f"{label}  {page.section}" if page.section else label
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbnails.get(page.id)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("%n article(s)", "", len(page.articles))
        if role == PageIdRole:
            return page.id
        if role == ImageRole:
            return page.image
        return None
