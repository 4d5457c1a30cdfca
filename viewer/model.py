"""Plain data: what a reader produces (the write side) and what the archive hands out (the
read model: the article as shown, a page, an issue, an annotation, a search hit …).

No I/O here and no Qt; every other module speaks in these types. The read model is built by
the store, always from an article's current (corrected) text, and :class:`Reading` is the one
definition of an article's text as search, snippets and the window's hit marks see it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from viewer.change import Change

# Roles of the people who made a page (printed in the credits line under the masthead).
PAGE_ROLES = ("组版", "责编", "责任编辑", "编辑", "美编", "校对", "合办", "主编", "审核", "审校",
              "终审", "版式", "设计", "制图", "排版", "统筹", "监制", "主办", "协办", "承办",
              "美术编辑", "本版编辑", "值班编辑", "责任校对", "版式设计", "策划", "值班主任", "校审")
# Roles of the people who made an article (its byline).
AUTHOR_ROLES = ("文", "记者", "本报记者", "特约记者", "通讯员", "撰稿", "作者", "实习生",
                "本报评论员", "评论员", "特约评论员")
PHOTO_ROLES = ("图", "摄影", "摄", "图片")
# Roles that name a body, not a person (a page's co-producers, sponsors, suppliers): such a
# credit is printed and found by a plain search, but is never one of the article's people.
ORGANISATION_ROLES = ("合办", "主办", "协办", "承办", "联办", "出品", "供稿")

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
    ocr_engine: str = ""  # the engine that read the text from the picture; "" when not OCR'd
    ocr_confidence: float | None = None  # its mean confidence over the page
    id: int | None = None


def names_a_person(role: str) -> bool:
    """Whether a credit in ``role`` names a person (not one of :data:`ORGANISATION_ROLES`)."""
    return role not in ORGANISATION_ROLES


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
    needs: tuple[str, ...] = ()  # a refused file: what would let it in (viewer.errors.IMPORT_NEEDS)
    page_ids: list[int] = field(default_factory=list)  # the pages it added or replaced


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

    @property
    def change(self) -> Change:
        """What the import changed: the pages it added or replaced and their articles (an
        article read again keeps its id, so its text is what changed); the index to check."""
        imported = self.imported
        return Change(texts=tuple(i for o in imported for i in o.article_ids),
                      pages=tuple(i for o in imported for i in o.page_ids), index=True)


def format_credits(credits: list[Credit]) -> str:
    """A byline as printed: ``文/冀美丽 图/褚泰杰 田谷仓``."""
    return " ".join(f"{role}/{' '.join(names)}" for role, names in group_credits(credits).items())


@dataclass
class SearchDoc:
    """What the search index needs to know of one article; built from SQLite by the store.

    ``text`` is the article's current reading (as corrected by editors); what editors added
    comes after the page credits."""

    article_id: int
    publication: str
    date: str  # ISO date, "" when unknown
    page: int | None
    page_label: str
    section: str
    text: Reading
    page_credits: dict[str, list[str]]  # the page's roles → names (组版, 责编, 校对 …)
    # Lines of the imported reading and of each revision that the current text lacks, so that
    # search finds the text as first printed (and as corrected before) too.
    earlier_readings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # notes, highlight comments and quotes, as text
    tags: list[str] = field(default_factory=list)
    collections: list[str] = field(default_factory=list)
    annotators: list[str] = field(default_factory=list)  # who noted, highlighted, tagged or corrected

    def people(self) -> tuple[tuple[str, str], ...]:
        """Everyone who made the article, as (role, name): its byline's people, then its page's
        (组版, 责编, 校对 …), who made every article on the page. Bodies (合办 …) are not people."""
        return tuple((role, name) for group in (self.text.credits_by_role, self.page_credits)
                     for role, names in group.items() if names_a_person(role) for name in names)

    def indexed_text(self) -> str:
        """What a plain search looks in: the article's search text (:meth:`Reading.search_text`),
        then its page's people (:func:`page_people_line`), then its earlier readings."""
        return "\n".join([self.text.search_text(), page_people_line(self.page_credits), *self.earlier_readings])


def page_people_line(page_credits: dict[str, list[str]]) -> str:
    """The page's people as one line, as a search finds them: ``组版/惠爱宏 李晓玲 责编/王耀 …``."""
    return format_credits([Credit(role, name) for role, names in page_credits.items() for name in names])


# -- the read model ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    """One reading of an article's text: as imported, as a revision, or as it reads now.

    Its **search text** is :meth:`search_lines` joined by ``"\\n"``, always in this order and
    always all present (empty ones as empty lines)::

        line 0  title        line 2  subtitle     line 4…  the paragraphs, one per line
        line 1  kicker       line 3  byline (format_credits of the credits)

    Search indexes it, hit spans point into it and the window places them by it. The **body
    text** (the paragraphs joined by ``"\\n"``) is what highlights are anchored in.
    """

    title: str = ""
    subtitle: str = ""
    kicker: str = ""
    credits: tuple[Credit, ...] = ()
    paragraphs: tuple[str, ...] = ()

    @property
    def byline(self) -> str:
        return format_credits(list(self.credits))

    @property
    def credits_by_role(self) -> dict[str, list[str]]:
        return group_credits(list(self.credits))

    def search_lines(self) -> list[str]:
        return [self.title, self.kicker, self.subtitle, self.byline, *self.paragraphs]

    def search_text(self) -> str:
        return "\n".join(self.search_lines())

    def body_text(self) -> str:
        return "\n".join(self.paragraphs)

    def body_offset(self) -> int:
        """Where the body text starts in the search text."""
        return sum(len(line) + 1 for line in self.search_lines()[:4])


TITLE_LINE, KICKER_LINE, SUBTITLE_LINE, BYLINE_LINE, FIRST_PARAGRAPH_LINE = range(5)


@dataclass(frozen=True)
class ArticleRow:
    """One line of a list of articles (``gazette list``, the browse lists)."""

    id: int
    publication: str
    date: str
    page: int
    page_label: str
    section: str
    title: str
    seq: int = 0

    def to_json(self) -> dict:
        return {"id": self.id, "publication": self.publication, "date": self.date, "page": self.page,
                "section": self.section, "title": self.title}


@dataclass(frozen=True)
class AnnotationEntry:
    """Something an editor put on an article: a note, highlight, tag, correction or
    collection membership, with who and when. ``span`` is a highlight's place in the body
    text; ``id`` is the annotation's or revision's (None for tags and collections)."""

    kind: str
    text: str
    author: str
    time: str
    id: int | None = None
    format: str = "plain"
    quote: str | None = None
    span: tuple[int, int] | None = None
    colour: str | None = None
    orphaned: bool = False

    def to_json(self) -> dict:
        entry = {"kind": self.kind, "id": self.id, "text": self.text, "format": self.format,
                 "quote": self.quote, "span": list(self.span) if self.span else None,
                 "colour": self.colour, "orphaned": self.orphaned, "author": self.author, "time": self.time}
        if self.kind not in ("note", "highlight"):
            for key in ("format", "colour", "orphaned"):
                del entry[key]
            if self.kind != "correction":
                del entry["id"]
        return entry


@dataclass(frozen=True)
class OcrNote:
    """Text read from the page picture by OCR: which engine, and how sure it was overall."""

    engine: str
    confidence: float | None

    def __str__(self) -> str:
        sure = f"，平均置信度 {self.confidence:.0%}" if self.confidence is not None else ""
        return f"OCR 识别（{self.engine}{sure}）"


@dataclass(frozen=True)
class ArticleView:
    """An article as shown: its current text, where it sits, and what editors put on it."""

    id: int
    page_id: int
    issue_id: int
    publication_id: int
    publication: str
    date: str
    weekday: str
    page: int
    page_label: str
    section: str
    page_credits: dict[str, list[str]]
    text: Reading
    revision: int | None  # the revision it reads as now; None: the imported reading
    unassigned: tuple[str, ...]
    source_path: str
    source_sha256: str
    page_image: str | None  # inside the archive folder: "pages/…"
    regions: tuple[tuple[int, int, int, int], ...]
    annotations: tuple[AnnotationEntry, ...] = ()
    ocr: OcrNote | None = None  # the page's text was read from its picture by OCR
    unsure: tuple[tuple[int, int], ...] = ()  # spans of the search text OCR was unsure of

    @property
    def title(self) -> str:
        return self.text.title

    @property
    def label(self) -> str:
        """How the article is named in lists and orphaned notes: date, page and title."""
        return f"{self.date} 第{self.page_label}版：{self.title or '（无题）'}"

    def to_json(self, *, with_annotations: bool = True) -> dict:
        """The shape of ``gazette show --json`` (and of the json export)."""
        shown = {
            "id": self.id, "publication": self.publication, "date": self.date, "weekday": self.weekday,
            "page": self.page, "page_label": self.page_label, "section": self.section,
            "page_credits": self.page_credits,
            "title": self.text.title, "subtitle": self.text.subtitle, "kicker": self.text.kicker,
            "credits": self.text.credits_by_role, "paragraphs": list(self.text.paragraphs),
            "unassigned": list(self.unassigned),
            "source": {"path": self.source_path, "sha256": self.source_sha256},
            "page_image": self.page_image, "regions": [list(box) for box in self.regions],
        }
        if self.ocr is not None:
            shown["ocr"] = {"engine": self.ocr.engine, "confidence": self.ocr.confidence}
        if with_annotations:
            shown["annotations"] = [entry.to_json() for entry in self.annotations]
        return shown


@dataclass(frozen=True)
class PageArticle:
    """An article as the page view lists it."""

    id: int
    seq: int
    text: Reading
    region: tuple[tuple[int, int, int, int], ...]

    @property
    def title(self) -> str:
        return self.text.title


@dataclass(frozen=True)
class PageView:
    """One page: masthead facts, its editors, its picture (file names inside ``pages/``; None
    without one), the text that belongs to no article, and its articles in order."""

    id: int
    issue_id: int
    publication: str
    date: str
    number: int
    label: str
    section: str
    weekday: str
    credits: dict[str, list[str]]
    image: str | None
    preview: str | None
    image_width: int | None
    image_height: int | None
    unassigned: tuple[str, ...]
    articles: tuple[PageArticle, ...]
    ocr: OcrNote | None = None


@dataclass(frozen=True)
class Publication:
    id: int
    name: str
    issues: int
    first_date: str | None
    last_date: str | None


@dataclass(frozen=True)
class Issue:
    id: int
    date: str
    publication_id: int
    publication: str


@dataclass(frozen=True)
class IssueDay:
    """An issue in the calendar: its page count and the page numbers missing below the highest."""

    id: int
    date: str
    pages: int
    missing_pages: tuple[int, ...]


@dataclass(frozen=True)
class ArticleTitle:
    id: int
    seq: int
    title: str


@dataclass(frozen=True)
class IssuePage:
    """A page in an issue's list of pages, with its articles' titles."""

    id: int
    number: int
    label: str
    section: str
    image: str | None
    thumbnail: str | None
    articles: tuple[ArticleTitle, ...]


@dataclass(frozen=True)
class ArticleLocation:
    page_id: int
    issue_id: int
    publication_id: int
    date: str


@dataclass(frozen=True)
class Revision:
    """One reading in an article's history (the first is the imported one, ``id`` None)."""

    id: int | None
    text: Reading
    summary: str
    author: str
    created: str


@dataclass(frozen=True)
class Hit:
    """One search result. ``spans`` are ``[start, end)`` in the article's search text
    (:meth:`Reading.search_text`), in code points."""

    article_id: int
    title: str
    date: str
    page: int | None
    page_label: str
    section: str
    score: float
    snippet: str
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class SearchResult:
    query: str
    total: int
    hits: tuple[Hit, ...]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    pending: int = 0  # articles committed to SQLite that the index has not taken in yet

    def to_json(self) -> dict:
        return {"query": self.query, "total": self.total, "hits": [asdict(hit) for hit in self.hits],
                "facets": self.facets}
