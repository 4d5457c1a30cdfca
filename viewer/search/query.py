"""The search query language: parsed into a small tree that :mod:`viewer.search` evaluates.

Grammar (terms separated by spaces are ANDed)::

    query   := or ;  or := and ("OR" and)* ;  and := unary (["AND"] unary)*
    unary   := ("NOT" | "-") unary | "(" or ")" | field? value
    field   := name ":"   (half- or full-width colon)
    value   := word | '"' phrase '"' | "[" from "TO" to "]"

A word or phrase matches every article whose folded text contains it (see
:mod:`viewer.textnorm`). Fields:

- ``title:`` the title only; ``section:``, ``publication:`` contain the value;
  ``page:8``, ``page:A8``, ``page:[1 TO 4]``;
- ``date:2025``, ``date:2025-04``, ``date:2025-04-03``, ``date:[2025-01-01 TO 2025-06-30]``
  (either end may be ``*``);
- people, by any name containing the value: ``author:`` (文, 记者, 通讯员 …),
  ``photographer:`` (图, 摄影 …), ``editor:`` (any page role), ``person:`` (anyone), and each
  role by its own word: ``责编:王耀``, ``组版:李晓玲``;
- what editors added: ``note:`` their notes, highlight comments and highlighted quotes
  contain the value (a word or phrase, as in the text); ``tag:`` a tag equal to it;
  ``collection:`` a collection of that name; ``annotator:`` someone whose name contains it
  noted, highlighted, tagged or corrected the article; ``has:notes`` any note or highlight.

A plain word never matches notes, only the article's text: results stay exactly the articles
whose text holds the string, and hits can be marked in that text. The text includes earlier
readings (see :mod:`viewer.search`).

Whoosh's own query parser is not used: it never reports an error (bad syntax silently becomes
literal text or matches nothing), and it sends terms through an analyzer, where we need
substring semantics. Malformed input raises :class:`QueryError` with a message for a person.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from viewer.errors import QueryError
from viewer.model import AUTHOR_ROLES, PAGE_ROLES, PHOTO_ROLES
from viewer.textnorm import fold_query

PERSON_FIELDS = {
    "author": AUTHOR_ROLES,
    "photographer": PHOTO_ROLES,
    "editor": PAGE_ROLES,
    "person": None,  # any role
}
META_FIELDS = ("section", "publication", "page", "date")
LABEL_FIELDS = ("tag", "collection", "annotator")
FIELD_NAMES = ("title", *PERSON_FIELDS, *META_FIELDS, "note", *LABEL_FIELDS, "has")
ROLE_WORDS = frozenset((*PAGE_ROLES, *AUTHOR_ROLES, *PHOTO_ROLES))


@dataclass(frozen=True)
class Text:
    """Articles whose folded ``field`` contains ``text``: the article ``"text"``, its
    ``"title"`` or its ``"note"`` text."""

    text: str
    field: str = "text"


@dataclass(frozen=True)
class Person:
    """Articles crediting someone whose folded name contains ``name`` in one of ``roles``."""

    name: str
    roles: tuple[str, ...] | None  # None: any role


@dataclass(frozen=True)
class Meta:
    """``section``/``publication`` containing ``value``, or ``page`` equal to it."""

    field: str
    value: str


@dataclass(frozen=True)
class Label:
    """Articles with a ``tag`` or ``collection`` whose folded name is ``value``, or an
    ``annotator`` whose folded name contains it."""

    field: str
    value: str


@dataclass(frozen=True)
class HasNotes:
    """Articles with at least one note or highlight."""


@dataclass(frozen=True)
class Range:
    """``date`` (as YYYYMMDD) or ``page`` within ``low``–``high`` inclusive; None is open."""

    field: str
    low: int | None
    high: int | None


@dataclass(frozen=True)
class And:
    parts: tuple


@dataclass(frozen=True)
class Or:
    parts: tuple


@dataclass(frozen=True)
class Not:
    part: object


@dataclass(frozen=True)
class Everything:
    """The empty query: every article (filters may still apply)."""


_TOKEN = re.compile(r'\s*(?:(?P<open>\()|(?P<close>\))|(?P<quote>")|(?P<word>[^\s()"]+))')
_FIELD = re.compile(r"(?P<name>[^\s:：]+)[:：](?P<rest>.*)", re.DOTALL)


@dataclass
class _Token:
    kind: str  # "open", "close", "word", "phrase", "range"
    text: str
    field: str | None = None


def parse(query: str) -> object:
    """Parse ``query`` into a tree of the node classes above; raise :class:`QueryError`."""
    tokens = _tokenize(query)
    if not tokens:
        return Everything()
    parser = _Parser(tokens)
    tree = parser.parse_or()
    if (extra := parser.peek()) is not None:
        raise QueryError(f"Unexpected “{extra.text}” in the query.")
    return tree


def reads_annotations(tree: object) -> bool:
    """Whether the query asks for what editors put on articles (notes, tags, collections,
    annotators), whose answers change with every such edit."""
    if isinstance(tree, (Label, HasNotes)):
        return True
    if isinstance(tree, Text):
        return tree.field == "note"
    if isinstance(tree, Not):
        return reads_annotations(tree.part)
    return isinstance(tree, (And, Or)) and any(reads_annotations(part) for part in tree.parts)


def positive_texts(tree: object) -> list[Text]:
    """The terms on the article's text that make it match (not those under NOT, nor notes),
    for ranking and marking hits."""
    if isinstance(tree, Text):
        return [tree] if tree.field != "note" else []
    if isinstance(tree, (And, Or)):
        return [text for part in tree.parts for text in positive_texts(part)]
    return []


def _tokenize(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    pos = 0
    while (match := _TOKEN.match(query, pos)) and match.end() > pos:
        pos = match.end()
        if match.group("open"):
            tokens.append(_Token("open", "("))
        elif match.group("close"):
            tokens.append(_Token("close", ")"))
        elif match.group("quote"):
            phrase, pos = _read_phrase(query, pos)
            tokens.append(_Token("phrase", phrase))
        else:
            word = match.group("word")
            while word.startswith("-") and len(word) > 1:  # a minus of its own, so -tag:x is a field
                tokens.append(_Token("word", "-"))
                word = word[1:]
            token, pos = _word_token(query, word, pos)
            tokens.append(token)
    return tokens


def _read_phrase(query: str, pos: int) -> tuple[str, int]:
    end = query.find('"', pos)
    if end < 0:
        raise QueryError("Unclosed quote: a phrase needs a closing \".")
    return query[pos:end], end + 1


def _word_token(query: str, word: str, pos: int) -> tuple[_Token, int]:
    """A word, or ``field:value`` whose value may be a phrase or a range."""
    field_match = _FIELD.fullmatch(word)
    if not field_match:
        return _Token("word", word), pos
    name, rest = field_match.group("name"), field_match.group("rest")
    field = _field_name(name)
    if field is None:
        return _Token("word", word), pos  # a colon in the text, as in 12:30
    value_start = pos - len(rest)
    if query.startswith("[", value_start):
        end = query.find("]", value_start)
        if end < 0:
            raise QueryError(f"Unclosed range after {name}: (a range is written [FROM TO TO]).")
        return _Token("range", query[value_start + 1:end], field), end + 1
    if rest:
        return _Token("word", rest, field), pos
    if query.startswith('"', pos):
        phrase, pos = _read_phrase(query, pos + 1)
        return _Token("phrase", phrase, field), pos
    raise QueryError(f"Nothing to search for after {name}:.")


def _field_name(name: str) -> str | None:
    """The field a ``name:`` prefix selects; None when it is just text with a colon."""
    if name.lower() in FIELD_NAMES:
        return name.lower()
    if name in ROLE_WORDS:
        return name
    if name.isascii() and name.isalpha():
        raise QueryError(
            f"Unknown field {name}:. Fields are {', '.join(f + ':' for f in FIELD_NAMES)} "
            "and role words such as 责编:, 组版:, 记者:; put text with a colon in quotes."
        )
    return None


class _Parser:
    def __init__(self, tokens: list[_Token]):
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def at_operator(self, word: str) -> bool:
        token = self.peek()
        return token is not None and token.kind == "word" and token.field is None \
            and token.text == word

    def parse_or(self):
        parts = [self.parse_and()]
        while self.at_operator("OR"):
            self.take()
            parts.append(self.parse_and())
        return parts[0] if len(parts) == 1 else Or(tuple(parts))

    def parse_and(self):
        parts = [self.parse_unary()]
        while (token := self.peek()) is not None and token.kind != "close" \
                and not self.at_operator("OR"):
            if self.at_operator("AND"):
                self.take()
            parts.append(self.parse_unary())
        return parts[0] if len(parts) == 1 else And(tuple(parts))

    def parse_unary(self):
        token = self.peek()
        if token is None:
            raise QueryError("The query ends with an operator: AND, OR, NOT or - needs a term after it.")
        if token.kind == "word" and token.field is None and token.text in ("AND", "OR"):
            raise QueryError(f"{token.text} needs a term on each side.")
        if self.at_operator("NOT") or self.at_operator("-"):
            self.take()
            return Not(self.parse_unary())
        if token.kind == "open":
            self.take()
            if (after := self.peek()) is not None and after.kind == "close":
                raise QueryError("Empty parentheses in the query.")
            inner = self.parse_or()
            if (after := self.peek()) is None or after.kind != "close":
                raise QueryError("Unclosed parenthesis: “(” needs a closing “)”.")
            self.take()
            return inner
        if token.kind == "close":
            raise QueryError("Unexpected “)” without a matching “(”.")
        return _term(self.take())


def _term(token: _Token):
    field = token.field
    if token.kind == "range":
        if field not in ("date", "page"):
            raise QueryError(f"{field}: takes no range; ranges work with date: and page: only.")
        return _range(field, token.text)
    if field == "date":
        low, high = date_bounds(token.text)
        return Range("date", low, high)
    if field == "page":
        value = token.text.strip()
        return Range("page", int(value), int(value)) if value.isdigit() else Meta("page", fold_query(value))
    if field == "has":
        if token.text.strip().lower() != "notes":
            raise QueryError(f"has: takes notes only (has:notes), not “{token.text}”.")
        return HasNotes()
    text = fold_query(token.text)
    if not text:
        raise QueryError(f"Nothing to search for in “{token.text}”.")
    if field is None or field in ("title", "note"):
        return Text(text, field or "text")
    if field in META_FIELDS:
        return Meta(field, text)
    if field in LABEL_FIELDS:
        return Label(field, text)
    roles = PERSON_FIELDS[field] if field in PERSON_FIELDS else (field,)
    return Person(text, roles)


def _range(field: str, text: str) -> Range:
    parts = text.split()
    if len(parts) != 3 or parts[1].upper() != "TO":
        raise QueryError(f"A range is written [FROM TO TO], not [{text}].")
    low, high = parts[0], parts[2]
    if field == "page":
        return Range("page", _page_bound(low), _page_bound(high))
    low_bound = None if low == "*" else date_bounds(low)[0]
    high_bound = None if high == "*" else date_bounds(high)[1]
    return Range("date", low_bound, high_bound)


def _page_bound(text: str) -> int | None:
    if text == "*":
        return None
    if not text.isdigit():
        raise QueryError(f"A page range needs page numbers, not “{text}”.")
    return int(text)


_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def date_bounds(text: str) -> tuple[int, int]:
    """The first and last day (as YYYYMMDD) that ``2025``, ``2025-04`` or ``2025-04-03`` covers."""
    match = _DATE.fullmatch(text.strip())
    if not match:
        raise QueryError(f"Bad date “{text}”: write 2025, 2025-04 or 2025-04-03.")
    year_text, month_text, day_text = match.groups()
    year = int(year_text)  # the pattern always has the year
    month, day = (int(g) if g else None for g in (month_text, day_text))
    try:
        if day is not None and month is not None:
            first = last = dt.date(year, month, day)
        elif month is not None:
            first = dt.date(year, month, 1)
            last = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
        else:
            first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        raise QueryError(f"There is no date “{text}”.") from None
    return _ymd(first), _ymd(last)


def _ymd(day: dt.date) -> int:
    return day.year * 10000 + day.month * 100 + day.day
