"""The command line: exact output lines, JSON shapes, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from conftest import NEGATIVE, SEED

from viewer.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def run(archive_dir, *args):
    return CliRunner().invoke(cli, ["--archive", str(archive_dir), *map(str, args)])


def test_import_list_show_stats(tmp_path):
    result = run(tmp_path, "import", SEED, "--publication", "吕梁日报")
    assert result.exit_code == 0
    assert result.output == (f"imported: {SEED}: 2025-04-03 page 8: 1 article(s)\n"
                             "1 imported, 0 skipped, 0 failed\n")

    listed = json.loads(run(tmp_path, "list", "--json").output)
    assert listed == [{"id": 1, "publication": "吕梁日报", "date": "2025-04-03", "page": 8, "section": "县域·交城",
                       "title": "“改革攻坚”与“民生提质”双轮驱动"}]

    shown = json.loads(run(tmp_path, "show", "1", "--json").output)
    assert shown["page_credits"] == {"组版": ["惠爱宏", "李晓玲", "张娟娟"], "责编": ["王耀"], "校对": ["白颖凯"],
                                     "合办": ["交城县融媒体中心"]}
    assert shown["credits"] == {"文": ["冀美丽"], "图": ["褚泰杰", "田谷仓", "郭志远", "王学富"]}

    text = run(tmp_path, "show", "1").output
    assert text.startswith("“改革攻坚”与“民生提质”双轮驱动\n——交城县八大举措擘画2025年高质量发展新图景\n")
    assert "责编: 王耀" in text

    stats = json.loads(run(tmp_path, "stats", "--json").output)
    assert (stats["pages"], stats["articles"], stats["first_date"]) == (1, 1, "2025-04-03")


def test_import_report_names_skips_and_failures(tmp_path):
    run(tmp_path, "import", SEED)
    plain = NEGATIVE / "mnhi_german_1878010301_0011.pdftotext.txt"
    result = run(tmp_path, "import", SEED, plain)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"skipped: {SEED}: already present as 未命名报纸 2025-04-03 page 8",
        f"failed: {plain}: no masthead with a date and page number; to import it, give its date and its page "
        "number (--date YYYY-MM-DD --page N)",
        "0 imported, 1 skipped, 1 failed",
    ]
    result = run(tmp_path, "import", plain, "--date", "1878-01-03", "--page", "11")
    assert result.exit_code == 0 and "1 imported" in result.output


def test_errors_are_one_line_without_traceback(tmp_path):
    assert run(tmp_path, "init").output == f"archive ready at {tmp_path}\n"
    result = run(tmp_path, "show", "42")
    assert (result.exit_code, result.output) == (1, "Error: no article with id 42\n")
    result = run(tmp_path, "import", SEED, "--date", "2025-13-01")
    assert result.exit_code == 2 and "is not a date of the form YYYY-MM-DD" in result.output


def test_main_py_is_the_cli(tmp_path):
    run(tmp_path, "init")
    done = subprocess.run([sys.executable, "main.py", "--archive", str(tmp_path), "stats", "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["articles"] == 0


def test_the_core_does_not_import_qt():
    code = ("import sys, viewer.archive, viewer.cli, viewer.store, viewer.ingest, viewer.model; "
            "print(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr
