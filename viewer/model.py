"""Plain data: what a reader produces and what the archive hands out.

No I/O here and no Qt; every other module speaks in these types.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Roles of the people who made a page (printed in the credits line under the masthead).
PAGE_ROLES = ("组版", "责编", "责任编辑", "编辑", "美编", "校对", "合办", "主编", "审核", "审校",
              "终审", "版式", "设计", "制图", "排版", "统筹", "监制", "主办", "协办", "承办")
# Roles of the people who made an article (its byline).
AUTHOR_ROLES = ("文", "记者", "本报记者", "特约记者", "通讯员", "撰稿", "作者", "实习生")
PHOTO_ROLES = ("图", "摄影", "摄", "图片")

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


@dataclass
class Credit:
    """One person (or body) in one role, e.g. ``Credit("责编", "王耀")``."""

    role: str
    name: str


@dataclass
class Article:
    title: str = ""
    subtitle: str = ""
    kicker: str = ""
    credits: list[Credit] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    raw_text: str = ""
    id: int | None = None
    seq: int = 0
    source_lines: list[int] = field(default_factory=list)  # the page text's lines it was read from
    region: list[tuple[int, int, int, int]] = field(default_factory=list)  # [x, y, w, h] on the picture


@dataclass(frozen=True)
class PageImage:
    """A page picture stored in the archive; paths are inside its pages/ folder."""

    path: str
    preview: str
    thumbnail: str
    width: int
    height: int


@dataclass
class Page:
    """One newspaper page as read from one source file."""

    publication: str
    date: dt.date | None
    number: int | None
    label: str = ""  # the page as printed: "8", "A8"
    masthead: str = ""  # the masthead line(s) as printed
    section: str = ""
    weekday: str = ""
    credits: list[Credit] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    unassigned: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    raw_text: str = ""
    source_path: str = ""
    sha256: str = ""
    encoding: str = ""
    picture: bytes | None = None  # the page picture as read (scan) or rendered (PDF), encoded
    image: PageImage | None = None  # where the picture is stored, once it is
    char_boxes: list[tuple[int, int, int, int] | None] | None = None  # one per char of raw_text
    char_confidence: list[float | None] | None = None  # OCR confidence 0–1 per char of raw_text
    id: int | None = None


def group_credits(credits: list[Credit]) -> dict[str, list[str]]:
    """Credits as ``{role: [names in order]}``, roles in order of first appearance."""
    grouped: dict[str, list[str]] = {}
    for credit in credits:
        grouped.setdefault(credit.role, []).append(credit.name)
    return grouped


@dataclass
class ImportOutcome:
    """What happened to one file of an import."""

    path: str
    status: str  # "imported" | "skipped" | "failed"
    message: str = ""
    article_ids: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    outcomes: list[ImportOutcome] = field(default_factory=list)

    def by_status(self, status: str) -> list[ImportOutcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def imported(self) -> list[ImportOutcome]:
        return self.by_status("imported")

    @property
    def skipped(self) -> list[ImportOutcome]:
        return self.by_status("skipped")

    @property
    def failed(self) -> list[ImportOutcome]:
        return self.by_status("failed")


def format_credits(credits: list[Credit]) -> str:
    """A byline as printed: ``文/冀美丽 图/褚泰杰 田谷仓``."""
    return " ".join(f"{role}/{' '.join(names)}" for role, names in group_credits(credits).items())


@dataclass
class SearchDoc:
    """What the search index needs to know of one article; built from SQLite by the store.

    The text is the article's current one (as corrected by editors); what editors added
    comes after the page credits."""

    article_id: int
    publication: str
    date: str  # ISO date, "" when unknown
    page: int | None
    page_label: str
    section: str
    title: str
    subtitle: str
    kicker: str
    byline: str  # format_credits(article credits)
    paragraphs: list[str]
    credits: dict[str, list[str]]  # the article's roles → names (文, 图, 记者 …)
    page_credits: dict[str, list[str]]  # the page's roles → names (组版, 责编, 校对 …)
    # Lines of the imported reading and of each revision that the current text lacks, so that
    # search finds the text as first printed (and as corrected before) too.
    earlier_readings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # notes, highlight comments and quotes, as text
    tags: list[str] = field(default_factory=list)
    collections: list[str] = field(default_factory=list)
    annotators: list[str] = field(default_factory=list)  # who noted, highlighted, tagged or corrected
