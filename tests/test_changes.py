"""What each write says it changed (viewer.change.Change): every undoable edit's apply and
revert, an import's report, pages read again. The window refreshes from these alone, so a
write that says too little leaves the window stale (tests/test_gui_refresh.py)."""

from __future__ import annotations

import pagegen
import pytest
from conftest import SEED

from viewer.archive import Archive
from viewer.change import Change
from viewer.model import ImportReport
from viewer.reread import RereadOutcome, change_of, reread_pages
from viewer.services import edits

EDITOR = "王编辑"


@pytest.fixture
def archive(templates, tmp_path):
    """The sample page and a two-page issue a day later: three articles."""
    with Archive(templates.copy("sample-and-two-pages", lambda f: pagegen.sample_and_issue(f, pages=2),
                                tmp_path)) as archive:
        yield archive


@pytest.fixture
def ids(archive):
    ids = [a.id for a in archive.browsing.list_articles()]
    assert len(ids) == 3
    return ids


def test_a_note_and_a_highlight_change_their_articles_annotations(archive, ids):
    note = edits.AddNote(ids[0], "核对原文", "plain", EDITOR)
    assert note.apply(archive) == Change(annotations=(ids[0],))
    assert note.revert(archive) == Change(annotations=(ids[0],))
    assert note.apply(archive) == Change(annotations=(ids[0],))  # redone: the row put back
    highlight = edits.AddHighlight(ids[1], (0, 2), "green", "", EDITOR)
    assert highlight.apply(archive) == highlight.revert(archive) == Change(annotations=(ids[1],))


def test_editing_and_deleting_a_note_change_its_articles_annotations(archive, ids):
    note_id = archive.editing.add_note(ids[2], "待核实", author=EDITOR)
    edit = edits.EditNote(ids[2], note_id, ("待核实", "plain"), ("已核实", "plain"))
    assert edit.apply(archive) == edit.revert(archive) == Change(annotations=(ids[2],))
    delete = edits.DeleteAnnotation(None, note_id)  # (the window may not know the article)
    assert delete.apply(archive) == delete.revert(archive) == Change(annotations=(ids[2],))


def test_tags_say_which_tags_changed(archive, ids):
    archive.editing.tag(ids[0], ["交城"], author=EDITOR)
    add = edits.AddTag(ids[0], ["交城", "民生"], EDITOR)
    assert add.apply(archive) == Change(annotations=(ids[0],), tags=("民生",))  # 交城 it had already
    assert add.revert(archive) == Change(annotations=(ids[0],), tags=("民生",))
    remove = edits.RemoveTag(ids[0], "交城", EDITOR)
    assert remove.apply(archive) == remove.revert(archive) == Change(annotations=(ids[0],), tags=("交城",))


@pytest.mark.parametrize("make", [
    lambda article_id: edits.Correct(article_id, {"title": "新标题"}, EDITOR),
    lambda article_id: edits.RestoreRevision(article_id, None, EDITOR),
], ids=["correct", "restore"])
def test_a_revision_changes_the_articles_text_and_nothing_else(archive, ids, make):
    edit = make(ids[1])
    for step in (edit.apply, edit.revert, edit.apply):  # made, withdrawn, put back
        assert step(archive) == Change(texts=(ids[1],))


def test_collection_edits_name_the_collection_and_the_articles_in_and_out(archive, ids):
    add = edits.AddToCollection("专题", [ids[0], ids[1]], EDITOR)
    assert add.apply(archive) == Change(annotations=(ids[0], ids[1]), collections=("专题",))
    assert add.revert(archive) == Change(annotations=(ids[0], ids[1]), collections=("专题",))  # (deleted it)
    add.apply(archive)
    more = edits.AddToCollection("专题", [ids[1], ids[2]], EDITOR)
    assert more.apply(archive) == Change(annotations=(ids[2],), collections=("专题",))  # ids[1] was in
    assert more.revert(archive) == Change(annotations=(ids[2],), collections=("专题",))
    remove = edits.RemoveFromCollection("专题", [ids[0]], EDITOR)
    assert remove.apply(archive) == remove.revert(archive) == Change(annotations=(ids[0],), collections=("专题",))
    reorder = edits.ReorderCollection("专题", [ids[1], ids[0]])
    assert reorder.apply(archive) == reorder.revert(archive) == Change(collections=("专题",))  # no article's own
    delete = edits.DeleteCollection("专题", EDITOR)
    assert delete.apply(archive) == delete.revert(archive) == Change(annotations=(ids[0], ids[1]),
                                                                      collections=("专题",))
    assert archive.browsing.collection_articles("专题") == [ids[0], ids[1]]


def test_an_import_names_the_pages_it_added_or_replaced_and_their_articles(archive, ids, tmp_path):
    folder = tmp_path / "more"
    folder.mkdir()
    path = pagegen.write_page(folder, pagegen.ISSUE_DATE, 3)
    report = archive.importing.import_paths([path, SEED])  # the seed is the sample: skipped
    [imported] = report.imported
    location = archive.browsing.article_location(imported.article_ids[0])
    [page] = [p for p in archive.browsing.issue_pages(location.issue_id) if p.number == 3]
    assert report.change == Change(texts=tuple(imported.article_ids), pages=(page.id,), index=True)
    again = pagegen.write_page(tmp_path / "more", pagegen.ISSUE_DATE, 1)
    again.write_text(again.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # another file, the same page
    location = archive.browsing.article_location(ids[1])
    [replaced] = archive.importing.import_paths([again], replace=True).imported
    assert replaced.article_ids == [ids[1]]  # read again, the article keeps its id
    assert archive.importing.import_paths([again], replace=True).change == Change(index=True)  # (skipped now)
    assert ImportReport([replaced]).change == Change(texts=(ids[1],), pages=(location.page_id,), index=True)


def test_pages_read_again_name_the_pages_and_their_articles(archive, ids):
    page_id = archive.browsing.article_location(ids[0]).page_id
    outcomes = reread_pages(archive, [page_id])
    assert change_of(outcomes) == Change(texts=(ids[0],), pages=(page_id,), index=True)
    failed = RereadOutcome(page_id + 1, "another page", error="cannot be read")
    assert change_of([*outcomes, failed]) == change_of(outcomes)  # a page not read changed nothing
