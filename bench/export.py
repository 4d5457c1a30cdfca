"""Export throughput: articles per second exporting N articles to text.

The articles are stored straight through the store (no parsing): pages of eight articles
each, every article a run of 5–15 paragraphs of the seed (about 800–2,500 characters) under
its own title and byline. Printed beside references measured in the same run on the same
articles: reading them from SQLite alone, ``json.dumps`` of the same dicts, and writing their
paragraphs with no formatting at all.

    python bench/export.py [--articles 10000] [--formats txt,md,json,csv,docx]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from viewer.archive import Archive  # noqa: E402
from viewer.export import export_articles  # noqa: E402
from viewer.model import WEEKDAYS, Article, Credit, Page  # noqa: E402

ARTICLES_PER_PAGE = 8


def seed_paragraphs(folder: Path) -> list[str]:
    with Archive(folder) as archive:
        [outcome] = archive.importing.load_sample().imported
        return archive.browsing.article(outcome.article_ids[0])["paragraphs"]


def generate(archive: Archive, count: int, paragraphs: list[str]) -> None:
    rng = random.Random(7)
    for n in range(0, count, ARTICLES_PER_PAGE):
        date = dt.date(2000, 1, 1) + dt.timedelta(days=n // (ARTICLES_PER_PAGE * 8))
        number = n // ARTICLES_PER_PAGE % 8 + 1
        articles = []
        for seq in range(1, min(ARTICLES_PER_PAGE, count - n) + 1):
            start = rng.randrange(len(paragraphs) - 15)
            articles.append(Article(
                title=f"第{n + seq}篇：县域经济高质量发展新图景", subtitle="——交城县八大举措" if seq % 2 else "",
                credits=[Credit("记者", "冀美丽"), Credit("通讯员", "褚泰杰")] if seq % 3 else [],
                paragraphs=paragraphs[start:start + rng.randint(5, 15)], seq=seq))
        archive.store.save_pages([(Page(
            publication="吕梁日报", date=date, number=number, section="县域·交城", weekday=WEEKDAYS[date.weekday()],
            credits=[Credit("责编", "王耀"), Credit("校对", "白颖凯")], articles=articles,
            source_path=f"generated/{date}_{number}.txt", sha256=f"{date}-{number}"), None)])


def timed(label: str, count: int, work) -> None:
    start = time.perf_counter()
    work()
    seconds = time.perf_counter() - start
    print(f"{label:<46} {count / seconds:>9.0f} articles/s   ({seconds:.2f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--formats", default="txt", help="comma-separated: txt,md,json,csv,docx")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Archive(Path(tmp) / "archive") as archive:
        tmp = Path(tmp)
        generate(archive, args.articles, seed_paragraphs(tmp / "seed"))
        ids = [article["id"] for article in archive.browsing.list_articles()]
        articles = [archive.browsing.article(i) for i in ids]
        characters = sum(len(p) for a in articles for p in a["paragraphs"])
        print(f"{len(ids)} articles, {characters / len(ids):.0f} characters each on average")

        def plain_paragraphs():
            with open(tmp / "plain.txt", "w", encoding="utf-8") as out:
                for article in articles:
                    out.write("\n".join(article["paragraphs"]) + "\n")

        def json_dumps():
            (tmp / "plain.json").write_text(json.dumps(articles, ensure_ascii=False, indent=2), encoding="utf-8")

        timed("reference: read from SQLite (archive.article)", len(ids), lambda: [archive.browsing.article(i) for i in ids])
        timed("reference: paragraphs, no formatting", len(ids), plain_paragraphs)
        timed("reference: json.dumps of the same dicts", len(ids), json_dumps)
        for fmt in args.formats.split(","):
            timed(f"export {fmt}, articles already read", len(ids),
                  lambda fmt=fmt: export_articles(articles, len(ids), fmt, tmp / f"loaded.{fmt}"))
            timed(f"gazette export {fmt} (Archive.export)", len(ids),
                  lambda fmt=fmt: archive.exporting.export(ids, fmt, tmp / f"export.{fmt}"))
            print(f"{'':<46} {(tmp / f'export.{fmt}').stat().st_size / 2**20:>9.1f} MB")


if __name__ == "__main__":
    main()
