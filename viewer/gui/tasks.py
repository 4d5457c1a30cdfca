"""The one way the GUI runs work off its thread: a :class:`Task` on a :class:`TaskRunner`.

A task calls ``op(work)`` on a pool thread, where ``work.archive`` is that thread's own
:class:`Archive` (SQLite connections must not cross threads), ``work.progress(done, total,
message)`` reports progress and ``work.cancel`` is the ``threading.Event`` the core checks.
Every task ends in exactly one of ``finished(result)``, ``failed(error)`` or
``cancelled(error)``, always emitted on the GUI thread, then ``ended()``.

Writes run on one thread, one at a time, so two imports never interleave; reads (search,
page images) run on another, so a long import does not hold up a search.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from viewer.archive import Archive
from viewer.errors import Cancelled, GazetteError
from viewer.gui.qt import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

PROGRESS_INTERVAL = 0.1  # seconds between progress reports, as Picard throttles its status bar


@dataclass
class Work:
    archive: Archive
    progress: Callable[[int, int, str], None]
    cancel: threading.Event


class Task(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal(object)
    ended = Signal()
    # Emitted on the pool thread and delivered to the slots below on the GUI thread, which
    # re-emit the public signals there, whatever their receivers are.
    _progress = Signal(int, int, str)
    _outcome = Signal(str, object)

    def __init__(self, op: Callable[[Work], Any], archives: _ThreadArchives, name: str = ""):
        super().__init__()
        self.op = op
        self.name = name or getattr(op, "__name__", "task")
        self.cancel_event = threading.Event()
        self.done = False
        self._archives = archives
        self._last_progress = 0.0
        self._progress.connect(self.progressed)
        self._outcome.connect(self._end)

    def cancel(self) -> None:
        """Ask the work to stop; it ends in ``cancelled`` unless it had already ended."""
        self.cancel_event.set()

    def run_here(self) -> None:
        """The pool thread's part: run ``op`` and post its outcome."""
        try:
            if self.cancel_event.is_set():
                raise Cancelled(f"{self.name}: cancelled before it started")
            work = Work(self._archives.current(), self._report_progress, self.cancel_event)
            outcome = ("finished", self.op(work))
        except Cancelled as error:
            outcome = ("cancelled", error)
        except BaseException as error:
            if not isinstance(error, GazetteError):
                log.error("%s failed", self.name, exc_info=error)
            outcome = ("failed", error)
        try:
            self._outcome.emit(*outcome)
        except RuntimeError:  # the task object is gone (its window closed): no one to tell
            log.info("%s ended (%s) after its window closed", self.name, outcome[0])

    def _report_progress(self, done: int, total: int, message: str) -> None:
        now = time.monotonic()
        if done >= total or now - self._last_progress >= PROGRESS_INTERVAL:
            self._last_progress = now
            try:
                self._progress.emit(done, total, message)
            except RuntimeError:  # the task object is gone: the work goes on unwatched
                pass

    @Slot(str, object)
    def _end(self, kind: str, payload: object) -> None:
        if self.done:
            return
        self.done = True
        getattr(self, kind).emit(payload)
        self.ended.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task):
        super().__init__()
        self.task = task

    def run(self) -> None:
        self.task.run_here()


class _ThreadArchives:
    """Each pool thread's own Archive on the runner's folder, opened on first use.

    Kept by thread id, not in a ``threading.local``: Python forgets the locals of a thread it
    did not start (a Qt pool thread) whenever that thread lets go of the interpreter, which
    would reopen the archive, and reload the search index, for every task."""

    def __init__(self, root: Path):
        self.root = root
        self._by_thread: dict[int, Archive] = {}
        self._lock = threading.Lock()

    def current(self) -> Archive:
        key = threading.get_ident()
        with self._lock:
            archive = self._by_thread.get(key)
        if archive is None:
            archive = Archive(self.root)
            with self._lock:
                self._by_thread[key] = archive
        return archive

    def close_current(self) -> None:
        with self._lock:
            archive = self._by_thread.pop(threading.get_ident(), None)
        if archive is not None:
            archive.close()


class TaskRunner(QObject):
    """Runs tasks on an archive: :meth:`write` on the writer thread, :meth:`read` on the reader."""

    def __init__(self, root: Path | str, parent: QObject | None = None):
        super().__init__(parent)
        self.root = Path(root)
        self._archives = _ThreadArchives(self.root)
        self._writes = _single_thread_pool()
        self._reads = _single_thread_pool()
        self._running: set[Task] = set()
        self._shut = False

    def write(self, op: Callable[[Work], Any], name: str = "") -> Task:
        return self._start(self._writes, op, name)

    def read(self, op: Callable[[Work], Any], name: str = "") -> Task:
        return self._start(self._reads, op, name)

    def busy_writing(self) -> bool:
        return self._writes.activeThreadCount() > 0

    def shutdown(self) -> None:
        """Cancel what is running, wait for it, and close each thread's archive on its thread.
        Tasks asked for afterwards end cancelled without running."""
        self._shut = True
        for task in list(self._running):
            task.cancel()
        for pool in (self._writes, self._reads):
            pool.waitForDone()
            pool.start(_ClosingRunnable(self._archives))
            pool.waitForDone()

    def _start(self, pool: QThreadPool, op: Callable[[Work], Any], name: str) -> Task:
        task = Task(op, self._archives, name)
        if self._shut:
            task.cancel()
        self._running.add(task)  # keeps the task (and its signals) alive until it ends
        task.ended.connect(lambda: self._running.discard(task))
        pool.start(_Runnable(task))
        return task


class _ClosingRunnable(QRunnable):
    def __init__(self, archives: _ThreadArchives):
        super().__init__()
        self.archives = archives

    def run(self) -> None:
        self.archives.close_current()


def _single_thread_pool() -> QThreadPool:
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    pool.setExpiryTimeout(-1)  # the thread lives on, and so does its SQLite connection
    return pool

