"""Every failure is one line: the per-file boundary of an import, and the storage failures
(full disk, read-only medium) any command can meet.

Whatever a reader raises for one file — a :class:`~viewer.errors.GazetteError`, an ``OSError``
(disk full, read-only storage, permission), Pillow's ``DecompressionBombError``, a
``UnicodeError`` from a file name that is not UTF-8, or any other exception — becomes a failed
outcome naming the file and the problem; the traceback goes to the log file (never the
terminal) and the batch goes on. ``KeyboardInterrupt`` and cancelling still stop the batch.
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import platformdirs
from PIL import Image

from viewer.errors import GazetteError
from viewer.model import ImportOutcome

T = TypeVar("T")
log = logging.getLogger("gazette.failures")
_log_handler: logging.Handler | None = None


def log_file() -> Path:
    """``GAZETTE_LOG_DIR``/gazette.log, else the user log folder (e.g. ~/.local/state/gazette/log)."""
    folder = os.environ.get("GAZETTE_LOG_DIR") or platformdirs.user_log_dir("gazette", appauthor=False)
    return Path(folder) / "gazette.log"


def _log_traceback(message: str, error: BaseException) -> None:
    """The traceback to the log file only: this logger never writes to the terminal."""
    global _log_handler
    if _log_handler is None:
        log.propagate = False
        try:
            log_file().parent.mkdir(parents=True, exist_ok=True)
            _log_handler = logging.FileHandler(log_file(), encoding="utf-8", errors="backslashreplace")
        except OSError:  # no log file (the disk is full …): the one line still reaches the user
            _log_handler = logging.NullHandler()
        _log_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(_log_handler)
    log.error("%s", message, exc_info=(type(error), error, error.__traceback__))


def shown_path(path: Path | str) -> str:
    """A path as text that can be stored and printed: bytes that are not UTF-8 (kept by
    ``surrogateescape``) are written ``\\xff``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def storage_problem(error: BaseException) -> str | None:
    """What a full disk, read-only storage or missing permission is, in words; None otherwise."""
    if isinstance(error, sqlite3.OperationalError):
        text = str(error)
        if "disk is full" in text:
            return "the disk is full"
        if "readonly database" in text:
            return "the archive is on read-only storage (or its files are read-only): it can be read, not changed"
        if "database is locked" in text:
            return "the archive is busy: another Gazette is writing to it; try again when it has finished"
        if "disk I/O error" in text:
            return "the disk could not be read or written (disk I/O error)"
        return None
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return "the disk is full"
        if error.errno == errno.EROFS:
            return "the storage is read-only"
        if error.errno in (errno.EACCES, errno.EPERM):
            return f"permission denied ({error.filename or 'a file'})"
        return f"{error.strerror or error}" if error.strerror else None
    return None


def problem(error: BaseException) -> str:
    """One line saying what went wrong, for any exception."""
    if isinstance(error, GazetteError):
        return str(error)
    known = storage_problem(error)
    if known:
        return known
    if isinstance(error, Image.DecompressionBombError):
        return "the picture is larger than Gazette reads (a decompression bomb?)"
    if isinstance(error, UnicodeEncodeError | UnicodeDecodeError):
        return f"text or a file name Gazette cannot encode ({error.reason})"
    if isinstance(error, MemoryError):
        return "not enough memory to read it"
    return f"an unexpected error ({type(error).__name__}: {error}); the details are in {log_file()}"


def import_guarded(path: Path, work: Callable[[], tuple[ImportOutcome, T]], nothing: T) -> tuple[ImportOutcome, T]:
    """``work()`` for one file; any exception from it becomes that file's failed outcome."""
    try:
        return work()
    except Exception as error:
        name = shown_path(path)
        if not isinstance(error, GazetteError):
            _log_traceback(f"importing {name} failed", error)
        message = problem(error)
        if not message.startswith(name):
            message = f"{name}: {message}"
        return ImportOutcome(str(path), "failed", message), nothing


def one_line(error: BaseException, where: Path | str | None = None) -> str | None:
    """The line a command prints for a storage failure (logged), or None for anything else."""
    known = storage_problem(error)
    if known is None:
        return None
    _log_traceback(f"a command failed: {known}", error)
    return f"{shown_path(where)}: {known}" if where is not None else known
