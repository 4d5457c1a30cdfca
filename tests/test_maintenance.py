"""gazette check, backup and restore, on real archives with real damage."""

from __future__ import annotations

import io
import shutil
import sqlite3

from click.testing import CliRunner
from conftest import SEED
from PIL import Image

from viewer.archive import Archive
from viewer.cli import cli
from viewer.maintenance import backup, check, restore


def run(archive_dir, *args):
    return CliRunner().invoke(cli, ["--archive", str(archive_dir), *map(str, args)])


def scan(tmp_path, name="2025-04-03_01.png"):
    picture = Image.new("L", (600, 800), 255)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    path = tmp_path / name
    path.write_bytes(buffer.getvalue())
    return path


def filled(tmp_path):
    archive = Archive(tmp_path / "archive")
    archive.importing.import_paths([SEED, scan(tmp_path)])
    archive.editing.add_note(1, "核对原文", author="王编辑")
    return archive


def test_a_sound_archive_checks_clean(tmp_path):
    with filled(tmp_path) as archive:
        assert check(archive).problems == []
    result = run(tmp_path / "archive", "check")
    assert (result.exit_code, result.output) == (0, "the archive is sound\n")


def test_check_finds_a_missing_and_a_damaged_picture_and_an_orphan_file(tmp_path):
    with filled(tmp_path) as archive:
        image = archive.browsing.page(2).image
        preview = archive.browsing.page(2).preview
    pages = tmp_path / "archive" / "pages"
    (pages / image).write_bytes(b"damaged")
    (pages / preview).unlink()
    orphan = pages / "00" / ("0" * 64 + ".png.partial")
    orphan.parent.mkdir()
    orphan.write_bytes(b"left by a crash")
    result = run(tmp_path / "archive", "check")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"problem: page 2: its picture pages/{image} does not match its hash (damaged)",
        f"problem: page 2: its preview pages/{preview} is missing",
        f"problem: pages/00/{orphan.name}: no page refers to it (`gazette check --repair` removes it)",
        "3 problem(s)"]
    repaired = run(tmp_path / "archive", "check", "--repair")
    assert f"repaired: removed pages/00/{orphan.name}, which no page refers to" in repaired.output
    assert not orphan.exists()


def test_check_finds_an_index_behind_the_database(tmp_path):
    with filled(tmp_path) as archive:
        archive.index.update([], gone=[1])
        problems = check(archive).problems
    assert problems == ["search index: 0 article(s) indexed, the database holds 1 (`gazette reindex` rebuilds it)"]


def test_backup_while_another_connection_writes_then_restore(tmp_path):
    window = filled(tmp_path)  # the window's connection stays open
    writer = sqlite3.connect(tmp_path / "archive" / "archive.sqlite")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE annotation SET body = body || '（未提交）'")  # not committed during the backup
    result = run(tmp_path / "archive", "backup", tmp_path / "kept")
    writer.rollback()
    writer.close()
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "kept").iterdir()) == ["archive.sqlite", "pages"]
    window.close()
    restored = tmp_path / "restored"
    result = run(restored, "restore", tmp_path / "kept")
    assert result.output == f"restored {tmp_path / 'kept'} to {restored}\n"
    with Archive(restored, create=False) as archive:
        assert check(archive).problems == []
        assert [a.text for a in archive.browsing.annotations(1) if a.kind == "note"] == ["核对原文"]
        assert [hit.article_id for hit in archive.searching.search("交城").hits] == [1]
        assert archive.browsing.page_file(archive.browsing.page(2).image).is_file()


def test_restore_moves_an_archive_aside_and_refuses_a_damaged_backup(tmp_path):
    with filled(tmp_path) as archive:
        backup(archive, tmp_path / "kept")
        image = archive.browsing.page(2).image
    moved_aside, _ = restore(tmp_path / "kept", tmp_path / "archive")
    assert moved_aside is not None and (moved_aside / "archive.sqlite").is_file()
    shutil.copytree(tmp_path / "kept", tmp_path / "bad")
    (tmp_path / "bad" / "pages" / image).write_bytes(b"damaged")
    result = run(tmp_path / "elsewhere", "restore", tmp_path / "bad")
    assert result.exit_code == 1
    assert result.output == (f"Error: {tmp_path / 'bad'}: not restored, the backup has problems: page 2: its "
                             f"picture pages/{image} does not match its hash (damaged)\n")
    assert not (tmp_path / "elsewhere").exists()


def test_backup_refuses_a_folder_that_holds_files(tmp_path):
    with filled(tmp_path):
        pass
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    result = run(tmp_path / "archive", "backup", tmp_path / "full")
    assert (result.exit_code, result.output) == (1, f"Error: {tmp_path / 'full'}: a backup goes into a new or empty folder\n")
