"""A small run of the crash harness (bench/crash.py has the full one): an import killed with
SIGKILL at random moments leaves an archive that opens, is sound, holds only whole pages, has
no stray picture and is searchable (after at most a reindex); the next import finishes."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from crash import run


def test_imports_killed_at_random_lose_nothing_committed(tmp_path):
    results = run(kills=3, files=6, seed=7, work=tmp_path)
    for mode, tally in results.items():
        assert tally.problems == [], mode
        assert tally.opened + tally.not_yet_made == tally.kills
        assert tally.integrity_ok == tally.pages_complete == tally.search_agrees_after_reindex == tally.opened
