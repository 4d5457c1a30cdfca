"""Annotations: notes, highlights that find their words again, tags, corrections with history,
collections — in SQLite, surviving a re-import of the page."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import SEED

from viewer.anchoring import anchor
from viewer.cli import cli
from viewer.errors import GazetteError, NotFound
from viewer.store import Store

EDITOR = "王编辑"
SEED_TEXT = SEED.read_text(encoding="utf-8")


def body(archive, article_id):
    return "\n".join(archive.browsing.article(article_id).to_json()["paragraphs"])


def highlighted(archive, article_id):
    text = body(archive, article_id)
    return {a.id: text[a.span[0]:a.span[1]] for a in archive.browsing.annotations(article_id)
            if a.kind == "highlight" and not a.orphaned}


def test_note_and_highlight_record_who_and_when(seeded):
    archive, article_id = seeded
    note = archive.editing.add_note(article_id, "核对政府工作报告原文", author=EDITOR)
    mark = archive.editing.add_highlight(article_id, quote="107.48亿元", comment="与统计公报一致", colour="green",
                                 author=EDITOR)
    entries = {entry.id: entry for entry in archive.browsing.annotations(article_id) if entry.kind in ("note", "highlight")}
    assert entries[note].kind == "note" and entries[note].text == "核对政府工作报告原文"
    highlight = entries[mark]
    start, end = highlight.span
    assert body(archive, article_id)[start:end] == "107.48亿元" == highlight.quote
    assert (highlight.text, highlight.colour, highlight.author) == ("与统计公报一致", "green", EDITOR)
    assert highlight.time.endswith("+00:00")


def test_highlights_find_their_words_after_the_page_is_replaced(seeded, tmp_path):
    """The page re-imported from a copy whose line breaks differ: every highlight is still at
    the same words."""
    archive, article_id = seeded
    quotes = ["“十四五”规划收官之年", "107.48亿元", "柰林移民搬迁安置工程", "崭新篇章", "3月24日至3月28日"]
    marks = {archive.editing.add_highlight(article_id, quote=q, author=EDITOR): q for q in quotes}
    archive.editing.tag(article_id, ["政府工作报告", "交城"], author=EDITOR)
    archive.editing.add_to_collection("两会报道", [article_id], author=EDITOR)

    lines = SEED_TEXT.splitlines()
    rewrapped = []
    for number, line in enumerate(lines):  # break body lines elsewhere, drop and add blank lines
        if number > 80 and len(line) > 12 and number % 3 == 0:
            rewrapped += [line[:7], line[7:]]
        elif line or number % 2:
            rewrapped.append(line)
    copy = tmp_path / "copy.txt"
    copy.write_text("\n".join(rewrapped) + "\n", encoding="utf-8")
    [outcome] = archive.importing.import_paths([copy], replace=True).outcomes
    assert outcome.status == "imported" and outcome.article_ids == [article_id]  # the same article

    assert highlighted(archive, article_id) == marks
    assert sorted(t.text for t in archive.browsing.annotations(article_id) if t.kind == "tag") == ["交城", "政府工作报告"]
    assert archive.browsing.collection_articles("两会报道") == [article_id]


def test_an_anchor_that_cannot_be_found_is_orphaned_not_dropped(seeded):
    archive, article_id = seeded
    mark = archive.editing.add_highlight(article_id, quote="华亿铸造生产线", author=EDITOR)
    paragraph = next(n for n, p in enumerate(archive.browsing.article(article_id).to_json()["paragraphs"], 1) if "华亿铸造" in p)
    archive.editing.correct(article_id, paragraph=paragraph, text="产业发展步伐有力。", author=EDITOR)
    [orphan] = [a for a in archive.browsing.annotations(article_id) if a.kind == "highlight" and a.id == mark]
    assert orphan.orphaned and orphan.quote == "华亿铸造生产线"
    assert any(a["id"] == mark for a in archive.browsing.all_annotations())


def test_corrections_keep_the_original_and_can_be_restored(seeded):
    archive, article_id = seeded
    original = archive.browsing.article(article_id).to_json()["paragraphs"]
    highlight = archive.editing.add_highlight(article_id, quote="高质量发展新图景", author=EDITOR)
    archive.editing.correct(article_id, paragraph=1, text=original[0].replace("春日", "春天"), author=EDITOR)
    archive.editing.correct(article_id, title="改革攻坚与民生提质双轮驱动", author="李校对")
    now = archive.browsing.article(article_id).to_json()
    assert now["paragraphs"][0].startswith("春天") and now["title"] == "改革攻坚与民生提质双轮驱动"
    history = archive.browsing.revisions(article_id)
    assert [r.summary for r in history] == ["imported reading", "paragraph 1", "title"]
    assert [r.author for r in history[1:]] == [EDITOR, "李校对"]
    assert list(history[0].text.paragraphs) == original  # never overwritten

    archive.editing.restore_revision(article_id, None, author=EDITOR)
    assert archive.browsing.article(article_id).to_json()["paragraphs"] == original
    assert len(archive.browsing.revisions(article_id)) == 4
    assert highlighted(archive, article_id) == {highlight: "高质量发展新图景"}


def test_a_line_break_in_a_correction_splits_the_paragraph(seeded):
    archive, article_id = seeded
    first = archive.browsing.article(article_id).to_json()["paragraphs"][0]
    archive.editing.correct(article_id, paragraph=1, text=first.replace("召开。", "召开。\n"), author=EDITOR)
    archive.editing.correct(article_id, paragraph=1, text=first[:18] + "\n" + first[18:], author=EDITOR)
    assert archive.browsing.article(article_id).to_json()["paragraphs"][:2] == [first[:18], first[18:]]


def test_tags_complete_from_those_in_use(seeded):
    archive, article_id = seeded
    assert archive.editing.tag(article_id, ["交城", "两会", "交城"], author=EDITOR) == ["交城", "两会"]
    assert archive.editing.tag(article_id, ["交城"], author=EDITOR) == []
    assert archive.browsing.tags_in_use() == [("两会", 1), ("交城", 1)]
    archive.editing.untag(article_id, ["两会"])
    assert archive.browsing.tags_in_use() == [("交城", 1)]


def test_collections_keep_order(archive, tmp_path):
    ids = []
    for page in (1, 2, 3):
        path = tmp_path / f"p{page}.txt"
        path.write_text(SEED_TEXT.replace("8 县域·交城", f"{page} 县域·交城"), encoding="utf-8")
        ids += archive.importing.import_paths([path]).outcomes[0].article_ids
    archive.editing.add_to_collection("专题", ids, author=EDITOR)
    archive.editing.reorder_collection("专题", [ids[2], ids[0], ids[1]])
    assert archive.browsing.collection_articles("专题") == [ids[2], ids[0], ids[1]]
    archive.editing.remove_from_collection("专题", [ids[0]])
    assert archive.browsing.collection_articles("专题") == [ids[2], ids[1]]
    assert archive.browsing.collections()[0]["articles"] == 2
    with pytest.raises(GazetteError):
        archive.editing.reorder_collection("专题", [ids[1]])
    with pytest.raises(NotFound):
        archive.browsing.collection_articles("没有的")


def test_undo_of_a_deleted_note_puts_it_back_as_it_was(seeded):
    archive, article_id = seeded
    note = archive.editing.add_note(article_id, "待核实", author=EDITOR)
    row = archive.editing.delete_annotation(note)
    assert not [a for a in archive.browsing.annotations(article_id) if a.kind == "note"]
    archive.editing.restore_annotation(row)
    [back] = [a for a in archive.browsing.annotations(article_id) if a.kind == "note" and a.id == note]
    assert (back.text, back.author) == ("待核实", EDITOR)


def test_annotations_survive_reopening_and_a_schema_upgrade(seeded):
    archive, article_id = seeded
    archive.editing.add_note(article_id, "长期保存", author=EDITOR)
    root = archive.root
    archive.close()
    reopened = Store(root / "archive.sqlite")  # applies any new migrations; none may lose data
    assert [a.text for a in reopened.annotations.listing(article_id)] == ["长期保存"]
    reopened.close()


def test_anchor_prefers_the_occurrence_whose_context_matches():
    text = "交城县召开会议。交城县召开会议。"
    assert anchor(text, "交城县", prefix="会议。", suffix="召开") == (8, 11)
    assert anchor(text.replace("\n", ""), "交城县召开", near=0) == (0, 5)
    assert anchor("完全不同的文字", "交城县召开会议") is None


def test_cli_note_tag_highlight_correct_collection_and_show(tmp_path):
    runner = CliRunner()

    def run(*args):
        result = runner.invoke(cli, ["--archive", str(tmp_path), *map(str, args)], env={"GAZETTE_EDITOR": EDITOR})
        assert result.exit_code == 0, result.output
        return result.output

    run("import", SEED)
    assert run("note", 1, "核对原文") == "note 1 added to article 1\n"
    assert run("tag", 1, "交城", "两会") == "tagged article 1: 交城 两会\n"
    assert run("highlight", 1, "--quote", "107.48亿元", "--comment", "核对") == "highlight 2 added to article 1\n"
    assert run("correct", 1, "--paragraph", 1, "--text", "春天的交城。") == "revision 1 of article 1 saved\n"
    assert run("collection", "add", "两会报道", 1) == "1 article(s) added to “两会报道”\n"
    shown = json.loads(run("show", 1, "--json"))
    assert shown["paragraphs"][0] == "春天的交城。"
    kinds = [(a["kind"], a["text"], a["author"]) for a in shown["annotations"]]
    assert ("note", "核对原文", EDITOR) in kinds and ("tag", "交城", EDITOR) in kinds
    assert ("correction", "paragraph 1", EDITOR) in kinds and ("collection", "两会报道", EDITOR) in kinds
    [highlight] = [a for a in shown["annotations"] if a["kind"] == "highlight"]
    assert highlight["quote"] == "107.48亿元" and "\n".join(shown["paragraphs"])[slice(*highlight["span"])] == "107.48亿元"

    result = runner.invoke(cli, ["--archive", str(tmp_path), "highlight", "1", "--quote", "没有这句话"])
    assert result.exit_code == 1 and result.output == "Error: “没有这句话” is not in the text of article 1\n"


def test_a_passage_changed_a_little_is_found_by_likeness():
    before = "全县地区生产总值完成107.48亿元，同比增长4.6%。"
    after = "其他文字。全县地区生产总值完成107.5亿元，同比增长4.6%。更多文字。"
    start, end = anchor(after, before)
    assert after[start:end].startswith("全县地区生产总值完成107.5亿元")
