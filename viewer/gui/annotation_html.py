"""What editors added to an article (``Archive.article``'s ``annotations``) as the HTML shown
below its text: tags, notes, highlights (orphaned ones with their quote, never hidden),
corrections and collections, each with links that act on it.

A link is ``ACTION:ARGUMENT`` (an annotation id, or a quoted tag or collection name); the
pane hands it to :mod:`viewer.gui.annotating`.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from urllib.parse import quote
from collections.abc import Sequence

from viewer.gui.qt import translate
from viewer.gui.style import WARNING_COLOR, highlight_colour
from viewer.model import AnnotationEntry

EDIT_NOTE, DELETE, GO_TO, SEARCH_TAG, UNTAG, OPEN_COLLECTION, HISTORY = (
    "edit-note", "delete", "go-to", "search-tag", "untag", "open-collection", "history")
NOTE_BACKGROUND = "#fff8e1"


def link(action: str, argument: object, text: str) -> str:
    return f'<a href="{action}:{quote(str(argument))}">{escape(text)}</a>'


def anchor_name(annotation_id: int) -> str:
    """Where a note or highlight is in the list (to scroll to it)."""
    return f"annotation-{annotation_id}"


def local_time(stamp: str) -> str:
    """A UTC ISO time as the local date and minute."""
    try:
        return dt.datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


def note_html(entry: AnnotationEntry) -> str:
    """A note's text as HTML: rich text as it was written, plain text line for line."""
    if entry.format == "html":
        return entry.text
    return "<br/>".join(escape(line) for line in entry.text.split("\n"))


def render(annotations: Sequence[AnnotationEntry]) -> str:
    by_kind: dict[str, list[AnnotationEntry]] = {}
    for entry in annotations:
        by_kind.setdefault(entry.kind, []).append(entry)
    html = []
    tags = by_kind.get("tag", [])
    if tags:
        chips = "　".join(f'{link(SEARCH_TAG, t.text, t.text)} '
                         f'<small>{link(UNTAG, t.text, "✕")}</small>' for t in tags)
        html.append(_labelled(translate("ArticleAnnotations", "Tags:"), chips))
    for entry in by_kind.get("note", []):
        html.append(f'<a name="{anchor_name(entry.id)}"></a>')
        html.append(f'<table width="100%" cellpadding="6" style="background-color:{NOTE_BACKGROUND}; '
                    f'margin-top:4px"><tr><td>{_byline(entry, _note_links(entry))}'
                    f'<div>{note_html(entry)}</div></td></tr></table>')
    for entry in by_kind.get("highlight", []):
        html.append(_highlight(entry))
    corrections = by_kind.get("correction", [])
    if corrections:
        last = corrections[-1]
        summary = translate("ArticleAnnotations", "{count}, the last by {author} on {time}").format(
            count=len(corrections), author=last.author, time=local_time(last.time))
        history = link(HISTORY, "", translate("ArticleAnnotations", "History…"))
        label = translate("ArticleAnnotations", "Corrections:")
        html.append(_labelled(label, f"{escape(summary)} · {history}"))
    collections = by_kind.get("collection", [])
    if collections:
        names = " · ".join(link(OPEN_COLLECTION, c.text, c.text) for c in collections)
        html.append(_labelled(translate("ArticleAnnotations", "In collections:"), names))
    if not html:
        hint = translate("ArticleAnnotations", "No notes yet. Select a passage to highlight it, or add "
                                               "a note, a tag or a correction from the Annotate menu.")
        html.append(f'<p style="color:#777">{escape(hint)}</p>')
    return "\n".join(html)


def _labelled(label: str, html: str) -> str:
    return f"<p><b>{escape(label)}</b> {html}</p>"


def _note_links(entry: AnnotationEntry) -> list[str]:
    return [link(EDIT_NOTE, entry.id, translate("ArticleAnnotations", "Edit")),
            link(DELETE, entry.id, translate("ArticleAnnotations", "Delete"))]


def _byline(entry: AnnotationEntry, links: list[str]) -> str:
    who = escape(f"{entry.author} · {local_time(entry.time)}")
    return f'<p style="color:#666; margin:0">{who}　{" · ".join(links)}</p>'


def _highlight(entry: AnnotationEntry) -> str:
    passage = f"“{entry.quote}”"
    comment = f" — {escape(entry.text)}" if entry.text else ""
    actions = [link(DELETE, entry.id, translate("ArticleAnnotations", "Delete"))]
    if entry.orphaned:
        warning = escape(translate("ArticleAnnotations", "Not found in the current text:"))
        shown = (f'<span style="color:{WARNING_COLOR.name()}">⚠ {warning}</span> '
                 f'<span style="color:#555">{escape(passage)}</span>')
    else:
        actions.insert(0, link(GO_TO, entry.id, translate("ArticleAnnotations", "Go to")))
        shown = (f'<span style="background-color:{highlight_colour(entry.colour)}; color:#000000">'
                 f'{escape(passage)}</span>')
    anchor = f'<a name="{anchor_name(entry.id)}"></a>'
    return f'<p style="margin-top:6px; margin-bottom:0">{anchor}{shown}{comment}</p>{_byline(entry, actions)}'
