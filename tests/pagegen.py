"""Pages in the seed's format for other dates and page numbers, for tests that need an archive
with more than one page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import SEED

from viewer.model import WEEKDAYS

SEED_MASTHEAD = "8 县域·交城 2025年4月3日 星期四"
ISSUE_DATE = dt.date(2025, 4, 4)
ISSUE_PAGES = 12


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


def sample_and_issue(folder: Path, pages: int = ISSUE_PAGES) -> None:
    """A template (conftest's ``templates``): the sample page and, a day later, an issue of
    ``pages`` pages like it (an article each), written to ``folder/pages`` and imported into
    ``folder/archive``."""
    from viewer.archive import Archive

    (folder / "pages").mkdir()
    for page in range(1, pages + 1):
        write_page(folder / "pages", ISSUE_DATE, page)
    with Archive(folder / "archive") as archive:
        archive.importing.load_sample()
        report = archive.importing.import_paths([folder / "pages"])
    assert len(report.imported) == pages and not report.failed


def weekday_paper_archive(folder: Path) -> None:
    """A template (conftest's ``templates``): :func:`weekday_paper` in ``folder/archive``."""
    from viewer.archive import Archive

    with Archive(folder / "archive") as archive:
        weekday_paper(archive, folder / "pages")


def sample(folder: Path) -> None:
    """A template (conftest's ``templates``): the sample page alone, in ``folder/archive``."""
    from viewer.archive import Archive

    with Archive(folder / "archive") as archive:
        archive.importing.load_sample()
