"""Facet counts of a search as a tree: Year / Section / Person, each value with its count."""

from __future__ import annotations

from viewer.gui.grouped_model import GroupedModel, is_group
from viewer.gui.qt import QModelIndex, QObject, QPersistentModelIndex, Qt

FACETS = ("year", "section", "person")
FacetRole = Qt.ItemDataRole.UserRole  # "year", "section" or "person"
ValueRole = Qt.ItemDataRole.UserRole + 1  # the value a click narrows to; None on a heading


class FacetsModel(GroupedModel):
    COLUMNS = 2  # value, count
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

    # -- GroupedModel ----------------------------------------------------------------------------

    def group_count(self) -> int:
        return len(self._groups)

    def child_count(self, group_row: int) -> int:
        return len(self._groups[group_row][1])

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if is_group(index):
            facet = self._groups[index.row()][0]
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return self.heading(facet)
            return facet if role == FacetRole else None
        facet, values = self._groups[index.internalId()]
        value, count = values[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return value if index.column() == 0 else str(count)
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 0:
            return value  # whole, where a narrow box elides it
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
