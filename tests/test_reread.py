"""Reading stored pages again: only what the reader reads differently changes."""

from __future__ import annotations

from click.testing import CliRunner
from conftest import SEED

from viewer.cli import cli
from viewer.ingest import ReadOptions
from viewer.reread import reread_pages


def test_the_seed_reads_the_same_and_keeps_its_annotations(archive):
    [outcome] = archive.importing.import_paths([SEED], ReadOptions(publication="吕梁日报")).imported
    [article_id] = outcome.article_ids
    note = archive.editing.add_note(article_id, "核对原文", author="编辑甲")
    highlight = archive.editing.add_highlight(article_id, author="编辑甲", quote="107.48亿元")
    before = archive.browsing.article(article_id).to_json()
    [reread] = reread_pages(archive)
    assert reread.changes == [] and reread.article_ids == [article_id]
    after = archive.browsing.article(article_id).to_json()
    assert {k: v for k, v in after.items() if k != "annotations"} == \
        {k: v for k, v in before.items() if k != "annotations"}
    assert [a.id for a in archive.browsing.annotations(article_id)] == [note, highlight]


def test_what_an_older_reader_got_wrong_is_read_again_under_the_same_id(archive):
    """An archive made by the previous reader: the byline's names run together."""
    [outcome] = archive.importing.import_paths([SEED], ReadOptions(publication="吕梁日报")).imported
    [article_id] = outcome.article_ids
    note = archive.editing.add_note(article_id, "核对原文", author="编辑甲")
    db = archive.store.db
    with db.atomic():
        db.execute("DELETE FROM credit WHERE article_id = ? AND role = '图'", [article_id])
        db.execute("INSERT INTO credit (person, role, article_id, seq) VALUES ('褚泰杰田谷仓郭志远王学富', '图', ?, 1)",
                   [article_id])
    [reread] = reread_pages(archive, [1])
    assert reread.changes == [("article 1: byline '文/冀美丽 图/褚泰杰田谷仓郭志远王学富' → "
                               "'文/冀美丽 图/褚泰杰 田谷仓 郭志远 王学富'")]
    assert archive.browsing.article(article_id).to_json()["credits"]["图"] == ["褚泰杰", "田谷仓", "郭志远", "王学富"]
    assert [a.id for a in archive.browsing.annotations(article_id)] == [note]
    assert [hit.article_id for hit in archive.searching.search("photographer:田谷仓").hits] == [article_id]


def test_cli_reread(tmp_path):
    runner = CliRunner()
    base = ["--archive", str(tmp_path / "a")]
    assert runner.invoke(cli, base + ["import", str(SEED), "--publication", "吕梁日报"]).exit_code == 0
    result = runner.invoke(cli, base + ["reread", "--all"])
    assert result.output == "吕梁日报 2025-04-03 page 8: read the same\n"
    assert runner.invoke(cli, base + ["reread"]).exit_code == 2
