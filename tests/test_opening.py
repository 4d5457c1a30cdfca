"""Opening: an archive is recognised by its marker; what is not an archive is refused and left
as it was; read commands never make one; read-only media are read; two first opens at once
are safe; an archive made by a released version opens, after a backup, with the newest code."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, SEED

from viewer.archive import Archive
from viewer.cli import cli
from viewer.opening import APPLICATION_ID, NotAnArchive

ROOT = Path(__file__).resolve().parent.parent
RELEASED = DATA / "archives"


def run(archive_dir, *args):
    return CliRunner().invoke(cli, ["--archive", str(archive_dir), *map(str, args)])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def dump(database: Path) -> list[str]:
    connection = sqlite3.connect(database)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_a_new_archive_carries_the_marker(tmp_path):
    Archive(tmp_path / "a").close()  # the last connection's close writes the WAL into the file
    header = (tmp_path / "a" / "archive.sqlite").read_bytes()[:100]
    assert int.from_bytes(header[68:72], "big") == APPLICATION_ID


@pytest.mark.parametrize("command", [["list"], ["stats"], ["search", "交城"], ["show", "1"],
                                     ["export", "--all", "--out", "x.txt"], ["note", "1", "字"]])
def test_read_commands_never_make_an_archive(tmp_path, command):
    misspelt = tmp_path / "archvie"
    result = run(misspelt, *command)
    assert (result.exit_code, result.output) == (
        1, f"Error: {misspelt}: no archive there (`gazette init {misspelt}` or `gazette import` makes one)\n")
    assert not misspelt.exists()


def test_init_and_import_make_one(tmp_path):
    assert run(tmp_path / "a", "init").exit_code == 0
    assert run(tmp_path / "a", "stats").exit_code == 0
    assert run(tmp_path / "b", "import", SEED).exit_code == 0
    assert run(tmp_path / "b", "list").output.count("\n") == 1


def test_a_folder_of_other_files_is_refused_and_left_alone(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "holiday.jpg").write_bytes(b"\xff\xd8 not ours")
    for command in (["import", SEED], ["init"], ["list"]):
        result = run(folder, *command)
        assert (result.exit_code, result.output) == (
            1, f"Error: {folder} is a folder of other files (holiday.jpg), not an archive; give an empty or "
               "new folder for a new archive\n")
    assert sorted(os.listdir(folder)) == ["holiday.jpg"]


def test_another_programs_database_is_refused_and_left_alone(tmp_path):
    folder = tmp_path / "other"
    folder.mkdir()
    database = folder / "archive.sqlite"
    with sqlite3.connect(database) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT)")
        connection.execute("INSERT INTO contacts VALUES ('王耀')")
    connection.close()
    before = digest(database)
    for command in (["import", SEED], ["list"], ["stats"]):
        result = run(folder, *command)
        assert (result.exit_code, result.output) == (
            1, f"Error: {database} is another program's SQLite database, not a Gazette archive; it was left "
               "as it was\n")
    assert digest(database) == before
    assert sorted(os.listdir(folder)) == ["archive.sqlite"]


def test_a_database_with_another_application_id_is_refused(tmp_path):
    (tmp_path / "a").mkdir()
    with sqlite3.connect(tmp_path / "a" / "archive.sqlite") as connection:
        connection.execute("PRAGMA application_id = 1598903374")  # another program's id
        connection.execute("CREATE TABLE page (id INTEGER)")
    connection.close()
    with pytest.raises(NotAnArchive, match="another program's SQLite database"):
        Archive(tmp_path / "a")


def test_a_file_that_is_not_sqlite_is_refused(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "archive.sqlite").write_bytes(b"PK\x03\x04" + bytes(200))
    with pytest.raises(NotAnArchive, match="is not a SQLite database"):
        Archive(tmp_path / "a")
    assert run(tmp_path / "a" / "archive.sqlite", "list").exit_code != 0  # a file given as the folder


def test_the_released_archive_opens_with_the_newest_code_after_a_backup(tmp_path):
    copy = tmp_path / "archive"
    shutil.copytree(RELEASED / "gazette-0.1.0", copy, ignore=shutil.ignore_patterns("README*"))
    released = dump(copy / "archive.sqlite")
    with Archive(copy, create=False) as archive:
        assert "0007_archive_marker" in archive.store.applied_migrations()
        article = archive.browsing.article(1)
        assert article.text.title == "改革攻坚与民生提质双轮驱动"
        kinds = sorted(entry.kind for entry in archive.browsing.annotations(1))
        assert kinds == ["collection", "correction", "highlight", "note", "tag", "tag"]
        assert archive.browsing.collection_articles("两会报道") == [1]
        archive.indexing.rebuild()
        assert [hit.article_id for hit in archive.searching.search("交城").hits] == [1]
    [backup] = copy.glob("archive.sqlite.before-*.bak")  # named after the first migration it lacked
    assert dump(backup) == released  # the database exactly as the old version left it
    header = (copy / "archive.sqlite").read_bytes()[:100]
    assert int.from_bytes(header[68:72], "big") == APPLICATION_ID


def test_two_first_opens_at_once_both_import(tmp_path):
    """Two processes create the same new archive at the same moment, each importing its own
    page: both finish, both pages are there (it failed with '_sqlite_migrations already exists')."""
    second = tmp_path / "p2.txt"
    second.write_text(SEED.read_text(encoding="utf-8").replace("8 县域·交城 2025年4月3日", "9 县域·交城 2025年4月3日"),
                      encoding="utf-8")
    for trial in range(5):
        target = tmp_path / f"new{trial}"
        commands = [[sys.executable, "main.py", "--archive", str(target), "import", str(page)] for page in (SEED, second)]
        running = [subprocess.Popen(c, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                   for c in commands]
        results = [p.communicate(timeout=120) + (p.returncode,) for p in running]
        assert [r[2] for r in results] == [0, 0], results
        with Archive(target, create=False) as archive:
            assert archive.browsing.stats()["pages"] == 2


@pytest.fixture
def read_only_mount(tmp_path):
    """A tmpfs remounted read-only (a DVD, a read-only share); skipped where mounting is not allowed."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a filesystem here (needs root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_every_read_command_works_on_read_only_media(tmp_path, read_only_mount):
    made = tmp_path / "made"
    with Archive(made) as archive:
        archive.importing.import_paths([SEED])
        archive.editing.add_note(1, "核对原文", author="王编辑")
    shutil.copytree(made, read_only_mount / "archive")
    subprocess.run(["mount", "-o", "remount,ro", str(read_only_mount)], check=True)
    on_dvd = read_only_mount / "archive"
    for command in (["list"], ["stats"], ["show", "1"], ["show", "1", "--json"], ["search", "交城"],
                    ["export", "--all", "--out", tmp_path / "out.txt"], ["collection", "list"]):
        result = run(on_dvd, *command)
        assert result.exit_code == 0, (command, result.output)
    assert "交城" in (tmp_path / "out.txt").read_text(encoding="utf-8")
    assert "1 article(s)" in run(on_dvd, "search", "交城").output
    result = run(on_dvd, "note", "1", "再核对")
    assert result.exit_code == 1 and result.output.startswith("Error: ")
    assert "Traceback" not in result.output
