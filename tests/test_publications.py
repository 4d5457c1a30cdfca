"""A paper's name corrected after import: in show, search and the citation."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import SEED

from viewer.citation import citation
from viewer.cli import cli
from viewer.ingest import ReadOptions
from viewer.publications import PublicationConflict, merge_publications, rename_publication

SEED_TEXT = SEED.read_text(encoding="utf-8")


def test_rename_reaches_show_search_and_citation(archive):
    archive.importing.import_paths([SEED])  # no --publication: 未命名报纸
    assert citation(archive.browsing.article(1).to_json()).endswith("[N]. 2025-04-03(8).")  # unknown: left out
    note = archive.editing.add_note(1, "核对原文", author="编辑甲")
    assert rename_publication(archive, "未命名报纸", "吕梁日报") == [1]
    article = archive.browsing.article(1).to_json()
    assert article["publication"] == "吕梁日报"
    assert citation(article).endswith("[N]. 吕梁日报, 2025-04-03(8).")
    assert [hit.article_id for hit in archive.searching.search("publication:吕梁日报 交城").hits] == [1]
    assert archive.searching.search("publication:未命名报纸").total == 0
    assert [a.id for a in archive.browsing.annotations(1)] == [note]


def test_merge_joins_issues_of_the_same_day_and_refuses_a_clash(archive, tmp_path):
    page_7 = tmp_path / "p7.txt"
    page_7.write_text(SEED_TEXT.replace("8 县域·交城", "7 县域·交城"), encoding="utf-8")
    archive.importing.import_paths([SEED], ReadOptions(publication="吕梁日报"))
    archive.importing.import_paths([page_7], ReadOptions(publication="吕梁日報"))
    assert merge_publications(archive, "吕梁日報", "吕梁日报") == [1, 2]
    assert [p.name for p in archive.browsing.publications()] == ["吕梁日报"]
    assert archive.store.db.execute("SELECT count(*) FROM issue").fetchone()[0] == 1
    again = tmp_path / "again.txt"  # the same page from another file (the same file is skipped)
    again.write_text(SEED_TEXT + "\n", encoding="utf-8")
    assert not archive.importing.import_paths([again], ReadOptions(publication="别名")).failed
    with pytest.raises(PublicationConflict, match="page 8 of 2025-04-03"):
        merge_publications(archive, "别名", "吕梁日报")
    assert {p.name for p in archive.browsing.publications()} == {"吕梁日报", "别名"}


def test_cli_rename_and_unknown_name(tmp_path):
    runner = CliRunner()
    base = ["--archive", str(tmp_path / "a")]
    assert runner.invoke(cli, base + ["import", str(SEED)]).exit_code == 0
    result = runner.invoke(cli, base + ["publication", "rename", "未命名报纸", "吕梁日报"])
    assert result.output == "renamed 未命名报纸 to 吕梁日报: 1 articles\n"
    result = runner.invoke(cli, base + ["publication", "rename", "没有", "吕梁日报"])
    assert result.exit_code == 1 and result.output == "Error: no publication named 没有\n"
