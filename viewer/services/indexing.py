"""The one place that keeps the search index in step with SQLite.

SQLite is the source of truth. Every change that alters an article's search document (the
article, its credits, its page, its publication, what editors put on it) queues the article
in ``index_queue`` through triggers, in the same transaction as the change
(db/0008_current_text_and_index_queue.sql). :meth:`IndexKeeper.catch_up` indexes what is
queued and only then takes it off the queue, so a crash at any moment leaves nothing
unindexed: the next catch-up does it again (re-indexing an article is idempotent).

Whether the index is this archive's at all is an **epoch**: a token written to SQLite and beside
the index's current generation when a rebuild completes (:meth:`SearchIndex.mark_epoch`). An
index folder that was deleted, copied from elsewhere or written by another version of Gazette
does not carry the archive's epoch, and is rebuilt. Nothing compares counts, so a reader opening the archive during another process's
import never condemns the index; it sees the queue, and search says how many articles are
still being indexed.

Writers of the index take ``index.lock`` beside it (a file lock, so threads of one window and
other processes alike), and one that finds the work already done by the holder does nothing.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from pathlib import Path

from filelock import FileLock

from viewer.errors import Cancelled
from viewer.search import SearchIndex
from viewer.store import Store

log = logging.getLogger(__name__)
ProgressCallback = Callable[[int, int, str], None]
CATCH_UP_BATCH = 2_000  # queued articles indexed per index write
LOCK_WAIT_S = 600  # a rebuild of a large archive holds the lock for minutes


class IndexKeeper:
    def __init__(self, store: Store, index: SearchIndex, index_path: Path):
        self.store = store
        self.index = index
        self.lock = FileLock(index_path.with_name("index.lock"), timeout=LOCK_WAIT_S)

    def in_step(self) -> bool:
        """The index is this archive's and holds every committed change."""
        return self.is_archives() and self.pending() == 0

    def is_archives(self) -> bool:
        epoch = self.store.get_state("index_epoch")
        if epoch is None:  # a new archive, or one from before epochs: its index was kept in step
            return not self.store.has_articles() or self.index.doc_count() > 0
        return self.index.epoch() == epoch

    def pending(self) -> int:
        """Articles changed in SQLite that the index has not taken in yet (all of them when
        the index is not this archive's)."""
        return self.store.index_queue_length() if self.is_archives() else self.store.article_count()

    def catch_up(self, on_progress: ProgressCallback | None = None,
                 cancel: threading.Event | None = None) -> int:
        """Index what is queued (or rebuild, when the index is not this archive's); return
        how many articles were indexed. Cancelling keeps what was done."""
        with self.lock:
            if not self.is_archives():
                return self._rebuild(on_progress, cancel)
            return self._catch_up(on_progress, cancel)

    def _catch_up(self, on_progress: ProgressCallback | None, cancel: threading.Event | None) -> int:
        done = 0
        total = self.store.index_queue_length()
        while queued := self.store.index_queue(CATCH_UP_BATCH):
            if cancel is not None and cancel.is_set():
                raise Cancelled(f"indexing cancelled after {done} of {total} articles")
            ids = [article_id for article_id, _ in queued]
            docs = list(self.store.search_docs(ids))
            present = {doc.article_id for doc in docs}
            self.index.update(docs, gone=[i for i in ids if i not in present])
            self.store.unqueue(queued)
            done += len(ids)
            if on_progress:
                on_progress(done, max(total, done), "")
        self._compact()
        if self.store.get_state("index_epoch") is None:  # from now on, the index is known by it
            self._mark_epoch()
        return done

    def rebuild(self, on_progress: ProgressCallback | None = None,
                cancel: threading.Event | None = None) -> int:
        """Build the index afresh from SQLite; return the number of articles indexed.
        Cancelling keeps the previous index."""
        with self.lock:
            return self._rebuild(on_progress, cancel)

    def _rebuild(self, on_progress: ProgressCallback | None, cancel: threading.Event | None) -> int:
        queued = self.store.index_queue(None)  # what the new index will hold, at the latest
        total = self.store.article_count()
        self.index.rebuild(self.store.search_docs(), total, on_progress, cancel)
        self._mark_epoch()
        self.store.unqueue(queued)
        return total

    def _mark_epoch(self) -> None:
        epoch = uuid.uuid4().hex
        self.index.mark_epoch(epoch)
        self.store.set_state("index_epoch", epoch)

    def _compact(self) -> None:
        while (compaction := self.index.compaction()) is not None:
            self.index.compact(compaction, () if compaction.article_ids is None
                               else self.store.search_docs(compaction.article_ids))

    def try_catch_up(self) -> None:
        """Catch up after a write; a failure is logged and left for the next catch-up (the
        queue still holds the articles), never raised over a write that has committed."""
        try:
            self.catch_up()
        except Exception:
            log.exception("updating the search index failed; the changes stay queued")


