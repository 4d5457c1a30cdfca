"""Import throughput: pages per second for N generated pages in the seed's format.

Each page is the seed with another date and page number (so each is a new page and a new
file). Printed beside two references measured in the same run on the same files: reading
alone (decode + parse, no database), and the floor of storing them (one sqlite-utils insert of
the raw text per file, one transaction each).

    python bench/import_pages.py [--pages 500]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

from sqlite_utils import Database

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from viewer.archive import SAMPLE_PAGE, Archive  # noqa: E402
from viewer.ingest import ReadOptions, read_pages  # noqa: E402
from viewer.model import WEEKDAYS  # noqa: E402


def generate(folder: Path, count: int) -> list[Path]:
    seed = SAMPLE_PAGE.read_text(encoding="utf-8")
    paths = []
    for n in range(count):
        date = dt.date(2020, 1, 1) + dt.timedelta(days=n // 8)
        page = n % 8 + 1
        masthead = f"{page} 县域·交城 {date.year}年{date.month}月{date.day}日 {WEEKDAYS[date.weekday()]}"
        text = seed.replace("8 县域·交城 2025年4月3日 星期四", masthead)
        path = folder / f"{date.isoformat()}_{page:02d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def timed(label: str, count: int, work) -> float:
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    print(f"{label:<38} {count / seconds:>9.1f} pages/s   ({seconds:.2f} s)")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "pages").mkdir()
        paths = generate(tmp / "pages", args.pages)
        print(f"{args.pages} pages of {SAMPLE_PAGE.stat().st_size // 1024} KB each")

        def read_only():
            for path in paths:
                read_pages(path, path.read_bytes(), ReadOptions())

        def raw_inserts():
            db = Database(tmp / "raw.sqlite")
            db.execute("PRAGMA journal_mode=WAL")
            for path in paths:
                with db.atomic():
                    db["page"].insert({"path": str(path), "text": path.read_text(encoding="utf-8")})

        def gazette_import():
            with Archive(tmp / "archive") as archive:
                report = archive.importing.import_paths([tmp / "pages"])
                assert len(report.imported) == args.pages, report.failed[:3]

        timed("reference: read + parse only", args.pages, read_only)
        timed("reference: raw sqlite-utils insert", args.pages, raw_inserts)
        timed("gazette import (read, parse, store)", args.pages, gazette_import)


if __name__ == "__main__":
    main()
