"""Starting the window from the command: `gazette` with no command, `--archive DIR`, `open DIR`;
and a plain one-line error where there is no display (instead of Qt's abort)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def start(*args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "main.py", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def window_env(tmp_path: Path) -> dict[str, str]:
    """Offscreen, with its own settings folder, so no user's settings are read or written."""
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "data"), "GAZETTE_ARCHIVE": ""}


def stays_up_on(process: subprocess.Popen, archive: Path, seconds: float = 30) -> bool:
    """The window came up on ``archive`` (its database is made when the window opens it) and is still running."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        if (archive / "archive.sqlite").is_file():
            time.sleep(1)
            return process.poll() is None
        time.sleep(0.2)
    return False


@pytest.mark.parametrize("how", ["--archive", "open"])
def test_the_command_without_a_subcommand_opens_the_window_on_the_archive(tmp_path, how):
    archive = tmp_path / "档案"
    if how == "open":
        archive.mkdir()
    process = start(*(["--archive", str(archive)] if how == "--archive" else ["open", str(archive)]),
                    env=window_env(tmp_path))
    try:
        assert stays_up_on(process, archive), process.communicate(timeout=10)
    finally:
        process.terminate()
        _, errors = process.communicate(timeout=30)
    assert "Traceback" not in errors


def test_the_window_without_a_display_is_one_clear_line(tmp_path):
    env = {key: value for key, value in window_env(tmp_path).items()
           if key not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    done = subprocess.run([sys.executable, "main.py", "--archive", str(tmp_path / "a")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    if not sys.platform.startswith("linux"):
        pytest.skip("only Linux can be without a display")
    assert done.returncode == 1
    assert done.stderr.startswith("Error: there is no display to open the window on") and done.stderr.count("\n") == 1
    assert not (tmp_path / "a").exists()


def test_open_names_a_missing_folder(tmp_path):
    done = subprocess.run([sys.executable, "main.py", "open", str(tmp_path / "nowhere")], cwd=ROOT,
                          env=window_env(tmp_path), capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2 and "nowhere" in done.stderr and "does not exist" in done.stderr
