"""Shared fixtures. Real inputs live in tests/data (copied verbatim from the project's shared
data; tests/data/SOURCES.md says where each comes from)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "seed" / "jiaocheng-2025-04-03-p8.txt"
ENCODINGS = DATA / "encodings"
NEGATIVE = DATA / "negative"


@pytest.fixture
def archive(tmp_path):
    from viewer.archive import Archive

    with Archive(tmp_path / "archive") as archive:
        yield archive
