"""A month calendar of one publication: the dates that have an issue, issues missing pages,
and the days the paper should have appeared on but the archive has no issue for."""

from __future__ import annotations

import datetime as dt

from viewer.archive import Archive
from viewer.gui import i18n, style
from viewer.gui.qt import (
    QBrush,
    QCalendarWidget,
    QColor,
    QDate,
    QEvent,
    QFont,
    QLabel,
    QTextCharFormat,
    QWidget,
    Signal,
)
from viewer.model import IssueDay

MISSING_DATE_BACKGROUND = QColor("#f8d7d2")


class IssueCalendar(QCalendarWidget):
    issue_clicked = Signal(int)  # the issue id of a clicked date that has one
    empty_day_clicked = Signal(str)  # why a clicked date opens no issue, in words

    def __init__(self, archive: Archive, parent: QWidget | None = None):
        super().__init__(parent)
        self.archive = archive
        self.publication_id: int | None = None
        self._issues: dict[QDate, IssueDay] = {}
        self._marked: list[QDate] = []
        self.setGridVisible(False)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.currentPageChanged.connect(lambda year, month: self._mark_month())
        self.clicked.connect(self._date_clicked)
        self.activated.connect(self._date_clicked)
        self.legend = QLabel()  # what the marks mean, to put under the calendar
        self.legend.setObjectName("calendarLegend")
        self.legend.setWordWrap(True)
        self.retranslate()

    def show_publication(self, publication_id: int | None, date: str | None = None, *,
                         month: tuple[int, int] | None = None) -> None:
        """Mark ``publication_id``'s issues; turn to ``date``'s month and select the date, or
        turn to ``month`` (year, month), if given."""
        changed = publication_id != self.publication_id
        self.publication_id = publication_id
        day = QDate.fromString(date, "yyyy-MM-dd") if date else None
        if day is not None:
            month = (day.year(), day.month())
        if month is not None and month != (self.yearShown(), self.monthShown()):
            self.setCurrentPage(*month)  # marks the month
            changed = False
        if day is not None:
            self.setSelectedDate(day)
        if changed:
            self._mark_month()

    def refresh(self) -> None:
        self._mark_month()

    def issue_on(self, date: QDate) -> IssueDay | None:
        return self._issues.get(date)

    def _mark_month(self) -> None:
        for date in self._marked:
            self.setDateTextFormat(date, QTextCharFormat())
        self._marked, self._issues = [], {}
        if self.publication_id is None:
            return
        year, month = self.yearShown(), self.monthShown()
        for issue in self.archive.browsing.issues_in_month(self.publication_id, year, month):
            date = QDate.fromString(issue.date, "yyyy-MM-dd")
            self._issues[date] = issue
            look = QTextCharFormat()
            look.setFontWeight(QFont.Weight.Bold)
            look.setForeground(QBrush(style.WARNING_COLOR if issue.missing_pages else style.ISSUE_DATE_COLOR))
            if issue.missing_pages:
                look.setFontUnderline(True)
            self._mark(date, look)
        first = dt.date(year, month, 1)
        last = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
        for day in self.archive.browsing.missing_dates(self.publication_id, first, last):
            look = QTextCharFormat()
            look.setBackground(QBrush(MISSING_DATE_BACKGROUND))
            look.setForeground(QBrush(style.WARNING_COLOR))
            self._mark(QDate(day.year, day.month, day.day), look)

    def _mark(self, date: QDate, look: QTextCharFormat) -> None:
        self.setDateTextFormat(date, look)
        self._marked.append(date)

    def _date_clicked(self, date: QDate) -> None:
        issue = self._issues.get(date)
        if issue is not None:
            self.issue_clicked.emit(issue.id)
        elif self.publication_id is not None:
            day = date.toString("yyyy-MM-dd")
            if self.dateTextFormat(date).background().color() == MISSING_DATE_BACKGROUND:
                self.empty_day_clicked.emit(self.tr(
                    "No issue of {date} in the archive, though the paper usually appears on this weekday.").format(
                    date=day))
            else:
                self.empty_day_clicked.emit(self.tr("No issue of {date} in the archive.").format(date=day))
        else:  # an empty archive: no publication to show
            self.empty_day_clicked.emit(self.tr(
                "The archive has no issues yet: import pages with File → Import Files… or Import Folder…."))

    def retranslate(self) -> None:
        self.setLocale(i18n.ui_locale())
        self.setFirstDayOfWeek(i18n.first_day_of_week())
        self.setToolTip(self.tr("Bold: a date with an issue. Underlined: its issue lacks pages. "
                                "Shaded: the paper usually appears on this weekday, but the archive has no issue."))
        self.legend.setText(self.tr(
            '<b style="color:{issue}">Bold</b>: an issue · <b style="color:{warning}"><u>red underlined</u></b>: '
            'pages missing · <span style="background:{shade}">shaded</span>: no issue on a usual day').format(
            issue=style.ISSUE_DATE_COLOR.name(), warning=style.WARNING_COLOR.name(),
            shade=MISSING_DATE_BACKGROUND.name()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
