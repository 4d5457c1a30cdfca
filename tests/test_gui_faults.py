"""The window faults of issue 14 met by a new user, one test each: all results of a search
exported, drops on the page, stale hit marks, and the smaller ones."""

from __future__ import annotations

import csv
import datetime as dt
import re

import pagegen
import pytest
from conftest import assert_a_copy_of_its_own
from gui_helpers import open_window, search

from viewer.gui import i18n, issue_calendar, search_controller
from viewer.gui import settings as settings_module
from viewer.gui.export_flow import ALL_RESULTS, ARTICLE, RESULTS
from viewer.gui.import_report import ImportReportDialog
from viewer.gui.main_window import MainWindow
from viewer.gui.qt import (
    QApplication,
    QCoreApplication,
    QDate,
    QDesktopServices,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFileDialog,
    QKeySequence,
    QMimeData,
    QPoint,
    QPointF,
    QPushButton,
    QSettings,
    Qt,
    QUrl,
)
from viewer.gui.settings import Settings
from viewer.model import ImportOutcome, ImportReport
from viewer.search.query import parse

ISSUE_DATE, ISSUE_PAGES = pagegen.ISSUE_DATE, pagegen.ISSUE_PAGES


@pytest.fixture
def window(qtbot, tmp_path, settings, monkeypatch, templates):
    """The window on :func:`pagegen.sample_and_issue`'s archive (a copy of the test's own);
    searches read 5 hits at a time, so a search for the article's words finds 13 and loads 5."""
    monkeypatch.setattr(search_controller, "PAGE_SIZE", 5)
    return open_window(qtbot, templates.copy("sample-and-issue", pagegen.sample_and_issue, tmp_path), settings)


def test_the_window_has_a_copy_of_its_own(window, templates, tmp_path_factory):
    assert len(window.archive.browsing.list_articles()) == 1 + ISSUE_PAGES
    assert_a_copy_of_its_own(window.archive, templates.copy("sample-and-issue", pagegen.sample_and_issue,
                                                           tmp_path_factory.mktemp("again")))




def switch_language(window, qtbot, language: str) -> None:
    """Switch the interface and wait for the window to have been told (LanguageChange is posted)."""
    i18n.install(language)
    title = "文件(&F)" if language == "zh_CN" else "&File"
    qtbot.waitUntil(lambda: window.actions.file_menu.title() == title, timeout=5_000)


def export_csv(qtbot, window, dialog, out):
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    dialog.one_file_per_article.setChecked(False)
    dialog.destination.setText(str(out))
    with qtbot.waitSignal(window.exports.exported, timeout=10_000) as exported:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    with open(out, encoding="utf-8-sig", newline="") as stream:
        return exported.args[0], [int(row["id"]) for row in csv.DictReader(stream)]


# -- 7. select all, then export ------------------------------------------------------------------


def test_select_all_then_export_exports_every_result_of_the_search(window, qtbot, tmp_path):
    result = search(window, qtbot, "改革攻坚")
    assert result.total == ISSUE_PAGES + 1 and window.search.results.rowCount() == 5
    results = window.search_panel.results
    results.setFocus()
    qtbot.keySequence(results, QKeySequence.StandardKey.SelectAll)
    assert window.search_panel.all_selected

    window.actions.export.trigger()
    dialog = window.exports.dialog
    assert dialog.choice().kind == ALL_RESULTS
    assert dialog.choice().label == "All 13 results of this search"
    box, ids = export_csv(qtbot, window, dialog, tmp_path / "all.csv")
    expected = window.archive.searching.all_ids("改革攻坚")
    assert len(ids) == 13 and ids == expected
    assert box.text() == f"Exported 13 articles to {tmp_path / 'all.csv'}"


def test_the_dialog_offers_all_results_beside_the_selected_ones(window, qtbot):
    search(window, qtbot, "改革攻坚")
    results, model = window.search_panel.results, window.search.results
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=results.visualRect(model.index(0, 0)).center())
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     results.visualRect(model.index(2, 0)).center())
    assert not window.search_panel.all_selected  # a selection made by hand is what it shows
    window.actions.export.trigger()
    dialog = window.exports.dialog
    kinds = [choice.kind for choice in dialog.choices]
    assert dialog.choice().kind == RESULTS and ALL_RESULTS in kinds
    assert dialog.choices[kinds.index(ALL_RESULTS)].label == "All 13 results of this search"
    dialog.reject()


def test_all_ids_are_the_searchs_in_its_order(window):
    first = window.archive.searching.search("改革攻坚", sort="date", limit=100)
    assert window.archive.searching.all_ids("改革攻坚", sort="date") == [hit.article_id for hit in first.hits]
    assert window.archive.searching.all_ids("改革攻坚", date_from=ISSUE_DATE) == \
        [hit.article_id for hit in window.archive.searching.search("改革攻坚", date_from=ISSUE_DATE, limit=100).hits]


# -- 10. drops on the page view ------------------------------------------------------------------


def drag_events(path):
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    return data, enter, drop


def test_files_dropped_on_the_page_import_as_on_the_window(window, qtbot, tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(window.imports, "ask", lambda paths: asked.append(paths))
    page = pagegen.write_page(tmp_path, dt.date(2026, 3, 2), 1)
    data, enter, drop = drag_events(page)
    viewport = window.page_view.viewport()
    assert viewport.acceptDrops()
    QApplication.sendEvent(viewport, enter)  # where a drag over the page arrives
    assert enter.isAccepted()
    move = QDragMoveEvent(QPoint(20, 20), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                          Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, move)
    assert move.isAccepted()
    QApplication.sendEvent(viewport, drop)
    assert drop.isAccepted() and asked == [[page]]


def test_text_dragged_onto_the_page_is_not_taken_for_files(window):
    data = QMimeData()
    data.setText("改革攻坚")
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.page_view.viewport(), enter)
    assert not enter.isAccepted()


# -- 11. stale hit marks -----------------------------------------------------------------------

HIT_MARK = "background-color:#ffd54f"


def marked_words(html: str) -> list[str]:
    """The text of each hit mark in an article's HTML."""
    return re.findall(r'background-color:#ffd54f[^"]*">(?:<a name="[^"]*"></a>)?([^<]*)<', html)


def sheet_html(window) -> str:
    return window.page_view._blocks[window.article_id][0].toHtml()


def test_hit_marks_follow_the_query_in_the_article_and_on_the_page(window, qtbot):
    search(window, qtbot, "民生提质")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.article_id == window.search.results.hit(0).article_id
    assert "民生提质" in marked_words(window.article_pane.text.toHtml())
    assert "民生提质" in marked_words(sheet_html(window))

    search(window, qtbot, "改革攻坚")  # the open article is found again: its marks are the new query's
    for html in (window.article_pane.text.toHtml(), sheet_html(window)):
        words = marked_words(html)
        assert "改革攻坚" in words and set("".join(words)) == set("改革攻坚")  # (a mark may be cut in two)

    with qtbot.waitSignal(window.search.answered, timeout=10_000):
        window.search_field.clear()  # no query: no marks
    assert HIT_MARK not in window.article_pane.text.toHtml()
    assert HIT_MARK not in sheet_html(window)


def test_a_language_switch_keeps_the_hit_marks_on_a_page_shown_as_text(window, qtbot):
    search(window, qtbot, "民生提质")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert "民生提质" in marked_words(sheet_html(window))
    switch_language(window, qtbot, "zh_CN")  # the sheet is drawn again, in the other language
    try:
        assert "民生提质" in marked_words(sheet_html(window))
        assert window.page_view.outlined_article_id == window.article_id
    finally:
        switch_language(window, qtbot, "en")


def test_hit_marks_on_a_picture_go_when_the_query_does(qtbot, tmp_path, settings):
    from makepages import seed_like_pdf

    i18n.install("en")
    window = MainWindow(tmp_path / "archive", settings, lambda root: None)
    qtbot.addWidget(window)
    window.show()
    window.apply_change(window.archive.importing.import_paths([seed_like_pdf(tmp_path / "page.pdf")]).change)
    qtbot.waitUntil(lambda: window.article_id is not None, timeout=10_000)
    search(window, qtbot, "城乡发展协同推进")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert len(window.page_view._hit_marks) == 1
    with qtbot.waitSignal(window.search.answered, timeout=10_000):
        window.search_field.clear()
    assert window.page_view._hit_marks == []
    assert HIT_MARK not in window.article_pane.text.toHtml()


# -- 12. smaller faults --------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_date_filters_calendar_starts_its_weeks_as_the_browse_calendar(window, qtbot, language):
    switch_language(window, qtbot, "zh_CN" if language == "en" else "en")
    switch_language(window, qtbot, language)  # (Qt's Chinese locale starts weeks on Sunday; Chinese calendars on Monday)
    try:
        for edit in (window.search_panel.date_from, window.search_panel.date_to):
            assert edit.calendarWidget().firstDayOfWeek() == window.browse.calendar.firstDayOfWeek() \
                == Qt.DayOfWeek.Monday
            assert edit.calendarWidget().locale() == window.browse.calendar.locale()
    finally:
        i18n.install("en")


def test_the_date_filters_calendar_opens_at_the_archives_dates(window, qtbot):
    window.focus_search()
    edit = window.search_panel.date_from
    assert edit.date() == edit.minimumDate()  # shown as "any"
    calendar = edit.calendarWidget()
    calendar.window().show()  # its popup, as a click on the arrow opens it (where the arrow is, the style says)
    qtbot.waitUntil(calendar.isVisible, timeout=5_000)
    assert (calendar.yearShown(), calendar.monthShown()) == (ISSUE_DATE.year, ISSUE_DATE.month)
    calendar.window().hide()
    assert edit.date() == edit.minimumDate()  # still "any": looking chose nothing


def test_undo_names_its_edit_in_the_language_switched_to(window, qtbot):
    window.settings.set_editor_name("测试")
    with qtbot.waitSignal(window.annotating.history.idle, timeout=10_000):
        window.annotating.add_tags("专题")
    undo = window.annotating.history.undo_action
    assert undo.text() == "&Undo Tag “专题”"
    switch_language(window, qtbot, "zh_CN")
    try:
        assert "Tag" not in undo.text() and "专题" in undo.text()
        assert "撤销" in undo.text() and QCoreApplication.translate("Annotating", "Tag “{tags}”").format(
            tags="专题") in undo.text()
        with qtbot.waitSignal(window.annotating.history.idle, timeout=10_000):
            undo.trigger()
        redo = window.annotating.history.redo_action
        assert "Tag" not in redo.text() and "专题" in redo.text()
    finally:
        switch_language(window, qtbot, "en")
    assert window.annotating.history.redo_action.text() == "&Redo Tag “专题”"


def test_the_window_title_names_the_archive_once_and_not_the_app(window):
    QApplication.setApplicationDisplayName("Gazette 县报档案")  # Qt adds it to every window title
    try:
        title = window.windowTitle()
        assert str(window.archive.root) in title and "Gazette" not in title
    finally:
        QApplication.setApplicationDisplayName("")


def test_a_day_without_an_issue_says_so_when_clicked(window, qtbot):
    calendar = window.browse.calendar
    paper = calendar.publication_name()
    assert paper
    calendar.setCurrentPage(2025, 4)
    calendar.clicked.emit(QDate(2025, 4, 10))
    said = f"No issue of {paper} on April 10, 2025 in the archive."
    assert window.statusBar().currentMessage() == said
    assert calendar.note.text() == said and calendar.note.isVisible()  # beside the calendar, not only below
    calendar.clicked.emit(QDate(2025, 4, 4))  # a day with one opens it
    assert window.browse.issue_date == "2025-04-04" and calendar.note.text() == ""
    switch_language(window, qtbot, "zh_CN")
    try:
        calendar.setCurrentPage(2025, 4)
        calendar.clicked.emit(QDate(2025, 4, 5))
        assert calendar.note.text() == f"2025年4月5日 没有《{paper}》的报纸。"
    finally:
        switch_language(window, qtbot, "en")


def test_a_usual_day_without_an_issue_says_the_paper_usually_appears_then(window, monkeypatch):
    calendar = window.browse.calendar
    monkeypatch.setattr(window.archive.browsing, "missing_dates", lambda *args: [dt.date(2025, 4, 7)])
    calendar.setCurrentPage(2025, 4)
    calendar.refresh()
    calendar.clicked.emit(QDate(2025, 4, 7))
    assert calendar.note.text() == (f"No issue of {calendar.publication_name()} on April 7, 2025 in the archive, "
                                    "though it usually appears on this weekday.")


def test_the_calendar_explains_its_marks_beside_it_drawn_as_it_draws_them(window, qtbot):
    legend = window.browse.calendar_legend
    assert legend.isVisible()
    text = legend.text()
    assert "issue" in text and "missing" in text
    calendar = window.browse.calendar
    calendar.setCurrentPage(2025, 4)
    marks = [calendar.dateTextFormat(QDate(2025, 4, day)) for day in range(1, 31)]
    assert issue_calendar.issue_look(False) in marks  # the days with an issue are drawn so
    for look in (issue_calendar.issue_look(False), issue_calendar.issue_look(True),
                 issue_calendar.missing_date_look()):  # every mark the calendar makes is in the legend
        assert issue_calendar.drawn("", look).split(">")[0] in text
    assert "Bold" not in text  # shown, not only named
    switch_language(window, qtbot, "zh_CN")
    try:
        assert legend.text() != text and "issue" not in legend.text()
        assert issue_calendar.drawn("", issue_calendar.issue_look(True)).split(">")[0] in legend.text()
    finally:
        switch_language(window, qtbot, "en")


def test_weekends_are_not_red_in_the_calendar_where_red_means_pages_missing(window, qtbot):
    calendar = window.browse.calendar
    weekday = calendar.weekdayTextFormat(Qt.DayOfWeek.Monday)
    for language in ("en", "zh_CN"):
        switch_language(window, qtbot, language)
        for weekend in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            assert calendar.weekdayTextFormat(weekend) == weekday
    switch_language(window, qtbot, "en")


def test_the_next_page_is_fitted_not_shown_at_the_last_zoom(window, qtbot):
    view = window.page_view
    view.fit_page()
    first = view.page.id
    view.set_zoom(3.0)
    assert view.fit_mode is None
    issue = window.browse.pages_model.pages()
    other = next(page.id for page in issue if page.id != first)
    window.open_page(other)
    assert view.fit_mode == "page" and view.zoom() != 3.0
    view.set_zoom(2.0)
    view.retranslate()  # the same page drawn again keeps its zoom
    assert view.zoom() == 2.0


def test_import_starts_in_the_documents_then_in_the_folder_last_imported_from(window, tmp_path, settings,
                                                                                 monkeypatch, qtbot):
    started, asked = [], []
    folder = tmp_path / "扫描"
    folder.mkdir()
    chosen = pagegen.write_page(folder, dt.date(2026, 3, 2), 1)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        lambda parent, caption, start, *rest: (started.append(start), ([str(chosen)], ""))[1])
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda parent, caption, start="", *rest: (started.append(start), str(folder))[1])
    monkeypatch.setattr(window.imports, "ask", lambda paths: asked.append(paths))
    window.actions.import_files.trigger()
    assert started == [str(settings_module.documents_folder())] and asked == [[chosen]]
    window.actions.import_files.trigger()
    assert started[-1] == str(folder)  # where the files came from
    window.actions.import_folder.trigger()
    assert started[-1] == str(folder) and asked[-1] == [folder]
    assert Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)).import_folder() == \
        tmp_path  # a folder imported: its parent is where the next is looked for, next time too


def test_backup_and_restore_dialogs_start_in_the_documents(window, monkeypatch):
    started = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda parent, caption, start="", *rest: (started.append(start), ("", ""))[1])
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda parent, caption, start="", *rest: (started.append(start), "")[1])
    window.actions.backup_archive.trigger()
    window.actions.restore_archive.trigger()
    assert started == [str(settings_module.documents_folder())] * 2 and started[0]


def test_help_explains_the_search_syntax_with_examples_search_reads(window, qtbot):
    assert window.actions.search_syntax in window.actions.help_menu.actions()
    window.actions.search_syntax.trigger()
    dialog = window.search_help
    assert dialog.isVisible()
    text = dialog.text.toPlainText()
    for construct in ('"民生 提质"', " OR ", " NOT ", "title:", "person:", "note:", "tag:",
                      "date:[2025-01-01 TO 2025-06-30]", "page:[1 TO 4]", "has:notes"):
        assert construct in text
    for query in dialog.queries:
        parse(query)  # every example is what search reads (QueryError otherwise)
    with qtbot.waitSignal(window.search.answered, timeout=10_000):
        dialog.text.anchorClicked.emit(QUrl(f"example:{dialog.queries.index('title:改革')}"))
    assert window.search_field.text() == "title:改革" and window.search.results.total > 0
    switch_language(window, qtbot, "zh_CN")
    try:
        assert "Both" not in dialog.text.toPlainText() and "title:" in dialog.text.toPlainText()
    finally:
        switch_language(window, qtbot, "en")


def test_open_folder_says_where_the_files_are_when_nothing_opens_folders(window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)  # no file manager
    window.exports.choose(ARTICLE)
    box, _ = export_csv(qtbot, window, window.exports.dialog, tmp_path / "article.csv")
    open_folder = next(b for b in box.findChildren(QPushButton) if b.text() == "Open Folder")
    qtbot.mouseClick(open_folder, Qt.MouseButton.LeftButton)
    assert str(tmp_path) in window.statusBar().currentMessage()
    assert QApplication.clipboard().text() == str(tmp_path)


def test_the_import_report_shows_each_files_whole_reason_without_hovering(qtbot):
    i18n.install("en")
    long = ("the file name says 2025-04-04 but its masthead says 2025-04-03: give the date to import it "
            "as one or the other, or rename the file")
    report = ImportReport([ImportOutcome("/scans/a.txt", "imported", "1 article", warnings=["page 8 has no title"]),
                           ImportOutcome("/scans/2025-04-04_08.jpg", "failed", long, needs=("date",))])
    dialog = ImportReportDialog(report)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.details.isVisible()
    shown = dialog.details.toPlainText()  # the first failure is chosen at once
    assert "/scans/2025-04-04_08.jpg" in shown and long in shown
    dialog.outcomes.setCurrentItem(dialog.outcomes.topLevelItem(0))
    shown = dialog.details.toPlainText()
    assert "/scans/a.txt" in shown and "1 article" in shown and "page 8 has no title" in shown
