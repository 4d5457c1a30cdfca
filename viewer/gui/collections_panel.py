"""The collections tab: choose a collection, see its articles in order, reorder them (drag,
or Up and Down), remove them, open one; delete the whole collection.

The panel changes nothing itself: it asks (``*_wanted``) and the window's undo history
writes; it reads the archive again when told a write is in (:meth:`refresh`).
"""

from __future__ import annotations

from viewer.archive import Archive
from viewer.errors import NotFound
from viewer.gui.collection_model import ArticleIdRole, CollectionModel
from viewer.gui.qt import (
    QAbstractItemView,
    QComboBox,
    QEvent,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)


class CollectionsPanel(QWidget):
    article_opened = Signal(int)
    reorder_wanted = Signal(str, list)  # the collection and its articles in the new order
    remove_wanted = Signal(str, list)  # the collection and the articles to take out
    delete_wanted = Signal(str)

    def __init__(self, archive: Archive, parent: QWidget | None = None):
        super().__init__(parent)
        self.archive = archive
        self.chooser = QComboBox()
        self.chooser.setObjectName("collectionChooser")
        self.chooser.currentIndexChanged.connect(lambda _: self._show_articles())
        self.delete_button = QPushButton()
        self.delete_button.clicked.connect(lambda: self.delete_wanted.emit(self.name()))
        top = QHBoxLayout()
        top.addWidget(self.chooser, 1)
        top.addWidget(self.delete_button)

        self.model = CollectionModel(self)
        self.model.order_wanted.connect(lambda order: self.reorder_wanted.emit(self.name(), order))
        self.list = QListView()
        self.list.setObjectName("collectionArticles")
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setDropIndicatorShown(True)
        self.list.setAlternatingRowColors(True)
        self.list.activated.connect(lambda index: self.article_opened.emit(index.data(ArticleIdRole)))
        self.list.selectionModel().selectionChanged.connect(lambda *_: self._enable())

        self.up = QPushButton()
        self.down = QPushButton()
        self.remove = QPushButton()
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(+1))
        self.remove.clicked.connect(lambda: self.remove_wanted.emit(self.name(), self._selected_ids()))
        buttons = QHBoxLayout()
        for button in (self.up, self.down, self.remove):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color:#777")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def name(self) -> str:
        return self.chooser.currentData() or ""

    def refresh(self) -> None:
        """Read the collections again, keeping the one shown (if it is still there)."""
        self.show_collection(self.name())

    def show_collection(self, name: str) -> None:
        collections = self.archive.browsing.collections()
        self.chooser.blockSignals(True)  # one reading of the articles, below, not one per item
        self.chooser.clear()
        for collection in collections:
            self.chooser.addItem(self.tr("{name} ({count})").format(name=collection["name"],
                                                                    count=collection["articles"]),
                                 collection["name"])
        self.chooser.setCurrentIndex(max(0, self.chooser.findData(name)))
        self.chooser.blockSignals(False)
        self._show_articles()

    def _show_articles(self) -> None:
        name = self.name()
        try:  # one query for all of them
            rows = self.archive.browsing.collection_rows(name) if name else []
        except NotFound:
            rows = []
        self.model.set_articles(rows)
        self.empty.setVisible(self.chooser.count() == 0)
        self.chooser.setEnabled(self.chooser.count() > 0)
        self._enable()

    def _selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.list.selectionModel().selectedRows())

    def _selected_ids(self) -> list[int]:
        return [self.model.article_ids()[row] for row in self._selected_rows()]

    def _move(self, step: int) -> None:
        rows = self._selected_rows()
        if not rows:
            return
        to = rows[0] - 1 if step < 0 else rows[-1] + 2  # before the row above, or after the row below
        order = self.model.moved(rows, to)
        if order != self.model.article_ids():
            self.reorder_wanted.emit(self.name(), order)

    def _enable(self) -> None:
        rows = self._selected_rows()
        count = self.model.rowCount()
        self.up.setEnabled(bool(rows) and rows[0] > 0)
        self.down.setEnabled(bool(rows) and rows[-1] < count - 1)
        self.remove.setEnabled(bool(rows))
        self.delete_button.setEnabled(bool(self.name()))

    def select(self, row: int) -> None:
        self.list.setCurrentIndex(self.model.index(row, 0))

    def retranslate(self) -> None:
        self.delete_button.setText(self.tr("Delete Collection"))
        self.up.setText(self.tr("Up"))
        self.down.setText(self.tr("Down"))
        self.remove.setText(self.tr("Remove"))
        self.up.setToolTip(self.tr("Move the selected articles up"))
        self.down.setToolTip(self.tr("Move the selected articles down"))
        self.remove.setToolTip(self.tr("Take the selected articles out of the collection"))
        self.empty.setText(self.tr("No collections yet. Open an article and choose Annotate → Add to "
                                   "Collection (Ctrl+D)."))
        if self.chooser.count():
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
