"""The masthead line of an e-paper page and the page's credits line.

Mastheads seen in the wild: ``8 县域·交城 2025年4月3日 星期四``, ``第8版``, ``A8``,
``2025年4月3日 星期四 8``, ``2025-04-03``. Credits: ``组版:惠爱宏 李晓玲 责编:王耀
校对：白颖凯合办：交城县融媒体中心`` (colons of either width, names run into the next role).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from viewer.model import PAGE_ROLES, WEEKDAYS, Credit

_DATE_CN = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DATE_ISO = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_WEEKDAY = re.compile(r"(?:星期|礼拜)[一二三四五六日天]")
_PAGE_TOKEN = re.compile(r"^(?:第\s*([A-Za-z]{0,2})\s*(\d{1,3})\s*版|([A-Za-z]{0,2})(\d{1,3})版?)$")
MAX_MASTHEAD_WIDTH = 60
MASTHEAD_SEARCH_LINES = 3


@dataclass
class Masthead:
    text: str  # the line(s) as printed
    date: dt.date | None = None
    weekday: str = ""
    label: str = ""
    number: int | None = None
    section: str = ""
    extra: list[str] = field(default_factory=list)  # tokens we could not place
    warnings: list[str] = field(default_factory=list)


def find_masthead(lines: list[str]) -> tuple[Masthead, list[int]] | None:
    """The masthead among the first non-blank lines, and the indexes of the lines it used."""
    candidates = [i for i, line in enumerate(lines) if line.strip()][:MASTHEAD_SEARCH_LINES]
    for position, i in enumerate(candidates):
        masthead = parse_masthead(lines[i])
        if masthead is None or masthead.date is None:
            continue
        used = [i]
        if masthead.number is None and position > 0:
            # A page label alone on the line above (``第8版`` then the date line).
            above = parse_masthead(lines[candidates[position - 1]])
            if above is not None and above.number is not None and above.date is None and not above.section:
                masthead.label, masthead.number = above.label, above.number
                masthead.text = lines[candidates[position - 1]].strip() + "\n" + masthead.text
                used.insert(0, candidates[position - 1])
        return masthead, used
    return None


def parse_masthead(line: str) -> Masthead | None:
    """A masthead from one line, or None when the line is not one (too long, prose)."""
    text = line.strip()
    if not text or len(text) > MAX_MASTHEAD_WIDTH:
        return None
    masthead = Masthead(text=text)
    rest = text
    date_match = _DATE_CN.search(rest) or _DATE_ISO.search(rest)
    if date_match:
        year, month, day = (int(g) for g in date_match.groups())
        try:
            masthead.date = dt.date(year, month, day)
        except ValueError:
            return None
        rest = rest[:date_match.start()] + " " + rest[date_match.end():]
    weekday_match = _WEEKDAY.search(rest)
    if weekday_match:
        masthead.weekday = weekday_match.group().replace("礼拜", "星期").replace("星期天", "星期日")
        rest = rest[:weekday_match.start()] + " " + rest[weekday_match.end():]
    for token in rest.split():
        page = _PAGE_TOKEN.match(token)
        if page and masthead.number is None:
            prefix, digits = (page.group(1), page.group(2)) if page.group(2) else (page.group(3), page.group(4))
            masthead.label, masthead.number = (prefix or "") + digits, int(digits)
        elif not masthead.section and _looks_like_section(token):
            masthead.section = token
        else:
            masthead.extra.append(token)
    if masthead.date is None and masthead.number is None:
        return None
    if len(masthead.extra) > 2 or any(len(t) > 12 for t in masthead.extra):
        return None  # a line of prose that happens to hold a date
    _check_weekday(masthead)
    return masthead


def _looks_like_section(token: str) -> bool:
    return 1 <= len(token) <= 12 and any("\u4e00" <= c <= "\u9fff" for c in token)


def _check_weekday(masthead: Masthead) -> None:
    if masthead.date and masthead.weekday:
        actual = WEEKDAYS[masthead.date.weekday()]
        if actual != masthead.weekday:
            masthead.warnings.append(
                f"masthead says {masthead.weekday} but {masthead.date.isoformat()} was a {actual}")


# Known page roles, longest first so 责任编辑 wins over 编辑; any other 1–4 character word before a
# colon at the start of the line or after a space is kept as a role too.
_KNOWN_ROLE = "|".join(sorted(map(re.escape, PAGE_ROLES), key=len, reverse=True))
# An unknown role never swallows a known one: in ``侯耀 文桂美编：`` the role is 美编.
_ROLE = re.compile(rf"(?P<known>{_KNOWN_ROLE})\s*[:：]"
                   rf"|(?<!\S)(?P<other>(?:(?!(?:{_KNOWN_ROLE})\s*[:：])[\u4e00-\u9fff]){{1,4}})\s*[:：]")
_NAME_SEPARATORS = re.compile(r"[\s、，,;；]+")


def parse_credits_line(line: str) -> list[Credit] | None:
    """Credits from a line that starts with a role and a colon and names a known role."""
    text = line.strip()
    matches = list(_ROLE.finditer(text))
    if not matches or matches[0].start() != 0 or not any(m.group("known") for m in matches):
        return None
    credits = []
    for match, following in zip(matches, matches[1:] + [None]):
        role = match.group("known") or match.group("other")
        written = text[match.end():following.start() if following else len(text)]
        names = [name for name in _NAME_SEPARATORS.split(written) if name]
        credits += [Credit(role, name) for name in names] or [Credit(role, "")]  # keep a bare role
    return credits
