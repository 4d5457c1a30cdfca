"""Installing Gazette into a Linux desktop's menu, as freedesktop.org has it: the ``.desktop``
entry in ``$XDG_DATA_HOME/applications`` and the icon in the ``hicolor`` theme."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from viewer.resources import data_path

DESKTOP_FILE = data_path("resources", "desktop", "gazette.desktop")
ICON = data_path("resources", "desktop", "gazette.svg")


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def launcher() -> str:
    """The command the menu entry runs: this installation's ``gazette-gui`` (a menu has no
    shell PATH of a venv), the bundle's executable, or ``gazette-gui`` from PATH."""
    if getattr(sys, "frozen", False):
        return sys.executable
    beside = Path(sys.executable).with_name("gazette-gui")
    found = beside if beside.exists() else shutil.which("gazette-gui")
    return str(found or "gazette-gui")


def install_desktop_entry(home: Path | None = None) -> list[Path]:
    """Write the entry and the icon under ``home`` (default: the XDG data folder); returns the files."""
    home = home or data_home()
    entry = home / "applications" / "gazette.desktop"
    icon = home / "icons" / "hicolor" / "scalable" / "apps" / "gazette.svg"
    entry.parent.mkdir(parents=True, exist_ok=True)
    icon.parent.mkdir(parents=True, exist_ok=True)
    lines = DESKTOP_FILE.read_text(encoding="utf-8").splitlines()
    command = launcher()
    quoted = f'"{command}"' if " " in command else command
    lines = [f"Exec={quoted}" if line.startswith("Exec=") else line for line in lines]
    entry.write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copyfile(ICON, icon)
    return [entry, icon]
