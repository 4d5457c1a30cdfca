"""Importing files and folders: each file one SQLite transaction, the index caught up after.

Long operations take ``on_progress(done, total, message)`` and ``cancel``, a
``threading.Event`` the caller sets to stop; they raise :class:`viewer.errors.Cancelled`
having rolled back the file in progress.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from viewer.errors import Cancelled, GazetteError
from viewer.failures import import_guarded
from viewer.ingest import ReadOptions, read_pages, sha256_of
from viewer.ingest.batch import folder_units
from viewer.model import ImportOutcome, ImportReport
from viewer.pictures import store_picture
from viewer.resources import data_path
from viewer.services.indexing import IndexKeeper
from viewer.store import Store

ProgressCallback = Callable[[int, int, str], None]
INDEX_BATCH = 500  # articles imported between two index catch-ups (each write makes a segment)
SAMPLE_PAGE = data_path("resources", "sample", "jiaocheng-2025-04-03-p8.txt")


class Importing:
    def __init__(self, store: Store, keeper: IndexKeeper, pages_dir: Path):
        self.store = store
        self.keeper = keeper
        self.pages_dir = pages_dir

    def import_paths(self, paths: Iterable[Path | str], options: ReadOptions = ReadOptions(), *,
                     replace: bool = False, on_progress: ProgressCallback | None = None,
                     cancel: threading.Event | None = None) -> ImportReport:
        """Import files and folders (recursively). Each file is one transaction; a bad file is
        reported and the batch goes on. Cancelling keeps what was imported before."""
        report = ImportReport()
        files = list(self._expand(paths, report))
        since_catch_up = 0
        try:
            for done, path in enumerate(files):
                if on_progress:
                    on_progress(done, len(files), str(path))
                if cancel is not None and cancel.is_set():
                    raise Cancelled(f"import cancelled after {done} of {len(files)} files", partial=report)
                # Any exception from one file is that file's failure (viewer.failures), never the batch's.
                outcome, _ = import_guarded(path, functools.partial(self._import_file_alone, path, options, replace),
                                            None)
                report.outcomes.append(outcome)
                since_catch_up += len(outcome.article_ids)
                if since_catch_up >= INDEX_BATCH:
                    self.keeper.try_catch_up()
                    since_catch_up = 0
        finally:  # cancelled or not, what SQLite holds is searchable
            self.keeper.try_catch_up()
        if on_progress:
            on_progress(len(files), len(files), "")
        return report

    def import_file(self, path: Path, options: ReadOptions = ReadOptions(), *,
                    replace: bool = False) -> ImportOutcome:
        outcome = self._import_file(path, options, replace)
        self.keeper.try_catch_up()
        return outcome

    def load_sample(self) -> ImportReport:
        """Import the bundled sample page (the seed), so a new archive shows a real page."""
        return self.import_paths([SAMPLE_PAGE])

    def _import_file_alone(self, path: Path, options: ReadOptions, replace: bool) -> tuple[ImportOutcome, None]:
        return self._import_file(path, options, replace), None

    def _import_file(self, path: Path, options: ReadOptions, replace: bool) -> ImportOutcome:
        """One file in one SQLite transaction."""
        try:
            data = path.read_bytes()
        except OSError as error:
            return ImportOutcome(str(path), "failed", f"{path}: cannot read ({error.strerror})")
        sha256 = sha256_of(data)
        present = self.store.page_with_sha256(sha256)
        if present is not None:
            return ImportOutcome(str(path), "skipped",
                                 f"already present as {present['publication']} {present['date']} "
                                 f"page {present['label']}")
        try:
            pages = read_pages(path, data, options)
        except GazetteError as error:
            return ImportOutcome(str(path), "failed", str(error), needs=getattr(error, "needs", ()))
        to_save = []
        for page in pages:
            assert page.date is not None, "readers give every page a date or refuse it"
            existing = self.store.page_at(page.publication, page.date.isoformat(), page.label or str(page.number))
            if existing is not None and not replace:
                return ImportOutcome(str(path), "failed",
                                     f"{path}: {page.publication} {page.date} page {page.label} is already in "
                                     f"the archive from another file ({existing['source_path']}); to put this "
                                     "one in its place, import it again with replace",
                                     needs=("replace",))
            to_save.append((page, existing["id"] if existing else None))
        try:
            for page in pages:
                if page.picture is not None:
                    page.image = store_picture(self.pages_dir, page.picture, str(path))
        except GazetteError as error:
            return ImportOutcome(str(path), "failed", str(error), needs=getattr(error, "needs", ()))
        saved = self.store.save_pages(to_save)
        article_ids = [article_id for _, ids in saved for article_id in ids]
        where = ", ".join(f"{page.date} page {page.label}" for page in pages)
        warnings = [warning for page in pages for warning in page.warnings]
        return ImportOutcome(str(path), "imported", f"{where}: {len(article_ids)} article(s)", article_ids, warnings,
                             page_ids=[page_id for page_id, _ in saved])

    def _expand(self, paths: Iterable[Path | str], report: ImportReport) -> Iterator[Path]:
        for path in map(Path, paths):
            if path.is_dir():
                units, others, unread = folder_units(path)
                report.outcomes += [ImportOutcome(str(folder), status, why) for folder, status, why in unread]
                report.outcomes += [ImportOutcome(str(other), "skipped", "not a page file") for other in others]
                yield from units
            elif path.exists():
                yield path
            else:
                report.outcomes.append(ImportOutcome(str(path), "failed", f"{path}: no such file or folder"))

