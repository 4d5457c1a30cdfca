"""Finding annotations again: note:, tag:, collection:, annotator:, has:notes, and the corrected
and original text; the index follows every annotation change and survives a reindex."""

from __future__ import annotations

import random
import re
from dataclasses import replace

import pytest
from conftest import SEED
from indexed_docs import IndexedDocs
from test_search import make_doc, random_text
from whoosh.filedb.filestore import FileStorage

from viewer.archive import Archive
from viewer.errors import QueryError
from viewer.search import EARLIER_READING, MARK_CLOSE, MARK_OPEN, SearchIndex
from viewer.search import index as search_module
from viewer.search import postings as searchpostings
from viewer.textnorm import fold

EDITOR = "王编辑"
PROOFREADER = "李校对"


def found(archive, query: str, **filters) -> set[int]:
    return {hit.article_id for hit in archive.searching.search(query, limit=100, **filters).hits}


def test_notes_and_earlier_readings_are_found_exactly(tmp_path, monkeypatch):
    """note: finds exactly the articles whose notes hold the string, and a plain query those
    whose current text or earlier readings do, over segments with and without notes."""
    monkeypatch.setattr(search_module, "BATCH_DOCS", 40)
    monkeypatch.setattr(searchpostings, "VOCABULARY_SAMPLE", 15)
    rng = random.Random(6)
    docs = {}
    for i in range(1, 121):
        annotated = i > 40 and rng.random() < 0.5  # the first segment has no notes at all
        notes = [random_text(rng, 3, 30), random_text(rng, 3, 30)] if annotated else []
        earlier = [random_text(rng, 5, 40)] if annotated else []
        docs[i] = replace(make_doc(rng, i), notes=notes, earlier_readings=earlier)
    index = IndexedDocs(tmp_path / "index", docs)
    index.add(docs.values())
    pieces = set()
    for doc in docs.values():
        for text in doc.notes + doc.earlier_readings:
            start = rng.randrange(len(text))
            pieces.add(text[start:start + rng.randint(1, 4)])

    def lines(doc):
        return fold(doc.indexed_text()).split("\n")

    for piece in sorted(p for p in pieces if not re.search(r'[\s"()\-:]', p)):
        wanted = fold(piece)
        in_notes = {i for i, doc in docs.items() if any(wanted in fold(note) for note in doc.notes)}
        in_text = {i for i, doc in docs.items() if any(wanted in line for line in lines(doc))}
        assert {h.article_id for h in index.search(f'note:"{piece}"', limit=500).hits} == in_notes, piece
        assert {h.article_id for h in index.search(f'"{piece}"', limit=500).hits} == in_text, piece


def test_notes_are_found_by_note_only(seeded):
    archive, article_id = seeded
    archive.editing.add_note(article_id, "待核实稿源", author=EDITOR)
    archive.editing.add_highlight(article_id, quote="107.48亿元", comment="与统计公报一致", author=EDITOR)
    assert found(archive, "note:核实") == found(archive, "note:统计公报") == {article_id}
    assert found(archive, 'note:"107.48 亿元"') == {article_id}  # a highlight's quote, folded
    assert found(archive, "待核实") == set()  # a plain query reads the article's text only
    assert found(archive, "note:交城") == set()  # and note: the notes only


def test_a_rich_text_note_is_searched_without_its_markup(seeded):
    archive, article_id = seeded
    html = ("<html><head><style>p { color: red }</style></head>"
            "<body><p>史料<b>出处</b>待查</p><p>第二段</p></body></html>")
    archive.editing.add_note(article_id, html, fmt="html", author=EDITOR)
    assert found(archive, "note:史料出处待查") == found(archive, "note:第二段") == {article_id}
    assert found(archive, "note:color") == found(archive, "note:史料出处待查第二段") == set()


def test_tags_collections_and_annotators(seeded):
    archive, article_id = seeded
    archive.editing.tag(article_id, ["交城", "晶報"], author=EDITOR)
    archive.editing.add_to_collection("两会报道", [article_id], author=PROOFREADER)
    archive.editing.correct(article_id, title="改革攻坚与民生提质双轮驱动", author="赵更正")
    assert found(archive, "tag:交城") == found(archive, "tag:晶报") == {article_id}  # folded
    assert found(archive, "tag:交") == set()  # a tag is matched whole
    assert found(archive, "collection:两会报道") == found(archive, 'collection:"两会报道"') == {article_id}
    assert found(archive, "collection:两会") == set()
    assert found(archive, "annotator:王编辑") == found(archive, "annotator:赵") == {article_id}
    assert found(archive, "annotator:李校对") == set()  # adding to a collection is not annotating
    assert found(archive, "交城 -tag:交城") == set()
    assert archive.searching.search("交城").facets["tag"] == {"交城": 1, "晶報": 1}


def test_has_notes_as_query_and_filter(seeded):
    archive, article_id = seeded
    assert found(archive, "has:notes") == set()
    assert found(archive, "交城", has_notes=False) == {article_id}
    archive.editing.add_highlight(article_id, quote="崭新篇章", author=EDITOR)  # a highlight counts
    assert found(archive, "has:notes") == found(archive, "交城 HAS:Notes") == {article_id}
    assert found(archive, "交城", has_notes=True) == {article_id}
    assert found(archive, "-has:notes") == found(archive, "交城", has_notes=False) == set()


def test_corrected_and_original_text_are_both_found(seeded):
    archive, article_id = seeded
    first = archive.browsing.article(article_id).to_json()["paragraphs"][0]
    assert first.startswith("春日的交城")
    archive.editing.correct(article_id, paragraph=1, text=first.replace("春日", "春天"), author=EDITOR)

    [hit] = archive.searching.search("春天").hits  # the current text: spans point into it, as shown
    text = article_text_of(archive, article_id)
    assert [text[start:end] for start, end in hit.spans] == ["春天"]
    assert hit.snippet.startswith(f"{MARK_OPEN}春天{MARK_CLOSE}的交城")

    [hit] = archive.searching.search("春日").hits  # only in the original reading: no spans, marked snippet
    assert hit.spans == ()
    assert hit.snippet.startswith(f"{EARLIER_READING}{MARK_OPEN}春日{MARK_CLOSE}的交城")

    [hit] = archive.searching.search("春日 交城").hits  # one string in the current text: spans for it
    assert {text[start:end] for start, end in hit.spans} == {"交城"}
    assert not hit.snippet.startswith(EARLIER_READING)

    archive.editing.restore_revision(article_id, None, author=EDITOR)  # the correction is history now
    text = article_text_of(archive, article_id)
    [hit] = archive.searching.search("春日").hits
    assert [text[start:end] for start, end in hit.spans] == ["春日"]
    assert archive.searching.search("春天").hits[0].snippet.startswith(EARLIER_READING)


def article_text_of(archive, article_id: int) -> str:
    [doc] = archive.store.search_docs([article_id])
    shown = archive.browsing.article(article_id)
    assert doc.text == shown.text  # what the viewer shows
    return shown.text.search_text()


def test_the_index_follows_every_change_and_its_undo(seeded):
    archive, article_id = seeded
    note = archive.editing.add_note(article_id, "待核实稿源", author=EDITOR)
    archive.editing.update_annotation(note, text="已核实")
    assert (found(archive, "note:待核实"), found(archive, "note:已核实")) == (set(), {article_id})
    row = archive.editing.delete_annotation(note)
    assert found(archive, "note:已核实") == found(archive, "has:notes") == set()
    archive.editing.restore_annotation(row)
    assert found(archive, "note:已核实") == {article_id}

    highlight = archive.editing.add_highlight(article_id, quote="崭新篇章", comment="好句", author=EDITOR)
    assert found(archive, "note:好句") == {article_id}
    archive.editing.delete_annotation(highlight)
    assert found(archive, "note:好句") == set()

    archive.editing.tag(article_id, ["两会"], author=EDITOR)
    assert found(archive, "tag:两会") == {article_id}
    archive.editing.untag(article_id, ["两会"])
    assert found(archive, "tag:两会") == set()

    archive.editing.add_to_collection("专题", [article_id], author=EDITOR)
    assert found(archive, "collection:专题") == {article_id}
    archive.editing.remove_from_collection("专题", [article_id])
    assert found(archive, "collection:专题") == set()
    archive.editing.add_to_collection("专题", [article_id], author=EDITOR)
    archive.editing.delete_collection("专题")
    assert found(archive, "collection:专题") == set()

    archive.editing.correct(article_id, title="新题目", author=PROOFREADER)
    assert found(archive, "title:新题目") == found(archive, "annotator:李校对") == {article_id}
    archive.editing.restore_revision(article_id, None, author=PROOFREADER)
    assert found(archive, "title:新题目") == set() and found(archive, "title:双轮驱动") == {article_id}
    assert not archive.indexing.pending()


def test_annotations_survive_reindex_and_replacing_the_page(seeded, tmp_path):
    archive, article_id = seeded
    archive.editing.add_note(article_id, "待核实稿源", author=EDITOR)
    archive.editing.tag(article_id, ["交城"], author=EDITOR)
    archive.editing.add_to_collection("两会报道", [article_id], author=EDITOR)
    archive.editing.correct(article_id, paragraph=1, text="春天的交城。", author=PROOFREADER)
    queries = ["note:待核实", "tag:交城", "collection:两会报道", "annotator:李校对", "has:notes",
               "春天的交城", "春日的交城"]
    before = {query: found(archive, query) for query in queries}
    assert all(ids == {article_id} for ids in before.values())

    archive.indexing.rebuild()
    assert {query: found(archive, query) for query in queries} == before

    copy = tmp_path / "copy.txt"
    copy.write_text(SEED.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert archive.importing.import_paths([copy], replace=True).outcomes[0].article_ids == [article_id]
    assert {query: found(archive, query) for query in queries} == before


def test_a_failed_index_write_after_an_annotation_keeps_the_article_queued(seeded, monkeypatch):
    archive, article_id = seeded

    def broken(self, docs, gone=()):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(SearchIndex, "update", broken)
    archive.editing.tag(article_id, ["交城"], author=EDITOR)  # committed all the same
    result = archive.searching.search("tag:交城")
    assert (result.total, result.pending) == (0, 1)  # never silently out of date: it says so
    monkeypatch.undo()
    assert archive.indexing.catch_up() == 1  # only what is missing
    assert found(archive, "tag:交城") == {article_id}
    assert archive.indexing.in_step()


def test_an_index_from_before_annotations_were_searched_is_rebuilt(seeded):
    archive, article_id = seeded
    archive.editing.tag(article_id, ["交城"], author=EDITOR)
    archive.close()
    older = searchpostings.schema()  # an index written by a Gazette without the note field
    older.remove("note")
    FileStorage(str(archive.root / "index"), supports_mmap=False).create_index(older)
    with Archive(archive.root) as reopened:
        assert reopened.indexing.in_step()  # not this version's index: rebuilt on opening, never read half-right
        assert found(reopened, "tag:交城") == {article_id}


@pytest.mark.parametrize("query, message", [
    ("note:", "Nothing to search for after note:"),
    ("tag:", "Nothing to search for after tag:"),
    ('collection:""', "Nothing to search for in “”"),
    ("annotator:[a TO b]", "annotator: takes no range"),
    ("has:tags", "has: takes notes only (has:notes), not “tags”"),
    ("has:", "Nothing to search for after has:"),
    ("notes:交城", "Unknown field notes:"),
])
def test_malformed_uses_of_the_new_fields(archive, query, message):
    with pytest.raises(QueryError, match=re.escape(message)):
        archive.searching.search(query)
