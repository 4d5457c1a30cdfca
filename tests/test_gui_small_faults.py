"""Smaller window faults of issue 14 (item 12), one test each, on the window opened on the real
sample page: the facets box, annotation exports, an undone and redone correction, the
collection dialog."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from viewer.gui import article_html, facets_model, i18n
from viewer.gui.main_window import MainWindow
from viewer.gui.qt import QApplication, QInputMethodEvent

ORGANISATION = "交城县融媒体中心"  # the sample page's 合办


@pytest.fixture
def window(qtbot, tmp_path, settings):
    """The window in Chinese (the interface's first language) on the sample page."""
    i18n.install("zh_CN")
    window = MainWindow(tmp_path / "archive", settings, lambda root: None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.archive.importing.load_sample()
    window.archive_changed()
    qtbot.waitUntil(lambda: window.article_id is not None, timeout=10_000)
    yield window
    i18n.install("en")


def search(window, qtbot, text: str):
    with qtbot.waitSignal(window.search.answered, timeout=10_000) as answered:
        window.search_field.setFocus()
        window.search_field.selectAll()
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QApplication.sendEvent(window.search_field, event)
    return answered.args[0]


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
    assert view.columnWidth(0) >= view.sizeHintForColumn(0)  # the names' column fits the longest
    assert all(index.data(facets_model.ValueRole) == index.data() for index in rows)
    assert [index.data(facets_model.Qt.ItemDataRole.ToolTipRole) for index in rows] == \
        [index.data() for index in rows]


def test_the_organisation_is_no_person_link_in_the_article(window):
    html = article_html.render(window.archive.browsing.article(window.article_id))
    assert ORGANISATION in html and article_html.person_link(ORGANISATION) not in html
    assert article_html.person_link("王耀") in html and quote("王耀") in html

