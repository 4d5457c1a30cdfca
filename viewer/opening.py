"""How an archive's database is opened: recognised, created, upgraded or read only.

**Recognised.** An archive's ``archive.sqlite`` carries :data:`APPLICATION_ID` in its header
(``PRAGMA application_id``, set by ``db/0007_archive_marker.sql``); an archive made before that
migration is known by its record of Gazette migrations. A folder that holds other files, a
file that is not SQLite, or another program's SQLite database is refused with a message and
left untouched, never turned into an archive.

**Created** only when the caller asks (``gazette init``, ``gazette import``, the window): a read
command given a misspelt ``--archive`` says there is no archive there. Two processes creating
the same new archive at once are safe: the migrations run in one ``BEGIN IMMEDIATE``
transaction, so the second waits for the first and then finds them applied.

**Upgraded.** Before migrations are applied to an archive that already holds data, the database
is copied with SQLite's backup API to ``archive.sqlite.before-<migration>.bak``; the migrations
then run in one transaction, so an upgrade happens completely or not at all.

**Read only.** On a read-only medium (a DVD, a read-only share or mount, a file without write
permission) the database is opened read-only (``mode=ro``; ``immutable=1`` where not even
SQLite's shared-memory file can be made beside it) and no migration is applied: every read
works, every write fails with SQLite's "readonly database" error.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sqlite_utils import Database, Migrations

from viewer.errors import GazetteError

APPLICATION_ID = 0x477A5454  # "GzTT": written at offset 68 of the database header
DATABASE_NAME = "archive.sqlite"
SQLITE_MAGIC = b"SQLite format 3\x00"
OWN_NAMES = {DATABASE_NAME, f"{DATABASE_NAME}-wal", f"{DATABASE_NAME}-shm", f"{DATABASE_NAME}-journal",
             "index", "pages", "index.new"}  # what a new archive holds before its first commit
BUSY_TIMEOUT_MS = 5000
MIN_FREE_BYTES = 1024 * 1024  # less free space than this, and a disk that refuses a write is full


class NotAnArchive(GazetteError):
    """A folder or file that is not a Gazette archive (and was left as it was)."""


@dataclass(frozen=True)
class Opening:
    root: Path
    database: Path
    create: bool  # the archive does not exist yet and is to be made
    read_only: bool
    immutable: bool  # read-only medium: SQLite may not even make its -shm file


def decide(root: Path, *, create: bool) -> Opening:
    """How to open the archive at ``root``; NotAnArchive when it is none (or is missing and
    ``create`` is False)."""
    database = root / DATABASE_NAME
    if root.exists() and not root.is_dir():
        raise NotAnArchive(f"{root} is a file, not an archive folder")
    if not database.exists():
        _refuse_foreign_folder(root)
        if not create:
            raise NotAnArchive(f"{root}: no archive there (`gazette init {root}` or `gazette import` makes one)")
        return Opening(root, database, create=True, read_only=False, immutable=False)
    kind = _database_kind(database)
    if kind == "foreign":
        raise NotAnArchive(f"{database} is another program's SQLite database, not a Gazette archive; "
                           "it was left as it was")
    if kind == "not sqlite":
        raise NotAnArchive(f"{database} is not a SQLite database (not a Gazette archive); it was left as it was")
    folder_writable = os.access(root, os.W_OK)
    writable = folder_writable and os.access(database, os.W_OK)
    shm = root / f"{DATABASE_NAME}-shm"
    return Opening(root, database, create=kind == "new" and create, read_only=not writable,
                   immutable=not folder_writable and not shm.exists())


def _refuse_foreign_folder(root: Path) -> None:
    if not root.is_dir():
        return
    others = sorted(name for name in os.listdir(root) if name not in OWN_NAMES)
    if others:
        shown = ", ".join(others[:3]) + (" …" if len(others) > 3 else "")
        raise NotAnArchive(f"{root} is a folder of other files ({shown}), not an archive; "
                           "give an empty or new folder for a new archive")


def _database_kind(database: Path) -> str:
    """``archive``, ``new`` (empty, or a schema still being made), ``foreign`` or ``not sqlite``."""
    with open(database, "rb") as file:
        header = file.read(100)
    if not header:
        return "new"  # made by a first open that has not written yet
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return "not sqlite"
    application_id = int.from_bytes(header[68:72], "big")
    if application_id == APPLICATION_ID:
        return "archive"
    if application_id:
        return "foreign"
    connection = sqlite3.connect(f"{_uri(database)}?mode=ro", uri=True)
    try:
        connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID:
            return "archive"  # the header on disk is older than the WAL file holding the marker
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return "new"
        if "_sqlite_migrations" in tables and connection.execute(
                "SELECT 1 FROM _sqlite_migrations WHERE migration_set = 'gazette' LIMIT 1").fetchone():
            return "archive"  # made before the marker: 0007 adds it
        return "foreign"
    except sqlite3.DatabaseError:
        return "not sqlite"
    finally:
        connection.close()


def _uri(path: Path) -> str:
    return "file:" + quote(str(path.resolve()))


def connect(database: Path, *, read_only: bool = False, immutable: bool = False) -> tuple[sqlite3.Connection, str]:
    """The connection and, when it can only read, why (else ""). Where a connection that
    could write cannot be set up (a full disk has no room for SQLite's -shm file), the archive
    is opened read-only instead, so it can still be read."""
    if read_only:
        return _connect(database, read_only=True, immutable=immutable), "read-only storage"
    try:
        return _connect(database), ""
    except sqlite3.OperationalError:
        if database.stat().st_size == 0:
            raise  # nothing to read: a new archive that cannot be made
        full = shutil.disk_usage(database.parent).free < MIN_FREE_BYTES
        wal = database.with_name(database.name + "-wal")
        try:
            connection = _connect(database, read_only=True)
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.OperationalError:  # no -shm can be made either: read the file as it is
            if wal.exists() and wal.stat().st_size:
                raise
            connection = _connect(database, read_only=True, immutable=True)
        return connection, "the disk is full" if full else "the database cannot be written"


def _connect(database: Path, *, read_only: bool = False, immutable: bool = False) -> sqlite3.Connection:
    """The connection, set up: a busy timeout first (so two first opens wait for each other),
    foreign keys on, WAL when it may write."""
    if read_only:
        connection = sqlite3.connect(f"{_uri(database)}?{'immutable=1' if immutable else 'mode=ro'}", uri=True)
    else:
        connection = sqlite3.connect(str(database))
    connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA foreign_keys=ON")
    if not read_only:
        _enter_wal(connection)
    return connection


def _enter_wal(connection: sqlite3.Connection) -> None:
    """WAL mode, waiting for another first open. Changing the journal mode does not always go
    through the busy handler (two new archives opened at once saw "database is locked" at once),
    so it is retried here, up to the same timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def upgrade(db: Database, migrations: Migrations, database: Path) -> None:
    """Apply the pending migrations in one transaction that holds the write lock from the
    start; an archive that already holds data is backed up first."""
    pending = migrations.pending(db)
    if not pending:
        return
    if migrations.applied(db):  # SQLite's backup cannot read through a write transaction: before it
        _backup_before(db.conn, database.with_name(f"{database.name}.before-{pending[0].name}.bak"))
    db.conn.execute("BEGIN IMMEDIATE")  # a second first open waits here, then finds nothing pending
    try:
        migrations.apply(db)
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.execute("COMMIT")


def _backup_before(connection: sqlite3.Connection, target: Path) -> None:
    """The database as it is, copied page by page with SQLite's backup API, complete before
    it takes its name."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    copy = sqlite3.connect(partial)
    try:
        connection.backup(copy)
    finally:
        copy.close()
    os.replace(partial, target)
