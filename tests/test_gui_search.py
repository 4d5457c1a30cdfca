"""Searching from the window: typing (as a Chinese input method commits text), results with
marked hits, the article opened at its hits, facets, filters, keys."""

from __future__ import annotations

import datetime as dt

import pagegen
import pytest
from conftest import assert_a_copy_of_its_own
from gui_helpers import open_window, search, type_text

from viewer.gui import article_html, facets_model
from viewer.gui.main_window import SEARCH_TAB
from viewer.gui.qt import Qt, QUrl
from viewer.gui.results_delegate import result_html
from viewer.gui.style import HIT_STYLE
from viewer.search import MARK_CLOSE, MARK_OPEN

MARK = f'<span style="{HIT_STYLE}">'


def sample_and_two_pages(folder):
    pagegen.sample_and_issue(folder, pages=2)


@pytest.fixture
def window(qtbot, tmp_path, settings, templates):
    """The sample page and, a day later, two more pages like it (a copy of the test's own)."""
    return open_window(qtbot, templates.copy("sample-and-two-pages", sample_and_two_pages, tmp_path), settings)


def test_the_window_has_a_copy_of_its_own(window, templates, tmp_path_factory):
    assert len(window.archive.browsing.list_articles()) == 3
    assert_a_copy_of_its_own(window.archive, templates.copy("sample-and-two-pages", sample_and_two_pages,
                                                           tmp_path_factory.mktemp("again")))






def test_typing_shows_results_with_the_hits_marked(window, qtbot):
    window.actions.find.trigger()
    assert window.tabs.currentIndex() == SEARCH_TAB and window.search_field.hasFocus()
    result = search(window, qtbot, "改革攻坚")
    assert window.search_field.text() == "改革攻坚"
    assert result.total == 3
    model = window.search.results
    assert model.rowCount() == 3
    hit = model.hit(0)
    assert hit.title == "“改革攻坚”与“民生提质”双轮驱动"
    assert f"{MARK_OPEN}改革攻坚{MARK_CLOSE}" in hit.snippet
    drawn = result_html(hit, "#000", "#777")
    assert f"{MARK}改革攻坚</span>" in drawn and "2025-04-0" in drawn
    assert window.search_panel.status.text() == "3 articles found"


def test_enter_opens_the_first_result_at_its_first_hit(window, qtbot):
    search(window, qtbot, "民生提质")
    window.article_pane.show_article(None)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    hit = window.search.results.hit(0)
    assert window.article_id == hit.article_id
    html = window.article_pane.text.toHtml()
    assert html.count("background-color:#ffd54f") >= len(hit.spans) >= 2  # title and body
    assert window.article_pane.spans == hit.spans
    assert article_html.hit_texts(window.article_pane.article, hit.spans) == ["民生提质"]
    [block] = window.page_view._blocks[hit.article_id]  # the page (text, no scan) marks them too
    assert block.toHtml().count("#ffd54f") == len(hit.spans)


def test_the_article_scrolls_to_a_hit_deep_in_its_text(window, qtbot):
    search(window, qtbot, "交城优选")  # in the last paragraph only
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    text = window.article_pane.text
    found = text.document().find("交城优选")
    assert not found.isNull()
    # The hit is in view, whatever the fonts make of the text's height.
    assert text.viewport().rect().intersects(text.cursorRect(found))
    if text.verticalScrollBar().maximum() > 0:  # the text is taller than the pane: it was scrolled
        assert text.verticalScrollBar().value() > 0


def test_arrow_keys_move_through_the_results(window, qtbot):
    search(window, qtbot, "交城")
    results = window.search_panel.results
    assert results.currentIndex().row() == 0
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    assert results.currentIndex().row() == 2
    qtbot.keyClick(window.search_field, Qt.Key.Key_Up)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Enter)
    assert window.article_id == window.search.results.hit(1).article_id


def test_clicking_a_facet_narrows_the_results(window, qtbot):
    result = search(window, qtbot, "交城")
    assert result.total == 3 and result.facets["year"] == {"2025": 3}
    facets, view = window.search.facets, window.search_panel.facets
    dates = next(facets.index(row, 0) for row in range(facets.rowCount())
                 if facets.index(row, 0).data(facets_model.FacetRole) == "year")
    year = facets.index(0, 0, dates)
    assert (year.data(), facets.index(0, 1, dates).data()) == ("2025", "3")
    sections = next(facets.index(row, 0) for row in range(facets.rowCount())
                    if facets.index(row, 0).data(facets_model.FacetRole) == "section")
    section = facets.index(0, 0, sections)
    view.scrollTo(section)
    with qtbot.waitSignal(window.search.answered, timeout=10_000) as answered:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(section).center())
    assert window.search.request.section == "县域·交城"
    assert window.search_panel.section.currentText() == "县域·交城"
    assert answered.args[0].total == 3

    window.search_panel.date_from.setDate(window.search_panel.date_from.date().fromString("2025-04-04", "yyyy-MM-dd"))
    qtbot.waitUntil(lambda: window.search.results.total == 2, timeout=10_000)
    assert window.search.request.date_from == dt.date(2025, 4, 4)


def test_a_name_in_the_article_searches_for_that_person(window, qtbot):
    with qtbot.waitSignal(window.search.answered, timeout=10_000) as answered:
        window.article_pane.text.anchorClicked.emit(QUrl(article_html.person_link("王耀")))
    assert window.search.request.person == "王耀"
    assert window.search_panel.person.text() == "王耀"
    assert window.tabs.currentIndex() == SEARCH_TAB
    assert answered.args[0].total == 3


def test_a_query_the_search_cannot_read_is_explained(window, qtbot):
    with qtbot.waitSignal(window.search.refused, timeout=10_000) as refused:
        type_text(window.search_field, '"交城')
    assert "quote" in refused.args[0]
    assert window.search_panel.status.text() == refused.args[0]


def test_escape_clears_the_search(window, qtbot):
    search(window, qtbot, "交城")
    with qtbot.waitSignal(window.search.answered, timeout=10_000):
        qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert window.search_field.text() == "" and window.search.results.rowCount() == 0


def test_filter_fields_narrow_the_search(window, qtbot):
    search(window, qtbot, "交城")
    panel = window.search_panel
    with qtbot.waitSignal(window.search.answered, timeout=10_000) as answered:
        panel.person.setText("冀美丽")
        panel.person.editingFinished.emit()
    assert window.search.request.query() == '(交城) person:"冀美丽"' and answered.args[0].total == 3
    with qtbot.waitSignal(window.search.answered, timeout=10_000) as answered:
        panel.sort.setCurrentIndex(panel.sort.findData("date"))
    assert window.search.request.sort == "date"
    assert [hit.date for hit in answered.args[0].hits] == ["2025-04-03", "2025-04-04", "2025-04-04"]
    with qtbot.waitSignal(window.search.answered, timeout=10_000) as answered:
        panel.clear_filters.click()
    assert window.search.request.person is None and panel.person.text() == ""
