"""The GUI's Qt models, each under Qt's QAbstractItemModelTester, with no window."""

from __future__ import annotations

import datetime as dt

import pagegen
import pytest
from PySide6.QtTest import QAbstractItemModelTester

from viewer.archive import Archive
from viewer.gui import browse_model, facets_model, i18n, pages_model, results_model
from viewer.gui.qt import ROOT_INDEX, QModelIndex, Qt
from viewer.model import Hit, SearchResult

pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture(scope="module")
def weekday_paper(tmp_path_factory, templates):
    """Read only by these tests, so one copy for all of them (of a template made once)."""
    folder = tmp_path_factory.mktemp("weekday_paper")
    with Archive(templates.copy("weekday-paper", pagegen.weekday_paper_archive, folder)) as archive:
        yield archive


@pytest.fixture(autouse=True)
def english():
    i18n.install("en")


@pytest.fixture
def qtmodeltester(qtlog):
    """Qt's tester on each model checked, its failures (Qt warnings) failing the test.

    The tester does not fetch by itself: it re-checks a model from its signal handlers, and
    fetching a lazy level there inserts rows while it is still recording the change that
    woke it (it reports that as a failure). The tests fetch every level themselves."""
    class Checker:
        def __init__(self):
            self.testers = []

        def check(self, model):
            tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
            tester.setUseFetchMore(False)
            self.testers.append(tester)

    yield Checker()
    failures = [record.message for record in qtlog.records if "FAIL!" in record.message]
    assert not failures, "\n".join(failures)


def fetch_all(model, parent=ROOT_INDEX):
    while model.canFetchMore(parent):
        model.fetchMore(parent)
    for row in range(model.rowCount(parent)):
        fetch_all(model, model.index(row, 0, parent))


def labels(model, parent=ROOT_INDEX):
    return [model.index(row, 0, parent).data() for row in range(model.rowCount(parent))]


def test_browse_model_reads_each_level_when_opened(qtmodeltester, weekday_paper):
    unread = browse_model.BrowseModel(weekday_paper)
    assert unread.hasChildren(unread.index(0, 0)) and unread.rowCount(unread.index(0, 0)) == 0
    assert unread.canFetchMore(unread.index(0, 0))

    model = browse_model.BrowseModel(weekday_paper)
    qtmodeltester.check(model)
    assert labels(model) == [weekday_paper.browsing.publications()[0].name]
    publication = model.index(0, 0)
    fetch_all(model)
    qtmodeltester.check(model)
    year = model.index(0, 0, publication)
    assert labels(model, publication) == ["2026"]
    assert labels(model, year) == ["March", "April"]
    march = model.index(0, 0, year)
    assert labels(model, march)[:3] == ["2 Mon", "3 Tue", "4 Wed"]
    assert model.rowCount(march) == 21


def test_browse_model_finds_an_issue_and_flags_missing_pages(qtmodeltester, weekday_paper):
    model = browse_model.BrowseModel(weekday_paper)
    qtmodeltester.check(model)
    publication_id = model.index(0, 0).data(browse_model.PublicationIdRole)
    index = model.index_of_issue(publication_id, "2026-03-16")
    assert index.isValid()
    assert index.data(browse_model.KindRole) == "issue"
    assert index.data(browse_model.DateRole) == "2026-03-16"
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "2 pages\nMissing pages: 2"
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert not model.index_of_issue(publication_id, "2026-03-11").isValid()
    assert not model.index_of_issue(publication_id + 1, "2026-03-16").isValid()

    model.refresh()  # forgets what was read; reads it again on demand
    assert model.index_of_issue(publication_id, "2026-03-16").data(browse_model.DateRole) == "2026-03-16"


def test_browse_model_in_chinese(qtmodeltester, weekday_paper):
    model = browse_model.BrowseModel(weekday_paper)
    qtmodeltester.check(model)
    i18n.install("zh_CN")
    model.retranslate()
    march = model.index_of_issue(model.index(0, 0).data(browse_model.PublicationIdRole), "2026-03-02").parent()
    assert march.data() == "三月"
    assert march.parent().data() == "2026年"
    assert model.index(0, 0, march).data() == "2日 周一"


def test_issue_pages_model(qtmodeltester, weekday_paper):
    model = pages_model.IssuePagesModel(weekday_paper)
    qtmodeltester.check(model)
    [publication] = weekday_paper.browsing.publications()
    issue = weekday_paper.browsing.issues_in_month(publication.id, 2026, 3)[0]
    model.set_issue(issue.id)
    assert labels(model) == ["Page 1  县域·交城", "Page 2  县域·交城", "Page 3  县域·交城"]
    page = model.index(1, 0)
    assert labels(model, page) == ["“改革攻坚”与“民生提质”双轮驱动"]
    article = model.index(0, 0, page)
    assert model.index_of_article(article.data(pages_model.ArticleIdRole)) == article
    assert model.index_of_page(page.data(pages_model.PageIdRole)) == page
    assert page.data(pages_model.ImageRole) is None and page.data(Qt.ItemDataRole.DecorationRole) is None
    model.set_issue(None)
    assert model.rowCount() == 0


def hits(count, start=0):
    return [Hit(article_id=n, title=f"title {n}", date="2025-04-03", page=8, page_label="8",
                section="县域·交城", score=1.0,
                snippet=f"…⟦交城⟧ {n}…", spans=[(0, 2)]) for n in range(start, start + count)]


def test_results_model_asks_for_more_and_appends(qtmodeltester):
    model = results_model.SearchResultsModel()
    qtmodeltester.check(model)
    asked = []
    model.more_wanted.connect(asked.append)
    model.set_result(SearchResult("交城", 45, hits(20), {}))
    model.fetchMore(QModelIndex())  # as a view does at the end of the list (the tester may ask first)
    model.fetchMore(QModelIndex())
    assert asked == [20] and model.rowCount() == 20  # one request at a time
    model.append(hits(20, 20))
    assert model.rowCount() == 40
    model.fetchMore(QModelIndex())
    assert asked == [20, 40]
    model.append(hits(5, 40))
    assert model.rowCount() == 45 and not model.canFetchMore(QModelIndex())
    assert model.index(44, 0).data(results_model.ArticleIdRole) == 44
    assert model.hit(3).title == "title 3"
    model.set_result(None)
    assert model.rowCount() == 0


def test_facets_model(qtmodeltester):
    model = facets_model.FacetsModel()
    qtmodeltester.check(model)
    model.set_facets({"year": {"2024": 3, "2025": 7}, "section": {}, "person": {"王耀": 10}})
    assert labels(model) == ["Year", "Person"]
    year = model.index(0, 0)
    assert labels(model, year) == ["2024", "2025"]
    count = model.index(1, 1, year)
    assert count.data() == "7"
    value = model.index(1, 0, year)
    assert (value.data(facets_model.FacetRole), value.data(facets_model.ValueRole)) == ("year", "2025")
    assert year.data(facets_model.ValueRole) is None
    model.set_facets(None)
    assert model.rowCount() == 0


def test_narrowing_a_search_request():
    from viewer.gui.search_request import SearchRequest

    request = SearchRequest("交城")
    assert request.query() == "交城" and not request.is_blank()
    assert SearchRequest().is_blank()
    narrowed = request.narrowed("year", "2025").narrowed("section", "县域·交城").narrowed("person", "王耀")
    assert narrowed.query() == '(交城) person:"王耀"'
    assert narrowed.search_arguments() == {"date_from": dt.date(2025, 1, 1), "date_to": dt.date(2025, 12, 31),
                                           "section": "县域·交城", "sort": "relevance"}
    assert SearchRequest(person="王耀").query() == 'person:"王耀"'
    assert narrowed.without_filters() == request
