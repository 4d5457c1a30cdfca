"""The only text the corpus prints: sentences of the seed page and of the 晶報 transcriptions
(converted to simplified Chinese with OpenCC). Nothing here is written by hand."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import opencc
from lxml import etree

DATA = Path(__file__).resolve().parent.parent / "data"
SEED = DATA / "seed" / "jiaocheng-2025-04-03-p8.txt"
JINGBAO = DATA / "jingbao-1930-1939"
_SENTENCE = re.compile(r"[^。！？]+[。！？][”」』]?")
_CLAUSE_END = "、，。！？；"
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")  # &gaiji;: a glyph the transcribers could not encode
SENTENCE_MIN, SENTENCE_MAX = 12, 90


@cache
def sentences() -> tuple[str, ...]:
    """Body sentences: the seed's, then 晶報 paragraphs cut after a clause mark into pieces
    of SENTENCE_MIN–SENTENCE_MAX characters (its paragraphs run to a thousand characters)."""
    return tuple(_seed_sentences() + [s for p in _jingbao_paragraphs() for s in _pieces(p)])


@cache
def headings() -> tuple[str, ...]:
    """Short lines of the 晶報 articles (their headlines, decks and signatures), for titles,
    kickers, subtitles and sub-headings; none carries a mark a reader could take as a byline."""
    out = []
    for text in _jingbao_paragraphs(short=True):
        text = text.strip("（）()◘▲")
        if 4 <= len(text) <= 14 and not re.search(r"[、，。：（）「」『』\d〇]", text):
            out.append(text)
    return tuple(dict.fromkeys(out))


def _seed_sentences() -> list[str]:
    from viewer.ingest.epaper import read_epaper_text

    page = read_epaper_text(SEED.read_text(encoding="utf-8"), publication="")
    assert page is not None
    return [s for article in page.articles for p in article.paragraphs for s in _SENTENCE.findall(p)
            if len(s) >= SENTENCE_MIN]


@cache
def _jingbao_paragraphs(short: bool = False) -> tuple[str, ...]:
    convert = opencc.OpenCC("t2s").convert
    out = []
    for path in sorted(JINGBAO.glob("*.xml")):
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=True, load_dtd=False))
        for article in tree.xpath('//*[local-name()="div"][@type="article"]'):
            for p in article.xpath('.//*[local-name()="p"]'):
                text = re.sub(r"\s+", "", "".join(p.itertext()))
                if text and not _PRIVATE_USE.search(text) and (len(text) <= 14) == short:
                    out.append(convert(text))
    return tuple(out)


def _pieces(paragraph: str) -> list[str]:
    pieces, current = [], ""
    for char in paragraph:
        current += char
        if char in _CLAUSE_END and len(current) >= SENTENCE_MIN and (
                len(current) >= SENTENCE_MAX // 2 or char in "。！？"):
            pieces.append(current)
            current = ""
    return [p for p in pieces if len(p) <= SENTENCE_MAX]
