"""Nothing is lost: every non-space character of the input ends up in a field, an article or
the page's unassigned text. Only the separators the reader interprets (the colon after a role,
the slash in 文/, the □ before a byline) are consumed, at most one per credit."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import Counter
from pathlib import Path

from conftest import SEED
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.ingest import ReadOptions, read_page_text
from viewer.ingest.textutil import non_space
from viewer.model import Credit, Page
from viewer.vertical import horizontal

STRUCTURAL = set(":：/／□■◇◆●")
SEED_LINES = SEED.read_text(encoding="utf-8").splitlines()


PAIR = {("文", "图"), ("图", "文")}
PRINTED_PAIR = re.compile(r"文\s*[/／]\s*图|图\s*[/／]\s*文")


def credit_text(credits: list[Credit], pair_printed: bool = False, every_role: bool = False) -> list[str]:
    """Roles once per run of names, as printed (组版:惠爱宏 李晓玲), or once per name
    (``every_role``: 通讯员 张三 通讯员 李四 reads as the same two credits), and the names. Where the
    pair 文/图 is printed, its credits come two by two, one person in both roles (文/图 张三
    李四: 张三 and 李四 each as 文 and 图), printed as the two roles and each name once."""
    parts, previous, n = [], None, 0
    while n < len(credits):
        credit = credits[n]
        pairs = 0
        while (pair_printed and n + 2 * pairs + 1 < len(credits)
               and (credits[n + 2 * pairs].role, credits[n + 2 * pairs + 1].role) in PAIR
               and credits[n + 2 * pairs].role == credit.role
               and credits[n + 2 * pairs].name == credits[n + 2 * pairs + 1].name):
            pairs += 1
        if pairs:
            parts += [credit.role, credits[n + 1].role] + [credits[n + 2 * i].name for i in range(pairs)]
            previous, n = None, n + 2 * pairs  # the same role after a pair is printed again
            continue
        # a role naming no one is printed alone: it and the same role after it are printed again
        run = (not every_role and previous is not None and credit.role == previous.role and previous.name
               and credit.name)
        parts += ([] if run else [credit.role]) + [credit.name]
        previous, n = credit, n + 1
    return parts


def inventory(page: Page, text: str = "", every_role: bool = False) -> Counter:
    """The page's characters, fields and credits as they would be printed (``text``, the input,
    says whether a 文/图 pair was): with each role once per run of its names, or with
    ``every_role``, once per name (the most a reading's credits can stand for)."""
    pair_printed = bool(PRINTED_PAIR.search(text))
    parts = [page.masthead, *page.unassigned, *credit_text(page.credits, pair_printed, every_role)]
    for article in page.articles:
        parts += [article.kicker, article.title, article.subtitle, *article.paragraphs]
        parts += credit_text(article.credits, pair_printed, every_role)
    return Counter(non_space("".join(parts)))


def assert_nothing_lost(text: str, page: Page) -> None:
    expected = Counter(non_space(horizontal(text)))
    # How often a role was printed before a run of its names the credits cannot say: nothing is
    # lost from the most they can stand for, nothing invented in the least
    missing = expected - inventory(page, text, every_role=True)
    assert set(missing) <= STRUCTURAL, f"lost: {dict(missing)}"
    credits = len(page.credits) + sum(len(a.credits) for a in page.articles)
    assert sum(missing.values()) <= credits + len(page.articles)
    found = inventory(page, text)
    assert not found - expected, f"invented: {dict(found - expected)}"


def read(text: str) -> Page:
    options = ReadOptions(publication="测试报", date=dt.date(2025, 1, 1), page=1)
    return read_page_text(Path("test.txt"), text, options)


def test_seed_loses_nothing():
    text = "\n".join(SEED_LINES)
    assert_nothing_lost(text, read(text))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32))
def test_seed_with_line_breaks_and_blank_lines_moved(seed: int):
    rnd = random.Random(seed)
    lines = []
    for line in SEED_LINES:
        if line and rnd.random() < 0.15:  # break a line in two
            cut = rnd.randrange(len(line) + 1)
            lines += [line[:cut], line[cut:]]
        elif not line and rnd.random() < 0.5:  # drop a blank line
            continue
        else:
            lines.append(line)
        if rnd.random() < 0.1:
            lines.append("")
    text = "\n".join(lines)
    assert_nothing_lost(text, read(text))


PAGEISH = st.text(alphabet=st.sampled_from(
    list("交城县改革攻坚民生提质年月日星期四第版组版责编校对文图记者□/:：，。、“”﹃﹄︵︶ 0123456789AaBb-\n")),
    max_size=400)


@settings(max_examples=200, deadline=None)
@given(PAGEISH)
def test_random_text_loses_nothing(text: str):
    assert_nothing_lost(text, read(text))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_loses_nothing(text: str):
    text = text.replace("\r", "\n").replace("\x00", "")
    assert_nothing_lost(text, read(text))
