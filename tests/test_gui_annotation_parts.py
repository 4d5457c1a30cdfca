"""The parts annotating is built of, without a window: the edits and their undo, passages
between Qt's text and the archive's, note formats, revision summaries, and the two Qt models
(under QAbstractItemModelTester)."""

from __future__ import annotations

import pytest
from PySide6.QtTest import QAbstractItemModelTester

from viewer.gui import article_html, i18n
from viewer.gui.annotations_model import COL_KIND, COL_TEXT, AnnotationRole, AnnotationsModel
from viewer.gui.collection_model import CollectionModel
from viewer.gui.corrections import describe
from viewer.gui.note_dialog import note_from_document
from viewer.gui.passages import BodyPassages, index_from_utf16, utf16_length
from viewer.gui.qt import QPersistentModelIndex, QTextCursor, QTextDocument
from viewer.model import ArticleRow
from viewer.services import edits

pytestmark = pytest.mark.usefixtures("qapp")
EDITOR = "王编辑"


@pytest.fixture(autouse=True)
def english():
    i18n.install("en")


@pytest.fixture
def qtmodeltester(qtlog):
    testers = []
    yield lambda model: testers.append(QAbstractItemModelTester(
        model, QAbstractItemModelTester.FailureReportingMode.Warning))
    failures = [record.message for record in qtlog.records if "FAIL!" in record.message]
    assert not failures, "\n".join(failures)


# -- edits: apply, revert, apply again, on a real archive ---------------------------------------------


def notes(archive, article_id):
    return [(a.id, a.text) for a in archive.browsing.annotations(article_id) if a.kind == "note"]


def test_an_added_note_comes_back_as_the_same_row(seeded):
    archive, article_id = seeded
    edit = edits.AddNote(article_id, "核对原文", "plain", EDITOR)
    edit.apply(archive)
    added = notes(archive, article_id)
    edit.revert(archive)
    assert notes(archive, article_id) == []
    edit.apply(archive)
    assert notes(archive, article_id) == added


def test_undoing_a_correction_withdraws_its_revision_and_redoing_puts_it_back(seeded):
    archive, article_id = seeded
    before = archive.browsing.article(article_id).text.paragraphs
    edit = edits.Correct(article_id, {"paragraph": 1, "text": "春天的交城。"}, EDITOR)
    edit.apply(archive)
    made = archive.browsing.revisions(article_id)[1]
    edit.revert(archive)
    assert archive.browsing.article(article_id).text.paragraphs == before
    assert [r.summary for r in archive.browsing.revisions(article_id)] == ["imported reading"]
    assert archive.searching.search("春天的交城").total == 0  # the index was told
    edit.apply(archive)
    assert archive.browsing.article(article_id).text.paragraphs[0] == "春天的交城。"
    assert archive.browsing.revisions(article_id)[1:] == [made]  # the same revision, row for row
    assert archive.searching.search("春天的交城").total == 1


def test_a_correction_made_after_one_being_undone_keeps_the_history(seeded):
    """Another window or the command line corrected the article after this correction: its
    undo restores the text before as a new revision, and its redo its text as another."""
    archive, article_id = seeded
    edit = edits.Correct(article_id, {"paragraph": 1, "text": "春天的交城。"}, EDITOR)
    edit.apply(archive)
    archive.editing.correct(article_id, author="李校对", paragraph=2, text="另一处更正。")
    edit.revert(archive)
    assert [r.summary for r in archive.browsing.revisions(article_id)] == [
        "imported reading", "paragraph 1", "paragraph 2", "restored the imported reading"]
    edit.apply(archive)
    assert archive.browsing.article(article_id).text.paragraphs[0] == "春天的交城。"
    assert [r.summary for r in archive.browsing.revisions(article_id)][-1] == "restored revision 1"


def test_tags_the_article_had_are_not_taken_by_an_undo(seeded):
    archive, article_id = seeded
    archive.editing.tag(article_id, ["交城"], author="李校对")
    edit = edits.AddTag(article_id, ["交城", "两会"], EDITOR)
    edit.apply(archive)
    edit.revert(archive)
    assert [t for t, _ in archive.browsing.tags_in_use()] == ["交城"]
    removal = edits.RemoveTag(article_id, "交城", "李校对")
    removal.apply(archive)
    removal.revert(archive)
    assert [(a.text, a.author) for a in archive.browsing.annotations(article_id) if a.kind == "tag"] == \
        [("交城", "李校对")]


# -- passages: Qt's UTF-16 positions and the archive's code points ---------------------------------


def test_utf16_positions_and_code_points():
    text = "𠵱交城𠵱"
    assert utf16_length(text) == 6
    assert [index_from_utf16(text, units) for units in range(7)] == [0, 0, 1, 2, 3, 3, 4]


@pytest.fixture
def shown(seeded):
    """The pane's document for the seed article, its first paragraph led by 𠵱."""
    archive, article_id = seeded
    first = archive.browsing.article(article_id).text.paragraphs[0]
    archive.editing.correct(article_id, paragraph=1, text="𠵱  " + first, author=EDITOR)  # two spaces, kept
    article = archive.browsing.article(article_id)
    document = QTextDocument()
    document.setHtml(article_html.render(article))
    return article, document


def test_a_selection_is_the_same_passage_in_the_archive(shown):
    article, document = shown
    passages = BodyPassages(document, article.text.paragraphs)
    body = "\n".join(article.text.paragraphs)
    for words in ("奋进的热潮", article.text.paragraphs[1][:6], "𠵱  春日"):
        start = body.index(words)
        cursor = passages.cursor_for(start, start + len(words))
        assert cursor.selectedText() == words
        assert passages.span_of(cursor) == (start, start + len(words))
    found = document.find("奋进的热潮", passages.blocks[0][0])  # Qt's own positions
    assert body[slice(*passages.span_of(found))] == "奋进的热潮"


def test_a_selection_reaching_into_the_headings_is_cut_to_the_body(shown):
    article, document = shown
    passages = BodyPassages(document, article.text.paragraphs)
    cursor = QTextCursor(document)
    cursor.setPosition(0)
    cursor.setPosition(passages.blocks[0][0] + 4, QTextCursor.MoveMode.KeepAnchor)  # 𠵱 is two units
    assert passages.span_of(cursor) == (0, 3)
    cursor.setPosition(2)
    cursor.setPosition(5, QTextCursor.MoveMode.KeepAnchor)
    assert passages.span_of(cursor) is None
    assert passages.paragraph_at(passages.blocks[1][0] + 1) == 2
    assert BodyPassages(document, ["not what is shown"]).span_of(cursor) is None


# -- notes: plain or simple rich text ------------------------------------------------------------


def test_a_note_is_plain_unless_formatted():
    document = QTextDocument()
    document.setPlainText("\n核对原文\n第二行\n")
    assert note_from_document(document) == ("核对原文\n第二行", "plain")
    simple = "<p>核对<b>原文</b>&lt;&gt;</p><ul><li>一</li><li><i>二</i></li></ul>"
    document.setHtml(simple.replace("<p>", '<p style="font-size:20px">'))  # sizes and fonts are not kept
    assert note_from_document(document) == (simple, "html")


def test_revision_summaries_in_the_interface_language():
    assert describe("imported reading") == "The imported reading"
    assert describe("title, paragraph 3") == "Corrected title, paragraph 3"
    assert describe("restored revision 4") == "Restored revision 4"
    i18n.install("zh_CN")
    assert describe("title, paragraph 3") == "更正了标题、第 3 段"


# -- models ----------------------------------------------------------------------------------


def test_annotations_model(qtmodeltester, seeded):
    archive, article_id = seeded
    archive.editing.add_note(article_id, "<p>核对<b>原文</b></p>", author=EDITOR, fmt="html")
    archive.editing.add_highlight(article_id, quote="107.48亿元", comment="与公报一致", colour="green", author=EDITOR)
    model = AnnotationsModel()
    qtmodeltester(model)
    model.set_rows(archive.browsing.all_annotations())
    assert model.rowCount() == 2 and model.columnCount() == 5
    texts = sorted(model.index(row, COL_TEXT).data() for row in range(2))
    assert texts == ["“107.48亿元” 与公报一致", "核对原文"]
    highlight = next(row for row in range(2) if model.index(row, COL_KIND).data() == "Highlight")
    assert model.index(highlight, COL_KIND).data(AnnotationRole)["colour"] == "green"
    model.set_rows([])
    assert model.rowCount() == 0


def test_collection_model_reorders_by_drop_and_keeps_the_chosen_row(qtmodeltester):
    def article(n):
        return ArticleRow(id=n, publication="交城", date="2025-04-03", page=8, page_label="8", section="",
                          title=f"标题{n}")

    model = CollectionModel()
    qtmodeltester(model)
    model.set_articles([article(n) for n in (1, 2, 3)])
    assert model.index(0, 0).data() == "1. 标题1\n2025-04-03 · page 8"
    assert model.moved([0], 3) == [2, 3, 1] and model.moved([2], 1) == [1, 3, 2]
    assert model.moved([0, 1], 3) == [3, 1, 2]
    wanted = []
    model.order_wanted.connect(wanted.append)
    assert model.dropMimeData(model.mimeData([model.index(2, 0)]), model.supportedDropActions(), 0, 0,
                              model.index(-1, -1))
    assert wanted == [[3, 1, 2]]
    chosen = QPersistentModelIndex(model.index(2, 0))
    model.set_articles([article(n) for n in (3, 1, 2)])  # what the archive then holds
    assert chosen.row() == 0 and chosen.data() == "1. 标题3\n2025-04-03 · page 8"
    model.set_articles([article(4)])
    assert model.rowCount() == 1
