"""Browsing the archive: publications → years → months → issues → pages, and the gaps."""

from __future__ import annotations

import datetime as dt

import pagegen
import pytest

from viewer.archive import Archive
from viewer.errors import NotFound
from viewer.model import ArticleLocation
from viewer.schedule import missing_dates, publishing_weekdays


@pytest.fixture(scope="module")
def weekday_paper(tmp_path_factory, templates):
    """Read only by these tests, so one copy for all of them (of a template made once)."""
    folder = tmp_path_factory.mktemp("weekday_paper")
    with Archive(templates.copy("weekday-paper", pagegen.weekday_paper_archive, folder)) as archive:
        yield archive


def test_levels(weekday_paper):
    archive = weekday_paper
    [publication] = archive.browsing.publications()
    assert (publication.issues, publication.first_date, publication.last_date) == (24, "2026-03-02",
                                                                                            "2026-04-03")
    assert archive.browsing.issue_years(publication.id) == [(2026, 24)]
    assert archive.browsing.issue_months(publication.id, 2026) == [(3, 21), (4, 3)]
    march = archive.browsing.issues_in_month(publication.id, 2026, 3)
    assert [i.date for i in march][:8] == ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05",
                                             "2026-03-06", "2026-03-09", "2026-03-10", "2026-03-12"]
    gap = next(i for i in march if i.date == "2026-03-16")
    assert (gap.pages, gap.missing_pages) == (2, (2,))
    assert all(i.missing_pages == () for i in march if i is not gap)


def test_missing_dates_follow_the_papers_weekdays(weekday_paper):
    archive = weekday_paper
    [publication] = archive.browsing.publications()
    missing = archive.browsing.missing_dates(publication.id, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert missing == [dt.date(2026, 3, 11)]  # weekends are not gaps; days after the last issue are not
    assert archive.browsing.missing_dates(publication.id, dt.date(2026, 5, 1), dt.date(2026, 5, 31)) == []


def test_issue_pages_and_page(weekday_paper):
    archive = weekday_paper
    [publication] = archive.browsing.publications()
    issue = archive.browsing.issues_in_month(publication.id, 2026, 4)[0]
    assert archive.browsing.issue(issue.id).publication == publication.name
    pages = archive.browsing.issue_pages(issue.id)
    assert [(p.number, p.section, p.image) for p in pages] == [(1, "县域·交城", None), (2, "县域·交城", None),
                                                                        (3, "县域·交城", None)]
    [article] = pages[0].articles
    assert article.title == "“改革攻坚”与“民生提质”双轮驱动"

    page = archive.browsing.page(pages[0].id)
    assert page.date == "2026-04-01" and page.weekday == "星期三"
    assert page.credits["责编"] == ["王耀"]
    assert page.articles[0].text.credits_by_role["文"] == ["冀美丽"]
    assert page.articles[0].region == ()
    assert archive.browsing.page_file(page.image) is None

    location = archive.browsing.article_location(article.id)
    assert location == ArticleLocation(pages[0].id, issue.id, publication.id, "2026-04-01")
    assert archive.browsing.sections() == ["县域·交城"]


def test_unknown_ids_are_not_found(archive):
    for lookup in (archive.browsing.issue, archive.browsing.page, archive.browsing.article_location):
        with pytest.raises(NotFound):
            lookup(99)
    assert archive.browsing.publications() == []


@pytest.mark.parametrize("counts, weekdays", [
    ({0: 5, 1: 5, 2: 4, 3: 5, 4: 5}, {0, 1, 2, 3, 4}),  # Monday to Friday over 5 weeks
    ({3: 5, 0: 1}, {3}),  # a weekly on Thursdays with one special Monday issue
])
def test_publishing_weekdays(counts, weekdays):
    assert publishing_weekdays(counts, dt.date(2026, 3, 2), dt.date(2026, 4, 2)) == weekdays


def test_missing_dates_stay_inside_the_span():
    span = (dt.date(2026, 3, 4), dt.date(2026, 3, 6))
    assert missing_dates([dt.date(2026, 3, 5)], {0, 1, 2, 3, 4, 5, 6}, dt.date(2026, 3, 1), dt.date(2026, 3, 31),
                         span=span) == [dt.date(2026, 3, 4), dt.date(2026, 3, 6)]



def test_sections_are_each_section_printed_once_in_order(tmp_path):
    from conftest import SEED
    from corpus import FIXED, PageTruth

    pages = sorted(FIXED.glob("page???.txt"))  # eight sections; the seed's, 县域·交城, is page008's too
    for path in pages:
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    with Archive(tmp_path / "archive", create=True) as archive:
        report = archive.importing.import_paths([*(tmp_path / path.name for path in pages), SEED])
        assert len(report.imported) == len(pages) + 1
        printed = {PageTruth.from_json(path.with_suffix(".json").read_text(encoding="utf-8")).section for path in pages}
        assert "县域·交城" in printed and archive.browsing.sections() == sorted(printed)
