"""GB/T 7714-2015 references for newspaper articles: ``作者. 题名[N]. 报纸名, 出版日期(版次).``"""

from __future__ import annotations

from viewer.model import AUTHOR_ROLES

MAX_AUTHORS = 3  # GB/T 7714: the first three, then 等


def cited_authors(article: dict) -> list[str]:
    """The people the byline names in an author's role (文, 记者 …), each once, in order;
    photographers (图, 摄影) are not authors of the text."""
    authors = [name for role, names in article["credits"].items() if role in AUTHOR_ROLES
               for name in names if name]
    return list(dict.fromkeys(authors))  # one person credited twice (记者, 摄影) is one author


def cited_title(article: dict) -> str:
    """``题名: 副题名`` (the subtitle's leading dash dropped)."""
    title = article["title"] or "（无题）"
    subtitle = article["subtitle"].lstrip("—－- ").strip()
    return f"{title}: {subtitle}" if subtitle else title


def citation(article: dict) -> str:
    """The reference for an article in the shape of ``gazette show --json``."""
    authors = cited_authors(article)
    byline = ", ".join(authors[:MAX_AUTHORS]) + (", 等" if len(authors) > MAX_AUTHORS else "")
    lead = f"{byline}. " if authors else ""
    return f"{lead}{cited_title(article)}[N]. {article['publication']}, {article['date']}({article['page']})."
