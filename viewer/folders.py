"""The files of a folder, recursively, with every folder that could not be read reported.

``Path.rglob`` passes over a folder it cannot open, and follows a symbolic link back to a
folder above it until the path is too long, both without a word. Here a folder that cannot be
read is reported as failed and a link to a folder already being read (a loop, or the same
folder twice) as skipped; links to other folders are followed, once each.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from viewer.failures import shown_path


def walk(folder: Path) -> Iterator[tuple[Path, str | None, str]]:
    """``(path, status, message)`` in name order: ``(file, None, "")`` for each file below
    ``folder`` (hidden ones left out), ``(folder, "failed" | "skipped", why)`` for each folder
    that is not read (a failure's message names it, as failures do)."""
    seen: set[tuple[int, int]] = set()

    def visit(current: Path) -> Iterator[tuple[Path, str | None, str]]:
        try:
            info = current.stat()
            key = (info.st_dev, info.st_ino)
            if key in seen:
                yield current, "skipped", "a link to a folder already read (a loop, or the same folder twice)"
                return
            seen.add(key)
            with os.scandir(current) as entries:
                children = sorted(entries, key=lambda entry: entry.name)
        except OSError as error:
            yield current, "failed", f"{shown_path(current)}: cannot read the folder ({error.strerror or error})"
            return
        for entry in children:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if is_folder:
                yield from visit(path)
            elif entry.is_file():
                yield path, None, ""
            elif entry.is_symlink():
                yield path, "skipped", "a link to nothing (or to a loop of links)"

    yield from visit(folder)
