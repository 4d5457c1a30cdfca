"""The browse tree: publications → years → months → issues, each level read when opened.

Only the publications are read up front (one small query), so opening an archive of decades
costs the same as opening one of a week; Qt asks for a level through ``fetchMore`` when a
branch is expanded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from viewer.archive import Archive
from viewer.gui import i18n, style
from viewer.gui.qt import (
    ROOT_INDEX,
    QAbstractItemModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from viewer.model import IssueDay, Publication

PUBLICATION, YEAR, MONTH, ISSUE = "publication", "year", "month", "issue"
CHILD_KIND = {None: PUBLICATION, PUBLICATION: YEAR, YEAR: MONTH, MONTH: ISSUE}

KindRole = Qt.ItemDataRole.UserRole
IssueIdRole = Qt.ItemDataRole.UserRole + 1
PublicationIdRole = Qt.ItemDataRole.UserRole + 2
DateRole = Qt.ItemDataRole.UserRole + 3  # the issue's ISO date
MonthRole = Qt.ItemDataRole.UserRole + 4  # (year, month) of a month or an issue, (year, 1) of a year


@dataclass(eq=False)
class _Node:
    kind: str | None  # None for the invisible root
    row: int
    parent: _Node | None
    value: int | str | None = None  # publication id, year, month or issue id
    issues: int = 0  # issues below it (a publication, year or month)
    info: Publication | IssueDay | None = None  # what the archive gave for a publication or an issue
    children: list[_Node] | None = None  # None: not read yet

    @property
    def publication_id(self) -> int | None:
        node = self
        while node is not None and node.kind != PUBLICATION:
            node = node.parent
        return node.value if node else None


class BrowseModel(QAbstractItemModel):
    def __init__(self, archive: Archive, parent: QObject | None = None):
        super().__init__(parent)
        self.archive = archive
        self._root = _Node(None, 0, None)
        self._root.children = self._read_children(self._root)

    # -- reading the archive, one level at a time --------------------------------------------

    def _read_children(self, node: _Node) -> list[_Node]:
        browsing = self.archive.browsing
        rows: list[tuple[int, int, Publication | IssueDay | None]]  # value, issues, info
        if node.kind is None:
            rows = [(p.id, p.issues, p) for p in browsing.publications()]
        elif node.kind == PUBLICATION:
            rows = [(year, issues, None) for year, issues in browsing.issue_years(node.value)]
        elif node.kind == YEAR:
            rows = [(month, issues, None) for month, issues in browsing.issue_months(node.publication_id, node.value)]
        elif node.kind == MONTH:
            rows = [(i.id, 0, i) for i in browsing.issues_in_month(node.publication_id, node.parent.value, node.value)]
        else:
            return []
        kind = CHILD_KIND[node.kind]
        return [_Node(kind, row, node, value, issues, info) for row, (value, issues, info) in enumerate(rows)]

    def canFetchMore(self, parent: QModelIndex) -> bool:
        node = self._node(parent)
        return node.children is None and node.kind != ISSUE

    def fetchMore(self, parent: QModelIndex) -> None:
        node = self._node(parent)
        if node.children is not None or node.kind == ISSUE:
            return
        children = self._read_children(node)
        node.children = []  # read: whoever is told of the insertion must not fetch it again
        if children:
            self.beginInsertRows(parent, 0, len(children) - 1)
            node.children = children
            self.endInsertRows()

    def refresh(self) -> None:
        """Forget what was read (after an import) and read the publications again.

        Rows are removed and inserted rather than the model reset: views (and Qt's model
        tester) may fetch a level while a reset is still being announced."""
        if self._root.children:
            self.beginRemoveRows(QModelIndex(), 0, len(self._root.children) - 1)
            self._root.children = []
            self.endRemoveRows()
        children = self._read_children(self._root)
        if children:
            self.beginInsertRows(QModelIndex(), 0, len(children) - 1)
            self._root.children = children
            self.endInsertRows()

    def retranslate(self) -> None:
        """Month names and dates at every loaded level change with the language."""
        self.layoutAboutToBeChanged.emit()
        self.layoutChanged.emit()

    # -- finding an issue ----------------------------------------------------------------------

    def index_of_issue(self, publication_id: int, date: str) -> QModelIndex:
        """The issue's index, reading the levels above it as needed; invalid if absent."""
        day = dt.date.fromisoformat(date)
        index = QModelIndex()
        for kind, value in ((PUBLICATION, publication_id), (YEAR, day.year), (MONTH, day.month)):
            index = self._child_with(index, lambda n, v=value: n.value == v)
            if not index.isValid():
                return QModelIndex()
        return self._child_with(index, lambda n: n.info.date == date)

    def _child_with(self, parent: QModelIndex, wanted) -> QModelIndex:
        self.fetchMore(parent)
        for child in self._node(parent).children or []:
            if wanted(child):
                return self.createIndex(child.row, 0, child)
        return QModelIndex()

    # -- QAbstractItemModel ---------------------------------------------------------------------

    def _node(self, index: QModelIndex | QPersistentModelIndex) -> _Node:
        return index.internalPointer() if index.isValid() else self._root

    def index(self, row: int, column: int, parent: QModelIndex = ROOT_INDEX) -> QModelIndex:
        children = self._node(parent).children or []
        if column != 0 or not 0 <= row < len(children):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: QModelIndex = ROOT_INDEX) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self._node(index).parent
        if parent is None or parent.kind is None:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: QModelIndex = ROOT_INDEX) -> int:
        if parent.column() > 0:
            return 0
        return len(self._node(parent).children or [])

    def columnCount(self, parent: QModelIndex = ROOT_INDEX) -> int:
        return 1

    def hasChildren(self, parent: QModelIndex = ROOT_INDEX) -> bool:
        node = self._node(parent)
        if node.children is not None:
            return bool(node.children)
        return node.kind != ISSUE and node.issues > 0

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        node = self._node(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._label(node)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node)
        if role == Qt.ItemDataRole.ForegroundRole and node.kind == ISSUE and node.info.missing_pages:
            return style.WARNING_COLOR
        if role == KindRole:
            return node.kind
        if role == PublicationIdRole:
            return node.publication_id
        if role == IssueIdRole and node.kind == ISSUE:
            return node.value
        if role == DateRole and node.kind == ISSUE:
            return node.info.date
        if role == MonthRole and node.kind in (YEAR, MONTH, ISSUE):
            return _month_of(node)
        return None

    def _label(self, node: _Node) -> str:
        locale = i18n.ui_locale()
        if node.kind == PUBLICATION:
            return node.info.name
        if node.kind == YEAR:
            return self.tr("{year}").format(year=node.value)
        if node.kind == MONTH:
            return locale.standaloneMonthName(node.value)
        date = QDate.fromString(node.info.date, Qt.DateFormat.ISODate)
        return locale.toString(date, self.tr("d ddd", "an issue in the tree: day of month, weekday"))

    def _tooltip(self, node: _Node) -> str:
        if node.kind == ISSUE:
            text = self.tr("%n page(s)", "", node.info.pages)
            if node.info.missing_pages:
                text += "\n" + self.tr("Missing pages: {pages}").format(
                    pages=", ".join(map(str, node.info.missing_pages)))
            return text
        return self.tr("%n issue(s)", "", node.issues)


def _month_of(node: _Node) -> tuple[int, int]:
    if node.kind == YEAR:
        return node.value, 1
    if node.kind == MONTH:
        return node.parent.value, node.value
    day = dt.date.fromisoformat(node.info.date)
    return day.year, day.month
