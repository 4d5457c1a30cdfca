"""The articles of one collection, in its order, as a list model that can be reordered by
dragging.

The model does not reorder itself: a drop asks for the new order (:attr:`order_wanted`), the
window writes it (undoably), and the model is given the order the archive then holds.
"""

from __future__ import annotations

import json

from viewer.gui.qt import (
    ROOT_INDEX,
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from viewer.model import ArticleRow

ArticleIdRole = Qt.ItemDataRole.UserRole
MIME_TYPE = "application/x-gazette-article-ids"


class CollectionModel(QAbstractListModel):
    order_wanted = Signal(list)  # article ids in the order a drop asks for

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._articles: list[ArticleRow] = []

    def set_articles(self, articles: list[ArticleRow]) -> None:
        """The collection's articles now; a new order of the same articles keeps the selection."""
        if sorted(a.id for a in articles) != sorted(a.id for a in self._articles):
            self.beginResetModel()
            self._articles = list(articles)
            self.endResetModel()
            return
        self.layoutAboutToBeChanged.emit()
        old_ids = self.article_ids()
        new_rows = {a.id: row for row, a in enumerate(articles)}
        self._articles = list(articles)
        for persistent in self.persistentIndexList():
            self.changePersistentIndex(persistent, self.index(new_rows[old_ids[persistent.row()]], 0))
        self.layoutChanged.emit()

    def article_ids(self) -> list[int]:
        return [a.id for a in self._articles]

    def moved(self, rows: list[int], to: int) -> list[int]:
        """The order with the articles at ``rows`` moved, together, before row ``to``."""
        ids = self.article_ids()
        moving = [ids[row] for row in sorted(rows)]
        before = sum(1 for row in rows if row < to)
        rest = [i for i in ids if i not in moving]
        at = max(0, min(len(rest), to - before))
        return rest[:at] + moving + rest[at:]

    # -- QAbstractListModel ---------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = ROOT_INDEX) -> int:
        return 0 if parent.isValid() else len(self._articles)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._articles):
            return None
        article = self._articles[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            title = article.title or self.tr("(untitled)")
            return self.tr("{row}. {title}\n{date} · page {page}").format(
                row=index.row() + 1, title=title, date=article.date, page=article.page_label or article.page)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{article.title}\n{article.publication} {article.date}"
        if role == ArticleIdRole:
            return article.id
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # drops go between rows, not onto them
        return super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({index.row() for index in indexes if index.isValid()})
        data.setData(MIME_TYPE, json.dumps(rows).encode())
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: QModelIndex) -> bool:
        return data.hasFormat(MIME_TYPE) and action == Qt.DropAction.MoveAction

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: QModelIndex) -> bool:
        """Ask for the order with the dragged rows before ``row`` (the end for -1). True: the
        drop is handled (the view's removal of the dragged rows then does nothing, as this
        model removes no rows)."""
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        rows = json.loads(bytes(data.data(MIME_TYPE)).decode())
        to = row if row >= 0 else (parent.row() if parent.isValid() else len(self._articles))
        order = self.moved(rows, to)
        if order != self.article_ids():
            self.order_wanted.emit(order)
        return True
