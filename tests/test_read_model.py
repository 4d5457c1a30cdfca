"""The read model: every view of an article reads its current text, and each is built by a
fixed few statements however many articles it shows."""

from __future__ import annotations

import datetime as dt
import json
from contextlib import contextmanager

import pytest
from click.testing import CliRunner
from conftest import SEED
from pagegen import write_page

from viewer.archive import Archive
from viewer.cli import cli

NEW_TITLE = "交城县两会胜利闭幕"
EDITOR = "校对员"


@pytest.fixture
def corrected(tmp_path):
    with Archive(tmp_path / "archive") as archive:
        archive.importing.import_paths([SEED])
        [row] = archive.browsing.list_articles()
        archive.editing.correct(row.id, title=NEW_TITLE, author=EDITOR)
        yield archive, row.id


def test_a_corrected_title_is_the_title_everywhere(corrected, tmp_path):
    """`correct --title` once changed show and search but not the list, the browse list and
    the page's text sheet."""
    archive, article_id = corrected
    location = archive.browsing.article_location(article_id)
    year, month = (int(part) for part in location.date.split("-")[:2])
    [day] = archive.browsing.issues_in_month(location.publication_id, year, month)
    [issue_page] = archive.browsing.issue_pages(day.id)
    archive.editing.add_to_collection("两会", [article_id], author=EDITOR)

    titles = {
        "show": archive.browsing.article(article_id).text.title,
        "list": archive.browsing.list_articles()[0].title,
        "page": archive.browsing.page(location.page_id).articles[0].title,
        "issue contents": issue_page.articles[0].title,
        "collection": archive.browsing.collection_rows("两会")[0].title,
        "search": archive.searching.search("两会胜利").hits[0].title,
    }
    out = tmp_path / "x.json"
    archive.exporting.export([article_id], "json", out)
    titles["export"] = json.loads(out.read_text(encoding="utf-8"))[0]["title"]
    listed = CliRunner().invoke(cli, ["--archive", str(archive.root), "list", "--json"])
    titles["cli list"] = json.loads(listed.output)[0]["title"]
    assert titles == dict.fromkeys(titles, NEW_TITLE)


def test_hit_spans_fall_on_the_corrected_text(corrected):
    """The marks of a hit are placed on the text as it reads now (they once came from the
    corrected text and were drawn on the imported one)."""
    archive, article_id = corrected
    [hit] = archive.searching.search("胜利闭幕").hits
    shown = archive.browsing.article(article_id).text.search_text()
    assert hit.spans and all(shown[start:end] == "胜利闭幕" for start, end in hit.spans)
    [body_hit] = archive.searching.search("双轮驱动").hits
    assert all(shown[start:end] == "双轮驱动" for start, end in body_hit.spans)


@contextmanager
def statements(archive):
    """The SQL statements the archive's connection runs inside the block (sqlite-utils' own
    savepoints around a query left out)."""
    ran: list[str] = []

    def record(statement: str) -> None:
        if not statement.startswith(("SAVEPOINT", "RELEASE")):
            ran.append(statement)

    archive.store.db.conn.set_trace_callback(record)
    try:
        yield ran
    finally:
        archive.store.db.conn.set_trace_callback(None)


@pytest.fixture(scope="module")
def thirty_pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    day = dt.date(2025, 3, 3)
    for page in range(30):
        write_page(folder, day + dt.timedelta(days=page // 5), page % 5 + 1)
    root = tmp_path_factory.mktemp("archive") / "archive"
    with Archive(root) as archive:
        assert not archive.importing.import_paths([folder]).failed
    return root


def test_showing_an_article_reads_it_in_a_fixed_few_statements(thirty_pages):
    with Archive(thirty_pages) as archive:
        article_id = archive.browsing.list_articles()[0].id
        archive.editing.add_note(article_id, "核对原文", author=EDITOR)
        with statements(archive) as ran:
            archive.browsing.article(article_id)
    assert len(ran) <= 3, ran  # once 10, three of them the same article row


def test_a_page_of_25_hits_is_a_fixed_few_statements(thirty_pages):
    with Archive(thirty_pages) as archive:
        with statements(archive) as ran:
            result = archive.searching.search("交城", limit=25)
    assert len(result.hits) == 25
    assert len(ran) <= 5, ran  # once 66
