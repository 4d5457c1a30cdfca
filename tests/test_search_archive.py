"""Search through the archive and the command line: the index follows SQLite, and a stale
index is said so, never searched as if it were whole."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import SEED

from viewer.cli import cli
from viewer.search import MARK_CLOSE, MARK_OPEN, SearchIndex


def run(archive_dir, *args):
    return CliRunner().invoke(cli, ["--archive", str(archive_dir), *map(str, args)])


def test_import_updates_the_index(archive):
    archive.importing.import_paths([SEED])
    result = archive.searching.search("责编:王耀 改革攻坚")
    assert result.total == 1
    assert result.hits[0].title == "“改革攻坚”与“民生提质”双轮驱动"
    assert archive.searching.search('"107.48亿元"').total == 1  # printed as “完成 107.48 亿元”
    assert not archive.indexing.pending()


def test_an_index_write_lost_in_a_crash_is_caught_up_on_opening(tmp_path, monkeypatch):
    """The SQLite commit happened, the index write did not (a kill, a full disk): the article
    stays queued, search says so instead of refusing, and the next open catches up."""
    from viewer.archive import Archive

    def lost(self, docs, gone=()):
        raise OSError(28, "No space left on device")

    with Archive(tmp_path) as archive:
        monkeypatch.setattr(SearchIndex, "update", lost)
        monkeypatch.setattr(SearchIndex, "rebuild", lost)
        assert archive.importing.import_paths([SEED]).imported  # SQLite has the article all the same
        result = archive.searching.search("交城")
        assert (result.total, result.pending) == (0, 1)
        monkeypatch.undo()
    with Archive(tmp_path) as archive:
        assert archive.indexing.in_step()
        assert archive.searching.search("交城").total == 1


def test_a_reader_during_an_import_never_condemns_the_index(tmp_path):
    """A second process that opens the archive while the first has committed and not yet
    indexed sees the queue, not a broken index; once the importer catches up, both agree."""
    from viewer.archive import Archive

    with Archive(tmp_path) as importer:
        importer.indexing.try_catch_up = lambda: None  # the importer is between commit and index write
        importer.importing.import_paths([SEED])
        with Archive(tmp_path) as reader:  # opening catches the small queue up itself
            assert reader.searching.search("交城").total == 1
        assert importer.indexing.in_step()
        assert importer.searching.search("交城").total == 1



def test_cli_search_json(tmp_path):
    run(tmp_path, "import", SEED)
    result = run(tmp_path, "search", "民生提质 责编:王耀", "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert list(answer) == ["query", "total", "hits", "facets"]
    assert answer["query"] == "民生提质 责编:王耀" and answer["total"] == 1
    hit = answer["hits"][0]
    assert list(hit) == ["article_id", "title", "date", "page", "page_label", "section", "score", "snippet", "spans"]
    assert (hit["article_id"], hit["date"], hit["page"], hit["section"]) == (1, "2025-04-03", 8, "县域·交城")
    assert f"{MARK_OPEN}民生提质{MARK_CLOSE}" in hit["snippet"]
    assert all(isinstance(span, list) and len(span) == 2 for span in hit["spans"])
    assert answer["facets"]["year"] == {"2025": 1}
    assert answer["facets"]["section"] == {"县域·交城": 1}
    assert answer["facets"]["person"]["王耀"] == 1


def test_cli_search_text_and_filters(tmp_path):
    run(tmp_path, "import", SEED)
    lines = run(tmp_path, "search", "交城", "--from", "2025-04-01", "--sort", "date").stdout.splitlines()
    assert lines[0] == "1 article(s)"
    assert lines[1] == "     1  2025-04-03  第8版  “改革攻坚”与“民生提质”双轮驱动"
    assert run(tmp_path, "search", "交城", "--to", "2025-03-31").stdout == "0 article(s)\n"
    assert run(tmp_path, "search", "交城", "--section", "要闻").stdout == "0 article(s)\n"


def test_cli_malformed_query_is_one_line(tmp_path):
    result = run(tmp_path, "search", '"交城')
    assert result.exit_code == 1
    assert result.stderr == 'Error: Unclosed quote: a phrase needs a closing ".\n'


def test_cli_reindex(tmp_path):
    run(tmp_path, "import", SEED)
    result = run(tmp_path, "reindex")
    assert result.exit_code == 0
    assert result.stdout == "indexed 1 article(s)\n"
    assert "indexing 1/1" in result.stderr
