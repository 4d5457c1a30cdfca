"""Search results as a list model: one page of hits at a time, more on ``fetchMore``.

The model does not search; it asks for the next page through :attr:`more_wanted` and is given
it with :meth:`append`, so the search itself can run off the GUI thread.
"""

from __future__ import annotations

from viewer.gui.qt import (
    ROOT_INDEX,
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from viewer.model import Hit, SearchResult

HitRole = Qt.ItemDataRole.UserRole
ArticleIdRole = Qt.ItemDataRole.UserRole + 1


class SearchResultsModel(QAbstractListModel):
    more_wanted = Signal(int)  # the offset of the next page of hits

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.total = 0
        self.query = ""
        self._hits: list[Hit] = []
        self._waiting_for_more = False

    def set_result(self, result: SearchResult | None) -> None:
        self.beginResetModel()
        self._hits = list(result.hits) if result else []
        self.total = result.total if result else 0
        self.query = result.query if result else ""
        self._waiting_for_more = False
        self.endResetModel()

    def append(self, hits: list[Hit]) -> None:
        """The page of hits asked for by the last ``more_wanted``."""
        known = {hit.article_id for hit in self._hits}
        hits = [hit for hit in hits if hit.article_id not in known]
        if hits:
            self.beginInsertRows(QModelIndex(), len(self._hits), len(self._hits) + len(hits) - 1)
            self._hits.extend(hits)
            self.endInsertRows()
        else:
            self.total = len(self._hits)  # the index shrank meanwhile: stop asking
        self._waiting_for_more = False  # only now: a view may ask again while rows are inserted

    def hit(self, row: int) -> Hit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def canFetchMore(self, parent: QModelIndex = ROOT_INDEX) -> bool:
        return not parent.isValid() and not self._waiting_for_more and len(self._hits) < self.total

    def fetchMore(self, parent: QModelIndex = ROOT_INDEX) -> None:
        if self.canFetchMore(parent):
            self._waiting_for_more = True
            self.more_wanted.emit(len(self._hits))

    def rowCount(self, parent: QModelIndex = ROOT_INDEX) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title or self.tr("(untitled)")
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{hit.title}\n{hit.date}"
        if role == HitRole:
            return hit
        if role == ArticleIdRole:
            return hit.article_id
        return None
