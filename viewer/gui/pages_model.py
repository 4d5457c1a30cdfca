"""The pages of one issue, each with its articles beneath it: a two-level tree.

A page shows its thumbnail when it has an image (set by whoever reads the images, off the GUI
thread) and otherwise its number and section.
"""

from __future__ import annotations

from viewer.archive import Archive
from viewer.gui.qt import (
    ROOT_INDEX,
    QAbstractItemModel,
    QIcon,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

PageIdRole = Qt.ItemDataRole.UserRole
ArticleIdRole = Qt.ItemDataRole.UserRole + 1
ImageRole = Qt.ItemDataRole.UserRole + 2  # the page's image path in the archive, or None

_PAGE_ROW = 2**32 - 1  # internal id of a page row; an article row's internal id is its page's row


class IssuePagesModel(QAbstractItemModel):
    def __init__(self, archive: Archive, parent: QObject | None = None):
        super().__init__(parent)
        self.archive = archive
        self.issue_id: int | None = None
        self._pages: list[dict] = []
        self._thumbnails: dict[int, QIcon] = {}

    def set_issue(self, issue_id: int | None) -> None:
        self.beginResetModel()
        self.issue_id = issue_id
        self._pages = self.archive.issue_pages(issue_id) if issue_id is not None else []
        self._thumbnails.clear()
        self.endResetModel()

    def refresh(self) -> None:
        self.set_issue(self.issue_id)

    def pages(self) -> list[dict]:
        return list(self._pages)

    def set_thumbnail(self, page_id: int, icon: QIcon) -> None:
        self._thumbnails[page_id] = icon
        for row, page in enumerate(self._pages):
            if page["id"] == page_id:
                index = self.index(row, 0)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def index_of_page(self, page_id: int) -> QModelIndex:
        for row, page in enumerate(self._pages):
            if page["id"] == page_id:
                return self.index(row, 0)
        return QModelIndex()

    def index_of_article(self, article_id: int) -> QModelIndex:
        for row, page in enumerate(self._pages):
            for article_row, article in enumerate(page["articles"]):
                if article["id"] == article_id:
                    return self.index(article_row, 0, self.index(row, 0))
        return QModelIndex()

    # -- QAbstractItemModel ---------------------------------------------------------------------

    def index(self, row: int, column: int, parent: QModelIndex = ROOT_INDEX) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _PAGE_ROW) if row < len(self._pages) else QModelIndex()
        if parent.internalId() == _PAGE_ROW and row < len(self._pages[parent.row()]["articles"]):
            return self.createIndex(row, 0, parent.row())
        return QModelIndex()

    def parent(self, index: QModelIndex = ROOT_INDEX) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _PAGE_ROW:
            return QModelIndex()
        return self.createIndex(index.internalId(), 0, _PAGE_ROW)

    def rowCount(self, parent: QModelIndex = ROOT_INDEX) -> int:
        if not parent.isValid():
            return len(self._pages)
        if parent.column() == 0 and parent.internalId() == _PAGE_ROW:
            return len(self._pages[parent.row()]["articles"])
        return 0

    def columnCount(self, parent: QModelIndex = ROOT_INDEX) -> int:
        return 1

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == _PAGE_ROW:
            return self._page_data(self._pages[index.row()], role)
        page = self._pages[index.internalId()]
        article = page["articles"][index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return article["title"] or self.tr("(untitled)")
        if role == ArticleIdRole:
            return article["id"]
        if role == PageIdRole:
            return page["id"]
        return None

    def _page_data(self, page: dict, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            label = self.tr("Page {label}").format(label=page["label"])
            return f"{label}  {page['section']}" if page["section"] else label
        if role == Qt.ItemDataRole.DecorationRole:
            return self._thumbnails.get(page["id"])
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("%n article(s)", "", len(page["articles"]))
        if role == PageIdRole:
            return page["id"]
        if role == ImageRole:
            return page["image"]
        return None
