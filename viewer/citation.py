"""GB/T 7714-2015 references for newspaper articles: ``作者. 题名[N]. 报纸名, 出版日期(版次).``"""

from __future__ import annotations

from viewer.ingest import DEFAULT_PUBLICATION
from viewer.model import AUTHOR_ROLES

# A paper whose name is not known is left out of the citation rather than printed as if it were
# its name (a CSL processor does the same without a container title).
UNKNOWN_PUBLICATIONS = ("", DEFAULT_PUBLICATION)

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


def cited_publication(article: dict) -> str:
    """The paper's name, or "" where it is not known."""
    return article["publication"] if article["publication"] not in UNKNOWN_PUBLICATIONS else ""


def citation(article: dict) -> str:
    """The reference for an article in the shape of ``gazette show --json``."""
    authors = cited_authors(article)
    byline = ", ".join(authors[:MAX_AUTHORS]) + (", 等" if len(authors) > MAX_AUTHORS else "")
    lead = f"{byline}. " if authors else ""
    paper = cited_publication(article)
    where = f"{paper}, " if paper else ""
    return f"{lead}{cited_title(article)}[N]. {where}{article['date']}({page_label(article)})."


def page_label(article: dict) -> str:
    """The page as printed (``A8``); the number where no label was kept."""
    return article.get("page_label") or str(article["page"])
