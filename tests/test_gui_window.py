"""The window, driven as a user would (offscreen): the sample, browsing, the article, import."""

from __future__ import annotations

import datetime as dt
import threading

import pagegen
import pytest

from viewer.citation import citation
from viewer.gui import browse_model, i18n, pages_model
from viewer.gui.app import Gazette
from viewer.gui.qt import (
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QMessageBox,
    QMimeData,
    QPoint,
    QPointF,
    QProgressDialog,
    QPushButton,
    Qt,
    QUrl,
)
from viewer.services.importing import Importing


@pytest.fixture
def sample_window(window, qtbot):
    qtbot.mouseClick(window.welcome.load_sample, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.article_id is not None, timeout=10_000)
    return window


def test_an_empty_archive_offers_the_sample(window):
    assert window.centre.currentWidget() is window.welcome
    assert window.welcome.load_sample.isVisible()


def test_the_sample_opens_at_its_issue_page_and_article(sample_window):
    window = sample_window
    assert window.centre.currentWidget() is window.page_view
    current = window.browse.tree.currentIndex()
    assert current.data(browse_model.KindRole) == "issue"
    assert current.data(browse_model.DateRole) == "2025-04-03"
    assert current.data() == "3 Thu"
    assert window.browse.calendar.selectedDate().toString("yyyy-MM-dd") == "2025-04-03"

    article_row = window.browse.pages.currentIndex()
    assert article_row.data() == "“改革攻坚”与“民生提质”双轮驱动"
    assert article_row.parent().data() == "Page 8  县域·交城"

    text = window.article_pane.text.toPlainText()
    for shown in ("“改革攻坚”与“民生提质”双轮驱动", "——交城县八大举措擘画2025年高质量发展新图景",
                  "2025-04-03 星期四", "page 8", "县域·交城", "文/冀美丽 图/褚泰杰 田谷仓 郭志远 王学富",
                  "组版: 惠爱宏 李晓玲 张娟娟", "责编: 王耀", "校对: 白颖凯"):
        assert shown in text, shown
    assert window.page_view.page.id == window.archive.browsing.article_location(window.article_id).page_id
    assert window.page_view.outlined_article_id == window.article_id


def test_choosing_the_issue_and_the_article_in_the_lists(sample_window, qtbot):
    window = sample_window
    window.article_pane.show_article(None)
    window.browse.pages_model.set_issue(None)
    window.browse.issue_id = None
    issue = window.browse.tree.currentIndex()
    window.browse.tree.setCurrentIndex(issue.parent())  # the month
    window.browse.tree.setCurrentIndex(issue)  # …and the issue again, as a click does
    assert window.browse.pages_model.rowCount() == 1
    page = window.browse.pages_model.index(0, 0)
    article = window.browse.pages_model.index(0, 0, page)
    window.browse.pages.setCurrentIndex(article)
    assert window.article_id == article.data(pages_model.ArticleIdRole)
    assert "责编: 王耀" in window.article_pane.text.toPlainText()


def test_clicking_the_article_on_the_page_opens_it(sample_window, qtbot):
    window = sample_window
    window.article_pane.show_article(None)
    [block] = window.page_view._blocks[window.article_id]
    point = window.page_view.mapFromScene(block.sceneBoundingRect().center())
    qtbot.mouseClick(window.page_view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.article_pane.article.id == window.article_id


def test_copy_citation(sample_window):
    window = sample_window
    window.actions.copy_citation.trigger()
    expected = citation(window.archive.browsing.article(window.article_id).to_json())
    assert QGuiApplication.clipboard().text() == expected
    assert expected.startswith("冀美丽. “改革攻坚”与“民生提质”双轮驱动: 交城县八大举措擘画2025年高质量发展新图景[N]. ")


def test_page_view_zoom_and_fit(sample_window):
    view = sample_window.page_view
    view.fit_width()
    fitted = view.zoom()
    shown = view.mapFromScene(view.sceneRect()).boundingRect()
    assert view.viewport().width() - 2 <= shown.width() <= view.viewport().width() + 1
    view.zoom_in()
    assert view.zoom() == pytest.approx(fitted * 1.25) and view.fit_mode is None
    view.fit_page()
    shown = view.mapFromScene(view.sceneRect()).boundingRect()
    assert shown.height() <= view.viewport().height() + 1 and shown.width() <= view.viewport().width() + 1


def test_the_window_remembers_its_panels_and_archive(sample_window, settings, tmp_path):
    window = sample_window
    window.actions.show_article.setChecked(False)
    window.close()
    assert settings.last_archive() == tmp_path / "archive"
    assert not settings.panel_visible("article")
    assert settings.recent_archives() == [tmp_path / "archive"]


def test_import_with_progress_cancelled_half_way_keeps_whole_files_only(window, qtbot, tmp_path, monkeypatch):
    folder = tmp_path / "pages"
    folder.mkdir()
    paths = [pagegen.write_page(folder, dt.date(2026, 3, 2) + dt.timedelta(days=n), 1) for n in range(12)]
    slow_import = Importing._import_file

    def import_file_slowly(self, path, *args, **kwargs):
        threading.Event().wait(0.05)  # so the cancel lands half-way whatever the machine
        return slow_import(self, path, *args, **kwargs)

    monkeypatch.setattr(Importing, "_import_file", import_file_slowly)
    task = window.imports.start([folder])
    progress = window.imports.progress
    assert isinstance(progress, QProgressDialog) and progress.isVisible()
    qtbot.waitUntil(lambda: progress.value() >= 4, timeout=10_000)
    assert "of 12" in progress.labelText()
    with qtbot.waitSignal(task.cancelled, timeout=10_000):
        qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.imports.report_dialog is not None, timeout=5_000)

    report = window.imports.report_dialog
    assert "Import cancelled" in report.summary.text()
    imported = [report.outcomes.topLevelItem(n) for n in range(report.outcomes.topLevelItemCount())]
    assert 4 <= len(imported) < 12
    assert all(item.text(0) == "imported" for item in imported)
    assert [item.text(1) for item in imported] == [str(p) for p in paths[:len(imported)]]

    # Each imported file is whole (its page, article and credits); no other file left a trace.
    stats = window.archive.browsing.stats()
    assert (stats["issues"], stats["pages"], stats["articles"]) == (len(imported),) * 3
    publication_id = window.archive.browsing.publications()[0].id
    issues = {issue.date: issue for issue in window.archive.browsing.issues_in_month(publication_id, 2026, 3)}
    assert sorted(issues) == [path.name[:10] for path in paths[:len(imported)]]
    for issue in issues.values():
        [page] = window.archive.browsing.issue_pages(issue.id)
        page = window.archive.browsing.page(page.id)
        assert page.credits["责编"] == ["王耀"] and page.articles[0].text.credits_by_role["文"] == ["冀美丽"]
    assert window.centre.currentWidget() is window.page_view  # the window shows what came in
    report.close()


def test_import_report_lists_failures_with_reasons(window, qtbot, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary")
    good = pagegen.write_page(tmp_path, dt.date(2026, 3, 2), 1)
    task = window.imports.start([good, bad, tmp_path / "missing.txt"])
    with qtbot.waitSignal(task.ended, timeout=10_000):
        pass
    report = window.imports.report_dialog
    rows = {report.outcomes.topLevelItem(n).text(1): report.outcomes.topLevelItem(n)
            for n in range(report.outcomes.topLevelItemCount())}
    assert rows[str(good)].text(0) == "imported"
    assert rows[str(bad)].text(0) == "failed" and "bad.txt" in rows[str(bad)].text(2)
    assert rows[str(tmp_path / "missing.txt")].text(0) == "failed"
    assert "1 imported, 0 skipped, 2 failed" in report.summary.text()
    report.close()


def test_dropping_files_on_the_window_imports_them(window, qtbot, tmp_path):
    page = pagegen.write_page(tmp_path, dt.date(2026, 3, 2), 1)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(page))])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    dialog = window.imports.options_dialog  # what the files do not say, asked first
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.imports.report_dialog is not None, timeout=10_000)
    assert "1 imported" in window.imports.report_dialog.summary.text()
    qtbot.waitUntil(lambda: window.article_id is not None, timeout=10_000)  # and it is shown
    window.imports.report_dialog.close()


def test_choosing_a_month_in_the_tree_turns_the_calendar(sample_window):
    window = sample_window
    month = window.browse.tree.currentIndex().parent()
    window.browse.calendar.setCurrentPage(2030, 1)
    window.browse.tree.setCurrentIndex(month)
    assert (window.browse.calendar.yearShown(), window.browse.calendar.monthShown()) == (2025, 4)
    assert window.browse.calendar.issue_on(window.browse.calendar.selectedDate()).date == "2025-04-03"


def test_edit_copy_copies_the_selected_text(sample_window, qtbot):
    window = sample_window
    window.article_pane.text.setFocus()
    window.article_pane.text.selectAll()
    window.actions.copy.trigger()
    assert QGuiApplication.clipboard().text().startswith("“改革攻坚”与“民生提质”双轮驱动")


def test_opening_another_archive_replaces_the_window(qtbot, tmp_path, settings, monkeypatch):
    i18n.install("en")
    gazette = Gazette(settings)
    first = gazette.open(tmp_path / "first")
    qtbot.addWidget(first)
    second = gazette.open(tmp_path / "second")
    qtbot.addWidget(second)
    assert gazette.window is second and not first.isVisible()
    assert settings.recent_archives() == [tmp_path / "second", tmp_path / "first"]
    assert [a.text() for a in second.actions.recent_menu.actions()] == [str(tmp_path / "first")]
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert gazette.open(blocked / "archive") is None
    assert gazette.window is second and "cannot create the archive folder" in shown[0]
