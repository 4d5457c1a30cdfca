"""The SQL of ``gazette check``, ``backup`` and ``restore`` (see :mod:`viewer.maintenance`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database


class MaintenanceQueries:
    def __init__(self, db: Database):
        self.db = db

    def integrity_problems(self) -> list[str]:
        """What ``PRAGMA integrity_check`` and ``foreign_key_check`` find; empty when sound."""
        found = [row[0] for row in self.db.execute("PRAGMA integrity_check") if row[0] != "ok"]
        found += [f"table {table} row {rowid} points at a missing row of {parent}"
                  for table, rowid, parent, _ in self.db.execute("PRAGMA foreign_key_check")]
        return found

    def page_pictures(self) -> list[tuple[int, str, str | None, str | None]]:
        """``(page id, image, preview, thumbnail)`` of every page with a picture."""
        return [tuple(row) for row in self.db.execute(
            "SELECT id, image, preview, thumbnail FROM page WHERE image IS NOT NULL ORDER BY id")]

    def orphan_annotations(self) -> list[tuple[int, str, str]]:
        """``(id, kind, article label)`` of annotations whose article a re-import removed."""
        return [tuple(row) for row in self.db.execute(
            "SELECT id, kind, article_label FROM annotation WHERE article_id IS NULL ORDER BY id")]

    def article_titles(self) -> list[tuple[int, str]]:
        return [tuple(row) for row in self.db.execute("SELECT id, title FROM article ORDER BY id")]

    def backup_to(self, target: Path) -> None:
        """A consistent copy of the database with SQLite's online backup API: safe while another
        connection (the window) reads or writes."""
        copy = sqlite3.connect(target)
        try:
            self.db.conn.backup(copy, pages=1024)
            copy.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal or -shm: a copy to carry away
        finally:
            copy.close()
