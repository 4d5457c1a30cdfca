"""Opening an archive and handing out its services (:mod:`viewer.services`).

An archive is a folder a person can copy::

    archive.sqlite   the source of truth (WAL, foreign keys on, migrations recorded)
    index/           the Whoosh index, derived from archive.sqlite and rebuildable
    pages/           page images by content hash, with previews and thumbnails

The window, the command line and the reading room call the services: ``importing``,
``editing``, ``browsing``, ``searching``, ``exporting`` and ``indexing`` (the index keeper).
Opening catches the index up with what SQLite holds (after a crash, or an import by an
older version) when that is quick; a longer catch-up is left to the caller to run with
progress (``archive.indexing.catch_up``), and search meanwhile says how much is pending.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from viewer.errors import GazetteError
from viewer.opening import decide
from viewer.search import SearchIndex
from viewer.services.browsing import Browsing
from viewer.services.editing import Editing
from viewer.services.exporting import Exporting
from viewer.services.importing import SAMPLE_PAGE, Importing
from viewer.services.indexing import IndexKeeper
from viewer.services.searching import Searching
from viewer.store import Store

QUICK_CATCH_UP = 2_000  # articles the opening indexes by itself before handing back

__all__ = ["SAMPLE_PAGE", "Archive", "default_archive_path"]


def default_archive_path() -> Path:
    """``GAZETTE_ARCHIVE`` if set, else the user data folder (e.g. ~/.local/share/gazette)."""
    env = os.environ.get("GAZETTE_ARCHIVE")
    return Path(env) if env else Path(platformdirs.user_data_dir("gazette", appauthor=False)) / "archive"


class Archive:
    def __init__(self, root: Path | str | None = None, *, create: bool = True, read_only: bool = False):
        """Open the archive at ``root``, making it if it does not exist and ``create`` is true;
        a folder or database that is not an archive is refused (see :mod:`viewer.opening`).
        ``read_only`` (the reading room) opens SQLite with ``mode=ro`` and the index for reading,
        and creates, migrates and catches up nothing; every write then fails. On read-only media
        it opens read-only by itself (``read_only`` says so)."""
        self.root = Path(root) if root is not None else default_archive_path()
        opening = decide(self.root, create=create and not read_only)
        if not (read_only or opening.read_only):
            try:
                for folder in (self.root, self.root / "index", self.root / "pages"):
                    folder.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise GazetteError(f"{self.root}: cannot create the archive folder ({error.strerror})") from error
        self.store = Store(opening.database, read_only=read_only or opening.read_only, immutable=opening.immutable)
        self.read_only = self.store.read_only  # also when a full disk leaves it nothing else
        self.index = SearchIndex(self.root / "index", read_only=self.read_only)
        self.indexing = IndexKeeper(self.store, self.index, self.root / "index")
        self.importing = Importing(self.store, self.indexing, self.root / "pages")
        self.editing = Editing(self.store.annotations, self.indexing)
        self.browsing = Browsing(self.store, self.root)
        self.searching = Searching(self.store, self.index, self.indexing)
        self.exporting = Exporting(self.store)
        if not self.read_only and 0 < self.indexing.pending() <= QUICK_CATCH_UP:
            self.indexing.try_catch_up()

    def close(self) -> None:
        self.index.close()
        self.store.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
