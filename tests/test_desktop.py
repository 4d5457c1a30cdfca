"""gazette install-desktop: a freedesktop menu entry that runs this installation's window, and its icon."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_install_desktop_writes_the_entry_and_the_icon(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share")}
    done = subprocess.run([sys.executable, "main.py", "install-desktop"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    entry = tmp_path / "share" / "applications" / "gazette.desktop"
    icon = tmp_path / "share" / "icons" / "hicolor" / "scalable" / "apps" / "gazette.svg"
    assert done.stdout.splitlines() == [f"wrote {entry}", f"wrote {icon}"]
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # keys are case-sensitive
    desktop.read(entry, encoding="utf-8")
    fields = desktop["Desktop Entry"]
    assert fields["Type"] == "Application" and fields["Icon"] == "gazette" and fields["Name[zh_CN]"] == "县报档案"
    command = fields["Exec"].strip('"')
    assert command == "gazette-gui" or Path(command).name == "gazette-gui"
    assert icon.read_bytes() == (ROOT / "resources" / "desktop" / "gazette.svg").read_bytes()
