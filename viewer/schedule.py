"""When a paper comes out, and so which dates are missing from an archive.

A county daily may skip weekends or appear three times a week; the archive does not know its
schedule, so it is read from the issues present: a weekday is a publishing day when at least
half of the weeks between the first and the last issue have an issue on it. A missing date is
a publishing day within that span with no issue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

PUBLISHING_SHARE = 0.5  # of the weeks spanned, for a weekday to count as a publishing day


def publishing_weekdays(weekday_counts: Mapping[int, int], first: dt.date, last: dt.date) -> set[int]:
    """Weekdays (Monday 0 … Sunday 6) the paper appears on, from its issues per weekday."""
    weeks = (last - first).days // 7 + 1
    return {day for day, count in weekday_counts.items() if count >= PUBLISHING_SHARE * weeks}


def missing_dates(present: Iterable[dt.date], weekdays: set[int], first: dt.date, last: dt.date,
                  *, span: tuple[dt.date, dt.date]) -> list[dt.date]:
    """Publishing days in ``first``…``last`` (inclusive) with no issue, counting only days
    inside ``span``, the paper's first and last issue in the archive."""
    present = set(present)
    day, end = max(first, span[0]), min(last, span[1])
    missing = []
    while day <= end:
        if day.weekday() in weekdays and day not in present:
            missing.append(day)
        day += dt.timedelta(days=1)
    return missing
