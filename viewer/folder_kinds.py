"""What a folder is, before the window opens it: an archive, a folder of page files to import,
or neither. Opening must not turn a folder into an archive; only New does, when asked."""

from __future__ import annotations

import os
from pathlib import Path

from viewer.ingest import PAGE_SUFFIXES

ARCHIVE_DATABASE = "archive.sqlite"  # the file every archive has (see viewer.archive)


def is_archive(folder: Path) -> bool:
    return (folder / ARCHIVE_DATABASE).is_file()


def is_empty(folder: Path) -> bool:
    return not folder.exists() or not any(folder.iterdir())


def first_page_file(folder: Path) -> Path | None:
    """A page file in ``folder`` or below (the first met), or None: enough to tell a folder
    of pages, without walking all of a large one."""
    for parent, _, names in os.walk(folder):
        for name in sorted(names):
            if Path(name).suffix.lower() in PAGE_SUFFIXES:
                return Path(parent) / name
    return None
