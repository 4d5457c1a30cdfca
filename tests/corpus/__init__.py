"""A corpus of Chinese e-paper pages with their truths, for reader tests and bench/fidelity.py.

Each page is a model (:class:`PageTruth`) made from a seed number; the model is laid out as
HTML (CSS columns, ``writing-mode: vertical-rl`` headlines and bylines), printed to PDF by
headless Chromium, and read back by pdftotext (plain and ``-layout``) and by Gazette's PDF
import (see ``render.py``). The truth of a page is its model, never a reading of it.

Text comes only from ``sentences.py`` (the seed page and the 晶報 transcriptions). Names, page
labels and section names are generated from character and word lists: data, not text a rule
could match.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path

from corpus.sentences import headings, sentences

FIXED = Path(__file__).resolve().parent / "fixed"
WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国志远振宇浩然晓东海波宁颖凯耀帆美亮峰俊慧欣悦琳晨阳"
SECTIONS = ("要闻", "综合", "县域·交城", "民生", "文化", "经济", "时评", "副刊", "乡村振兴", "法治")
PAGE_ROLE_SETS = (("组版", "责编", "校对"), ("责任编辑", "美术编辑"), ("本版编辑", "版式设计", "责任校对"),
                  ("编辑", "审核"), ("策划", "统筹", "监制"), ("值班编辑", "美编", "校对"))


@dataclass
class ArticleTruth:
    title: str
    subtitle: str = ""
    kicker: str = ""
    byline: str = ""  # as printed; "" when the credit is printed in the body (本报讯（记者 …）)
    credits: list[tuple[str, str]] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    vertical: bool = False
    subheadings: list[int] = field(default_factory=list)  # indexes of paragraphs that are 小标题
    caption: int | None = None  # index of the paragraph that is a photo caption


@dataclass
class PageTruth:
    name: str
    date: str
    weekday: str
    label: str
    number: int
    section: str
    masthead: str
    credits_line: str
    credits: list[tuple[str, str]]
    articles: list[ArticleTruth]
    columns: list[int]  # the body's column count, per article

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str) -> PageTruth:
        data = json.loads(text)
        data["credits"] = [tuple(c) for c in data["credits"]]
        data["articles"] = [ArticleTruth(**{**a, "credits": [tuple(c) for c in a["credits"]]})
                            for a in data["articles"]]
        return cls(**data)


def make_page(seed: int) -> PageTruth:
    rng = random.Random(seed)
    day = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(700))
    number = rng.randint(1, 16)
    label = rng.choice(("", "", "A", "B", "C")) + str(number)
    section = rng.choice(SECTIONS)
    weekday = WEEKDAYS[day.weekday()]
    date = f"{day.year}年{day.month}月{day.day}日"
    masthead = rng.choice((f"{label} {section} {date} {weekday}", f"{date} {weekday} 第{label}版 {section}",
                           f"{label}版 {section} {date} {weekday}"))
    roles = rng.choice(PAGE_ROLE_SETS)
    credits = [(role, _name(rng)) for role in roles for _ in range(rng.choice((1, 1, 2)))]
    credits_line = _credits_line(rng, credits)
    used: set[str] = set()
    articles = [_article(rng, used, first=n == 0) for n in range(rng.randint(2, 3))]
    return PageTruth(name=f"page{seed:03d}", date=day.isoformat(), weekday=weekday, label=label, number=number,
                     section=section, masthead=masthead, credits_line=credits_line, credits=credits,
                     articles=articles, columns=[rng.randint(2, 5) for _ in articles])


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def _credits_line(rng: random.Random, credits: list[tuple[str, str]]) -> str:
    """``组版:A B 责编:C``; half- or full-width colons; sometimes the next role runs on with no space."""
    parts, previous = [], None
    for role, name in credits:
        if role == previous:
            parts[-1] += " " + name
        else:
            joiner = rng.choice(("", " ", " ")) if parts else ""
            parts.append(joiner + role + rng.choice(":：") + name)
        previous = role
    return "".join(parts)


def _unused(rng: random.Random, pool: tuple[str, ...], used: set[str]) -> str:
    choice = rng.choice([p for p in pool if p not in used])
    used.add(choice)
    return choice


def _article(rng: random.Random, used: set[str], first: bool) -> ArticleTruth:
    vertical = first and rng.random() < 0.6
    title = _unused(rng, headings(), used)
    if not vertical and rng.random() < 0.3:  # a horizontal headline of two phrases, a space between
        title += " " + _unused(rng, headings(), used)
    kicker = _unused(rng, headings(), used) if not vertical and rng.random() < 0.4 else ""
    subtitle = "——" + _unused(rng, headings(), used) if rng.random() < 0.4 else ""
    byline, credits, lead = _byline(rng, vertical)
    paragraphs = [_paragraph(rng) for _ in range(rng.randint(3, 6))]
    if lead:
        paragraphs[0] = lead + paragraphs[0]
    article = ArticleTruth(title=title, subtitle=subtitle, kicker=kicker, byline=byline, credits=credits,
                           paragraphs=paragraphs, vertical=vertical)
    if len(paragraphs) >= 4 and rng.random() < 0.4:
        at = rng.randint(2, len(paragraphs) - 1)
        paragraphs.insert(at, _unused(rng, headings(), used))
        article.subheadings.append(at)
    if rng.random() < 0.3:
        photographer = _name(rng)
        paragraphs.append("图为" + rng.choice(sentences()).rstrip("。，、；") + f"。（摄影 {photographer}）")
        article.caption = len(paragraphs) - 1
        article.credits.append(("摄影", photographer))
    return article


def _byline(rng: random.Random, vertical: bool) -> tuple[str, list[tuple[str, str]], str]:
    """(the byline as printed, its credits, a lead for the first paragraph)."""
    a, b, c = _name(rng), _name(rng), _name(rng)
    forms = [
        (f"□ 文/{a} 图/{b} {c}", [("文", a), ("图", b), ("图", c)], ""),
        (f"文/图 {a}", [("文", a), ("图", a)], ""),
        (f"记者 {a} {b} {c}", [("记者", a), ("记者", b), ("记者", c)], ""),
        (f"本报记者 {a} 通讯员 {b}", [("本报记者", a), ("通讯员", b)], ""),
        (f"□ 本报记者 {a}", [("本报记者", a)], ""),
    ]
    if not vertical:
        forms += [("本报评论员", [("本报评论员", "")], ""),
                  ("", [("记者", a), ("记者", b)], f"本报讯（记者 {a} {b}）")]
    return rng.choice(forms)


def _paragraph(rng: random.Random) -> str:
    return "".join(rng.choice(sentences()) for _ in range(rng.randint(1, 4)))


# ---------------------------------------------------------------------------------------------
# Layout

CSS = """
@page { size: 820px 1400px; margin: 24px; }
body { font-family: "WenQuanYi Micro Hei"; font-size: 12px; line-height: 1.5; margin: 0; }
.masthead { font-size: 13px; border-bottom: 2px solid #000; padding-bottom: 4px; }
.credits { font-size: 11px; margin: 4px 0 12px; }
.article { position: relative; z-index: 0; border-bottom: 1px solid #666; padding-bottom: 10px; margin-bottom: 14px; }
/* Floats paint before in-flow text, and each article is a stacking context: the PDF's text
   then runs headline, byline, body, as a reader reads them (flex row-reverse paints the body first). */
.v { display: flow-root; }
.vhead { float: right; writing-mode: vertical-rl; font-size: 22px; font-weight: bold; margin-left: 14px; }
.vsub { float: right; writing-mode: vertical-rl; font-size: 15px; margin-left: 10px; padding-top: 30px; }
.vby { float: right; writing-mode: vertical-rl; font-size: 12px; margin-left: 18px; padding-top: 40px; }
.vby span { display: block; margin-top: 0.8em; }
.kicker { font-size: 14px; text-align: center; }
.title { font-size: 22px; font-weight: bold; text-align: center; margin: 2px 0; }
.subtitle { font-size: 15px; text-align: center; }
.byline { font-size: 12px; text-align: center; margin: 4px 0 8px; }
.body { column-gap: 3em; column-rule: 1px solid #999; text-align: justify; overflow: hidden; }
.body p { margin: 0; text-indent: 2em; }
.body p.sub { text-indent: 0; text-align: center; font-weight: bold; margin: 0.3em 0; }
.body .photo { height: 70px; background: #ccc; margin: 0.5em 0 0.2em; }
.body p.caption { text-indent: 0; font-size: 11px; }
"""


def to_html(page: PageTruth) -> str:
    e = html.escape
    out = [f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>{CSS}</style></head><body>',
           f'<div class="masthead">{e(page.masthead)}</div>', f'<div class="credits">{e(page.credits_line)}</div>']
    for article, columns in zip(page.articles, page.columns):
        body = [f'<div class="body" style="columns: {columns}">']
        for n, paragraph in enumerate(article.paragraphs):
            if n in article.subheadings:
                body.append(f'<p class="sub">{e(paragraph)}</p>')
            elif n == article.caption:
                body.append(f'<div class="photo"></div><p class="caption">{e(paragraph)}</p>')
            else:
                body.append(f"<p>{e(paragraph)}</p>")
        body.append("</div>")
        if article.vertical:
            out.append('<div class="article v">')
            out.append(f'<div class="vhead">{e(article.title)}</div>')
            if article.subtitle:
                out.append(f'<div class="vsub">{e(article.subtitle)}</div>')
            if article.byline:
                parts = article.byline.split()
                out.append('<div class="vby">' + "".join(f"<span>{e(p)}</span>" for p in parts) + "</div>")
        else:
            out.append('<div class="article">')
            if article.kicker:
                out.append(f'<div class="kicker">{e(article.kicker)}</div>')
            out.append(f'<div class="title">{e(article.title)}</div>')
            if article.subtitle:
                out.append(f'<div class="subtitle">{e(article.subtitle)}</div>')
            if article.byline:
                out.append(f'<div class="byline">{e(article.byline)}</div>')
        out += body
        out.append("</div>")
    out.append("</body></html>")
    return "\n".join(out)
