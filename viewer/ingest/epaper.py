"""Read an e-paper page as a PDF text extractor gives it (the format of the seed page).

Layout, top to bottom: the masthead; the page's credits line; then one or more articles, each
starting with a headline block — vertical (one character per line, blank lines inside, digits
split over lines) or horizontal (short lines followed by a byline) — then the body, hard-wrapped.

Nothing is dropped: every line ends up in the masthead, the credits, an article, or the page's
unassigned text (which the import report mentions).
"""

from __future__ import annotations

import re

from viewer.ingest.masthead import Masthead, find_masthead, parse_credits_line
from viewer.ingest.reflow import reflow
from viewer.ingest.textutil import clean_line, display_width, is_indented, non_space, remove_extractor_spaces
from viewer.model import Article, Credit, Page
from viewer.vertical import horizontal

VERTICAL_LINE_MAX = 3  # characters on one line of a vertical headline ("画2" is one line)
VERTICAL_BLOCK_MIN = 4  # lines before a run of short lines counts as a vertical headline
TITLE_MAX_WIDTH = 30  # em; a horizontal headline line is no wider
TITLE_MAX_LINES = 3
NAME_MAX = 10  # characters in one name of a byline (people, or a body such as 县委宣传部)

BYLINE_MARKS = "□■◇◆●"
# Roles in a byline. One-character roles need their separator (文/, 图：) so that a name such
# as 文强 is not read as a role; longer ones may stand alone (本报记者 张三). ``文/图 张三`` (or
# ``文 / 图``) is one person in both roles; ``文/ 图/张三``, spaced on one side only, is two roles,
# the first without a name. A commentator's byline (本报评论员) names no one.
_BYLINE_ROLE = re.compile(
    r"(?P<pair>文(?:[/／]|\s+[/／]\s+)图|图(?:[/／]|\s+[/／]\s+)文)\s*[/／:：]?"
    r"|(?P<word>本报记者|特约记者|记者|通讯员|实习生|摄影|撰稿|作者|本报评论员|特约评论员|评论员)\s*[/／:：]?"
    r"|(?P<char>文|图|摄|图片)\s*[/／:：]")
_UNNAMED_ROLES = ("本报评论员", "特约评论员", "评论员")
# The opening of a news story whose byline is printed in its first line: 本报讯（记者 王明）,
# 新华社北京4月3日电（记者 …）, （记者 …）. The credits are read from the brackets; the text stays.
_LEAD = re.compile(r"^(?:本报讯|本报[^\s（(，。、]{1,8}讯|[^\s（(，。、]{1,4}社[^\s（(，。、]{1,12}电)"
                   r"|^[（(]\s*(?:本报)?(?:记者|通讯员|特约记者|实习生)")
_LEAD_CREDITS = re.compile(r"^[^（(]{0,20}[（(](?P<byline>[^（）()]{2,40})[）)]")
# A photo's credit at the end of its caption: （摄影 王明）, （王明 摄）.
_CAPTION_CREDIT = re.compile(r"[（(]\s*(?:摄影|图)\s*[/／:：]?\s*(?P<a>[^（）()]{1,30}?)\s*[）)]"
                             r"|[（(]\s*(?P<b>[^（）()\s]{2,10})\s*摄\s*[）)]")
_OPEN_END = "、，。；：）)」』,;"  # a line ending in one of these is body text, never a headline line
_NAME_SEPARATORS = re.compile(r"[\s、，,;；]+")
_BYLINE_MARK_SPLIT = re.compile(f"(?=[{BYLINE_MARKS}])")  # a byline mark opens a group of its own
_PUNCTUATION = re.compile(r"[，。、；：！？,.;:!?“”\"（）()《》]")


def read_epaper_text(text: str, *, publication: str) -> Page | None:
    """The page, or None when the text has no masthead (it is not an e-paper page)."""
    lines = text.splitlines()
    found = find_masthead(lines)
    if found is None:
        return None
    masthead, used = found
    page = _page_from_masthead(masthead, publication, raw_text=text)
    body_lines, line_numbers = [], []
    for number, line in enumerate(lines):
        if number in used:
            continue
        credits = parse_credits_line(line)
        if credits is None:
            body_lines.append(line)
            line_numbers.append(number)
        else:
            page.credits += credits
    _read_articles(body_lines, line_numbers, page)
    return page


def _page_from_masthead(masthead: Masthead, publication: str, raw_text: str) -> Page:
    page = Page(publication=publication, date=masthead.date, number=masthead.number,
                label=masthead.label, section=masthead.section, weekday=masthead.weekday,
                masthead=masthead.text, raw_text=raw_text, warnings=list(masthead.warnings))
    if masthead.extra:
        page.warnings.append(f"masthead words not understood (kept with the masthead): {' '.join(masthead.extra)}")
    return page


def _read_articles(lines: list[str], line_numbers: list[int], page: Page) -> None:
    """Split the lines after the masthead into articles at each headline block;
    ``line_numbers`` are the lines' places in the page text."""
    starts = _headline_starts(lines)
    if not starts or any(line.strip() for line in lines[:starts[0]]):
        starts.insert(0, 0)  # text before the first headline: a continuation, or debris
    for start, end in zip(starts, starts[1:] + [len(lines)]):
        article = _read_article(lines[start:end], page.unassigned)
        article.source_lines = [n for n, line in zip(line_numbers[start:end], lines[start:end]) if line.strip()]
        if article.title or article.credits or _is_prose(article.paragraphs):
            article.seq = len(page.articles) + 1
            page.articles.append(article)
        elif article.paragraphs:
            page.unassigned += article.paragraphs
    if page.unassigned:
        page.warnings.append(f"{len(page.unassigned)} piece(s) of text belong to no article")


def _is_prose(paragraphs: list[str]) -> bool:
    return sum(len(p) for p in paragraphs) >= 10


def _headline_starts(lines: list[str]) -> list[int]:
    starts = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
        elif (end := _vertical_block_end(lines, i)) is not None or (
                (end := _horizontal_headline_end(lines, i)) is not None and _may_open(lines, i, end)):
            starts.append(i)
            i = end
        else:
            i += 1
    return starts


def _is_vertical_line(line: str) -> bool:
    return 0 < len(non_space(line)) <= VERTICAL_LINE_MAX


def _vertical_block_end(lines: list[str], start: int) -> int | None:
    """End (exclusive) of a vertical headline block starting at ``start``, or None."""
    count, end = 0, start
    for i in range(start, len(lines)):
        if not lines[i].strip():
            continue
        if not _is_vertical_line(lines[i]):
            break
        count, end = count + 1, i + 1
    return end if count >= VERTICAL_BLOCK_MIN else None


def _horizontal_headline_end(lines: list[str], start: int) -> int | None:
    """End (exclusive) of a horizontal headline at ``start``, or None. A headline is up to
    TITLE_MAX_LINES short lines (kicker, title, ``——`` subtitle) followed by its byline (taken
    with it), by a story's lead (本报讯（记者 …）, left to the body), or — when it has a
    subtitle — by the body itself. One short line followed by body text is a sub-heading."""
    taken, subtitle = 0, False
    for i in range(start, len(lines)):
        line = lines[i].strip()
        if not line:
            continue
        if taken and parse_byline(line) is not None:
            return i + 1
        if taken and _LEAD.match(line):
            return i
        if taken == TITLE_MAX_LINES or display_width(line) > TITLE_MAX_WIDTH or line[-1] in _OPEN_END:
            return i if subtitle and taken >= 2 else None
        subtitle = subtitle or (taken > 0 and line.startswith("——"))
        taken += 1
    return None


def _may_open(lines: list[str], start: int, end: int) -> bool:
    """A headline of several lines does not start right after a line that ends mid-sentence:
    that line and the next are the previous article's last lines, however short — unless it
    has a ``——`` subtitle, which no sentence wraps into."""
    above = next((line.strip() for line in reversed(lines[:start]) if line.strip()), "")
    title_lines = [line.strip() for line in lines[start:end] if line.strip() and parse_byline(line) is None]
    return (not above or above[-1] in _OPEN_END + "！？!?”" or len(title_lines) <= 1
            or any(line.startswith("——") and line.strip("—") for line in title_lines[1:]))


def _read_article(lines: list[str], unread: list[str]) -> Article:
    """The article in ``lines``; a part of its headline that could not be read (a vertical
    byline that names no one as a byline should) goes to ``unread``."""
    article = Article(raw_text="\n".join(lines).strip("\n"))
    i = 0
    end = _vertical_block_end(lines, 0) if lines else None
    if end is not None:
        unread += _read_vertical_headline(lines[:end], article)
        i = end
    elif (end := _horizontal_headline_end(lines, 0)) is not None:
        _read_horizontal_headline(lines[:end], article)
        i = end
    apart_at = _set_apart(lines, i)
    rest = [line for line in lines[i:] if line.strip()]
    apart = [n in apart_at for n, line in enumerate(lines) if n >= i and line.strip()]
    if not article.credits and rest and (credits := parse_byline(rest[0])) is not None:
        article.credits, rest, apart = credits, rest[1:], apart[1:]  # a horizontal byline under a vertical headline
    if not article.credits and rest:
        article.credits = lead_credits(rest)
    article.paragraphs = reflow([clean_line(line) for line in rest], [is_indented(line) for line in rest], apart)
    article.credits += [credit for credit in caption_credits(rest) if credit not in article.credits]
    return article


def _set_apart(lines: list[str], start: int) -> set[int]:
    """Lines from ``start`` on printed as a block of one line between blocks of several (a
    bold sub-heading, which pdftotext sets apart by blank lines); not where every line is
    apart (text whose lines all have blank lines between them says nothing by it)."""
    def alone(n: int) -> bool:
        return bool(lines[n].strip()) and all(not lines[m].strip() for m in (n - 1, n + 1) if 0 <= m < len(lines))
    apart = set()
    for n in range(start + 1, len(lines) - 1):
        if not alone(n):
            continue
        above = next((m for m in range(n - 1, start - 1, -1) if lines[m].strip()), None)
        below = next((m for m in range(n + 1, len(lines)) if lines[m].strip()), None)
        if above is not None and below is not None and not alone(above) and not alone(below):
            apart.add(n)
    return apart


def lead_credits(lines: list[str]) -> list[Credit]:
    """The credits in a story's lead (``本报讯（记者 王明 张建国）…``), read from its first lines
    joined as printed (a name may run over a line end); [] when the story has no lead."""
    opening = ""
    for line in (line.strip() for line in lines[:3]):
        opening += (" " if _names_apart(opening, line) else "") + line
    if not _LEAD.match(opening) or (match := _LEAD_CREDITS.match(opening)) is None:
        return []
    return parse_byline(match.group("byline")) or []


def _names_apart(before: str, after: str) -> bool:
    """Whether a line end inside a lead's brackets fell on the space between two names: the
    extractor drops a space at a line end, and a Chinese name has two characters or more, so
    the break is between names when the runs of letters on both sides of it have two or more
    (记者 吕欣 / 毛海亮), and inside a name when one side has a single one (记者 许国 / 振)."""
    if "（" not in before and "(" not in before or before.rstrip()[-1:] in "）)":
        return False
    left = re.search(r"[^\s（(、，,;；:：/／]+$", before)
    right = re.match(r"[^\s）)、，,;；:：/／]+", after)
    return bool(left and right and len(left.group()) >= 2 and len(right.group()) >= 2
                and not _BYLINE_ROLE.fullmatch(left.group()))


def caption_credits(lines: list[str]) -> list[Credit]:
    """Photographers named at the end of a caption: （摄影 王明）, （王明 摄）."""
    credits = []
    for match in _CAPTION_CREDIT.finditer("".join(line.strip() for line in lines)):
        names = match.group("a") or match.group("b")
        credits += [Credit("摄影", name) for name in _NAME_SEPARATORS.split(names) if name]
    return credits


def _vertical_block_line(line: str) -> str:
    """A line of a vertical block: a column's few characters (spaces there are the extractor's),
    or a line set across it, a byline say, whose spaces separate names (记者/王明 张建国)."""
    if len(non_space(line)) > VERTICAL_LINE_MAX:
        return " ".join(line.split())
    return non_space(line)


def _read_vertical_headline(lines: list[str], article: Article) -> list[str]:
    """Title, subtitle and byline from a vertical block: blank lines separate groups, which
    matter only in the byline (they separate names). Returns the byline's text when it does
    not read as one (nothing is dropped)."""
    groups = ["".join(_vertical_block_line(line) for line in group) for group in _groups(lines)]
    groups = [part for group in groups for part in _BYLINE_MARK_SPLIT.split(group) if part]
    # A byline mark set beside a column (PDF text puts it on the line of the character next to
    # it) opens the byline there and leaves a gap that splits a role word: 本 / □ / 报记者.
    unmarked: list[str] = []
    marked: set[int] = set()
    for group in groups:
        if group[0] in BYLINE_MARKS:
            marked.add(len(unmarked))
        if group.lstrip(BYLINE_MARKS):
            unmarked.append(group.lstrip(BYLINE_MARKS))
    groups = unmarked
    for n in range(len(groups) - 1):
        if not _starts_with_byline_role(groups[n]) and _starts_with_byline_role(groups[n] + groups[n + 1]):
            groups[n], groups[n + 1] = groups[n] + groups[n + 1], ""
            if n + 1 in marked:
                marked.add(n)
    byline_at = next((n for n, group in enumerate(groups)
                      if group and (n in marked or _starts_with_byline_role(group))), len(groups))
    title, byline = [g for g in groups[:byline_at] if g], [g for g in groups[byline_at:] if g]
    _set_title(horizontal("".join(title)), article)
    if byline:
        article.credits = parse_byline(" ".join(byline), strict=False) or []
        if not article.credits:
            return [" ".join(byline)]
    return []


def _read_horizontal_headline(lines: list[str], article: Article) -> None:
    printed = [line for line in lines if line.strip()]
    credits = parse_byline(horizontal(printed[-1]))  # its spaces as printed: they separate names and roles
    article.credits = credits or []
    title_lines = [_headline_line(line) for line in (printed[:-1] if credits is not None else printed)]
    subtitle = [line for line in title_lines if line.startswith("—")]
    title = [line for line in title_lines if not line.startswith("—")]
    if len(title) >= 2:
        article.kicker, title = title[0], title[1:]  # 引题 above the main title
    _set_title("".join(title) + "".join(subtitle), article)


def _headline_line(line: str) -> str:
    """A printed horizontal headline line: a space inside it is part of it (two phrases), so
    only the extractor's spaces go and runs of layout spaces become one."""
    return re.sub(r"\s+", " ", remove_extractor_spaces(horizontal(line.strip())))


def _set_title(text: str, article: Article) -> None:
    dash = text.find("——")
    if dash > 0:
        article.title, article.subtitle = text[:dash], text[dash:]
    else:
        article.title = text


def _groups(lines: list[str]) -> list[list[str]]:
    groups: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            groups[-1].append(line)
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def _starts_with_byline_role(text: str) -> bool:
    """A vertical group that opens a byline: ``文/``, or a role word alone or with its separator."""
    match = _BYLINE_ROLE.match(text)
    return bool(match and (match.group("char") or match.end() == len(text) or text[match.end() - 1] in "/／:："))


def parse_byline(line: str, strict: bool = True) -> list[Credit] | None:
    """Credits from a byline (``□ 文/冀美丽 图/褚泰杰 田谷仓``, ``本报记者 张三 通讯员 李四``),
    or None when the line is not one. ``strict`` asks for short, punctuation-free names, which
    tells a byline from a sentence that starts with 记者."""
    text = line.strip().lstrip(BYLINE_MARKS).strip()
    matches = list(_BYLINE_ROLE.finditer(text))
    if not matches or matches[0].start() != 0:
        return None
    credits = []
    for match, following in zip(matches, matches[1:] + [None]):
        roles = ["文", "图"] if match.group("pair") else [(match.group("word") or match.group("char")).replace("图片", "图")]
        names = [n for n in _NAME_SEPARATORS.split(text[match.end():following.start() if following else None]) if n]
        if strict and any(len(n) > NAME_MAX or _PUNCTUATION.search(n) for n in names):
            return None
        credits += [Credit(role, name) for name in names for role in roles] or [Credit(role, "") for role in roles]
    if strict and all(not c.name and c.role not in _UNNAMED_ROLES for c in credits):
        return None
    if len({(c.role, c.name) for c in credits}) < len(credits):  # a credit printed twice is not a byline: kept as text, nothing lost
        return None
    return credits
