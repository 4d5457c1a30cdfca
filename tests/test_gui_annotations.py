"""Annotating through the window (offscreen), as an editor would: notes, highlights from a
selection, tags, corrections and collections, each undone and redone with the archive checked
every time; the annotations panel; the editor's name asked once."""

from __future__ import annotations

import datetime as dt

import pagegen
import pytest
from conftest import assert_a_copy_of_its_own
from gui_helpers import open_window

from viewer.archive import Archive
from viewer.errors import GazetteError
from viewer.gui import annotation_html
from viewer.gui.corrections import CorrectionDialog, HistoryDialog
from viewer.gui.editor_name import NameDialog
from viewer.gui.main_window import ANNOTATIONS_TAB, COLLECTIONS_TAB
from viewer.gui.note_dialog import NoteDialog
from viewer.gui.qt import (
    QDialog,
    QDialogButtonBox,
    QInputMethodEvent,
    QMessageBox,
    Qt,
    QTextCursor,
    QUrl,
)
from viewer.services.editing import Editing

EDITOR = "王编辑"


@pytest.fixture
def asked(monkeypatch):
    """The name dialog, answered with EDITOR; the list records each time it was shown."""
    times = []

    def answer(dialog):
        times.append(dialog.windowTitle())
        dialog.field.setText(EDITOR)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NameDialog, "exec", answer)
    return times


@pytest.fixture
def window(qtbot, tmp_path, settings, asked, templates):
    """The window on the sample (a copy of the test's own)."""
    return open_window(qtbot, templates.copy("sample", pagegen.sample, tmp_path), settings)


def test_the_window_has_a_copy_of_its_own(window, templates, tmp_path_factory):
    assert len(window.archive.browsing.list_articles()) == 1
    assert_a_copy_of_its_own(window.archive, templates.copy("sample", pagegen.sample, tmp_path_factory.mktemp("again")))


def written(window, qtbot):
    """Wait for the writes asked for to be in the archive."""
    qtbot.waitUntil(lambda: window.annotating.history.pending == 0, timeout=10_000)


def undo(window, qtbot):
    window.annotating.history.undo_action.trigger()
    written(window, qtbot)


def redo(window, qtbot):
    window.annotating.history.redo_action.trigger()
    written(window, qtbot)


def entries(window, kind):
    return [a for a in window.archive.browsing.annotations(window.article_id) if a.kind == kind]


def type_text(widget, text):
    """What an input method commits (qtbot.keyClicks cannot send Chinese)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    widget.inputMethodEvent(event)


def click_ok(dialog, qtbot):
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)


def select_words(window, words):
    """Select ``words`` in the article's text as a mouse would (Qt's own positions)."""
    text = window.article_pane.text
    body_start = window.article_pane.passages.blocks[0][0]  # the body's, not the title's
    text.setTextCursor(text.document().find(words, body_start))
    assert text.textCursor().selectedText() == words


def test_the_editors_name_is_asked_once_and_kept(window, qtbot, asked):
    for text in ("核对原文", "待核实"):
        window.annotating.add_note.trigger()
        dialog = window.annotating.dialog
        type_text(dialog.editor, text)
        click_ok(dialog, qtbot)
        written(window, qtbot)
    assert len(asked) == 1
    assert window.settings.editor_name() == EDITOR
    assert [(n.text, n.author) for n in entries(window, "note")] == [("核对原文", EDITOR),
                                                                           ("待核实", EDITOR)]


def test_a_note_added_edited_and_deleted_with_undo_and_redo(window, qtbot):
    window.annotating.add_note.trigger()
    dialog = window.annotating.dialog
    assert isinstance(dialog, NoteDialog)
    type_text(dialog.editor, "核对政府工作报告原文")
    dialog.editor.selectAll()
    dialog.bold.trigger()  # simple rich text
    click_ok(dialog, qtbot)
    written(window, qtbot)
    [note] = entries(window, "note")
    assert (note.text, note.format) == ("<p><b>核对政府工作报告原文</b></p>", "html")
    shown = window.article_pane.annotation_view.view.toHtml()
    assert "核对政府工作报告原文" in shown and "font-weight:700" in shown

    undo(window, qtbot)
    assert entries(window, "note") == []
    assert "核对政府工作报告原文" not in window.article_pane.annotation_view.view.toPlainText()
    redo(window, qtbot)
    assert [(n.id, n.text) for n in entries(window, "note")] == [(note.id, note.text)]

    view = window.article_pane.annotation_view.view
    view.anchorClicked.emit(QUrl(f"{annotation_html.EDIT_NOTE}:{note.id}"))
    dialog = window.annotating.dialog
    dialog.editor.setPlainText("核对原文：无误")
    click_ok(dialog, qtbot)
    written(window, qtbot)
    assert [(n.text, n.format) for n in entries(window, "note")] == [("核对原文：无误", "plain")]
    undo(window, qtbot)
    assert [n.text for n in entries(window, "note")] == [note.text]
    redo(window, qtbot)

    view.anchorClicked.emit(QUrl(f"{annotation_html.DELETE}:{note.id}"))
    written(window, qtbot)
    assert entries(window, "note") == []
    assert window.annotating.history.undo_action.text() == "&Undo Delete note"
    undo(window, qtbot)
    assert [(n.id, n.text) for n in entries(window, "note")] == [(note.id, "核对原文：无误")]


def test_a_highlight_from_the_selection_counts_characters_as_python_does(window, qtbot):
    # A character outside the BMP (two UTF-16 units in Qt, one code point in the archive)
    # before the passage, in the same paragraph.
    first = window.archive.browsing.article(window.article_id).text.paragraphs[0]
    window.archive.editing.correct(window.article_id, paragraph=1, text="𠵱" + first, author=EDITOR)
    window.open_article(window.article_id)
    select_words(window, "奋进的热潮")
    window.annotating.colour_actions["green"].trigger()
    written(window, qtbot)
    [mark] = entries(window, "highlight")
    body = "\n".join(window.archive.browsing.article(window.article_id).text.paragraphs)
    assert body[slice(*mark.span)] == "奋进的热潮" == mark.quote
    assert (mark.colour, mark.author) == ("green", EDITOR)
    html = window.article_pane.text.toHtml()
    assert "background-color:#c5e1a5" in html  # drawn in its colour in the text

    undo(window, qtbot)
    assert entries(window, "highlight") == []
    assert "#c5e1a5" not in window.article_pane.text.toHtml()
    redo(window, qtbot)
    assert [(m.id, m.span) for m in entries(window, "highlight")] == [(mark.id, mark.span)]

    # Across a paragraph break: the span covers the "\n" between them.
    paragraphs = window.archive.browsing.article(window.article_id).text.paragraphs
    cursor = window.article_pane.passages.cursor_for(len(paragraphs[0]) - 3, len(paragraphs[0]) + 4)
    window.article_pane.text.setTextCursor(cursor)
    window.annotating.highlight.trigger()
    written(window, qtbot)
    second = next(m for m in entries(window, "highlight") if m.id != mark.id)
    assert second.quote == paragraphs[0][-3:] + "\n" + paragraphs[1][:3]
    assert second.colour == "green"  # the colour chosen last


def test_a_highlight_with_a_comment(window, qtbot):
    select_words(window, "107.48亿元")
    window.annotating.highlight_with_comment.trigger()
    dialog = window.annotating.dialog
    dialog.setTextValue("与统计公报一致")
    dialog.accept()
    written(window, qtbot)
    [mark] = entries(window, "highlight")
    assert (mark.quote, mark.text, mark.colour) == ("107.48亿元", "与统计公报一致", "yellow")
    assert "“107.48亿元” — 与统计公报一致" in window.article_pane.annotation_view.view.toPlainText()


def test_nothing_selected_is_nothing_highlighted(window, qtbot):
    window.article_pane.text.moveCursor(QTextCursor.MoveOperation.Start)
    window.annotating.highlight.trigger()
    assert window.annotating.history.pending == 0 and entries(window, "highlight") == []
    assert "Select a passage" in window.statusBar().currentMessage()


def test_an_orphaned_highlight_is_shown_with_its_words(window, qtbot):
    window.archive.editing.add_highlight(window.article_id, quote="华亿铸造生产线", author=EDITOR)
    paragraphs = window.archive.browsing.article(window.article_id).text.paragraphs
    number = next(n for n, p in enumerate(paragraphs, 1) if "华亿铸造" in p)
    window.archive.editing.correct(window.article_id, paragraph=number, text="产业发展步伐有力。", author=EDITOR)
    window.open_article(window.article_id)
    shown = window.article_pane.annotation_view.view.toPlainText()
    assert "Not found in the current text: “华亿铸造生产线”" in shown


def test_tags_with_completion_undo_redo_and_search(window, qtbot):
    field = window.article_pane.annotation_view.tag_field
    window.annotating.add_tag.trigger()
    type_text(field, "交城，两会")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    written(window, qtbot)
    assert sorted(t.text for t in entries(window, "tag")) == ["两会", "交城"]
    assert sorted(field.completer().model().stringList()) == ["两会", "交城"]
    undo(window, qtbot)
    assert entries(window, "tag") == []
    redo(window, qtbot)
    assert sorted(t.text for t in entries(window, "tag")) == ["两会", "交城"]

    view = window.article_pane.annotation_view.view
    view.anchorClicked.emit(QUrl(f"{annotation_html.UNTAG}:两会"))
    written(window, qtbot)
    assert [t.text for t in entries(window, "tag")] == ["交城"]
    undo(window, qtbot)
    assert sorted((t.text, t.author) for t in entries(window, "tag")) == [("两会", EDITOR),
                                                                               ("交城", EDITOR)]

    view.anchorClicked.emit(QUrl(f"{annotation_html.SEARCH_TAG}:交城"))
    assert window.search_field.text() == "tag:交城"


def test_a_correction_undone_and_redone_is_one_revision(window, qtbot):
    original = window.archive.browsing.article(window.article_id)
    window.article_pane.text.setTextCursor(window.article_pane.passages.cursor_for(
        len(original.text.paragraphs[0]) + 3, len(original.text.paragraphs[0]) + 3))  # in paragraph 2
    window.annotating.correct.trigger()
    dialog = window.annotating.dialog
    assert isinstance(dialog, CorrectionDialog) and dialog.paragraph.value() == 2
    assert dialog.text.toPlainText() == original.text.paragraphs[1]
    dialog.text.setPlainText(original.text.paragraphs[1].replace("交城县", "交城縣"))
    dialog.headings["title"].setText("改革攻坚与民生提质双轮驱动")
    click_ok(dialog, qtbot)
    written(window, qtbot)
    now = window.archive.browsing.article(window.article_id)
    assert now.title == "改革攻坚与民生提质双轮驱动" and "交城縣" in now.text.paragraphs[1]
    assert "改革攻坚与民生提质双轮驱动" in window.article_pane.text.toPlainText()
    assert [r.summary for r in window.archive.browsing.revisions(window.article_id)] == \
        ["imported reading", "title, paragraph 2"]

    undo(window, qtbot)
    back = window.archive.browsing.article(window.article_id)
    assert (back.title, back.text.paragraphs) == (original.title, original.text.paragraphs)
    assert len(window.archive.browsing.revisions(window.article_id)) == 1  # undone: withdrawn
    redo(window, qtbot)
    assert window.archive.browsing.article(window.article_id).title == "改革攻坚与民生提质双轮驱动"
    assert len(window.archive.browsing.revisions(window.article_id)) == 2  # redone: the same one again

    # The history: restore the imported reading, then undo that.
    window.annotating.show_history.trigger()
    dialog = window.annotating.dialog
    assert isinstance(dialog, HistoryDialog) and dialog.list.count() == 2
    assert dialog.list.item(0).text() == "The imported reading"
    assert "(current)" in dialog.list.item(1).text() and not dialog.restore.isEnabled()
    dialog.list.setCurrentRow(0)
    qtbot.mouseClick(dialog.restore, Qt.MouseButton.LeftButton)
    written(window, qtbot)
    assert window.archive.browsing.article(window.article_id).title == original.title
    undo(window, qtbot)
    assert window.archive.browsing.article(window.article_id).title == "改革攻坚与民生提质双轮驱动"
    with Archive(window.archive.root) as other:  # another connection sees the same history
        assert len(other.browsing.revisions(window.article_id)) == 2  # the restore undone: withdrawn


@pytest.fixture
def three_articles(window, tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    for page in (1, 2):
        pagegen.write_page(folder, dt.date(2025, 4, 3), page)
    window.apply_change(window.archive.importing.import_paths([folder]).change)
    ids = [a.id for a in window.archive.browsing.list_articles()]
    assert len(ids) == 3
    return ids


def test_adding_the_article_to_a_collection_new_or_existing(window, qtbot, three_articles):
    window.open_article(three_articles[0])
    window.annotating.add_to_collection.trigger()
    dialog = window.annotating.dialog
    dialog.setTextValue("两会报道")
    dialog.accept()
    written(window, qtbot)
    assert window.archive.browsing.collection_articles("两会报道") == [three_articles[0]]
    assert window.collections_panel.name() == "两会报道"
    undo(window, qtbot)
    assert window.archive.browsing.collections() == []  # it made the collection, so undo takes it away
    redo(window, qtbot)
    assert window.archive.browsing.collection_articles("两会报道") == [three_articles[0]]

    window.open_article(three_articles[1])
    window.annotating.add_to_collection.trigger()
    dialog = window.annotating.dialog
    assert dialog.comboBoxItems() == ["两会报道"]
    dialog.setTextValue("两会报道")
    dialog.accept()
    written(window, qtbot)
    assert window.archive.browsing.collection_articles("两会报道") == three_articles[:2]
    undo(window, qtbot)
    assert window.archive.browsing.collection_articles("两会报道") == three_articles[:1]


def test_the_collections_view_reorders_removes_and_opens(window, qtbot, three_articles):
    window.archive.editing.add_to_collection("专题", three_articles, author=EDITOR)
    window.show_collection("专题")
    panel = window.collections_panel
    assert window.tabs.currentIndex() == COLLECTIONS_TAB and panel.model.article_ids() == three_articles

    panel.select(2)
    qtbot.mouseClick(panel.up, Qt.MouseButton.LeftButton)
    written(window, qtbot)
    a, b, c = three_articles
    assert window.archive.browsing.collection_articles("专题") == [a, c, b] == panel.model.article_ids()
    assert panel.list.currentIndex().row() == 1  # the moved article stays chosen
    undo(window, qtbot)
    assert window.archive.browsing.collection_articles("专题") == [a, b, c] == panel.model.article_ids()
    redo(window, qtbot)
    assert window.archive.browsing.collection_articles("专题") == [a, c, b]

    # A drag of the first row to the end, as the view's drop hands it to the model.
    data = panel.model.mimeData([panel.model.index(0, 0)])
    assert panel.model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, panel.model.index(-1, -1))
    written(window, qtbot)
    assert window.archive.browsing.collection_articles("专题") == [c, b, a]

    panel.select(1)
    qtbot.mouseClick(panel.remove, Qt.MouseButton.LeftButton)
    written(window, qtbot)
    assert window.archive.browsing.collection_articles("专题") == [c, a]
    undo(window, qtbot)
    assert window.archive.browsing.collection_articles("专题") == [c, b, a]

    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    written(window, qtbot)
    assert window.archive.browsing.collections() == []
    undo(window, qtbot)
    assert window.archive.browsing.collection_articles("专题") == [c, b, a]

    panel.show_collection("专题")
    panel.list.activated.emit(panel.model.index(1, 0))
    assert window.article_id == b


def test_the_annotations_panel_filters_and_opens_at_the_passage(window, qtbot, three_articles):
    first, second = three_articles[0], three_articles[1]
    window.archive.editing.add_note(first, "核对原文", author=EDITOR)
    window.archive.editing.add_highlight(second, quote="107.48亿元", comment="与公报一致", author="李校对")
    window.archive.editing.tag(second, ["经济"], author="李校对")
    window.annotating.show_annotations.trigger()
    panel = window.annotations_panel
    assert window.tabs.currentIndex() == ANNOTATIONS_TAB
    texts = [panel.model.index(row, 1).data() for row in range(panel.model.rowCount())]
    assert texts == ["“107.48亿元” 与公报一致", "核对原文"]  # newest first

    panel.editor.setCurrentIndex(panel.editor.findData(EDITOR))
    assert panel.model.rowCount() == 1 and panel.model.index(0, 1).data() == "核对原文"
    panel.editor.setCurrentIndex(0)
    panel.tag.setCurrentIndex(panel.tag.findData("经济"))
    assert panel.model.rowCount() == 1 and panel.model.index(0, 1).data() == "“107.48亿元” 与公报一致"
    panel.tag.setCurrentIndex(0)
    panel.since.setDate(panel.since.date().currentDate().addDays(2))
    assert panel.model.rowCount() == 0
    panel.since.setDate(panel.since.minimumDate())

    row = next(r for r in range(panel.model.rowCount()) if panel.model.index(r, 1).data().startswith("“107"))
    panel.list.activated.emit(panel.model.index(row, 0))
    assert window.article_id == second
    assert window.article_pane.text.textCursor().selectedText() == "107.48亿元"

    # A note added through the window shows up in the panel at once.
    window.annotating.add_note.trigger()
    type_text(window.annotating.dialog.editor, "新的批注")
    click_ok(window.annotating.dialog, qtbot)
    written(window, qtbot)
    assert panel.model.index(0, 1).data() == "新的批注"


def test_no_name_given_nothing_written(window, monkeypatch):
    monkeypatch.setattr(NameDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected)
    window.annotating.add_note.trigger()
    assert window.annotating.dialog is None and window.annotating.history.stack.count() == 0


def test_a_write_that_fails_is_reported_and_clears_the_undo_history(window, qtbot, monkeypatch):
    window.annotating.add_tags("交城")
    written(window, qtbot)
    reported = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: reported.append(text))

    def refuse(self, *args, **kwargs):
        raise GazetteError("the archive is read-only")

    monkeypatch.setattr(Editing, "add_note", refuse)
    window.annotating.add_note.trigger()
    type_text(window.annotating.dialog.editor, "核对原文")
    click_ok(window.annotating.dialog, qtbot)
    written(window, qtbot)
    assert reported == ["the archive is read-only"]
    history = window.annotating.history
    assert history.stack.count() == 0 and not history.undo_action.isEnabled()
    assert entries(window, "note") == [] and [t.text for t in entries(window, "tag")] == ["交城"]
