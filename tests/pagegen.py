"""Pages in the seed's format for other dates and page numbers, for tests that need an archive
with more than one page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import SEED

from viewer.model import WEEKDAYS

SEED_MASTHEAD = "8 县域·交城 2025年4月3日 星期四"


def write_page(folder: Path, date: dt.date, page: int) -> Path:
    masthead = f"{page} 县域·交城 {date.year}年{date.month}月{date.day}日 {WEEKDAYS[date.weekday()]}"
    text = SEED.read_text(encoding="utf-8").replace(SEED_MASTHEAD, masthead)
    path = folder / f"{date.isoformat()}_{page:02d}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def weekday_paper(archive, folder: Path):
    """A paper out Monday to Friday, 2 March – 3 April 2026, pages 1–3, with gaps: no issue on
    Wednesday 11 March, and page 2 missing on 16 March."""
    folder.mkdir()
    day = dt.date(2026, 3, 2)
    while day <= dt.date(2026, 4, 3):
        if day.weekday() < 5 and day != dt.date(2026, 3, 11):
            for page in (1, 2, 3):
                if (day, page) != (dt.date(2026, 3, 16), 2):
                    write_page(folder, day, page)
        day += dt.timedelta(days=1)
    report = archive.importing.import_paths([folder])
    assert not report.failed
    return archive
