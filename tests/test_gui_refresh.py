"""The window refreshes from what a write changed (MainWindow.apply_change), and only that: an
edit of an article not shown leaves the open one alone; a corrected title shows everywhere the
title is shown; an import shows its pages in the browse list."""

from __future__ import annotations

import pagegen
import pytest

from viewer.change import Change
from viewer.gui import i18n
from viewer.gui.main_window import MainWindow
from viewer.gui.pages_model import ArticleIdRole
from viewer.gui.qt import QGraphicsTextItem, QInputMethodEvent
from viewer.services import edits

EDITOR = "王编辑"
BODY_WORDS = "城乡发展协同推进"  # in every article of the template (the seed's text)


@pytest.fixture
def window(qtbot, tmp_path, settings, templates):
    """The sample page and, a day later, a two-page issue (open at its first article)."""
    i18n.install("en")
    settings.set_editor_name(EDITOR)
    window = MainWindow(templates.copy("sample-and-two-pages", lambda f: pagegen.sample_and_issue(f, pages=2),
                                       tmp_path), settings, lambda root: None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.article_id is not None, timeout=10_000)
    return window


def written(window, qtbot):
    qtbot.waitUntil(lambda: window.annotating.history.pending == 0, timeout=10_000)


def issue_articles(window) -> dict[int, str]:
    """The browse list's articles of the issue shown: id → the title it shows."""
    model = window.browse.pages_model
    pages = [model.index(row, 0) for row in range(model.rowCount())]
    return {model.index(row, 0, page).data(ArticleIdRole): model.index(row, 0, page).data()
            for page in pages for row in range(model.rowCount(page))}


def sheet_text(window) -> str:
    return "\n".join(item.toPlainText() for item in window.page_view.scene().items()
                     if isinstance(item, QGraphicsTextItem))


def other_article(window) -> int:
    return next(a.id for a in window.archive.browsing.list_articles() if a.id != window.article_id)


def test_a_note_on_an_article_not_shown_leaves_the_open_one_alone(window, qtbot, monkeypatch):
    shown, other = window.article_id, other_article(window)
    article = window.article_pane.article
    read = []
    monkeypatch.setattr(window.archive.browsing, "article", lambda i, _read=window.archive.browsing.article:
                        read.append(i) or _read(i))
    window.annotating.history.push(edits.AddNote(other, "核对原文", "plain", EDITOR), lambda: "Add note")
    written(window, qtbot)
    assert [n.text for n in window.archive.browsing.annotations(other) if n.kind == "note"] == ["核对原文"]
    assert window.article_id == shown and window.article_pane.article is article  # not read again
    assert read == []


def test_a_note_on_the_open_article_shows_at_once(window, qtbot):
    window.annotating.history.push(edits.AddNote(window.article_id, "核对原文", "plain", EDITOR), lambda: "Add note")
    written(window, qtbot)
    assert [e.text for e in window.article_pane.article.annotations if e.kind == "note"] == ["核对原文"]


def test_an_undo_of_an_edit_of_an_article_not_shown_shows_it(window, qtbot):
    first = window.article_id
    window.annotating.history.push(edits.AddNote(first, "核对原文", "plain", EDITOR), lambda: "Add note")
    written(window, qtbot)
    window.open_article(other_article(window))
    window.annotating.history.undo_action.trigger()
    written(window, qtbot)
    assert window.article_id == first
    assert not [e for e in window.article_pane.article.annotations if e.kind == "note"]


def test_a_corrected_title_shows_in_the_browse_list_the_results_the_page_and_the_article(window, qtbot):
    article_id = window.article_id
    with qtbot.waitSignal(window.search.answered, timeout=10_000):
        event = QInputMethodEvent()
        event.setCommitString(BODY_WORDS)
        window.search_field.inputMethodEvent(event)
    results = window.search.results

    def result_title() -> str | None:
        return next((results.hit(row).title for row in range(results.rowCount())
                     if results.hit(row).article_id == article_id), None)

    old = result_title()
    assert old is not None and issue_articles(window)[article_id] == old and old in sheet_text(window)
    window.annotating.history.push(edits.Correct(article_id, {"title": "新标题"}, EDITOR), lambda: "Correct")
    written(window, qtbot)
    assert window.article_pane.article.text.title == "新标题"
    assert issue_articles(window)[article_id] == "新标题"
    assert window.browse.pages.currentIndex().data() == "新标题"  # the row chosen stays chosen
    assert "新标题" in sheet_text(window)
    qtbot.waitUntil(lambda: result_title() == "新标题", timeout=10_000)


def test_an_import_shows_its_page_in_the_browse_list_of_the_issue_shown(window, qtbot, tmp_path):
    assert [p.number for p in window.browse.pages_model.pages()] == [1, 2]
    folder = tmp_path / "more"
    folder.mkdir()
    task = window.imports.start([pagegen.write_page(folder, pagegen.ISSUE_DATE, 3)])
    with qtbot.waitSignal(task.ended, timeout=30_000):
        pass
    assert [p.number for p in window.browse.pages_model.pages()] == [1, 2, 3]
    assert window.browse.pages.isExpanded(window.browse.pages_model.index(2, 0))


def test_a_change_of_nothing_shown_reads_nothing(window, monkeypatch):
    """The annotations of an article not shown: no list, article or search is read again."""
    calls = []
    for name in ("article", "issue_pages", "publications"):
        real = getattr(window.archive.browsing, name)
        monkeypatch.setattr(window.archive.browsing, name, lambda *a, _n=name, _r=real, **k: calls.append(_n) or _r(*a, **k))
    monkeypatch.setattr(window.search, "run", lambda: calls.append("search"))
    window.apply_change(Change(annotations=(other_article(window),)))
    assert calls == []


def test_a_tag_put_on_an_article_shows_it_in_the_tag_search_shown(window, qtbot):
    from gui_helpers import search

    result = search(window, qtbot, "tag:待核")
    assert result.total == 0
    article_id = other_article(window)
    with qtbot.waitSignal(window.search.answered, timeout=10_000) as answered:
        window.annotating.history.push(edits.AddTag(article_id, ["待核"], EDITOR), lambda: "Tag")
    assert [hit.article_id for hit in answered.args[0].hits] == [article_id]


def test_a_tag_leaves_a_search_of_the_text_alone(window, qtbot, monkeypatch):
    from gui_helpers import search

    search(window, qtbot, BODY_WORDS)
    runs = []
    monkeypatch.setattr(window.search, "run", lambda: runs.append("search"))
    window.annotating.history.push(edits.AddTag(other_article(window), ["待核"], EDITOR), lambda: "Tag")
    written(window, qtbot)
    assert runs == []  # the results list an editor is working down stays as it is
