"""How much work one input file may cause, so a small hostile file cannot hold an import for
minutes or fill the memory (a 907 KB TIFF of 100 blank 12000 × 12000 frames took 172 s and
970 MB before these limits).

Each limit is checked before the work it bounds: the page count of a TIFF or PDF as soon as it
is open, each frame's size before that frame is decoded, the text before it is parsed. Time
cannot be checked inside one decode, so it is checked between the steps of a file (frame by
frame, page by page); each refusal is an :class:`~viewer.errors.InputError` naming the file
and the limit.
"""

from __future__ import annotations

import time

from viewer.errors import InputError

MAX_PAGES_PER_FILE = 64  # pages of a multi-page TIFF or a PDF: more than any issue of a county paper
MAX_PIXELS = 150_000_000  # one page picture: 12,000 × 12,500, larger than any page scan we expect
MAX_FILE_PIXELS = 2_000_000_000  # all pages of one file: 16 scans at 600 dpi
MAX_TEXT_CHARS = 2_000_000  # the text of one page (a dense broadsheet has under 30,000 characters)
SECONDS_PER_FILE = 120.0  # a scan of a whole issue reads in seconds; minutes means something is wrong
OCR_SECONDS_PER_PAGE = 300.0  # more for each page read by OCR (tens of seconds on 2 cores, per page)


def check_page_count(count: int, source: str) -> None:
    if count > MAX_PAGES_PER_FILE:
        raise InputError(f"{source}: {count} pages in one file is more than the {MAX_PAGES_PER_FILE} "
                         "a file may have; split it into issues")


def check_text_size(text: str, source: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"{source}: {len(text):,} characters is more than the {MAX_TEXT_CHARS:,} "
                         "a page of text may have")


class Deadline:
    """The time one file may take, checked between its steps."""

    def __init__(self, source: str, seconds: float | None = None):
        self.source = source
        self.seconds = SECONDS_PER_FILE if seconds is None else seconds
        self.ends = time.monotonic() + self.seconds

    def allow(self, seconds: float) -> None:
        """Give the file ``seconds`` more, for a step known to be slow (OCR of a page)."""
        self.seconds += seconds
        self.ends += seconds

    def check(self, done: str) -> None:
        """Raise when the file has had its time; ``done`` says how far it got (``"page 3"``)."""
        if time.monotonic() > self.ends:
            raise InputError(f"{self.source}: reading took more than the {self.seconds:.0f} s a file may "
                             f"take (stopped at {done}); nothing of it was imported")
