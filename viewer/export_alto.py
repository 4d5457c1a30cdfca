"""ALTO v4 out: the selected articles as text lines and words with their boxes on the page.

Articles are grouped by page, pages in the order their first article came: one ``Page`` per
page (its picture's size, in pixels), one ``TextBlock`` per article, one ``TextLine`` per line
of the page text the article was read from, and one ``String`` per word (a run of letters or
digits, or a single Chinese character), its box the union of its characters' boxes and its
``WC`` their mean OCR confidence where the page has one. ALTO needs positions, so an article
whose page text has none (e-paper text, plain text) is refused with its id.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable
from xml.etree import ElementTree

from viewer.errors import ExportError
from viewer.geometry import Box, line_spans, union

NAMESPACE = "http://www.loc.gov/standards/alto/ns-v4#"
SCHEMA = "http://www.loc.gov/standards/alto/v4/alto-4-4.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def alto_document(articles: Iterable[dict]) -> bytes:
    """The ALTO v4 file for ``articles`` (as :meth:`viewer.store.Store.article`, each with its
    ``layout`` from :meth:`viewer.store.Store.article_layout`)."""
    ElementTree.register_namespace("", NAMESPACE)
    ElementTree.register_namespace("xsi", XSI)
    root = ElementTree.Element(_tag("alto"), {f"{{{XSI}}}schemaLocation": f"{NAMESPACE} {SCHEMA}"})
    description = _child(root, "Description")
    _child(description, "MeasurementUnit").text = "pixel"
    layout = _child(root, "Layout")
    pages: dict[int, ElementTree.Element] = {}
    extents: dict[int, list[Box]] = {}
    for article in articles:
        geometry = article["layout"]
        if not geometry["char_boxes"]:
            raise ExportError(f"article {article['id']} has no word positions on a page picture, "
                              "which ALTO needs (export it as txt, md, json, csv or docx)")
        page_id = geometry["page_id"]
        if page_id not in pages:
            page = _child(layout, "Page", ID=f"P{page_id}", PHYSICAL_IMG_NR=str(article["page"] or 1))
            pages[page_id], extents[page_id] = _child(page, "PrintSpace"), []
            if geometry["image_width"] and geometry["image_height"]:
                page.set("WIDTH", str(geometry["image_width"]))
                page.set("HEIGHT", str(geometry["image_height"]))
        block = _text_block(article, geometry)
        if block is not None:
            pages[page_id].append(block)
            extents[page_id].append(_box_of(block))
    for page_id, space in pages.items():
        if extents[page_id]:
            _set_box(space, union(extents[page_id]))
        page = next(p for p in layout if p.get("ID") == f"P{page_id}")
        if page.get("WIDTH") is None and extents[page_id]:  # no picture: the text's extent
            x, y, w, h = union(extents[page_id])
            page.set("WIDTH", str(x + w))
            page.set("HEIGHT", str(y + h))
    buffer = io.BytesIO()
    ElementTree.ElementTree(root).write(buffer, encoding="utf-8", xml_declaration=True)
    return buffer.getvalue() + b"\n"


def _text_block(article: dict, geometry: dict) -> ElementTree.Element | None:
    raw_text, boxes, confidence = geometry["raw_text"], geometry["char_boxes"], geometry["char_confidence"]
    block = ElementTree.Element(_tag("TextBlock"), ID=f"A{article['id']}")
    spans = line_spans(raw_text)
    for n in geometry["source_lines"]:
        start, end = spans[n]
        words = _words(raw_text, start, end)
        line_boxes = [b for s, e in words for b in boxes[s:e] if b is not None]
        if not line_boxes:
            continue
        line = _child(block, "TextLine", ID=f"A{article['id']}_L{n}")
        _set_box(line, union(line_boxes))
        for k, (s, e) in enumerate(words):
            if k and s > words[k - 1][1]:  # whitespace between them in the text
                _child(line, "SP")
            string = _child(line, "String", ID=f"A{article['id']}_L{n}_W{k}", CONTENT=raw_text[s:e])
            word_boxes = [b for b in boxes[s:e] if b is not None]
            if word_boxes:
                _set_box(string, union(word_boxes))
            sure = [c for c in (confidence or [])[s:e] if c is not None]
            if sure:
                string.set("WC", f"{sum(sure) / len(sure):.2f}")
    if not len(block):
        return None
    _set_box(block, union([_box_of(line) for line in block]))
    return block


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the words in ``text[start:end]``: runs of characters between spaces, each
    Chinese (wide) character a word of its own."""
    words: list[tuple[int, int]] = []
    run = None
    for i in range(start, end):
        char = text[i]
        if char.isspace():
            run = None
        elif unicodedata.east_asian_width(char) in ("W", "F"):
            words.append((i, i + 1))
            run = None
        elif run is None:
            words.append((i, i + 1))
            run = len(words) - 1
        else:
            words[run] = (words[run][0], i + 1)
    return words


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _child(parent: ElementTree.Element, name: str, **attributes: str) -> ElementTree.Element:
    return ElementTree.SubElement(parent, _tag(name), attributes)


def _set_box(element: ElementTree.Element, box: Box) -> None:
    for name, value in zip(("HPOS", "VPOS", "WIDTH", "HEIGHT"), box):
        element.set(name, str(value))


def _box_of(element: ElementTree.Element) -> Box:
    x, y, w, h = (int(element.get(n) or 0) for n in ("HPOS", "VPOS", "WIDTH", "HEIGHT"))
    return x, y, w, h
