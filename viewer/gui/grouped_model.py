"""A two-level tree model: group rows, each with child rows beneath it (facet headings and
their values, pages and their articles)."""

from __future__ import annotations

from viewer.gui.qt import ROOT_INDEX, QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

GROUP_ROW = 2**32 - 1  # internal id of a group row; a child row's internal id is its group's row


def is_group(index: QModelIndex | QPersistentModelIndex) -> bool:
    return index.internalId() == GROUP_ROW


class GroupedModel(QAbstractItemModel):
    """Subclasses say how many groups and children there are, and give ``data``."""

    COLUMNS = 1

    def group_count(self) -> int:
        raise NotImplementedError

    def child_count(self, group_row: int) -> int:
        raise NotImplementedError

    def index(self, row: int, column: int, parent: QModelIndex = ROOT_INDEX) -> QModelIndex:
        if not 0 <= column < self.COLUMNS or row < 0 or row >= self.rowCount(parent):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() if parent.isValid() else GROUP_ROW)

    def parent(self, index: QModelIndex = ROOT_INDEX) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or is_group(index):
            return QModelIndex()
        return self.createIndex(index.internalId(), 0, GROUP_ROW)

    def rowCount(self, parent: QModelIndex = ROOT_INDEX) -> int:
        if not parent.isValid():
            return self.group_count()
        if parent.column() == 0 and is_group(parent):
            return self.child_count(parent.row())
        return 0

    def columnCount(self, parent: QModelIndex = ROOT_INDEX) -> int:
        return self.COLUMNS

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
