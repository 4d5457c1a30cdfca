"""Every failure is one line naming the file; the batch goes on; the traceback of anything
unexpected goes to the log file, never to the terminal; a full disk and a read-only archive
are said in words and leave the archive readable."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SEED

import viewer.services.importing
from viewer.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = SEED.read_text(encoding="utf-8")


def page(number: int, day: int = 3) -> str:
    return SEED_TEXT.replace("8 县域·交城 2025年4月3日 星期四", f"{number} 县域·交城 2025年4月{day}日 星期四")


def run(archive_dir, *args, **kwargs):
    return CliRunner().invoke(cli, ["--archive", str(archive_dir), *map(str, args)], **kwargs)


def test_a_file_name_that_is_not_utf8_is_imported_and_printed_escaped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    odd = os.fsdecode(os.fsencode(folder) + b"/2025-\xff\xfe.txt")
    Path(odd).write_text(page(1), encoding="utf-8")
    result = run(tmp_path / "a", "import", folder)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [f"imported: {folder}/2025-\\xff\\xfe.txt: 2025-04-03 page 1: 1 article(s)",
                                          "1 imported, 0 skipped, 0 failed"]
    connection = sqlite3.connect(tmp_path / "a" / "archive.sqlite")
    assert connection.execute("SELECT source_path FROM page").fetchall() == [(f"{folder}/2025-\\xff\\xfe.txt",)]
    connection.close()


def test_any_exception_from_a_reader_fails_that_file_only(tmp_path, monkeypatch):
    """A reader bug (here: one the test puts into the real reader for one file) is one line;
    the other files are imported and the traceback is in the log file."""
    monkeypatch.setenv("GAZETTE_LOG_DIR", str(tmp_path / "log"))
    monkeypatch.setattr("viewer.failures._log_handler", None)
    real_read_pages = viewer.services.importing.read_pages

    def read_pages(path, data, options):
        if path.name == "b.txt":
            raise KeyError("masthead")
        return real_read_pages(path, data, options)

    monkeypatch.setattr(viewer.services.importing, "read_pages", read_pages)
    folder = tmp_path / "in"
    folder.mkdir()
    for number, name in enumerate(("a.txt", "b.txt", "c.txt"), start=1):
        (folder / name).write_text(page(number), encoding="utf-8")
    result = run(tmp_path / "a", "import", folder)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[1] == (f"failed: {folder}/b.txt: an unexpected error (KeyError: 'masthead'); the details are in "
                        f"{tmp_path}/log/gazette.log")
    assert [line.split(":")[0] for line in lines[:3]] == ["imported", "failed", "imported"]
    assert lines[-1] == "2 imported, 0 skipped, 1 failed"
    assert "Traceback" not in result.output
    logged = (tmp_path / "log" / "gazette.log").read_text(encoding="utf-8")
    assert f"importing {folder}/b.txt failed" in logged and "KeyError: 'masthead'" in logged


def test_a_link_loop_is_reported_and_each_file_read_once(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "p1.txt").write_text(page(1), encoding="utf-8")
    (folder / "sub" / "back").symlink_to(folder)
    (folder / "dangling").symlink_to(tmp_path / "gone")
    result = run(tmp_path / "a", "import", folder)
    assert result.output.splitlines() == [
        f"skipped: {folder}/dangling: a link to nothing (or to a loop of links)",
        f"skipped: {folder}/sub/back: a link to a folder already read (a loop, or the same folder twice)",
        f"imported: {folder}/sub/p1.txt: 2025-04-03 page 1: 1 article(s)",
        "1 imported, 2 skipped, 0 failed"]


def open_to_others(path: Path) -> bool:
    """Whether a user who owns none of its folders can reach ``path`` (the schema in db/ is read
    on opening an archive)."""
    return all(folder.stat().st_mode & 0o005 == 0o005 for folder in (path, *path.parents))


def test_an_unreadable_folder_is_reported_and_the_rest_imported(tmp_path):
    """Read by a user without the right to read the folder."""
    if os.geteuid() == 0 and not open_to_others(ROOT / "db"):
        pytest.skip(f"{ROOT} cannot be read by an unprivileged user, who must run this import")
    base = Path(tempfile.mkdtemp())
    try:
        base.chmod(0o777)
        (base / "in" / "locked").mkdir(parents=True)
        (base / "in" / "p1.txt").write_text(page(1), encoding="utf-8")
        (base / "in" / "locked" / "p2.txt").write_text(page(2), encoding="utf-8")
        for folder in (base / "in", base / "in" / "locked"):
            folder.chmod(0o755)
        (base / "in" / "p1.txt").chmod(0o644)
        (base / "in" / "locked").chmod(0o000)
        if os.geteuid() == 0:  # root reads every folder: read as nobody for the import
            os.seteuid(65534)
        try:
            result = run(base / "a", "import", base / "in")
        finally:
            if os.getuid() == 0:
                os.seteuid(0)
        assert result.output.splitlines() == [
            f"failed: {base}/in/locked: cannot read the folder (Permission denied)",
            f"imported: {base}/in/p1.txt: 2025-04-03 page 1: 1 article(s)",
            "1 imported, 0 skipped, 1 failed"]
    finally:
        (base / "in" / "locked").chmod(0o755)
        shutil.rmtree(base)


@pytest.fixture
def small_disk(tmp_path):
    """An 8 MB tmpfs; skipped where mounting is not allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a filesystem here (needs root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path, leave: int = 0) -> None:
    """Fill the disk, leaving about ``leave`` bytes free."""
    with open(disk / "filler", "wb", buffering=0) as filler:  # unbuffered: close has nothing left to write
        try:
            while shutil.disk_usage(disk).free > leave:
                filler.write(b"\0" * 16384)
        except OSError:
            pass


def readable(archive_dir: Path, tmp_path: Path) -> None:
    for command in (["stats"], ["list"], ["show", "1"], ["export", "1", "--out", tmp_path / "x.txt"]):
        shown = run(archive_dir, *command)
        assert shown.exit_code == 0 and "Traceback" not in shown.output, (command, shown.output)


def pages_in(archive_dir: Path) -> int:
    """The pages SQLite holds, after an integrity check (run once the disk has room again)."""
    connection = sqlite3.connect(archive_dir / "archive.sqlite")
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return connection.execute("SELECT count(*) FROM page").fetchone()[0]
    finally:
        connection.close()


def big_pages(tmp_path: Path) -> Path:
    pages = tmp_path / "in"
    pages.mkdir()
    for number in range(1, 13):
        (pages / f"p{number:02d}.txt").write_text(page(number, day=5) + "\n补" * 3000, encoding="utf-8")
    return pages


def test_a_full_disk_refuses_an_import_in_one_line_and_stays_readable(tmp_path, small_disk):
    archive_dir = small_disk / "a"
    assert run(archive_dir, "import", SEED).exit_code == 0
    pages = big_pages(tmp_path)
    fill(small_disk)
    result = run(archive_dir, "import", pages)
    assert (result.exit_code, result.output) == (1, f"Error: {archive_dir}: cannot import: the disk is full\n")
    readable(archive_dir, tmp_path)
    assert run(archive_dir, "search", "交城").output.startswith("1 article(s)\n")
    (small_disk / "filler").unlink()
    assert pages_in(archive_dir) == 1
    assert run(archive_dir, "import", pages).output.endswith("12 imported, 0 skipped, 0 failed\n")


def test_a_disk_filling_during_an_import_fails_each_file_in_one_line(tmp_path, small_disk):
    archive_dir = small_disk / "a"
    assert run(archive_dir, "import", SEED).exit_code == 0
    pages = big_pages(tmp_path)
    fill(small_disk, leave=200_000)
    result = run(archive_dir, "import", pages)
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    failed = [line for line in lines if line.startswith("failed:")]
    assert failed and all(line.endswith(": the disk is full") for line in failed), result.output
    imported = int(lines[-1].split()[0])
    readable(archive_dir, tmp_path)
    # While the disk is full the index cannot take the new articles in: search answers from what
    # it holds and says how many are still waiting, in one line, and catches up once there is room.
    searched = run(archive_dir, "search", "交城")
    assert "Traceback" not in searched.output
    assert searched.output.startswith(f"{1 + imported} article(s)\n") or re.search(
        r"^\(\d+ article\(s\) just imported are still being indexed\)$", searched.output, re.MULTILINE), searched.output
    (small_disk / "filler").unlink()
    assert pages_in(archive_dir) == 1 + imported  # every page reported imported is there, whole
    assert run(archive_dir, "import", pages).output.endswith(f"{12 - imported} imported, {imported} skipped, 0 failed\n")
