"""A month calendar of one publication: the dates that have an issue, issues missing pages,
and the days the paper should have appeared on but the archive has no issue for.

Its legend draws each mark as the calendar does (from the same text formats), and weekends
are not red: in this calendar red means an issue lacks pages."""

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
    Qt,
    QTextCharFormat,
    QWidget,
    Signal,
)
from viewer.model import IssueDay

MISSING_DATE_BACKGROUND = QColor("#f8d7d2")


def issue_look(missing_pages: bool) -> QTextCharFormat:
    """A date with an issue: bold blue; bold, red and underlined when the issue lacks pages."""
    look = QTextCharFormat()
    look.setFontWeight(QFont.Weight.Bold)
    look.setForeground(QBrush(style.WARNING_COLOR if missing_pages else style.ISSUE_DATE_COLOR))
    look.setFontUnderline(missing_pages)
    return look


def missing_date_look() -> QTextCharFormat:
    """A day the paper usually appears on, with no issue in the archive: shaded."""
    look = QTextCharFormat()
    look.setBackground(QBrush(MISSING_DATE_BACKGROUND))
    look.setForeground(QBrush(style.WARNING_COLOR))
    return look


def drawn(text: str, look: QTextCharFormat) -> str:
    """``text`` as rich text, drawn with ``look`` as the calendar draws a date with it."""
    css = []
    if look.fontWeight() >= QFont.Weight.Bold:
        css.append("font-weight:bold")
    if look.hasProperty(QTextCharFormat.Property.ForegroundBrush):
        css.append(f"color:{look.foreground().color().name()}")
    if look.hasProperty(QTextCharFormat.Property.BackgroundBrush):
        css.append(f"background-color:{look.background().color().name()}")
    if look.fontUnderline():
        css.append("text-decoration:underline")
    return f'<span style="{"; ".join(css)}">&nbsp;{text}&nbsp;</span>'


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
        self.note = QLabel()  # what a click on a day without an issue found, to put under the legend
        self.note.setObjectName("calendarNote")
        self.note.setWordWrap(True)
        self.currentPageChanged.connect(lambda year, month: self.note.clear())
        for weekend in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):  # not red: red marks missing pages
            self.setWeekdayTextFormat(weekend, QTextCharFormat())
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
            self._mark(date, issue_look(bool(issue.missing_pages)))
        first = dt.date(year, month, 1)
        last = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
        for day in self.archive.browsing.missing_dates(self.publication_id, first, last):
            self._mark(QDate(day.year, day.month, day.day), missing_date_look())

    def _mark(self, date: QDate, look: QTextCharFormat) -> None:
        self.setDateTextFormat(date, look)
        self._marked.append(date)

    def _date_clicked(self, date: QDate) -> None:
        issue = self._issues.get(date)
        if issue is not None:
            self.note.clear()
            self.issue_clicked.emit(issue.id)
            return
        if self.publication_id is not None:
            day = i18n.ui_locale().toString(date, self.tr("MMMM d, yyyy"))
            paper = self.publication_name()
            if self.dateTextFormat(date).background().color() == MISSING_DATE_BACKGROUND:
                text = self.tr("No issue of {paper} on {date} in the archive, though it usually appears "
                               "on this weekday.").format(paper=paper, date=day)
            else:
                text = self.tr("No issue of {paper} on {date} in the archive.").format(paper=paper, date=day)
        else:  # an empty archive: no publication to show
            text = self.tr("The archive has no issues yet: import pages with File → Import Files… or "
                           "Import Folder….")
        self.note.setText(text)
        self.empty_day_clicked.emit(text)

    def publication_name(self) -> str:
        return next((p.name for p in self.archive.browsing.publications() if p.id == self.publication_id), "")

    def retranslate(self) -> None:
        self.setLocale(i18n.ui_locale())
        self.setFirstDayOfWeek(i18n.first_day_of_week())
        self.setToolTip(self.tr("Bold: a date with an issue. Underlined: its issue lacks pages. "
                                "Shaded: the paper usually appears on this weekday, but the archive has no issue."))
        self.legend.setText(self.tr("{issue} an issue · {incomplete} pages missing · {missing} no issue on a "
                                    "day the paper usually appears").format(
            issue=drawn("3", issue_look(False)), incomplete=drawn("4", issue_look(True)),
            missing=drawn("5", missing_date_look())))
        self.note.clear()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
