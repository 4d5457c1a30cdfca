"""The notes and highlights of the whole archive (``Archive.all_annotations`` rows) as a table:
kind, text, article, editor, date."""

from __future__ import annotations

from viewer.gui import style
from viewer.gui.annotation_html import local_time
from viewer.gui.qt import (
    ROOT_INDEX,
    QAbstractTableModel,
    QBrush,
    QColor,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTextDocumentFragment,
)

COL_KIND, COL_TEXT, COL_ARTICLE, COL_EDITOR, COL_DATE = range(5)
AnnotationRole = Qt.ItemDataRole.UserRole  # the row as the archive gives it


def plain_text(row: dict) -> str:
    """What the list shows of an annotation: a note's text, a highlight's quote and comment."""
    if row["kind"] == "note":
        text = row["body"]
        if row["format"] == "html":
            text = QTextDocumentFragment.fromHtml(text).toPlainText()
        return " ".join(text.split())
    return f"“{row['quote']}”" + (f" {row['body']}" if row["body"] else "")


class AnnotationsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[dict] = []

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, row: int) -> dict | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex = ROOT_INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = ROOT_INDEX) -> int:
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (self.tr("Kind"), self.tr("Text"), self.tr("Article"), self.tr("Editor"), self.tr("Date"))
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        orphan = row["kind"] == "highlight" and (row["orphaned"] or row["article_id"] is None)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_KIND:
                return self.tr("Note") if row["kind"] == "note" else self.tr("Highlight")
            if column == COL_TEXT:
                return f"⚠ {plain_text(row)}" if orphan else plain_text(row)
            if column == COL_ARTICLE:
                return row["article_label"]
            if column == COL_EDITOR:
                return row["author"]
            if column == COL_DATE:
                return local_time(row["created"])[:10]
        if role == Qt.ItemDataRole.ToolTipRole:
            who = f"{row['author']} · {local_time(row['created'])}"
            lines = [plain_text(row), row["article_label"], who]
            return "\n".join([self.tr("Not found in the article's current text"), *lines] if orphan else lines)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_KIND and row["kind"] == "highlight":
            return QColor(style.highlight_colour(row["colour"]))
        if role == Qt.ItemDataRole.ForegroundRole and orphan:
            return QBrush(style.WARNING_COLOR)
        if role == AnnotationRole:
            return row
        return None
