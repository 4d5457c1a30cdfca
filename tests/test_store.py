"""The schema: numbered migrations in db/, applied on open and recorded."""

from __future__ import annotations

import sqlite3

import pytest

from viewer.store import MIGRATIONS_DIR, Store, _sql_statements


def test_migrating_an_empty_database(tmp_path):
    path = tmp_path / "archive.sqlite"
    store = Store(path)
    names = sorted(p.stem for p in MIGRATIONS_DIR.glob("[0-9]*.sql"))
    assert store.applied_migrations() == names and names[0] == "0001_initial"
    store.close()

    db = sqlite3.connect(path)
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"publication", "issue", "page", "article", "credit", "archive_state", "_sqlite_migrations"} <= tables
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    page_columns = {row[1] for row in db.execute("PRAGMA table_info(page)")}
    assert {"source_sha256", "raw_text", "unassigned", "label", "section", "image"} <= page_columns
    db.close()


def test_reopening_applies_nothing_twice_and_keeps_the_data(tmp_path):
    store = Store(tmp_path / "a.sqlite")
    store.set_state("marker", "kept")
    store.close()
    for _ in range(2):
        store = Store(tmp_path / "a.sqlite")
        store.close()
    store = Store(tmp_path / "a.sqlite")
    files = len(list(MIGRATIONS_DIR.glob("[0-9]*.sql")))
    assert store.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == files
    assert store.get_state("marker") == "kept"
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_credit_belongs_to_a_page_or_an_article_never_both(tmp_path):
    store = Store(tmp_path / "a.sqlite")
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("INSERT INTO credit (person, role, seq) VALUES ('王耀', '责编', 0)")


def test_statements_split_where_sqlite_says_they_end():
    script = "CREATE TABLE t (x TEXT DEFAULT 'a;b');\n-- note; here\nINSERT INTO t VALUES ('c;d');\n"
    assert [s.strip() for s in _sql_statements(script)] == [
        "CREATE TABLE t (x TEXT DEFAULT 'a;b');", "-- note; here\nINSERT INTO t VALUES ('c;d');"]


def test_a_write_waits_for_another_connections_write_instead_of_failing(tmp_path):
    """Two connections, as the GUI's reader and writer threads have: the one that read before
    the other committed still gets to write (deferred transactions failed here at once)."""
    import threading

    first = Store(tmp_path / "a.sqlite")
    first.set_state("k", "1")
    holding = threading.Event()

    def write_slowly():  # a connection of its own, on its own thread
        second = Store(tmp_path / "a.sqlite")
        with second.db.atomic():
            second.db.execute("INSERT INTO archive_state VALUES ('other', 'x')")
            holding.set()
            threading.Event().wait(0.3)
        second.close()

    writer = threading.Thread(target=write_slowly)
    writer.start()
    assert holding.wait(10)
    with first.db.atomic():  # reads, then writes, while the other holds the write lock
        value = first.get_state("k")
        first.db.execute("UPDATE archive_state SET value = ? WHERE key = 'k'", [value + "2"])
    writer.join(10)
    assert (first.get_state("k"), first.get_state("other")) == ("12", "x")
