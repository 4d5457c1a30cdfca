"""The annotations tab: every note and highlight of the archive, newest first, filtered by
editor, tag and date; opening one shows its article at the passage."""

from __future__ import annotations

from viewer.archive import Archive
from viewer.gui.annotations_model import COL_TEXT, AnnotationRole, AnnotationsModel
from viewer.gui.qt import (
    QAbstractItemView,
    QComboBox,
    QDate,
    QDateEdit,
    QEvent,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
    Signal,
)

NO_DATE = QDate(1800, 1, 1)  # the date fields' "any" value


class AnnotationsPanel(QWidget):
    annotation_opened = Signal(dict)  # an ``Archive.all_annotations`` row

    def __init__(self, archive: Archive, parent: QWidget | None = None):
        super().__init__(parent)
        self.archive = archive
        self.read = False  # read when first shown, not when the window opens
        self.editor = QComboBox()
        self.editor.setObjectName("annotationEditor")
        self.tag = QComboBox()
        self.tag.setObjectName("annotationTag")
        self.since = self._date_edit()
        self.until = self._date_edit()
        for combo in (self.editor, self.tag):
            combo.currentIndexChanged.connect(lambda _: self.refresh())
        for field in (self.since, self.until):
            field.dateChanged.connect(lambda _: self.refresh())

        self.model = AnnotationsModel(self)
        self.list = QTreeView()
        self.list.setObjectName("allAnnotations")
        self.list.setModel(self.model)
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setUniformRowHeights(True)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.header().setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Interactive)
        self.list.activated.connect(lambda index: self.annotation_opened.emit(index.data(AnnotationRole)))
        self.count = QLabel()

        self.editor_label, self.tag_label, self.date_label = QLabel(), QLabel(), QLabel()
        dates = QHBoxLayout()
        dates.addWidget(self.since)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.until)
        form = QFormLayout()
        form.addRow(self.editor_label, self.editor)
        form.addRow(self.tag_label, self.tag)
        form.addRow(self.date_label, dates)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        self.retranslate()

    def refresh(self) -> None:
        """Read the choices and the annotations again (after a write, or when shown)."""
        self.read = True
        self._fill(self.editor, self.archive.browsing.annotators(), self.tr("All editors"))
        self._fill(self.tag, [tag for tag, _ in self.archive.browsing.tags_in_use()], self.tr("All tags"))
        rows = self.archive.browsing.all_annotations(author=self.editor.currentData(), tag=self.tag.currentData(),
                                            since=_iso(self.since), until=_iso(self.until))
        self.model.set_rows(rows)
        self.list.header().resizeSection(COL_TEXT, 240)
        self.count.setText(self.tr("Notes and highlights: {count}").format(count=len(rows)))

    def _fill(self, combo: QComboBox, values: list[str], everything: str) -> None:
        """The combo's choices, keeping the one chosen; quietly (the caller reads them next)."""
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for value in values:
            combo.addItem(value, value)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
        combo.blockSignals(False)

    def _date_edit(self) -> QDateEdit:
        field = QDateEdit()
        field.setCalendarPopup(True)
        field.setDisplayFormat("yyyy-MM-dd")
        field.setMinimumDate(NO_DATE)
        field.setDate(NO_DATE)
        return field

    def retranslate(self) -> None:
        self.editor_label.setText(self.tr("Editor:"))
        self.tag_label.setText(self.tr("Tag:"))
        self.date_label.setText(self.tr("Date:"))
        for field in (self.since, self.until):
            field.setSpecialValueText(self.tr("any"))
        if self.read:
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _iso(field: QDateEdit) -> str | None:
    return None if field.date() == NO_DATE else field.date().toString("yyyy-MM-dd")
