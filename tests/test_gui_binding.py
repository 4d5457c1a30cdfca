"""The Qt binding itself: PySide6 6.12.0 releases None once on every call returning nothing,
which on Python 3.11 kills the app after a few thousand calls (pyproject.toml excludes it)."""

from __future__ import annotations

import sys

import pytest

from viewer.gui.qt import QLabel


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_calls_returning_nothing_keep_none_alive(qapp):
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("交城")
    assert sys.getrefcount(None) > before - 100
