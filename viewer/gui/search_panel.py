"""The search field (in the toolbar) and the search panel: filters, results, facets.

Typing searches as you go; Up/Down in the field move through the results, Enter opens the
chosen one (the first when none is chosen), Escape clears the search.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from viewer.gui import facets_model, i18n, results_model
from viewer.gui.qt import (
    QAbstractItemView,
    QComboBox,
    QDate,
    QDateEdit,
    QEvent,
    QFormLayout,
    QGuiApplication,
    QHBoxLayout,
    QHeaderView,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QListView,
    QModelIndex,
    QPushButton,
    QSplitter,
    Qt,
    QTreeView,
    QVBoxLayout,
    QWidget,
    Signal,
)
from viewer.gui.results_delegate import ResultDelegate
from viewer.gui.search_controller import SearchController
from viewer.gui.search_request import SearchRequest
from viewer.model import Hit

NO_DATE = QDate(1800, 1, 1)  # the date fields' "any" value


class SearchField(QLineEdit):
    """The query field: hands arrow keys, Enter and Escape to the results."""

    moved = Signal(int)  # -1 up, +1 down
    confirmed = Signal()
    dismissed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.moved.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.confirmed.emit()
        elif key == Qt.Key.Key_Escape:
            self.dismissed.emit()
        else:
            super().keyPressEvent(event)


class ResultsView(QListView):
    """The results list. Select All (Ctrl+A) means every result of the search, not only the
    rows read so far: :attr:`all_selected` says so until the selection is changed by hand."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.all_selected = False
        self._selecting_all = False

    def setModel(self, model) -> None:
        super().setModel(model)
        model.modelReset.connect(lambda: setattr(self, "all_selected", False))
        model.rowsInserted.connect(self._rows_read)
        self.selectionModel().selectionChanged.connect(self._selection_changed)

    def selectAll(self) -> None:
        self._selecting_all = True
        try:
            super().selectAll()
        finally:
            self._selecting_all = False
        self.all_selected = self.model() is not None and self.model().rowCount() > 0

    def _rows_read(self, parent: QModelIndex, first: int, last: int) -> None:
        """More results read while all are selected: they are selected too."""
        if self.all_selected:
            self.selectAll()

    def _selection_changed(self, selected, deselected) -> None:
        if not self._selecting_all:
            self.all_selected = False


class SearchPanel(QWidget):
    hit_opened = Signal(object)  # the Hit the user chose

    def __init__(self, controller: SearchController, field: SearchField, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.field = field
        self._showing_request = False  # set while the widgets are made to show the request
        self._open_when_answered = False  # Enter came before the results

        field.textChanged.connect(controller.set_text)
        field.moved.connect(self.move_current)
        field.confirmed.connect(self.open_current)
        field.dismissed.connect(self._dismiss)

        self.dates_shown = QDate()
        self.date_from = self._date_edit()
        self.date_to = self._date_edit()
        self.section = QComboBox()
        self.section.setEditable(True)
        self.section.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person = QLineEdit()
        self.person.setClearButtonEnabled(True)
        self.sort = QComboBox()
        self.sort.addItem("", "relevance")
        self.sort.addItem("", "date")
        self.clear_filters = QPushButton()
        for signal in (self.date_from.dateChanged, self.date_to.dateChanged, self.section.activated,
                       self.section.lineEdit().editingFinished, self.person.editingFinished,
                       self.sort.currentIndexChanged):  # typed names count once finished, not per key
            signal.connect(self._filters_edited)
        self.clear_filters.clicked.connect(lambda: controller.set_request(controller.request.without_filters()))

        dates = QHBoxLayout()
        dates.addWidget(self.date_from, 1)
        self.dash = QLabel("–")
        dates.addWidget(self.dash)
        dates.addWidget(self.date_to, 1)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.dates_label, self.section_label, self.person_label, self.sort_label = (QLabel() for _ in range(4))
        self.form.addRow(self.dates_label, dates)
        self.form.addRow(self.section_label, self.section)
        self.form.addRow(self.person_label, self.person)
        self.form.addRow(self.sort_label, self.sort)
        self.form.addRow("", self.clear_filters)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.results = ResultsView()
        self.results.setObjectName("searchResults")
        self.results.setModel(controller.results)
        self.results.setItemDelegate(ResultDelegate(self.results))
        self.results.setUniformItemSizes(True)
        # Several results can be selected (Ctrl, Shift) to export them together.
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.results.activated.connect(self._open_index)
        self.results.clicked.connect(self._clicked)

        self.facets = QTreeView()
        self.facets.setObjectName("searchFacets")
        self.facets.setModel(controller.facets)
        self.facets.setRootIsDecorated(False)
        self.facets.setItemsExpandable(False)
        # Names take the width the counts leave (elided at the end only when the box is
        # narrower than a name; the tooltip has it whole).
        self.facets.header().setStretchLastSection(False)
        self.facets.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.facets.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.facets.clicked.connect(self._facet_clicked)
        self.facets.activated.connect(self._facet_clicked)
        controller.facets.modelReset.connect(self._facets_reset)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("searchSplitter")
        self.splitter.addWidget(self.results)
        self.splitter.addWidget(self.facets)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addLayout(self.form)
        layout.addWidget(self.status)
        layout.addWidget(self.splitter, 1)

        controller.answered.connect(self._answered)
        controller.refused.connect(self._refused)
        controller.request_changed.connect(self.show_request)
        self.retranslate()

    # -- sections for the filter, read when the panel is first needed --------------------------

    def set_sections(self, sections: list[str]) -> None:
        self._showing_request = True
        try:
            current = self.section.currentText()
            self.section.clear()
            self.section.addItem("", None)
            for name in sections:
                self.section.addItem(name, name)
            self.section.setCurrentText(current)
        finally:
            self._showing_request = False

    # -- keyboard ---------------------------------------------------------------------------------

    def move_current(self, step: int) -> None:
        model = self.controller.results
        if not model.rowCount():
            return
        row = self.results.currentIndex().row()
        row = 0 if row < 0 else max(0, min(model.rowCount() - 1, row + step))
        index = model.index(row, 0)
        self.results.setCurrentIndex(index)
        self.results.scrollTo(index)

    def open_current(self) -> None:
        """Enter: open the chosen result, or the first one (searching first if typing is pending)."""
        if self.controller.is_searching():
            self._open_when_answered = True
            self.controller.search_now()
            return
        index = self.results.currentIndex()
        self._open_index(index if index.isValid() else self.controller.results.index(0, 0))

    def selected_hits(self) -> list[Hit]:
        """The selected results, in list order."""
        rows = sorted(index.row() for index in self.results.selectionModel().selectedIndexes())
        return [self.controller.results.hit(row) for row in rows]

    @property
    def all_selected(self) -> bool:
        """Select All was asked for: every result of the search is meant, read or not."""
        return self.results.all_selected

    def _clicked(self, index: QModelIndex) -> None:
        """A plain click opens the result; Ctrl or Shift only add it to the selection."""
        modifiers = QGuiApplication.keyboardModifiers()
        if not modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier):
            self._open_index(index)

    def _open_index(self, index: QModelIndex) -> None:
        hit: Hit | None = index.data(results_model.HitRole) if index.isValid() else None
        if hit is not None:
            if self.results.currentIndex() != index:  # (setting it would undo a selection of several)
                self.results.setCurrentIndex(index)
            self.hit_opened.emit(hit)

    def _dismiss(self) -> None:
        self.field.clear()
        self.controller.clear()

    # -- filters and facets --------------------------------------------------------------------

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setMinimumDate(NO_DATE)
        edit.setDate(NO_DATE)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.calendarWidget().installEventFilter(self)  # to open it at the archive's dates
        return edit

    def set_dates_shown(self, date: QDate) -> None:
        """The month the date filters' calendars open at while they say "any" (the archive's
        newest issue, or today), rather than the "any" value's January 1800."""
        self.dates_shown = date

    def eventFilter(self, watched, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            for edit in (self.date_from, self.date_to):
                if watched is edit.calendarWidget() and edit.date() == NO_DATE:
                    shown = self.dates_shown if self.dates_shown.isValid() else QDate.currentDate()
                    watched.setCurrentPage(shown.year(), shown.month())
        return super().eventFilter(watched, event)

    def _filters_edited(self) -> None:
        if self._showing_request:
            return
        section = self.section.currentText().strip() or None
        person = self.person.text().strip() or None
        request = replace(self.controller.request, date_from=_date_of(self.date_from),
                          date_to=_date_of(self.date_to), section=section, person=person,
                          sort=self.sort.currentData())
        if request != self.controller.request:
            self.controller.set_request(request)

    def show_request(self, request: SearchRequest) -> None:
        """Make the filter fields show ``request`` (after a facet or a person link)."""
        self._showing_request = True
        try:
            self.date_from.setDate(_qdate(request.date_from))
            self.date_to.setDate(_qdate(request.date_to))
            self.section.setCurrentText(request.section or "")
            self.person.setText(request.person or "")
            self.sort.setCurrentIndex(max(0, self.sort.findData(request.sort)))
            if self.field.text() != request.text:
                self.field.setText(request.text)
        finally:
            self._showing_request = False

    def _facet_clicked(self, index: QModelIndex) -> None:
        value = index.siblingAtColumn(0).data(facets_model.ValueRole)
        if value is not None:
            self.controller.narrow(index.data(facets_model.FacetRole), value)

    def _facets_reset(self) -> None:
        self.facets.expandAll()

    def _answered(self, result) -> None:
        self._show_status()
        if result is not None and result.hits:
            self.results.setCurrentIndex(self.controller.results.index(0, 0))
            self.results.scrollToTop()
        if self._open_when_answered:
            self._open_when_answered = False
            self._open_index(self.controller.results.index(0, 0))

    def _show_status(self) -> None:
        self.status.setStyleSheet("")
        if self.controller.request.is_blank():
            self.status.setText(self.tr("Type to search every article; filters narrow the search."))
        else:
            self.status.setText(self.tr("%n article(s) found", "", self.controller.results.total))

    def _refused(self, message: str) -> None:
        self._open_when_answered = False
        self.status.setStyleSheet("color: #b23c17")
        self.status.setText(message)

    def retranslate(self) -> None:
        self.field.setPlaceholderText(self.tr("Search the archive (Ctrl+F)  e.g. 交城  “民生提质”  author:冀美丽"))
        self.dates_label.setText(self.tr("Dates"))
        self.section_label.setText(self.tr("Section"))
        self.person_label.setText(self.tr("Person"))
        self.sort_label.setText(self.tr("Sort by"))
        self.sort.setItemText(0, self.tr("Relevance"))
        self.sort.setItemText(1, self.tr("Date"))
        self.section.lineEdit().setPlaceholderText(self.tr("Any section"))
        self.person.setPlaceholderText(self.tr("Anyone"))
        for edit in (self.date_from, self.date_to):
            edit.setSpecialValueText(self.tr("any"))
            edit.calendarWidget().setLocale(i18n.ui_locale())  # as the browse calendar
            edit.calendarWidget().setFirstDayOfWeek(i18n.first_day_of_week())
        self.clear_filters.setText(self.tr("Clear filters"))
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _date_of(edit: QDateEdit) -> dt.date | None:
    date = edit.date()
    return None if date == NO_DATE else dt.date(date.year(), date.month(), date.day())


def _qdate(date: dt.date | None) -> QDate:
    return NO_DATE if date is None else QDate(date.year, date.month, date.day)
