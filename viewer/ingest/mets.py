"""An issue's METS file: its pages in order with their files, and its logical structure.

Read here: the publication (the MODS title of the outermost division that has one, else the
METS ``LABEL`` without its date) and the date (the first MODS ``dateIssued``, else a date in
the ``LABEL``); the physical pages (``ORDER``, ``ORDERLABEL``, else the MODS page number)
with the files they point at (ALTO, PDF, pictures); and each article-like division
(ARTICLE, ADVERTISEMENT …, the outermost where they nest) with its MODS titles and names and
the ALTO areas it is made of, in order. Areas are reached both ways METS allows: ``fptr`` /
``area`` inside the logical division (BnL), or ``structLink`` from the logical division to
physical page areas that hold the ``area`` (British Library). An area under a HEADING, TITLE,
HEADLINE … division, or a page area labelled so, is a heading.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from viewer.errors import InputError
from viewer.ingest.xmlsafe import attribute, children, descendants, local, parse_xml

ARTICLE_TYPES = {"article", "advertisement", "advert", "advertising", "obituary", "death_notice"}
HEADING_TYPES = {"heading", "headline", "title", "subheadline", "overline", "subheading"}
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISBD_END = re.compile(r"[\s.,:;/=]+$")  # catalogue punctuation closing a MODS title


@dataclass
class MetsFile:
    id: str
    href: str
    mimetype: str


@dataclass
class MetsPage:
    number: int
    label: str
    file_ids: list[str]


@dataclass
class Area:
    file_id: str
    begin: str
    end: str | None
    heading: bool


@dataclass
class LogicalArticle:
    kind: str
    title: str
    subtitle: str
    names: list[tuple[str, str]]  # (role term, name) from MODS
    label: str
    areas: list[Area] = field(default_factory=list)


@dataclass
class MetsIssue:
    publication: str
    date: dt.date | None
    pages: list[MetsPage]
    files: dict[str, MetsFile]
    articles: list[LogicalArticle]

    def local_file(self, file_id: str, folder: Path) -> Path | None:
        """Where a file the METS names is, beside the METS: its relative path, else its name
        in the METS's folder (batches are often copied flat); None when it is not there."""
        entry = self.files.get(file_id)
        if entry is None or re.match(r"^[a-z][a-z0-9+.-]*://", entry.href, re.IGNORECASE) \
                and not entry.href.lower().startswith("file://"):
            return None
        relative = urllib.parse.unquote(re.sub(r"^file://", "", entry.href, flags=re.IGNORECASE))
        for candidate in (folder / relative, folder / Path(relative).name):
            if candidate.is_file():
                return candidate
        return None


def is_mets(root: Element) -> bool:
    return local(root) == "mets"


def read_mets(data: bytes, source: str) -> MetsIssue:
    return mets_from_root(parse_xml(data, source), source)


def mets_from_root(root: Element, source: str) -> MetsIssue:
    if not is_mets(root):
        raise InputError(f"{source}: not a METS file (its root element is <{local(root)}>)")
    mods = {section.get("ID"): section for section in descendants(root, "dmdSec")}
    files = {entry.id: entry for entry in map(_file, descendants(root, "file")) if entry.id}
    structure = descendants(root, "structMap")
    physical = [m for m in structure if (m.get("TYPE") or "").upper() == "PHYSICAL"] or \
               [m for m in structure if (m.get("TYPE") or "").upper() != "LOGICAL"]
    logical = [m for m in structure if (m.get("TYPE") or "").upper() == "LOGICAL"]
    divs = {div.get("ID"): div for div in descendants(root, "div") if div.get("ID")}
    links = _struct_links(root)
    pages = _pages(physical, mods)
    articles = [_article(div, mods, divs, links) for structmap in logical for div in _outermost_articles(structmap)]
    return MetsIssue(_publication(root, structure, mods), _date(root), pages, files, articles)


def _file(element: Element) -> MetsFile:
    locations = descendants(element, "FLocat")
    href = attribute(locations[0], "href") or "" if locations else ""
    return MetsFile(element.get("ID") or "", href, element.get("MIMETYPE") or "")


def _pages(physical: list[Element], mods: dict) -> list[MetsPage]:
    pages: list[MetsPage] = []
    for structmap in physical:
        for div in descendants(structmap, "div"):
            if (div.get("TYPE") or "").lower().split(":")[-1] != "page":
                continue
            file_ids = [area.get("FILEID") or "" for fptr in children(div, "fptr") for area in fptr.iter()
                        if area.get("FILEID")]
            number = _int(div.get("ORDER")) or _mods_page_number(div, mods) or len(pages) + 1
            pages.append(MetsPage(number, div.get("ORDERLABEL") or str(number), list(dict.fromkeys(file_ids))))
    return pages


def _outermost_articles(element: Element) -> list[Element]:
    found = []
    for div in children(element, "div"):
        if (div.get("TYPE") or "").lower() in ARTICLE_TYPES:
            found.append(div)
        else:
            found += _outermost_articles(div)
    return found


def _article(div: Element, mods: dict, divs: dict, links: dict[str, list[str]]) -> LogicalArticle:
    titles, names = _mods_titles(div, mods), _mods_names(div, mods)
    article = LogicalArticle((div.get("TYPE") or "").lower(), titles[0] if titles else "",
                             " ".join(titles[1:]), names, div.get("LABEL") or "")
    _collect_areas(div, article.areas, heading=False, divs=divs, links=links)
    return article


def _collect_areas(div: Element, areas: list[Area], *, heading: bool, divs: dict, links: dict) -> None:
    heading = heading or _is_heading(div)
    for fptr in children(div, "fptr"):
        areas += [Area(a.get("FILEID") or "", a.get("BEGIN") or "", a.get("END"), heading)
                  for a in descendants(fptr, "area") if a.get("BEGIN")]
    for target in links.get(div.get("ID") or "", []):
        if target in divs:
            _collect_areas(divs[target], areas, heading=heading, divs=divs, links=links)
    for child in children(div, "div"):
        _collect_areas(child, areas, heading=heading, divs=divs, links=links)


def _is_heading(div: Element) -> bool:
    return any((div.get(name) or "").lower() in HEADING_TYPES for name in ("TYPE", "LABEL"))


def _struct_links(root: Element) -> dict[str, list[str]]:
    """Logical division ID → the physical divisions structLink ties to it, in order."""
    links: dict[str, list[str]] = {}
    for link in descendants(root, "smLink"):
        source, target = attribute(link, "from"), attribute(link, "to")
        if source and target:
            links.setdefault(source, []).append(target)
    for group in descendants(root, "smLinkGrp"):
        labels = {attribute(loc, "label"): (attribute(loc, "href") or "").lstrip("#")
                  for loc in children(group, "smLocatorLink")}
        for arc in children(group, "smArcLink"):
            source, target = labels.get(attribute(arc, "from")), labels.get(attribute(arc, "to"))
            if source and target:
                links.setdefault(source, []).append(target)
    return links


def _mods_of(div: Element, mods: dict) -> list[Element]:
    return [mods[i] for i in (div.get("DMDID") or "").split() if i in mods]


def _mods_titles(div: Element, mods: dict) -> list[str]:
    titles = []
    for section in _mods_of(div, mods):
        for info in descendants(section, "titleInfo"):
            parts = [_text(p) for p in info if local(p) in ("nonSort", "title", "subTitle")]
            title = " ".join(p for p in parts if p)
            if title:
                titles.append(title)
    return titles


def _mods_names(div: Element, mods: dict) -> list[tuple[str, str]]:
    names = []
    for section in _mods_of(div, mods):
        for name in descendants(section, "name"):
            parts = [_text(p) for p in children(name, "namePart")]
            given = [_text(p) for p in children(name, "namePart") if p.get("type") == "given"]
            ordered = given + [p for p in parts if p not in given]  # given names first, as printed
            roles = [_text(r) for r in descendants(name, "roleTerm")]
            if any(ordered):
                names.append((roles[0] if roles else "", " ".join(p for p in ordered if p)))
    return names


def _publication(root: Element, structure: list[Element], mods: dict) -> str:
    """The MODS title of the shallowest non-article division that has one, else the LABEL."""
    level = [div for structmap in structure for div in children(structmap, "div")]
    while level:
        for div in level:
            if (div.get("TYPE") or "").lower() not in ARTICLE_TYPES:
                titles = _mods_titles(div, mods)
                if titles:
                    return _ISBD_END.sub("", titles[0])
        level = [child for div in level for child in children(div, "div")]
    label = root.get("LABEL") or ""
    return _ISBD_END.sub("", _ISO_DATE.split(label)[0]) if _ISO_DATE.search(label) else label.strip()


def _date(root: Element) -> dt.date | None:
    for text in [_text(d) for d in descendants(root, "dateIssued")] + [root.get("LABEL") or ""]:
        match = _ISO_DATE.search(text)
        if match:
            try:
                return dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                continue
    return None


def _mods_page_number(div: Element, mods: dict) -> int | None:
    for section in _mods_of(div, mods):
        for start in descendants(section, "start"):
            if _int(_text(start)):
                return _int(_text(start))
    return None


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


def _text(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())
