"""Facet counts of a search as a tree: Year / Section / Person, each value with its count."""

from __future__ import annotations

from viewer.gui.qt import ROOT_INDEX, QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

FACETS = ("year", "section", "person")
FacetRole = Qt.ItemDataRole.UserRole  # "year", "section" or "person"
ValueRole = Qt.ItemDataRole.UserRole + 1  # the value a click narrows to; None on a heading

_HEADING = 2**32 - 1  # internal id of a heading row; a value row's is its heading's row


class FacetsModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._groups: list[tuple[str, list[tuple[str, int]]]] = []

    def set_facets(self, facets: dict[str, dict[str, int]] | None) -> None:
        """Show ``facets`` (as :class:`SearchResult` gives them); empty groups are left out."""
        self.beginResetModel()
        self._groups = [(name, list((facets or {}).get(name, {}).items())) for name in FACETS]
        self._groups = [(name, values) for name, values in self._groups if values]
        self.endResetModel()

    def retranslate(self) -> None:
        if self._groups:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._groups) - 1, 0))

    def heading(self, facet: str) -> str:
        return {"year": self.tr("Year"), "section": self.tr("Section"), "person": self.tr("Person")}[facet]

    # -- QAbstractItemModel ---------------------------------------------------------------------

    def index(self, row: int, column: int, parent: QModelIndex = ROOT_INDEX) -> QModelIndex:
        if not 0 <= column < 2 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _HEADING) if row < len(self._groups) else QModelIndex()
        if parent.internalId() == _HEADING and parent.column() == 0 \
                and row < len(self._groups[parent.row()][1]):
            return self.createIndex(row, column, parent.row())
        return QModelIndex()

    def parent(self, index: QModelIndex = ROOT_INDEX) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _HEADING:
            return QModelIndex()
        return self.createIndex(index.internalId(), 0, _HEADING)

    def rowCount(self, parent: QModelIndex = ROOT_INDEX) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _HEADING and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: QModelIndex = ROOT_INDEX) -> int:
        return 2

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == _HEADING:
            facet = self._groups[index.row()][0]
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return self.heading(facet)
            return facet if role == FacetRole else None
        facet, values = self._groups[index.internalId()]
        value, count = values[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return value if index.column() == 0 else str(count)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == FacetRole:
            return facet
        if role == ValueRole:
            return value
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Narrow to"), self.tr("Articles"))[section] if 0 <= section < 2 else None
        return None
