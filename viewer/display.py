"""Whether the window can open at all: on Linux Qt aborts the process with a misleading message
(about xcb-cursor) when there is no display, so say it plainly first."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping


def display_problem(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> str | None:
    """Why the window cannot open here, or None."""
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return ("there is no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set): "
            "start Gazette from a desktop session, or use its commands (gazette --help)")
