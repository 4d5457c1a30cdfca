"""The one facade the GUI and the CLI call: open an archive, import, read, search.

An archive is a folder a person can copy::

    archive.sqlite   the source of truth (WAL, foreign keys on, migrations recorded)
    index/           the Whoosh index, derived from archive.sqlite and rebuildable
    pages/           page images by content hash, with previews and thumbnails

Long operations take ``on_progress(done, total, message)`` and ``cancel``, a
``threading.Event`` the caller sets to stop; they raise :class:`viewer.errors.Cancelled`
having rolled back the file in progress.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import platformdirs

from viewer.errors import Cancelled, GazetteError, NotFound
from viewer.ingest import PAGE_SUFFIXES, ReadOptions, read_file, sha256_of
from viewer.model import ImportOutcome, ImportReport
from viewer.store import Store

ProgressCallback = Callable[[int, int, str], None]
SAMPLE_PAGE = Path(__file__).resolve().parent.parent / "resources" / "sample" / "jiaocheng-2025-04-03-p8.txt"


def default_archive_path() -> Path:
    """``GAZETTE_ARCHIVE`` if set, else the user data folder (e.g. ~/.local/share/gazette)."""
    env = os.environ.get("GAZETTE_ARCHIVE")
    return Path(env) if env else Path(platformdirs.user_data_dir("gazette", appauthor=False)) / "archive"


class Archive:
    def __init__(self, root: Path | str | None = None):
        self.root = Path(root) if root is not None else default_archive_path()
        try:
            for folder in (self.root, self.root / "index", self.root / "pages"):
                folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise GazetteError(f"{self.root}: cannot create the archive folder ({error.strerror})") from error
        self.store = Store(self.root / "archive.sqlite")

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- import ------------------------------------------------------------------------------

    def import_paths(self, paths: Iterable[Path | str], options: ReadOptions = ReadOptions(), *,
                     replace: bool = False, on_progress: ProgressCallback | None = None,
                     cancel: threading.Event | None = None) -> ImportReport:
        """Import files and folders (recursively). Each file is one transaction; a bad file is
        reported and the batch goes on. Cancelling keeps what was imported before."""
        report = ImportReport()
        files = list(self._expand(paths, report))
        for done, path in enumerate(files):
            if on_progress:
                on_progress(done, len(files), str(path))
            if cancel is not None and cancel.is_set():
                raise Cancelled(f"import cancelled after {done} of {len(files)} files", partial=report)
            report.outcomes.append(self.import_file(path, options, replace=replace))
        if on_progress:
            on_progress(len(files), len(files), "")
        return report

    def import_file(self, path: Path, options: ReadOptions = ReadOptions(), *,
                    replace: bool = False) -> ImportOutcome:
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
            page = read_file(path, data, options)
        except GazetteError as error:
            return ImportOutcome(str(path), "failed", str(error))
        existing = self.store.page_at(page.publication, page.date.isoformat(), page.label or str(page.number))
        if existing is not None and not replace:
            return ImportOutcome(str(path), "failed",
                                 f"{path}: {page.publication} {page.date} page {page.label} is already in the "
                                 f"archive from another file ({existing['source_path']}); use --replace")
        _, article_ids = self.store.save_page(page, replace_page_id=existing["id"] if existing else None)
        message = f"{page.date} page {page.label}: {len(article_ids)} article(s)"
        return ImportOutcome(str(path), "imported", message, article_ids, page.warnings)

    def _expand(self, paths: Iterable[Path | str], report: ImportReport) -> Iterator[Path]:
        for path in map(Path, paths):
            if path.is_dir():
                for child in sorted(path.rglob("*")):
                    if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                        if child.suffix.lower() in PAGE_SUFFIXES:
                            yield child
                        else:
                            report.outcomes.append(ImportOutcome(str(child), "skipped", "not a page file"))
            elif path.exists():
                yield path
            else:
                report.outcomes.append(ImportOutcome(str(path), "failed", f"{path}: no such file or folder"))

    def load_sample(self) -> ImportReport:
        """Import the bundled sample page (the seed), so a new archive shows a real page."""
        return self.import_paths([SAMPLE_PAGE])

    # -- reading -----------------------------------------------------------------------------

    def is_empty(self) -> bool:
        return self.store.article_count() == 0

    def list_articles(self) -> list[dict]:
        return self.store.list_articles()

    def article(self, article_id: int) -> dict:
        article = self.store.article(article_id)
        if article is None:
            raise NotFound(f"no article with id {article_id}")
        return article

    def stats(self) -> dict:
        return {"archive": str(self.root), **self.store.stats()}
