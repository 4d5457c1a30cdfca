"""An article (:class:`viewer.model.ArticleView`) as the HTML the article pane shows, with
search hits marked, the editors' highlights in their colours, the characters OCR was unsure of
underlined in red, and every name a ``person:`` link.

Hit spans are offsets into the article's search text (:meth:`viewer.model.Reading.search_text`):
title, kicker, subtitle, byline and paragraphs, one per line (:meth:`Reading.search_lines`), so
a span is placed in the line it falls in.
"""

from __future__ import annotations

import itertools
from html import escape
from urllib.parse import quote

from viewer.gui.qt import translate
from viewer.gui.style import HIT_STYLE, UNSURE_STYLE, highlight_colour
from viewer.model import (
    BYLINE_LINE,
    FIRST_PARAGRAPH_LINE,
    KICKER_LINE,
    SUBTITLE_LINE,
    TITLE_LINE,
    ArticleView,
    Reading,
    names_a_person,
)

PERSON_SCHEME = "person"
FIRST_HIT_ANCHOR = "first-hit"
TITLE, KICKER, SUBTITLE, BYLINE, FIRST_PARAGRAPH = (TITLE_LINE, KICKER_LINE, SUBTITLE_LINE, BYLINE_LINE,
                                                    FIRST_PARAGRAPH_LINE)

Run = tuple[str, str | None]  # a piece of text and the link it is, if any
Highlight = tuple[int, int, str]  # a span and its background colour


def hit_texts(article: ArticleView, spans: list[tuple[int, int]]) -> list[str]:
    """The distinct strings the spans mark, as printed in the article."""
    text = article.text.search_text()
    return list(dict.fromkeys(text[start:end] for start, end in spans))


def spans_by_part(parts: list[str], spans: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """``spans`` over the joined text, split into spans within each part (matches never cross
    a line; a span that would is cut at the line's end)."""
    result: list[list[tuple[int, int]]] = [[] for _ in parts]
    start_of_part = 0
    for n, part in enumerate(parts):
        end_of_part = start_of_part + len(part)
        for start, end in spans:
            if start < end_of_part and end > start_of_part:
                result[n].append((max(start, start_of_part) - start_of_part,
                                  min(end, end_of_part) - start_of_part))
        start_of_part = end_of_part + 1
    return result


def marked_parts(text: Reading, spans: list[tuple[int, int]] = ()) -> list[str]:
    """Each line of a reading's search text as HTML, the hits in it marked."""
    parts = text.search_lines()
    return [_marked([(part, None)], marks, [False]) for part, marks in zip(parts, spans_by_part(parts, list(spans)))]


def person_link(name: str) -> str:
    return f"{PERSON_SCHEME}:{quote(name)}"


def highlights_by_part(article: ArticleView, parts: list[str]) -> list[list[Highlight]]:
    """The article's highlights (body spans, see :mod:`viewer.gui.passages`) within each part;
    orphaned ones have no place in the text."""
    body_start = article.text.body_offset()
    result: list[list[Highlight]] = [[] for _ in parts]
    for entry in article.annotations:
        if entry.kind == "highlight" and not entry.orphaned and entry.span is not None:
            start, end = entry.span
            for n, spans in enumerate(spans_by_part(parts, [(start + body_start, end + body_start)])):
                result[n] += [(s, e, highlight_colour(entry.colour)) for s, e in spans]
    return result


def render(article: ArticleView, spans: list[tuple[int, int]] = ()) -> str:
    text = article.text
    parts = text.search_lines()
    marks = spans_by_part(parts, list(spans))
    highlights = highlights_by_part(article, parts)
    unsure = spans_by_part(parts, list(article.unsure))
    first_hit = [bool(spans)]  # the anchor goes before the first mark drawn, in reading order

    def part(n: int, runs: list[Run] | None = None) -> str:
        return _marked(runs or [(parts[n], None)], marks[n], first_hit, highlights[n], unsure[n])

    html = []
    if text.kicker:
        html.append(f'<p style="color:#6b5a2e; margin-bottom:0">{part(KICKER)}</p>')
    title = part(TITLE) if text.title else escape(translate("ArticleView", "(untitled)"))
    html.append(f'<h2 style="margin-top:4px; margin-bottom:4px">{title}</h2>')
    if text.subtitle:
        html.append(f'<p style="font-size:large; margin-top:0">{part(SUBTITLE)}</p>')
    html.append(f'<p style="color:#555">{escape(_dateline(article))}</p>')
    if article.ocr is not None:
        html.append(f'<p style="color:#555">{escape(_ocr_line(article))}</p>')
    if text.credits:
        html.append(f"<p>{part(BYLINE, _credit_runs(text.credits_by_role))}</p>")
    if article.page_credits:
        label = escape(translate("ArticleView", "Page editors:"))
        editors = _marked(_credit_runs(article.page_credits, separator=": ", between="　"), [], [False])
        html.append(f'<p style="color:#555">{label} {editors}</p>')
    html.append("<hr/>")
    for n in range(len(text.paragraphs)):  # as written, space for space (passages are mapped)
        html.append(f'<p style="line-height:150%; white-space:pre-wrap">　　{part(FIRST_PARAGRAPH + n)}</p>')
    return "\n".join(html)


def _dateline(article: ArticleView) -> str:
    page = translate("ArticleView", "page {page}").format(page=article.page_label or article.page)
    return " · ".join(x for x in (f"{article.date} {article.weekday}".strip(), article.publication,
                                  page, article.section) if x)


def _ocr_line(article: ArticleView) -> str:
    engine = article.ocr.engine if article.ocr else ""
    if article.ocr and article.ocr.confidence is not None:
        said = translate("ArticleView", "Text read by OCR ({engine}, {confidence:.0%} sure on average)").format(
            engine=engine, confidence=article.ocr.confidence)
    else:
        said = translate("ArticleView", "Text read by OCR ({engine})").format(engine=engine)
    if article.unsure:
        said += translate("ArticleView", "; {count} unsure passage(s) underlined in red").format(
            count=len(article.unsure))
    return said


def _credit_runs(credits: dict[str, list[str]], separator: str = "/", between: str = " ") -> list[Run]:
    """Credits as runs whose text joins to ``format_credits`` (with the default separators),
    each person's name a link (a body's, 合办 …, is not: it is nobody a ``person:`` finds)."""
    runs: list[Run] = []
    for n, (role, names) in enumerate(credits.items()):
        runs.append(((between if n else "") + role + separator, None))
        for m, name in enumerate(names):
            if m:
                runs.append((" ", None))
            runs.append((name, person_link(name) if names_a_person(role) else None))
    return runs


def _marked(runs: list[Run], spans: list[tuple[int, int]], first_hit: list[bool],
            highlights: list[Highlight] = (), unsure: list[tuple[int, int]] = ()) -> str:
    """The runs as HTML, the characters within ``spans`` marked as hits, those within
    ``highlights`` in their colours (a hit shows over a highlight), those within ``unsure``
    underlined in red (within a hit or highlight too)."""
    html = []
    offset = 0
    for text, link in runs:
        hits = [local for start, end in spans if (local := _local(start, end, offset, text))]
        colours = [(*local, colour) for start, end, colour in highlights
                   if (local := _local(start, end, offset, text))]
        doubts = [local for start, end in unsure if (local := _local(start, end, offset, text))]
        cuts = sorted({0, len(text), *itertools.chain(*hits), *itertools.chain(*doubts),
                       *(x for s, e, _ in colours for x in (s, e))})
        pieces = []
        for start, end in itertools.pairwise(cuts):
            piece = escape(text[start:end])
            if any(s <= start and end <= e for s, e in doubts):
                piece = f'<span style="{UNSURE_STYLE}">{piece}</span>'
            colour = next((c for s, e, c in reversed(colours) if s <= start and end <= e), None)
            if any(s <= start and end <= e for s, e in hits):
                anchor = f'<a name="{FIRST_HIT_ANCHOR}"></a>' if first_hit[0] else ""
                first_hit[0] = False
                piece = f'{anchor}<span style="{HIT_STYLE}">{piece}</span>'
            elif colour is not None:
                piece = f'<span style="background-color:{colour}; color:#000000">{piece}</span>'
            pieces.append(piece)
        body = "".join(pieces)
        html.append(f'<a href="{escape(link)}">{body}</a>' if link else body)
        offset += len(text)
    return "".join(html)


def _local(start: int, end: int, offset: int, text: str) -> tuple[int, int] | None:
    """A span of the joined runs within the run ``text`` that starts at ``offset``, if any of it is."""
    start, end = max(start - offset, 0), min(end - offset, len(text))
    return (start, end) if start < end else None
