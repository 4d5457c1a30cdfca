"""How faithfully Gazette reads pages laid out differently from the seed.

Reads every page of the corpus (tests/corpus: HTML printed to PDF by Chromium, with its truth)
by three paths — pdftotext's plain text, pdftotext -layout, and Gazette's own PDF import — and
prints, per path: paragraph precision / recall / F1; "in order", the share of paragraphs whose
text runs unbroken in the input (the most a reader that keeps the input's order can find: plain
pdftotext prints an article's columns out of order); the accuracy of each field; the
characters lost (in the input, missing from the reading) and unprinted (in the truth, missing
from the input: a glyph the font lacks, which no reader can give back). The reference row is the seed page read from its text, which must be exact.

    python bench/fidelity.py                      # the committed set, tests/corpus/fixed
    python bench/fidelity.py --generate 40        # 40 fresh pages (needs chromium, pdftotext)
    python bench/fidelity.py --folder DIR         # pages rendered before (tests/corpus/render.py --out DIR)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from corpus import FIXED, ArticleTruth, PageTruth
from corpus.readings import PATHS, read_page

from viewer.model import Page

PAGE_FIELDS = ("page", "label", "section", "date", "weekday", "page credits")
ARTICLE_FIELDS = ("title", "subtitle", "kicker", "byline names")
MARKUP = set("/／:：□■")  # byline and credits punctuation: structure, not text


@dataclass
class Score:
    matched: int = 0
    in_order: int = 0  # truth paragraphs that run unbroken in the input: what a reader that keeps its order can find
    read: int = 0
    truth: int = 0
    fields: Counter = field(default_factory=Counter)  # field → right
    totals: Counter = field(default_factory=Counter)  # field → asked
    lost: int = 0  # characters of the input the reading does not give
    unprinted: int = 0  # characters of the truth the input does not hold
    misses: list[str] = field(default_factory=list)

    def f1(self) -> tuple[float, float, float]:
        p = self.matched / self.read if self.read else 0.0
        r = self.matched / self.truth if self.truth else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def norm(text: str) -> str:
    return "".join(text.split())


def score_page(truth: PageTruth, page: Page, score: Score, where: str) -> None:
    truth_paragraphs = Counter(norm(p) for a in truth.articles for p in a.paragraphs)
    read_paragraphs = Counter(norm(p) for a in page.articles for p in a.paragraphs) + \
        Counter(norm(p) for p in page.unassigned)
    score.matched += sum((truth_paragraphs & read_paragraphs).values())
    flat = norm(page.raw_text)
    score.in_order += sum(n for p, n in truth_paragraphs.items() if p in flat)
    score.truth += sum(truth_paragraphs.values())
    score.read += sum(read_paragraphs.values())
    checks = {"page": (truth.number, page.number), "label": (truth.label, page.label),
              "section": (truth.section, page.section), "date": (truth.date, page.date and page.date.isoformat()),
              "weekday": (truth.weekday, page.weekday),
              "page credits": (sorted(truth.credits), sorted((c.role, c.name) for c in page.credits))}
    for article in truth.articles:
        found = _matching_article(article, page)
        got = found or Page(publication="", date=None, number=None).articles  # no article: every field wrong
        read_credits = sorted(c.name for c in found.credits) if found else None
        checks |= {f"{article.title}/title": (norm(article.title), found and norm(found.title)),
                   f"{article.title}/subtitle": (article.subtitle, found and found.subtitle),
                   f"{article.title}/kicker": (article.kicker, found and found.kicker),
                   f"{article.title}/byline names": (sorted(n for _, n in article.credits), read_credits)}
        del got
    for key, (want, have) in checks.items():
        name = key.rsplit("/", 1)[-1]
        score.totals[name] += 1
        if want == have:
            score.fields[name] += 1
        else:
            score.misses.append(f"{where} {key}: want {want!r} got {have!r}")
    missing = _truth_chars(truth) - _read_chars(page)
    unprinted = _truth_chars(truth) - _chars(page.raw_text)  # not in the input: the printer's loss (a glyph the font lacks)
    score.lost += sum((missing - unprinted).values())
    score.unprinted += sum(unprinted.values())
    if missing - unprinted:
        score.misses.append(f"{where} lost: {''.join((missing - unprinted).elements())}")


def _matching_article(article: ArticleTruth, page: Page):
    """The read article that holds this article's first paragraph, else one with its title."""
    first = norm(article.paragraphs[0])
    for candidate in page.articles:
        if any(norm(p) == first for p in candidate.paragraphs):
            return candidate
    return next((c for c in page.articles if norm(c.title) == norm(article.title)), None)


def _chars(text: str) -> Counter:
    return Counter(c for c in text if not c.isspace() and c not in MARKUP and unicodedata.category(c) != "Cc")


def _truth_chars(truth: PageTruth) -> Counter:
    out = _chars(truth.masthead) + _chars(truth.credits_line)
    for a in truth.articles:
        out += _chars(a.kicker + a.title + a.subtitle + a.byline + "".join(a.paragraphs))
    return out


def _read_chars(page: Page) -> Counter:
    out = _chars(page.masthead) + _chars("".join(c.role + c.name for c in page.credits)) + \
        _chars("".join(page.unassigned))
    for a in page.articles:
        out += _chars(a.kicker + a.title + a.subtitle + "".join(c.role + c.name for c in a.credits) +
                      "".join(a.paragraphs))
    return out


def seed_reference() -> str:
    from corpus.sentences import SEED

    from viewer.ingest.epaper import read_epaper_text

    page = read_epaper_text(SEED.read_text(encoding="utf-8"), publication="")
    return f"seed page (text): {len(page.articles)} article, {sum(len(a.paragraphs) for a in page.articles)} paragraphs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--generate", type=int, metavar="N", help="generate N fresh pages instead")
    parser.add_argument("--first", type=int, default=1000, help="seed of the first generated page")
    parser.add_argument("--misses", action="store_true", help="list every field read wrong")
    parser.add_argument("--folder", type=Path, help="read the pages already rendered in FOLDER (tests/corpus/render.py --out)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.folder or FIXED
        if args.generate:
            from corpus import make_page
            from corpus.render import render

            folder = Path(tmp)
            for seed in range(args.first, args.first + args.generate):
                render(make_page(seed), folder)
        names = sorted(p.stem for p in folder.glob("*.json"))
        print(seed_reference())
        print(f"{len(names)} pages in {folder}")
        print(f"{'path':8} {'pages':>5} {'para P':>7} {'para R':>7} {'para F1':>7} {'in order':>8} " +
              " ".join(f"{f:>12}" for f in PAGE_FIELDS + ARTICLE_FIELDS) + f" {'fields':>7} {'lost':>5} {'unprinted':>9}")
        for kind in PATHS:
            score = Score()
            pages = 0
            for name in names:
                if kind == "pdf" and not (folder / f"{name}.pdf").exists():
                    continue
                truth = PageTruth.from_json((folder / f"{name}.json").read_text(encoding="utf-8"))
                score_page(truth, read_page(folder, name, kind), score, f"{kind} {name}")
                pages += 1
            p, r, f1 = score.f1()
            accuracy = [score.fields[f] / score.totals[f] if score.totals[f] else 1.0 for f in PAGE_FIELDS + ARTICLE_FIELDS]
            overall = sum(score.fields.values()) / max(1, sum(score.totals.values()))
            print(f"{kind:8} {pages:>5} {p:7.3f} {r:7.3f} {f1:7.3f} {score.in_order / max(1, score.truth):8.3f} " + " ".join(f"{a:12.1%}" for a in accuracy) +
                  f" {overall:7.1%} {score.lost:>5} {score.unprinted:>9}")
            if args.misses:
                for miss in score.misses:
                    print("   ", miss)


if __name__ == "__main__":
    main()
