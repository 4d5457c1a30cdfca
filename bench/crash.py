"""Crash harness: import a batch in a subprocess, SIGKILL it at a random moment, and check the
archive after each kill. ``--kills`` times on one archive (cumulative: each import resumes the
last one's work) and as many times on a new archive (fresh).

After each kill: the archive opens; ``PRAGMA integrity_check`` is ok; every page in SQLite is
complete (its articles and their text are exactly what reading its source file gives: no page
is half-imported); search for a term finds exactly the articles a scan of SQLite finds (first
as the archive opens, then after at most a ``reindex``: the counts say which was needed); the
next import is not blocked by a lock (cumulative: it runs and finishes at the end); no picture
in ``pages/`` is left that no page refers to (``check`` reports them; counted, then repaired).

    python bench/crash.py [--kills 100] [--files 24] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from viewer.archive import Archive
from viewer.errors import GazetteError
from viewer.ingest import ReadOptions, read_pages
from viewer.maintenance import check

SEED = ROOT / "tests" / "data" / "seed" / "jiaocheng-2025-04-03-p8.txt"
TERM = "民生"  # in titles and body text, not in the section name (县域·交城)


@dataclass
class Tally:
    kills: int = 0
    opened: int = 0
    not_yet_made: int = 0  # killed before the archive's first commit: nothing to open
    integrity_ok: int = 0
    pages_complete: int = 0  # archives where every page is whole
    search_agrees_on_open: int = 0
    search_agrees_after_reindex: int = 0
    search_said_pending: int = 0
    orphan_files: int = 0  # kills after which pages/ held an unreferenced file
    problems: list[str] = field(default_factory=list)


def make_batch(folder: Path, files: int) -> list[Path]:
    """``files`` pages: the seed as pages 1, 2, … of 2025-04-03, every fourth one with a scan."""
    from PIL import Image

    folder.mkdir(parents=True)
    text = SEED.read_text(encoding="utf-8")
    paths = []
    for number in range(1, files + 1):
        page = text.replace("8 县域·交城 2025年4月3日", f"{number} 县域·交城 2025年4月3日") + f"\n第{number}页补记。\n"
        path = folder / f"2025-04-03_{number:02d}.txt"
        path.write_text(page, encoding="utf-8")
        paths.append(path)
        if number % 4 == 0:  # a scan beside its text: a picture written before the page commits
            Image.new("L", (1200 + number, 1600), 255).save(folder / f"2025-04-03_{number:02d}.png")
    return paths


def import_command(archive: Path, batch: Path) -> list[str]:
    return [sys.executable, str(ROOT / "main.py"), "--archive", str(archive), "import", str(batch)]


def timed_import(archive: Path, batch: Path) -> float:
    started = time.perf_counter()
    subprocess.run(import_command(archive, batch), capture_output=True, check=False, timeout=600)
    return time.perf_counter() - started


def expected_articles(source: str) -> list[list[str]]:
    path = Path(source)
    pages = read_pages(path, path.read_bytes(), ReadOptions())
    return [article.paragraphs for page in pages for article in page.articles]


def inspect(archive_dir: Path, tally: Tally, label: str) -> None:
    database = archive_dir / "archive.sqlite"
    if not database.exists():
        tally.not_yet_made += 1
        return
    try:
        archive = Archive(archive_dir, create=False)
    except GazetteError as error:
        if "no archive there" in str(error):
            tally.not_yet_made += 1
            return
        tally.problems.append(f"{label}: does not open: {error}")
        return
    with archive:
        tally.opened += 1
        connection = sqlite3.connect(database)
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        rows = connection.execute("SELECT page.id, page.source_path FROM page").fetchall()
        stored = {page_id: [list(a.text.paragraphs) for a in archive.browsing.page(page_id).articles]
                  for page_id, _ in rows}
        containing = {row[0] for row in connection.execute(
            "SELECT id FROM article WHERE instr(title || char(10) || paragraphs, ?) > 0", [TERM])}
        connection.close()
        if integrity == "ok":
            tally.integrity_ok += 1
        else:
            tally.problems.append(f"{label}: integrity_check: {integrity}")
        half = [source for page_id, source in rows if stored[page_id] != expected_articles(source)]
        if half:
            tally.problems.append(f"{label}: pages not as their files read: {half}")
        else:
            tally.pages_complete += 1
        result = archive.searching.search(TERM, limit=100_000)
        if {hit.article_id for hit in result.hits} == containing:
            tally.search_agrees_on_open += 1
        elif result.pending:
            tally.search_said_pending += 1  # said how many articles are still being indexed
        archive.indexing.catch_up()
        found = {hit.article_id for hit in archive.searching.search(TERM, limit=100_000).hits}
        if found == containing:
            tally.search_agrees_after_reindex += 1
        else:
            tally.problems.append(f"{label}: search finds {len(found)}, SQLite {len(containing)} after reindex")
        orphans = [p for p in check(archive).problems if "no page refers to it" in p]
        if orphans:
            tally.orphan_files += 1
            check(archive, repair=True)


def kill_at_random(archive_dir: Path, batch: Path, longest: float, rnd: random.Random) -> None:
    process = subprocess.Popen(import_command(archive_dir, batch), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    time.sleep(rnd.uniform(0.05, longest))
    process.send_signal(signal.SIGKILL)
    process.wait()


def run(kills: int, files: int, seed: int, work: Path) -> dict[str, Tally]:
    rnd = random.Random(seed)
    batch = work / "batch"
    make_batch(batch, files)
    longest = timed_import(work / "calibration", batch) * 1.1
    results = {}
    for mode in ("cumulative", "fresh"):
        tally = Tally()
        for n in range(kills):
            archive_dir = work / mode / (f"{n}" if mode == "fresh" else "archive")
            kill_at_random(archive_dir, batch, longest, rnd)
            tally.kills += 1
            inspect(archive_dir, tally, f"{mode} {n}")
            if mode == "fresh":
                shutil.rmtree(archive_dir, ignore_errors=True)
        if mode == "cumulative":  # no stale lock: an import after all the kills finishes the batch
            done = subprocess.run(import_command(work / mode / "archive", batch), capture_output=True, text=True,
                                  timeout=600)
            with Archive(work / mode / "archive", create=False) as archive:
                pages = archive.browsing.stats()["pages"]
            if done.returncode != 0 or pages != files:
                tally.problems.append(f"final import: exit {done.returncode}, {pages} of {files} pages: "
                                      f"{done.stdout[-500:]}{done.stderr[-500:]}")
        results[mode] = tally
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--files", type=int, default=24)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        results = run(args.kills, args.files, args.seed, Path(work))
    for mode, tally in results.items():
        print(f"{mode}: {tally.kills} kills; opened {tally.opened}, not yet made {tally.not_yet_made}; "
              f"integrity ok {tally.integrity_ok}; every page whole {tally.pages_complete}; search = SQLite scan "
              f"on open {tally.search_agrees_on_open}, said pending {tally.search_said_pending}, after catch-up "
              f"{tally.search_agrees_after_reindex}; orphan files after {tally.orphan_files}")
        for problem in tally.problems:
            print(f"  problem: {problem}")
    problems = Counter(mode for mode, tally in results.items() for _ in tally.problems)
    sys.exit(1 if sum(problems.values()) else 0)


if __name__ == "__main__":
    main()
