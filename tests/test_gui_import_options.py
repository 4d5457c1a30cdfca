"""The import dialog gives what ``gazette import`` takes: the paper's name, a date and page for
pages that carry none, the encoding, replace; and it remembers the newspaper and encoding."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pagegen
import pytest
from conftest import SEED
from makepages import scan

from viewer.gui.qt import QDate, Qt

DATA = Path(__file__).resolve().parent / "data"


def import_with(window, qtbot, paths, fill) -> str:
    """Open the dialog on ``paths``, let ``fill(dialog)`` set it, press Import; the report's summary."""
    dialog = window.imports.ask(paths)
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    fill(dialog)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.imports.report_dialog is not None, timeout=20_000)
    report = window.imports.report_dialog
    summary = report.summary.text()
    report.close()
    window.imports.report_dialog = None
    return summary


def test_a_text_without_masthead_imports_with_the_dialogs_name_date_page_and_encoding(window, qtbot, tmp_path):
    text = tmp_path / "專欄.txt"
    shutil.copy(DATA / "encodings" / "big5.txt", text)

    def fill(dialog):
        dialog.publication.setEditText("蘋果日報")
        dialog.date_given.setChecked(True)
        dialog.date.setDate(QDate(2002, 1, 1))
        dialog.page_given.setChecked(True)
        dialog.page.setValue(5)
        dialog.encoding.setCurrentIndex(dialog.encoding.findData("big5"))

    assert "1 imported" in import_with(window, qtbot, [text], fill)
    [publication] = window.archive.browsing.publications()
    assert publication.name == "蘋果日報" and publication.first_date == "2002-01-01"
    [issue] = window.archive.browsing.issues_in_month(publication.id, 2002, 1)
    [page] = window.archive.browsing.issue_pages(issue.id)
    assert page.number == 5
    article = window.archive.browsing.article(window.archive.browsing.page(page.id).articles[0].id)
    assert "在資訊科技快速發展的今天" in article.text.search_text()  # read as Big5, as the dialog said


def test_without_a_date_the_same_file_is_refused_with_its_reason(window, qtbot, tmp_path):
    text = tmp_path / "plain.txt"
    shutil.copy(DATA / "encodings" / "big5.txt", text)
    assert "1 failed" in import_with(window, qtbot, [text], lambda dialog: None)
    assert window.archive.browsing.is_empty()


def test_replace_and_the_newspaper_are_remembered_and_replace_works(window, qtbot, tmp_path, settings):
    page = pagegen.write_page(tmp_path, dt.date(2026, 3, 2), 1)
    assert "1 imported" in import_with(window, qtbot, [page], lambda dialog: None)
    assert "1 skipped" in import_with(window, qtbot, [page], lambda dialog: None)  # the same file again

    changed = tmp_path / "again" / page.name
    changed.parent.mkdir()
    changed.write_text(page.read_text(encoding="utf-8").replace("王耀", "李华"), encoding="utf-8")
    refused = import_with(window, qtbot, [changed], lambda dialog: None)
    assert "1 failed" in refused  # another file for a page already there: not replaced unasked

    def replacing(dialog):
        dialog.replace.setChecked(True)
        dialog.publication.setEditText("交城报")

    assert "1 imported" in import_with(window, qtbot, [changed], replacing)
    assert settings.import_options() == {"publication": "交城报", "encoding": "", "replace": True}
    dialog = window.imports.ask([changed])
    assert dialog.replace.isChecked() and dialog.publication.currentText() == "交城报"
    assert not dialog.date.isEnabled() and not dialog.page.isEnabled()  # one batch's, never kept
    dialog.reject()


def test_the_report_offers_to_import_refused_files_again_with_what_they_lack(window, qtbot, tmp_path):
    text = tmp_path / "plain.txt"
    shutil.copy(DATA / "encodings" / "gb18030.txt", text)
    good = pagegen.write_page(tmp_path, dt.date(2026, 3, 2), 1)
    task = window.imports.start([good, text])
    qtbot.waitUntil(lambda: window.imports.report_dialog is not None, timeout=20_000)
    report = window.imports.report_dialog
    assert "1 failed" in report.summary.text()
    assert "its date and its page number" in report.outcomes.topLevelItem(1).text(2)  # no CLI flags here
    assert task.done

    qtbot.mouseClick(report.retry_button, Qt.MouseButton.LeftButton)
    dialog = window.imports.options_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    assert dialog.date_given.isChecked() and dialog.page_given.isChecked() and not dialog.replace.isChecked()
    dialog.date.setDate(QDate(2026, 3, 9))
    dialog.page.setValue(2)
    window.imports.report_dialog = None
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.imports.report_dialog is not None, timeout=20_000)
    assert "1 imported, 0 skipped, 0 failed" in window.imports.report_dialog.summary.text()
    assert window.imports.report_dialog.outcomes.topLevelItem(0).text(1) == str(text)  # that file alone
    assert window.archive.browsing.stats()["pages"] == 2
    window.imports.report_dialog.close()


@pytest.mark.parametrize("right", ["masthead", "file name"])
def test_a_scan_named_for_another_day_than_its_masthead_is_refused_naming_both_and_asks_which_is_right(
        window, qtbot, tmp_path, right):
    """Issue 14, item 9 in the window: the file name says the 4th, the masthead of the text
    beside it the 3rd. The report says so, both dates named; its retry asks which is right,
    and the page goes in under the date chosen."""
    folder = tmp_path / "scans"
    folder.mkdir()
    scan(folder / "2025-04-04_08.jpg")
    shutil.copy(SEED, folder / "2025-04-04_08.txt")  # its masthead says 2025年4月3日
    window.imports.start([folder])
    qtbot.waitUntil(lambda: window.imports.report_dialog is not None, timeout=20_000)
    report = window.imports.report_dialog
    assert "0 imported, 0 skipped, 1 failed" in report.summary.text()
    row = report.outcomes.topLevelItem(0)
    for shown in (row.text(2), report.details.toPlainText()):  # in the list and, whole, under it
        assert "2025-04-03" in shown and "2025-04-04" in shown and "masthead" in shown and "file name" in shown
        assert "--date" not in shown  # the remedy in words, not the CLI's flag
    assert window.archive.browsing.is_empty()

    qtbot.mouseClick(report.retry_button, Qt.MouseButton.LeftButton)
    dialog = window.imports.options_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    assert dialog.date_given.isChecked() and dialog.date.isEnabled() and not dialog.page_given.isChecked()
    assert dialog.focusWidget() is dialog.date or dialog.date.isAncestorOf(dialog.focusWidget())
    assert dialog.date.date() == QDate(2025, 4, 4)  # the file name's, offered
    assert dialog.which_date.isVisible() and "2025-04-04" in dialog.which_date.text()
    assert dialog.date_wins.isEnabled() and not dialog.date_wins.isChecked()  # the masthead's, unless told
    dialog.date_wins.setChecked(right == "file name")
    window.imports.report_dialog = None
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.imports.report_dialog is not None, timeout=20_000)
    again = window.imports.report_dialog
    assert "1 imported, 0 skipped, 0 failed" in again.summary.text()
    [publication] = window.archive.browsing.publications()
    date = {"masthead": "2025-04-03", "file name": "2025-04-04"}[right]
    assert publication.first_date == publication.last_date == date
    warning = again.outcomes.topLevelItem(0).child(0).text(2)  # the other date, named
    assert ("2025-04-03" if right == "file name" else "2025-04-04") in warning
    again.close()


def test_the_date_given_wins_over_the_masthead_only_when_ticked(window, settings):
    from viewer.gui.import_options import ImportOptionsDialog

    dialog = ImportOptionsDialog([Path("2025-04-04_08.jpg")], [], settings, window)
    assert not dialog.date_wins.isEnabled() and not dialog.which_date.isVisibleTo(dialog)  # nothing refused
    dialog.date_given.setChecked(True)
    assert dialog.options().date_wins is False
    dialog.date_wins.setChecked(True)
    assert dialog.options().date_wins is True
    dialog.date_given.setChecked(False)
    assert dialog.options().date is None and dialog.options().date_wins is False
    dialog.reject()
