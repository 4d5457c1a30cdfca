"""Pages from library digitisation: an issue's METS with its ALTO pages, or one ALTO page.

**Each ALTO page** becomes a :class:`~viewer.model.Page`: its text as printed, a box per
character in the pixels of the page picture, a confidence per character (see
:mod:`viewer.ingest.alto`). The picture is the first one the METS names for the page (for a
lone ALTO file: a picture of the same name beside it) that can be read, else the page PDF
rendered; the ALTO ``Page`` size is mapped onto it, whatever the unit (pixel, inch1200, mm10).

**Articles** come from the METS logical structure: each ARTICLE, ADVERTISEMENT … division,
its title from MODS (else its heading areas, else its LABEL), its MODS names as credits, one
paragraph per area that is not a heading (a heading whose text differs from the title is kept
as the first paragraph). An article spread over pages belongs to the page where it starts:
it holds the text of all its areas, in order, but its lines, region and hit outlines are those
on its first page; the pages it continues on note that the lines belong to it. Areas on pages
whose ALTO is not in the folder are reported in the page's warnings.

**Without a logical structure** (a lone ALTO file, or a METS that has none), a page is one
untitled article made of its text blocks, one paragraph each, as for plain text; each composed
block the ALTO calls an advertisement is an article of its own.

**Nothing lost**: text in no article (mastheads, section headings, a block the METS does not
cover) is the page's unassigned text, one entry per block.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from xml.etree.ElementTree import Element

from PIL import features

from viewer.errors import GazetteError, ImportRefused, InputError, needed
from viewer.geometry import region
from viewer.ingest.alto import AltoPage, alto_pages, page_text, read_alto, scaled
from viewer.ingest.mets import Area, LogicalArticle, MetsIssue, mets_from_root
from viewer.ingest.pdf import read_pdf
from viewer.model import Article, Credit, Page
from viewer.pictures import open_picture

PICTURE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".bmp", ".jp2", ".j2k")
ROLES = {"aut": "作者", "author": "作者", "pht": "摄影", "ill": "图", "edt": "编辑"}  # MARC relator → role
ADVERT_BLOCK_TYPES = {"advertisement", "advert"}


@dataclasses.dataclass
class _AltoSource:
    """One ALTO page being assembled."""

    page: Page
    alto: AltoPage
    scale: tuple[float, float]  # from the ALTO unit to the picture's pixels
    claimed: set[int] = dataclasses.field(default_factory=set)  # lines some article holds


def read_alto_pages(path: Path, root: Element, *, publication: str, date: dt.date, number: int) -> list[Page]:
    """A lone ALTO file (consecutive pages from ``number`` if it has several), its picture
    beside it (same name) when it is one page."""
    altos = alto_pages(root, str(path))
    beside = [path.with_suffix(s) for s in (*PICTURE_SUFFIXES, ".pdf")] if len(altos) == 1 else []
    pages = []
    for index, alto in enumerate(altos):
        source = _alto_source(alto, str(path), [p for p in beside if p.is_file()], publication, date,
                              number + index, str(number + index))
        _untitled_articles(source)
        _keep_unassigned(source)
        pages.append(source.page)
    return pages


def read_mets_issue(path: Path, root: Element, *, publication: str | None, date: dt.date | None) -> list[Page]:
    """The pages of an issue whose ALTO files are in the folder, with their articles.
    ``publication`` and ``date`` (given by the user) win over the METS's."""
    issue = mets_from_root(root, str(path))
    date = date or issue.date
    if date is None:
        raise ImportRefused(f"{path}: the METS gives no issue date; to import it, give {needed(('date',))}",
                            ("date",))
    publication = publication or issue.publication
    if not publication:
        raise ImportRefused(f"{path}: the METS names no publication; to import it, give "
                            f"{needed(('publication',))}", ("publication",))
    sources: dict[str, _AltoSource] = {}  # ALTO file ID → its page
    absent: list[str] = []
    for mets_page in issue.pages:
        alto_id, alto_path = _alto_of(issue, mets_page.file_ids, path.parent)
        if alto_path is None:
            absent.append(mets_page.label)
            continue
        pictures = [p for p in (issue.local_file(i, path.parent) for i in mets_page.file_ids) if p is not None]
        try:
            alto, *more = read_alto(alto_path.read_bytes(), str(alto_path))
        except OSError as error:
            raise InputError(f"{alto_path}: cannot read ({error.strerror})") from error
        if more:  # the METS names one picture and one page for it
            raise InputError(f"{alto_path}: {len(more) + 1} pages in the ALTO file of one METS page")
        sources[alto_id] = _alto_source(alto, str(alto_path), pictures, publication, date,
                                        mets_page.number, mets_page.label)
    if not sources:
        raise InputError(f"{path}: none of the ALTO files the METS names is in its folder")
    pages = [source.page for source in sources.values()]
    if absent:
        pages[0].warnings.append(f"page(s) {', '.join(absent)} of the METS have no ALTO file in the "
                                 "folder: not imported")
    if issue.articles:
        _logical_articles(issue, sources, pages[0])
    else:
        for source in sources.values():
            _untitled_articles(source)
    for source in sources.values():
        _keep_unassigned(source)
    return pages


# -- one page --------------------------------------------------------------------------------------

def _alto_source(alto: AltoPage, source: str, pictures: list[Path], publication: str, date: dt.date,
                 number: int, label: str) -> _AltoSource:
    picture, size = _page_picture(pictures)
    raw_text, boxes, confidence = page_text(alto, alto.scale_to(size))
    page = Page(publication=publication, date=date, number=number, label=label, raw_text=raw_text,
                char_boxes=boxes, char_confidence=confidence, picture=picture)
    if picture is None:
        page.warnings.append(f"{Path(source).name}: no page picture Gazette can read beside it: "
                             "imported as text with word positions only")
    return _AltoSource(page, alto, alto.scale_to(size))


def _page_picture(candidates: list[Path]) -> tuple[bytes | None, tuple[int, int] | None]:
    """The first picture that can be read, else the first PDF page rendered; with its size."""
    readable = [p for p in candidates if p.suffix.lower() in PICTURE_SUFFIXES
                and (p.suffix.lower() not in (".jp2", ".j2k") or features.check("jpg_2000"))]
    for path in readable + [p for p in candidates if p.suffix.lower() == ".pdf"]:
        try:
            data = path.read_bytes()
            if path.suffix.lower() == ".pdf":
                data = read_pdf(data, str(path))[0].picture
            return data, open_picture(data, str(path)).size
        except (OSError, GazetteError):
            continue  # the next candidate, or no picture (the page's warning says so)
    return None, None


def _alto_of(issue: MetsIssue, file_ids: list[str], folder: Path) -> tuple[str, Path | None]:
    for file_id in file_ids:
        entry = issue.files.get(file_id)
        looks_alto = entry is not None and (entry.href.lower().endswith(".xml") or "xml" in entry.mimetype)
        if looks_alto:
            return file_id, issue.local_file(file_id, folder)
    return "", None


# -- articles --------------------------------------------------------------------------------------

def _untitled_articles(source: _AltoSource) -> None:
    alto = source.alto
    adverts = [b for b in alto.top_blocks if alto.block_types.get(b, "").lower() in ADVERT_BLOCK_TYPES]
    in_advert = {b for advert in adverts for b in alto.text_blocks if _inside(alto, b, advert)}
    groups = [[b for b in alto.text_blocks if b not in in_advert]]
    groups += [[b for b in alto.text_blocks if b in in_advert and _inside(alto, b, advert)] for advert in adverts]
    for blocks in groups:
        spans = [alto.spans[b] for b in blocks if alto.spans[b][0] < alto.spans[b][1]]
        if spans:
            _add_article(source, Article(paragraphs=[alto.text(*span) for span in spans]), spans, [])


def _inside(alto: AltoPage, block: str, outer: str) -> bool:
    (start, end), (outer_start, outer_end) = alto.spans[block], alto.spans[outer]
    return outer_start <= start and end <= outer_end and start < end


def _logical_articles(issue: MetsIssue, sources: dict[str, _AltoSource], first_page: Page) -> None:
    elsewhere = 0
    for logical in issue.articles:
        resolved = [(area, *_resolve(area, sources)) for area in logical.areas]
        present = [(area, source, span) for area, source, span in resolved if source is not None]
        if not present:
            elsewhere += 1
            continue
        home = present[0][1]
        article = _article_text(logical, [(area, source.alto.text(*span)) for area, source, span in present])
        home_spans = [span for _, source, span in present if source is home]
        boxes = [home.alto.boxes[area.begin] for area, source, span in present
                 if source is home and span[0] == span[1] and area.begin in home.alto.boxes]
        _add_article(home, article, home_spans, boxes)
        name = article.title or logical.label or "an untitled article"
        for source in {id(s): s for _, s, _ in present if s is not home}.values():
            source.claimed.update(line for _, s, span in present if s is source for line in s.alto.lines_of(*span))
            source.page.warnings.append(f"text of “{name}” continues here from page {home.page.label}: "
                                        "it is read with that article")
        missing = {area.file_id for area, source, _ in resolved if source is None}
        if missing:
            where = [f"page {p.label}" for p in issue.pages if missing & set(p.file_ids)] or sorted(missing)
            home.page.warnings.append(f"“{name}” continues on {', '.join(where)}, whose ALTO is not in the "
                                      "folder or lacks the areas the METS names")
    if elsewhere:
        first_page.warnings.append(f"{elsewhere} article(s) of the METS lie wholly on pages not in the folder")


def _resolve(area: Area, sources: dict[str, _AltoSource]) -> tuple[_AltoSource | None, tuple[int, int]]:
    """The page and word range an area covers (BEGIN…END, or the element BEGIN names)."""
    source = sources.get(area.file_id)
    if source is None or area.begin not in source.alto.spans:
        return None, (0, 0)
    start, end = source.alto.spans[area.begin]
    if area.end and area.end in source.alto.spans:
        end = max(end, source.alto.spans[area.end][1])
    return source, (start, end)


def _article_text(logical: LogicalArticle, parts: list[tuple[Area, str]]) -> Article:
    headings = " ".join(text for area, text in parts if area.heading and text)
    title = logical.title or headings or logical.label
    paragraphs = [text for area, text in parts if not area.heading and text]
    if headings and not any(_same(headings, t) for t in (title, f"{title} {logical.subtitle}")):
        paragraphs.insert(0, headings)
    credits = [Credit(ROLES.get(role.lower(), role or "作者"), name) for role, name in logical.names]
    return Article(title=title, subtitle=logical.subtitle, credits=credits, paragraphs=paragraphs)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _add_article(source: _AltoSource, article: Article, spans: list[tuple[int, int]],
                 element_boxes: list) -> None:
    page, alto = source.page, source.alto
    lines = list(dict.fromkeys(line for span in spans for line in alto.lines_of(*span)))
    source.claimed.update(lines)
    article.seq = len(page.articles) + 1
    article.source_lines = lines
    article.raw_text = "\n".join(page.raw_text.split("\n")[n] for n in lines)
    article.region = region(page.raw_text, page.char_boxes or [], lines)
    article.region += [b for b in (scaled(box, source.scale) for box in element_boxes) if b]
    page.articles.append(article)


def _keep_unassigned(source: _AltoSource) -> None:
    """Every block's text no article holds, as read, one entry per block."""
    alto = source.alto
    for block in alto.text_blocks:
        start, end = alto.spans[block]
        words = [n for n in range(start, end) if alto.words[n].line not in source.claimed]
        runs: list[list[int]] = []
        for n in words:
            if runs and runs[-1][-1] == n - 1:
                runs[-1].append(n)
            else:
                runs.append([n])
        text = " ".join(alto.text(run[0], run[-1] + 1) for run in runs)
        if text:
            source.page.unassigned.append(text)
