"""A name finds everything its person did: a page's editors (组版, 责编, 校对 …) are people of
each article on the page, so a plain search for one finds the page's articles, and the hit says
why (the page's people, the name marked)."""

from __future__ import annotations

import pytest

from viewer.search import MARK_CLOSE, MARK_OPEN


@pytest.fixture
def sample(archive):
    archive.importing.load_sample()
    return archive


def test_a_plain_search_for_the_page_editor_finds_every_article_of_the_page(sample):
    articles = {row.id for row in sample.browsing.list_articles()}
    result = sample.searching.search("王耀")
    assert {hit.article_id for hit in result.hits} == articles
    for hit in result.hits:
        assert f"责编/{MARK_OPEN}王耀{MARK_CLOSE}" in hit.snippet
        assert not hit.spans  # the page's people are not in the article's text


def test_every_role_of_the_page_finds_it(sample):
    for name in ("惠爱宏", "张娟娟", "白颖凯"):
        assert sample.searching.search(name).total == len(sample.browsing.list_articles()), name


def test_a_name_in_the_byline_is_still_marked_in_the_article(sample):
    hit = sample.searching.search("冀美丽").hits[0]
    assert hit.spans and f"文/{MARK_OPEN}冀美丽{MARK_CLOSE}" in hit.snippet


def test_the_editor_field_still_finds_the_page_editor(sample):
    assert sample.searching.search("editor:王耀").total == len(sample.browsing.list_articles())



def test_the_pages_organisation_is_no_person_but_its_name_is_found(sample):
    assert sample.searching.search("person:融媒体中心").total == 0
    assert sample.searching.search("editor:融媒体中心").total == 0
    assert "交城县融媒体中心" not in sample.searching.search("王耀").facets["person"]
