"""``gazette check``, ``backup`` and ``restore``: is the archive whole, and a copy to keep.

**check** looks at everything an archive is made of and lists each problem: SQLite's integrity
and foreign-key checks; every stored picture present and its bytes matching the hash it is
named by (its preview and thumbnail present); the search index holding as many articles as
the database, and a sample of articles found again by their titles; files in ``pages/`` no
page refers to (left by a crash between writing a picture and committing its page: ``repair``
removes them). Annotations whose article a re-import removed are listed as notes: they are
kept on purpose (see db/0003_annotations.sql).

**backup** copies the database with SQLite's online backup API (safe while the window is open
and writing) and then the pictures it refers to, into a new folder; the search index is not
copied (it is rebuilt from the database). Nothing takes the backup's name until it is complete.

**restore** checks a backup (an archive, sound, every picture present and whole) and puts it
in place of an archive folder; an archive already there is moved aside, never deleted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from viewer.archive import Archive
from viewer.errors import GazetteError
from viewer.maintenance_store import MaintenanceQueries
from viewer.opening import DATABASE_NAME
from viewer.store import Store

ProgressCallback = Callable[[int, int, str], None]
INDEX_SAMPLE = 50  # articles looked up in the index by title
_SEARCHABLE = re.compile(r"[\w\u3400-\u9fff]+")


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)

    @property
    def sound(self) -> bool:
        return not self.problems


def check(archive: Archive, *, repair: bool = False, on_progress: ProgressCallback | None = None) -> CheckReport:
    """Every problem the archive has; with ``repair``, orphan files in ``pages/`` are removed."""
    queries = MaintenanceQueries(archive.store.db)
    report = CheckReport()
    report.problems += [f"database: {problem}" for problem in queries.integrity_problems()]
    referenced = _check_pictures(archive.root / "pages", queries, report, on_progress)
    _check_index(archive, queries, report)
    for path in _orphan_files(archive.root / "pages", referenced):
        name = path.relative_to(archive.root).as_posix()
        if repair and not archive.read_only:
            path.unlink()
            report.repaired.append(f"removed {name}, which no page refers to")
        else:
            report.problems.append(f"{name}: no page refers to it (`gazette check --repair` removes it)")
    for annotation_id, kind, label in queries.orphan_annotations():
        report.notes.append(f"{kind} {annotation_id} belongs to an article a re-import removed ({label}); kept")
    return report


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _check_pictures(pages: Path, queries: MaintenanceQueries, report: CheckReport,
                    on_progress: ProgressCallback | None) -> set[str]:
    rows = queries.page_pictures()
    referenced: set[str] = set()
    for done, (page_id, image, preview, thumbnail) in enumerate(rows):
        if on_progress:
            on_progress(done, len(rows), image)
        referenced.update(name for name in (image, preview, thumbnail) if name)
        original = pages / image
        if not original.is_file():
            report.problems.append(f"page {page_id}: its picture pages/{image} is missing")
        elif _sha256(original) != Path(image).name.split(".")[0]:
            report.problems.append(f"page {page_id}: its picture pages/{image} does not match its hash (damaged)")
        for kind, name in (("preview", preview), ("thumbnail", thumbnail)):
            if name and not (pages / name).is_file():
                report.problems.append(f"page {page_id}: its {kind} pages/{name} is missing")
    return referenced


def _orphan_files(pages: Path, referenced: set[str]) -> list[Path]:
    if not pages.is_dir():
        return []
    return sorted(path for path in pages.rglob("*")
                  if path.is_file() and path.relative_to(pages).as_posix() not in referenced)


def _check_index(archive: Archive, queries: MaintenanceQueries, report: CheckReport) -> None:
    titles = queries.article_titles()
    if archive.indexing.pending():
        report.problems.append(f"search index: {archive.indexing.pending()} article(s) not yet indexed "
                               "(opening the archive for writing, or `gazette reindex`, catches up)")
        return
    indexed = archive.index.doc_count()
    if indexed != len(titles):
        report.problems.append(f"search index: {indexed} article(s) indexed, the database holds {len(titles)} "
                               "(`gazette reindex` rebuilds it)")
        return
    step = max(1, len(titles) // INDEX_SAMPLE)
    for article_id, title in titles[::step][:INDEX_SAMPLE]:
        words = max(_SEARCHABLE.findall(title or ""), key=len, default="")[:6]  # a run the title has as it is
        if len(words) < 2:
            continue
        hits = archive.searching.search(f'title:"{words}"', limit=1000).hits
        if article_id not in {hit.article_id for hit in hits}:
            report.problems.append(f"search index: article {article_id} is not found by its title "
                                   "(`gazette reindex` rebuilds it)")


def backup(archive: Archive, destination: Path | str, on_progress: ProgressCallback | None = None) -> Path:
    """Copy the archive into ``destination`` (a new folder, or an empty one); returns it."""
    destination = Path(os.path.abspath(destination))
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise GazetteError(f"{destination}: a backup goes into a new or empty folder")
    if not destination.parent.is_dir():
        raise GazetteError(f"{destination.parent}: no such folder")
    staging = destination.with_name(f".{destination.name}.partial")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        (staging / "pages").mkdir(parents=True)
        MaintenanceQueries(archive.store.db).backup_to(staging / DATABASE_NAME)
        copied = Store(staging / DATABASE_NAME, read_only=True)  # the pictures the copy refers to
        try:
            rows = MaintenanceQueries(copied.db).page_pictures()
        finally:
            copied.close()
        for done, (_, *names) in enumerate(rows):
            if on_progress:
                on_progress(done, len(rows), names[0] or "")
            for name in filter(None, names):
                source, target = archive.root / "pages" / name, staging / "pages" / name
                if source.is_file() and not target.exists():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(source, target)
        if destination.exists():
            destination.rmdir()
        staging.rename(destination)
    except OSError as error:
        raise GazetteError(f"{destination}: the backup could not be written ({error.strerror or error}); "
                           "nothing was left there") from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return destination


def restore(backup_folder: Path | str, target: Path | str) -> tuple[Path | None, CheckReport]:
    """Copy the backup beside ``target``, index and check the copy, then put it in place; an
    archive already at ``target`` is moved aside. The backup itself is not changed. Returns
    where the old archive went (or None) and the check."""
    backup_folder, target = Path(os.path.abspath(backup_folder)), Path(os.path.abspath(target))
    staging = target.with_name(f".{target.name}.restoring")
    shutil.rmtree(staging, ignore_errors=True)
    moved_aside = None
    try:
        shutil.copytree(backup_folder, staging)
        with Archive(staging, create=False) as candidate:
            candidate.indexing.rebuild()  # a backup carries no index
            report = check(candidate)
        if not report.sound:
            raise GazetteError(f"{backup_folder}: not restored, the backup has problems: " + "; ".join(report.problems))
        if target.exists():
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            moved_aside = target.with_name(f"{target.name}.before-restore-{stamp}")
            target.rename(moved_aside)
        staging.rename(target)
    except OSError as error:
        raise GazetteError(f"{target}: the backup could not be put in place ({error.strerror or error})") from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return moved_aside, report
