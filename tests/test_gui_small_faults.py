"""Smaller window faults of issue 14 (item 12), one test each, on the window opened on the real
sample page: the facets box, annotation exports, an undone and redone correction, the
collection dialog."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from gui_helpers import search

from viewer.errors import GazetteError
from viewer.gui import article_html, errors, facets_model, i18n
from viewer.gui.export_dialog import ExportRequest
from viewer.gui.main_window import SEARCH_TAB, MainWindow
from viewer.gui.qt import (
    QApplication,
    QCoreApplication,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QTimer,
    QTranslator,
)
from viewer.services import edits

ORGANISATION = "交城县融媒体中心"  # the sample page's 合办


@pytest.fixture
def window(qtbot, tmp_path, settings):
    """The window in Chinese (the interface's first language) on the sample page."""
    i18n.install("zh_CN")
    window = MainWindow(tmp_path / "archive", settings, lambda root: None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.apply_change(window.archive.importing.load_sample().change)
    qtbot.waitUntil(lambda: window.article_id is not None, timeout=10_000)
    yield window
    i18n.install("en")




def facet_rows(window, facet: str):
    model = window.search.facets
    group = next(model.index(row, 0) for row in range(model.rowCount())
                 if model.index(row, 0).data(facets_model.FacetRole) == facet)
    return [model.index(row, 0, group) for row in range(model.rowCount(group))]


# -- the facets box ------------------------------------------------------------------------------

def test_the_person_facet_lists_people_and_not_the_pages_organisation(window, qtbot):
    search(window, qtbot, "王耀")
    people = [index.data() for index in facet_rows(window, "person")]
    assert "王耀" in people and "冀美丽" in people and "惠爱宏" in people
    assert ORGANISATION not in people


def test_facet_names_are_shown_whole_with_the_name_in_a_tooltip(window, qtbot):
    search(window, qtbot, "王耀")
    view = window.search_panel.facets
    rows = facet_rows(window, "person")
    header = view.header()  # the names take the room the counts leave (no width compared: fonts differ)
    assert header.sectionResizeMode(0) == QHeaderView.ResizeMode.Stretch
    assert header.sectionResizeMode(1) == QHeaderView.ResizeMode.ResizeToContents
    assert all(index.data(facets_model.ValueRole) == index.data() for index in rows)
    assert [index.data(facets_model.Qt.ItemDataRole.ToolTipRole) for index in rows] == \
        [index.data() for index in rows]


def test_the_organisation_is_no_person_link_in_the_article(window):
    html = article_html.render(window.archive.browsing.article(window.article_id))
    assert ORGANISATION in html and article_html.person_link(ORGANISATION) not in html
    assert article_html.person_link("王耀") in html and quote("王耀") in html


# -- a correction undone and redone --------------------------------------------------------------

EDITOR = "王编辑"


def written(window, qtbot):
    qtbot.waitUntil(lambda: window.annotating.history.pending == 0, timeout=10_000)


def correct_first_paragraph(window, qtbot, text: str) -> None:
    window.annotating.history.push(edits.Correct(window.article_id, {"paragraph": 1, "text": text}, EDITOR),
                                   lambda: "更正")
    written(window, qtbot)


def corrections_exported(window, tmp_path) -> list[str]:
    out = tmp_path / "export.txt"
    window.archive.exporting.export([window.article_id], "txt", out, with_annotations=True)
    return [line for line in out.read_text(encoding="utf-8").splitlines() if line.startswith("- 更正")]


def test_a_correction_undone_and_redone_is_one_correction(window, qtbot, tmp_path):
    article_id = window.article_id
    imported = window.archive.browsing.article(article_id).text.paragraphs
    correct_first_paragraph(window, qtbot, "春天的交城大地。")
    window.annotating.history.undo_action.trigger()
    written(window, qtbot)
    assert window.archive.browsing.article(article_id).text.paragraphs == imported
    assert len(window.archive.browsing.revisions(article_id)) == 1  # undone: as if never made
    window.annotating.history.redo_action.trigger()
    written(window, qtbot)
    assert window.archive.browsing.article(article_id).text.paragraphs[0] == "春天的交城大地。"
    assert len(window.archive.browsing.revisions(article_id)) == 2  # the imported reading and one correction
    assert [a.kind for a in window.archive.browsing.annotations(article_id)].count("correction") == 1
    assert len(corrections_exported(window, tmp_path)) == 1
    window.annotating.show_history.trigger()
    assert window.annotating.dialog.list.count() == 2
    window.annotating.dialog.reject()


def test_an_undo_after_someone_elses_later_correction_keeps_the_history(window, qtbot):
    """Undoing what another window or the command line has since corrected again cannot cut
    the history: the text before is restored as a new revision."""
    article_id = window.article_id
    imported = window.archive.browsing.article(article_id).text.paragraphs
    correct_first_paragraph(window, qtbot, "春天的交城大地。")
    window.archive.editing.correct(article_id, author="李校对", paragraph=2, text="另一处更正。")
    window.annotating.history.undo_action.trigger()
    written(window, qtbot)
    assert [r.author for r in window.archive.browsing.revisions(article_id)] == ["", EDITOR, "李校对", EDITOR]
    assert window.archive.browsing.article(article_id).text.paragraphs == imported


# -- exported annotations in the interface's language --------------------------------------------

def switch_language(window, qtbot, language: str) -> None:
    i18n.install(language)
    title = "文件(&F)" if language == "zh_CN" else "&File"
    qtbot.waitUntil(lambda: window.actions.file_menu.title() == title, timeout=5_000)


def exported_annotations(window, qtbot, out) -> list[str]:
    """Export the open article with its annotations as the window does; the block's lines."""
    with qtbot.waitSignal(window.exports.exported, timeout=10_000):
        window.exports.start(ExportRequest((window.article_id,), "txt", out, with_annotations=True))
    lines = out.read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if line in ("批注:", "Annotations:"))
    end = lines.index("", start)
    return lines[start:end]


@pytest.fixture
def annotated(window, qtbot):
    """The sample article with one annotation of every kind, the highlight orphaned by the correction."""
    archive, article_id = window.archive, window.article_id
    first = archive.browsing.article(article_id).text.paragraphs[0]
    archive.editing.add_note(article_id, "核对政府工作报告原文", author=EDITOR)
    archive.editing.add_highlight(article_id, quote=first[:4], comment="与原件一致", author=EDITOR)
    archive.editing.tag(article_id, ["两会"], author=EDITOR)
    archive.editing.add_to_collection("两会报道", [article_id], author=EDITOR)
    correct_first_paragraph(window, qtbot, "春天的交城。")
    return window


def test_exported_annotations_are_chinese_throughout_in_chinese(annotated, qtbot, tmp_path):
    lines = exported_annotations(annotated, qtbot, tmp_path / "zh.txt")
    assert lines[0] == "批注:" and len(lines) == 6
    assert [line for line in lines if re.search("[A-Za-z]", line)] == []
    assert any(line.startswith("- 更正（王编辑 ") and line.endswith("）: 第 1 段") for line in lines)
    assert any("（原文中已找不到）" in line for line in lines)


def test_exported_annotations_are_english_in_english(annotated, qtbot, tmp_path):
    switch_language(annotated, qtbot, "en")
    lines = exported_annotations(annotated, qtbot, tmp_path / "en.txt")
    assert lines[0] == "Annotations:" and len(lines) == 6
    kinds = [re.match(r"- (\w+) \(王编辑 \d{4}-\d\d-\d\d\): ", line)[1] for line in lines[1:]]
    assert sorted(kinds) == ["Collection", "Correction", "Highlight", "Note", "Tag"]
    assert any(line.endswith("): paragraph 1") for line in lines)
    assert any("(no longer found in the text)" in line for line in lines)
    assert not any(word in line for line in lines for word in ("批注", "笔记", "划线", "标签", "更正", "集合", "段"))


# -- an empty name in "Your name" ----------------------------------------------------------------

def answer_the_name_prompt(qtbot, typed: list[str]) -> list[bool]:
    """When the name prompt opens, type each of ``typed`` into it in turn and note whether OK
    may be pressed then; OK is pressed if it may, else the prompt is cancelled."""
    may_press_ok: list[bool] = []

    def answer():
        dialog = QApplication.activeModalWidget()
        if dialog is None:  # not open yet
            QTimer.singleShot(20, answer)
            return
        field = dialog.findChild(QLineEdit)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        for text in typed:
            field.setText(text)
            may_press_ok.append(ok.isEnabled())
        if ok.isEnabled():
            ok.click()
        else:
            dialog.reject()

    QTimer.singleShot(0, answer)
    return may_press_ok


def test_the_name_prompt_takes_no_empty_name(window, qtbot):
    window.settings.set_editor_name("")
    may_press_ok = answer_the_name_prompt(qtbot, ["", "   ", EDITOR])
    with qtbot.waitSignal(window.annotating.history.idle, timeout=10_000):
        window.annotating.add_tags("专题")
    assert may_press_ok == [False, False, True]
    assert window.settings.editor_name() == EDITOR
    assert [(a.kind, a.author) for a in window.archive.browsing.annotations(window.article_id)] == [("tag", EDITOR)]


def test_the_name_prompt_cancelled_records_nothing(window, qtbot):
    window.settings.set_editor_name("")
    may_press_ok = answer_the_name_prompt(qtbot, ["  "])
    window.annotating.add_tags("专题")
    assert may_press_ok == [False]
    assert window.settings.editor_name() == ""
    assert window.archive.browsing.annotations(window.article_id) == []


# -- a click on the calendar of an empty archive -------------------------------------------------

@pytest.fixture
def empty_window(qtbot, tmp_path, settings, templates):
    """The window in Chinese on a new empty archive."""
    from conftest import empty

    i18n.install("zh_CN")
    window = MainWindow(templates.copy("empty", empty, tmp_path), settings, lambda root: None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    i18n.install("en")


def test_a_day_clicked_in_an_empty_archive_says_there_are_no_issues_yet(empty_window):
    calendar = empty_window.browse.calendar
    calendar.clicked.emit(calendar.selectedDate())
    message = empty_window.statusBar().currentMessage()
    assert "导入文件" in message  # says how to get issues, in the interface's language


# -- the date filter's calendar ------------------------------------------------------------------

def test_the_date_filter_opens_at_the_archives_dates_when_the_search_tab_is_clicked(window, qtbot):
    window.tabs.setCurrentIndex(SEARCH_TAB)  # as a click on the tab does (not Find, not typing)
    edit = window.search_panel.date_to
    calendar = edit.calendarWidget()
    calendar.window().show()  # its popup, as a click on the arrow opens it
    qtbot.waitUntil(calendar.isVisible, timeout=5_000)
    assert (calendar.yearShown(), calendar.monthShown()) == (2025, 4)  # the sample's issue
    calendar.window().hide()
    assert edit.date() == edit.minimumDate()  # still "any"
    assert window.search_panel.section.count() > 1  # the sections to filter by are there too


def test_the_date_filter_follows_an_import_made_while_the_search_tab_is_open(empty_window, qtbot):
    window = empty_window
    window.tabs.setCurrentIndex(SEARCH_TAB)
    window.apply_change(window.archive.importing.load_sample().change)
    calendar = window.search_panel.date_from.calendarWidget()
    calendar.window().show()
    qtbot.waitUntil(calendar.isVisible, timeout=5_000)
    assert (calendar.yearShown(), calendar.monthShown()) == (2025, 4)
    calendar.window().hide()


# -- the application's name once in a title ------------------------------------------------------

def test_error_boxes_leave_the_apps_name_to_the_system(window, monkeypatch):
    """Qt puts the application's name after every window title (“… — Gazette 县报档案”), so a
    box titled with it read “Gazette — Gazette 县报档案”."""
    titles = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *rest: titles.append(title))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: titles.append(box.windowTitle()))
    errors.report(window, GazetteError("找不到这篇文章"))
    errors.report(window, RuntimeError("a bug"))
    assert len(titles) == 2 and all(titles)
    assert [title for title in titles if "Gazette" in title or "县报档案" in title] == []


def test_the_about_box_leaves_the_apps_name_to_the_system(window, monkeypatch):
    titles = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: titles.append(title))
    window.actions.about.trigger()
    assert len(titles) == 1 and titles[0] and "Gazette" not in titles[0] and "县报档案" not in titles[0]


def open_collection_dialog(window, qtbot):
    window.annotating.add_to_collection.trigger()
    dialog = window.annotating.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    return dialog


def widened_by_a_longer_title(dialog) -> bool:
    """The dialog grows when its title does (its width follows its title, not only its field;
    measured on the dialog itself, so any font will do)."""
    before = dialog.minimumWidth()
    dialog.setWindowTitle(" / ".join([dialog.windowTitle()] * 4))
    return dialog.minimumWidth() > before and dialog.width() >= dialog.minimumWidth()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_collection_dialog_is_wide_enough_for_its_title(window, qtbot, settings, language):
    settings.set_editor_name(EDITOR)
    switch_language(window, qtbot, language)
    dialog = open_collection_dialog(window, qtbot)
    assert dialog.windowTitle() == {"zh_CN": "加入集合", "en": "Add to a collection"}[language]
    assert dialog.width() >= dialog.minimumWidth()
    assert widened_by_a_longer_title(dialog)
    dialog.reject()


class LongTitle(QTranslator):
    """A language whose word for "Add to a collection" is four times as long."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return " / ".join([source] * 4) if source == "Add to a collection" else ""


def test_a_long_title_widens_the_collection_dialog_to_show_it_whole(window, qtbot, settings):
    settings.set_editor_name(EDITOR)
    dialog = open_collection_dialog(window, qtbot)
    usual = dialog.width()
    dialog.reject()
    translator = LongTitle()
    QCoreApplication.installTranslator(translator)
    try:
        dialog = open_collection_dialog(window, qtbot)
        assert dialog.windowTitle().count("Add to a collection") == 4
        assert dialog.width() > usual  # as wide as the title, not only as the field
        dialog.reject()
    finally:
        QCoreApplication.removeTranslator(translator)


def test_the_highlight_comment_dialog_is_wide_enough_for_its_title(window, qtbot, settings):
    settings.set_editor_name(EDITOR)
    text = window.article_pane.text
    words = window.archive.browsing.article(window.article_id).text.paragraphs[0][:4]
    text.setTextCursor(text.document().find(words, window.article_pane.passages.blocks[0][0]))
    window.annotating.comment_selection()
    dialog = window.annotating.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    assert dialog.windowTitle() == "划线并加评语"
    assert widened_by_a_longer_title(dialog)
    dialog.reject()
