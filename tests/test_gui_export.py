"""Exporting from the window: the selected search results, a whole issue, a collection; the
dialog's options; progress with a working Cancel that leaves nothing behind; errors shown."""

from __future__ import annotations

import csv
import json
import threading

import pagegen
import pytest
from gui_helpers import open_window, search

from viewer.errors import ExportError
from viewer.gui import errors, i18n
from viewer.gui.export_dialog import ExportChoice, ExportDialog
from viewer.gui.export_flow import ARTICLE, COLLECTION, ISSUE, RESULTS
from viewer.gui.qt import (
    QDesktopServices,
    QMessageBox,
    QPushButton,
    Qt,
)
from viewer.services.exporting import Exporting

ISSUE_DATE, ISSUE_PAGES = pagegen.ISSUE_DATE, pagegen.ISSUE_PAGES


@pytest.fixture
def window(qtbot, tmp_path, settings, templates):
    """The window on :func:`pagegen.sample_and_issue`'s archive (a copy of the test's own): the
    sample page, and an issue of twelve pages like it a day later (an article each)."""
    return open_window(qtbot, templates.copy("sample-and-issue", pagegen.sample_and_issue, tmp_path), settings)


def issue_id(window) -> int:
    publication = window.archive.browsing.publications()[0].id
    [issue] = [i for i in window.archive.browsing.issues_in_month(publication, 2025, 4) if i.date == str(ISSUE_DATE)]
    return issue.id




def export_with(qtbot, window, dialog: ExportDialog, fmt: str, out, *, per_article: bool = False):
    """Fill in the dialog, press Export and wait for the message saying what was written."""
    dialog.format.setCurrentIndex(dialog.format.findData(fmt))
    dialog.one_file_per_article.setChecked(per_article)
    dialog.destination.setText(str(out))
    with qtbot.waitSignal(window.exports.exported, timeout=10_000) as exported:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    return exported.args[0]


def test_selected_search_results_export_as_csv_and_open_their_folder(window, qtbot, tmp_path, monkeypatch):
    search(window, qtbot, "改革攻坚")
    results = window.search_panel.results
    model = window.search.results
    assert model.rowCount() >= 4
    # A click opens a result; Ctrl+click adds another to the selection without opening it.
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton,
                     pos=results.visualRect(model.index(1, 0)).center())
    opened = window.article_id
    assert opened == model.hit(1).article_id
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     results.visualRect(model.index(3, 0)).center())
    assert window.article_id == opened
    chosen = [model.hit(1), model.hit(3)]
    assert window.search_panel.selected_hits() == chosen

    assert window.exports.export_results in results.actions()  # its context menu
    window.exports.export_results.trigger()
    dialog = window.exports.dialog
    assert dialog.choice().kind == RESULTS and dialog.choice().label == "The selected search results (2 articles)"
    out = tmp_path / "results.csv"
    box = export_with(qtbot, window, dialog, "csv", out)

    with open(out, encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [int(row["id"]) for row in rows] == [hit.article_id for hit in chosen]
    assert [row["title"] for row in rows] == [hit.title for hit in chosen]
    assert box.text() == f"Exported 2 articles to {out}"
    opened_urls = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened_urls.append(url.toLocalFile()))
    open_folder = next(b for b in box.findChildren(QPushButton) if b.text() == "Open Folder")
    qtbot.mouseClick(open_folder, Qt.MouseButton.LeftButton)
    assert opened_urls == [str(tmp_path)]


def test_a_whole_issue_exports_one_file_per_article(window, qtbot, tmp_path):
    window.exports.choose_issue(issue_id(window))
    dialog = window.exports.dialog
    assert dialog.choice().kind == ISSUE
    assert dialog.choice().label == f"The whole issue of {ISSUE_DATE} ({ISSUE_PAGES} articles)"
    folder = tmp_path / "issue"
    box = export_with(qtbot, window, dialog, "txt", folder, per_article=True)

    names = sorted(path.name for path in folder.iterdir())
    assert names == [f"{ISSUE_DATE}_{page:02d}_“改革攻坚”与“民生提质”双轮驱动.txt" for page in range(1, ISSUE_PAGES + 1)]
    text = (folder / names[0]).read_text(encoding="utf-8")
    assert text.startswith("“改革攻坚”与“民生提质”双轮驱动\n") and "第1版" in text
    assert box.text() == f"Exported {ISSUE_PAGES} articles, one file each, into {folder}"


def test_cancel_half_way_leaves_nothing(window, qtbot, tmp_path, monkeypatch):
    slow_article = Exporting._exported

    def exported_slowly(self, *args):
        threading.Event().wait(0.05)  # so the cancel lands half-way whatever the machine
        return slow_article(self, *args)

    monkeypatch.setattr(Exporting, "_exported", exported_slowly)
    window.exports.choose_issue(issue_id(window))
    dialog = window.exports.dialog
    out = tmp_path / "issue.json"
    dialog.format.setCurrentIndex(dialog.format.findData("json"))
    dialog.destination.setText(str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    task, progress = window.exports.task, window.exports.progress
    qtbot.waitUntil(lambda: progress.isVisible() and progress.value() >= 4, timeout=10_000)
    assert f"of {ISSUE_PAGES})" in progress.labelText()
    with qtbot.waitSignal(task.cancelled, timeout=10_000):
        qtbot.mouseClick(progress.findChild(QPushButton), Qt.MouseButton.LeftButton)

    assert sorted(path.name for path in tmp_path.iterdir()) == ["archive", "pages", "settings.ini"]  # no trace
    assert window.statusBar().currentMessage() == "Export cancelled: nothing was written."
    assert window.exports.progress is None and window.exports.result_box is None


def test_a_failed_export_is_explained(window, qtbot, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(errors, "report", lambda parent, error: shown.append(error))
    window.exports.choose(ARTICLE)
    dialog = window.exports.dialog
    dialog.destination.setText(str(tmp_path / "no such folder" / "article.txt"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert window.exports.task is not None
    qtbot.waitUntil(lambda: window.exports.task is None, timeout=10_000)
    assert len(shown) == 1 and isinstance(shown[0], ExportError) and "no such folder" in str(shown[0])


def test_file_export_offers_what_the_window_shows_and_a_collection(window, qtbot, tmp_path):
    window.archive.editing.add_to_collection("春季专题", [window.article_id], author="测试")
    window.actions.export.trigger()
    dialog = window.exports.dialog
    kinds = [choice.kind for choice in dialog.choices]
    assert kinds == [ARTICLE, "page", ISSUE, COLLECTION]
    assert dialog.choice().kind == ARTICLE  # what is open is what is meant
    dialog.reject()

    window.actions.export_collection.trigger()
    dialog = window.exports.dialog
    assert dialog.choice().label == "Collection “春季专题” (1 article)"
    out = tmp_path / "春季专题.json"
    export_with(qtbot, window, dialog, "json", out)
    [article] = json.loads(out.read_text(encoding="utf-8"))
    assert article["id"] == window.article_id


def test_the_dialog_keeps_options_to_what_the_format_allows(qapp, tmp_path, settings):
    i18n.install("en")
    choices = [ExportChoice(ARTICLE, "one", (1,), "2025-04-03_08_题"), ExportChoice(ISSUE, "all", (1, 2), "报_2025")]
    dialog = ExportDialog(choices, 0, settings)
    dialog.destination.setText(str(tmp_path / "2025-04-03_08_题.txt"))
    dialog.format.setCurrentIndex(dialog.format.findData("docx"))
    assert dialog.destination.text() == str(tmp_path / "2025-04-03_08_题.docx")
    assert not dialog.encoding.isEnabled() and not dialog.crlf.isEnabled()
    dialog.one_file_per_article.setChecked(True)
    assert dialog.destination.text() == str(tmp_path / "2025-04-03_08_题")  # a folder
    dialog.what.setCurrentIndex(1)
    assert dialog.destination.text() == str(tmp_path / "报_2025")
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    dialog.encoding.setCurrentIndex(dialog.encoding.findData("gb18030"))
    dialog.crlf.setChecked(True)
    request = dialog.request()
    assert (request.article_ids, request.fmt, request.encoding, request.crlf, request.one_file_per_article) == (
        (1, 2), "csv", "gb18030", False, True)  # CSV has its own line ends

    dialog.accept()
    again = ExportDialog(choices, 0, settings)  # remembers the last choices
    assert again.format.currentData() == "csv" and again.one_file_per_article.isChecked()
    assert again.destination.text() == str(tmp_path / "2025-04-03_08_题")


def test_replacing_a_file_asks_first(qapp, tmp_path, settings, monkeypatch):
    existing = tmp_path / "a.txt"
    existing.write_text("keep me", encoding="utf-8")
    dialog = ExportDialog([ExportChoice(ARTICLE, "one", (1,), "a")], 0, settings)
    dialog.destination.setText(str(existing))
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.No)
    dialog.accept()
    assert dialog.result() != ExportDialog.DialogCode.Accepted
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    dialog.accept()
    assert dialog.result() == ExportDialog.DialogCode.Accepted
