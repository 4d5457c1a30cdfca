"""The reading room's words in Chinese (the default) and English.

The language is the visitor's choice (a ``lang`` cookie, set by the language link), else the
first of Chinese or English in the browser's ``Accept-Language``, else Chinese."""

from __future__ import annotations

LANGUAGES = ("zh", "en")
DEFAULT = "zh"

WORDS: dict[str, dict[str, str]] = {
    "Gazette reading room": {"zh": "县报档案 阅览室"},
    "Publications": {"zh": "报纸"},
    "issues": {"zh": "期"},
    "pages": {"zh": "版"},
    "articles": {"zh": "篇"},
    "Search": {"zh": "检索"},
    "Search the archive": {"zh": "检索档案"},
    "From": {"zh": "起"},
    "To": {"zh": "止"},
    "Section": {"zh": "版名"},
    "any": {"zh": "不限"},
    "Sort": {"zh": "排序"},
    "best first": {"zh": "相关度"},
    "oldest first": {"zh": "日期"},
    "results": {"zh": "条结果"},
    "No article matches.": {"zh": "没有找到匹配的文章。"},
    "Previous": {"zh": "上一页"},
    "Next": {"zh": "下一页"},
    "Years": {"zh": "年份"},
    "Year": {"zh": "年"},
    "Person": {"zh": "人物"},
    "Tag": {"zh": "标签"},
    "missing": {"zh": "缺期"},
    "The paper should have appeared on these days, but the archive has no issue:":
        {"zh": "按出版规律这些日子应有报纸，档案中缺："},
    "Pages": {"zh": "版面"},
    "Contents": {"zh": "目录"},
    "Page {}": {"zh": "第{}版"},
    "Untitled": {"zh": "（无题）"},
    "Page editors": {"zh": "本版编辑"},
    "Citation (GB/T 7714)": {"zh": "引文（GB/T 7714）"},
    "Copy": {"zh": "复制"},
    "Copied": {"zh": "已复制"},
    "Download": {"zh": "下载"},
    "Text not assigned to an article": {"zh": "未归入文章的文字"},
    "Zoom": {"zh": "缩放"},
    "This page has no picture.": {"zh": "本版没有图像。"},
    "Notes": {"zh": "批注"},
    "Not found": {"zh": "未找到"},
    "Bad request": {"zh": "请求有误"},
    "Something went wrong": {"zh": "出错了"},
    "The error was logged; the archive is unchanged.": {"zh": "错误已记录；档案未被改动。"},
    "Home": {"zh": "首页"},
    "Read-only: nothing here can change the archive.": {"zh": "只读：本站不会改动档案。"},
    "Calendar": {"zh": "日历"},
    "Query": {"zh": "检索词"},
    "Not yet searchable (the index is catching up):": {"zh": "尚未能检索（索引正在更新）的文章："},
}

MONTHS = {"zh": [f"{m}月" for m in range(1, 13)],
          "en": ["January", "February", "March", "April", "May", "June", "July", "August",
                 "September", "October", "November", "December"]}
WEEKDAY_HEADS = {"zh": list("一二三四五六日"), "en": ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]}


def translate(text: str, language: str) -> str:
    """``text`` (the English) in ``language``; English itself, or a word with no translation."""
    return WORDS.get(text, {}).get(language, text)


def language_of(accept_language: str, chosen: str | None = None) -> str:
    """The visitor's language: ``chosen`` if it is one we have, else the preferred of ours in
    an ``Accept-Language`` header (``en-GB,en;q=0.9,zh;q=0.5`` → en), else Chinese."""
    if chosen in LANGUAGES:
        return chosen
    ranked = []
    for position, part in enumerate(accept_language.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                continue
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else DEFAULT
