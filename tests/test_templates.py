"""conftest's templates: each test's copy is an archive of its own, the same as the one the
test would have made."""

from __future__ import annotations

import pagegen
import pytest
from conftest import SEED, assert_a_copy_of_its_own, empty, seed

from viewer.archive import Archive


def test_an_empty_copy_is_a_new_archive_of_its_own(archive, templates, tmp_path_factory):
    assert archive.browsing.is_empty() and archive.indexing.in_step()
    archive.importing.import_paths([SEED])
    archive.indexing.rebuild()
    assert archive.searching.search("交城").hits
    with Archive(templates.copy("empty", empty, tmp_path_factory.mktemp("again"))) as again:
        assert again.browsing.is_empty() and again.indexing.in_step()
        assert not again.searching.search("交城").hits
        assert again.index.generation != archive.index.generation


def test_the_copy_is_what_the_test_would_have_made(archive, tmp_path_factory):
    with Archive(tmp_path_factory.mktemp("made") / "archive") as made:
        assert made.store.applied_migrations() == archive.store.applied_migrations()
        assert {**made.browsing.stats(), "archive": None} == {**archive.browsing.stats(), "archive": None}
        assert made.indexing.pending() == archive.indexing.pending() == 0


def test_a_copy_never_lands_on_an_archive_already_there(archive, templates, tmp_path):
    with pytest.raises(FileExistsError):
        templates.copy("empty", empty, tmp_path)


def test_the_seeded_archive_is_a_copy_of_its_own(seeded, templates, tmp_path_factory):
    archive, article_id = seeded
    assert archive.browsing.article(article_id).text.title == "“改革攻坚”与“民生提质”双轮驱动"
    assert_a_copy_of_its_own(archive, templates.copy("seed", seed, tmp_path_factory.mktemp("again")))


def test_the_weekday_paper_is_a_copy_of_its_own(templates, tmp_path_factory):
    def copy(name):
        return templates.copy("weekday-paper", pagegen.weekday_paper_archive, tmp_path_factory.mktemp(name))

    with Archive(copy("one")) as archive:
        assert archive.browsing.stats()["pages"] == 24 * 3 - 1
        assert_a_copy_of_its_own(archive, copy("again"))
