"""Benchmark: Gazette's search index against SQLite FTS5 (trigram) on the same corpus.

    .venv/bin/python bench/search.py            # 10,000 articles, a couple of minutes
    .venv/bin/python bench/search.py --n 100000 # the issue's goal size

The corpus is Chinese text sampled from the word frequencies of jieba's dictionary
(``pip install -e '.[bench]'``; only its ``dict.txt`` is used, 349,046 words with counts), in
articles of 800–2,500 characters, with names and numbers planted in known articles. Both
engines index it in child processes (so each one's peak memory is its own) and answer the
same query mix; every answer is a total count plus the top 20 with snippets. FTS5's trigram
index cannot answer 2-character strings, so those go through LIKE, as an FTS5 app would.
Prints one table; ``--keep`` leaves the work folder for a look.
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import os
import random
import resource
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from viewer.model import Credit, SearchDoc, format_credits

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂华建国志红玲斌宇浩凯鹏飞欣怡子涵梓萱雨轩思源晨曦瑶琪颖婷璐耀宏爱"
SECTIONS = ("要闻", "县域·交城", "综合新闻", "经济", "农业农村", "文化", "副刊", "专题", "民生", "时政")
PLANTED_NUMBERS = (("107.48亿元", "完成 107.48 亿元"), ("X-37B", "X-37B"), ("12345热线", "12345 热线"))
CLASSES = ("2-char words", "3-4 char words", "names", "6-8 char phrases", "AND of two terms")


def load_words() -> tuple[list[str], list[int]]:
    import jieba  # for its dictionary only

    path = Path(jieba.__file__).parent / "dict.txt"
    words, counts = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        word, count, _ = line.split(" ")
        if all("\u4e00" <= c <= "\u9fff" for c in word):
            words.append(word)
            counts.append(int(count))
    return words, counts


class Corpus:
    def __init__(self, n: int, seed: int):
        self.rng = random.Random(seed)
        self.words, self.counts = load_words()
        counts = self.counts
        self.cum = list(itertools.accumulate(counts))
        self.people = [self.name() for _ in range(400)]
        self.planted: dict[str, set[int]] = {}
        self.n = n

    def name(self) -> str:
        rng = self.rng
        return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))

    def words_of(self, k: int) -> str:
        return "".join(self.rng.choices(self.words, cum_weights=self.cum, k=k))

    def paragraphs(self) -> list[str]:
        rng, target, paragraphs, total = self.rng, self.rng.randint(800, 2500), [], 0
        while total < target:
            sentences = ["，".join(self.words_of(rng.randint(3, 10))
                                  for _ in range(rng.randint(1, 4))) + "。"
                         for _ in range(rng.randint(2, 5))]
            paragraphs.append("".join(sentences))
            total += len(paragraphs[-1])
        return paragraphs

    def docs(self):
        """Yield rows for the articles table, planting names and numbers as they go."""
        rng = self.rng
        planted_names = [self.name() + rng.choice(GIVEN) for _ in range(60)]
        plans = {}
        for text in planted_names:
            for article_id in rng.sample(range(1, self.n + 1), rng.randint(1, 40)):
                plans.setdefault(article_id, []).append((text, text))
        for key, printed in PLANTED_NUMBERS:
            for article_id in rng.sample(range(1, self.n + 1), 25):
                plans.setdefault(article_id, []).append((key, printed))
        for article_id in range(1, self.n + 1):
            paragraphs = self.paragraphs()
            for key, printed in plans.get(article_id, ()):
                i = rng.randrange(len(paragraphs))
                at = rng.randrange(len(paragraphs[i]))
                paragraphs[i] = paragraphs[i][:at] + printed + paragraphs[i][at:]
                self.planted.setdefault(key, set()).add(article_id)
            day = 20150101 + rng.randrange(11) * 10000 + rng.randrange(12) * 100 + rng.randrange(28)
            credits = [Credit(rng.choice(("文", "记者", "通讯员")), rng.choice(self.people))]
            if rng.random() < 0.3:
                credits.append(Credit("图", rng.choice(self.people)))
            yield (article_id, "交城报", f"{day // 10000}-{day // 100 % 100:02d}-{day % 100:02d}",
                   rng.randint(1, 8), rng.choice(SECTIONS), self.words_of(rng.randint(3, 7)),
                   format_credits(credits), "\n".join(paragraphs),
                   json.dumps({c.role: [c.name] for c in credits}, ensure_ascii=False),
                   json.dumps({"责编": [rng.choice(self.people[:40])]}, ensure_ascii=False))


def create_corpus(db_path: Path, corpus: Corpus) -> None:
    db = sqlite3.connect(db_path)
    db.execute("""CREATE TABLE articles (id INTEGER PRIMARY KEY, publication, date, page,
                  section, title, byline, body, credits, page_credits)""")
    db.executemany("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?)", corpus.docs())
    db.commit()
    db.close()


def doc_from_row(row) -> SearchDoc:
    article_id, publication, date, page, section, title, byline, body, credits, page_credits = row
    return SearchDoc(article_id, publication, date, page, str(page), section, title, "", "",
                     byline, body.split("\n"), json.loads(credits), json.loads(page_credits))


def load_docs_from(db: sqlite3.Connection):
    def load_docs(ids: list[int]) -> dict[int, SearchDoc]:
        marks = ",".join("?" * len(ids))
        rows = db.execute(f"SELECT * FROM articles WHERE id IN ({marks})", ids)
        return {row[0]: doc_from_row(row) for row in rows}
    return load_docs


# Each engine runs in a child process; these return figures through a queue.

def build_gazette(db_path: Path, index_path: Path, out) -> None:
    from viewer.search import SearchIndex

    db = sqlite3.connect(db_path)
    total = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    index = SearchIndex(index_path, load_docs_from(db))
    started = time.perf_counter()
    index.rebuild((doc_from_row(r) for r in db.execute("SELECT * FROM articles")), total)
    seconds = time.perf_counter() - started
    out.put((total / seconds, folder_size(index_path), peak_rss_mb()))


def build_fts(db_path: Path, out) -> None:
    db = sqlite3.connect(db_path)
    total = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    before = db_path.stat().st_size
    started = time.perf_counter()
    db.execute("""CREATE VIRTUAL TABLE fts USING fts5(title, body, content='articles',
                  content_rowid='id', tokenize='trigram')""")
    db.execute("INSERT INTO fts(rowid, title, body) SELECT id, title, "
               "byline || char(10) || body FROM articles")
    db.commit()
    seconds = time.perf_counter() - started
    db.execute("VACUUM")
    out.put((total / seconds, db_path.stat().st_size - before, peak_rss_mb()))


def query_gazette(db_path: Path, index_path: Path, queries, out) -> None:
    from viewer.search import SearchIndex

    db = sqlite3.connect(db_path)
    index = SearchIndex(index_path, load_docs_from(db))
    index.search("预热")  # opening the index and loading its columns is not a query
    times, totals = [], []
    for _, text in queries:
        started = time.perf_counter()
        result = index.search(text, limit=20)
        times.append(time.perf_counter() - started)
        totals.append(result.total)
    out.put((times, totals, peak_rss_mb()))


def query_fts(db_path: Path, queries, out) -> None:
    db = sqlite3.connect(db_path)
    times, totals = [], []
    for _, text in queries:
        started = time.perf_counter()
        totals.append(fts_search(db, text))
        times.append(time.perf_counter() - started)
    out.put((times, totals, peak_rss_mb()))


def fts_search(db: sqlite3.Connection, query: str) -> int:
    """Total count plus top 20 with snippets, as an FTS5 app would do it."""
    terms = query.replace('"', "").split()
    long_terms = [t for t in terms if len(t) >= 3]
    short_terms = [t for t in terms if len(t) < 3]
    where, params = [], []
    if long_terms:
        where.append("fts MATCH ?")
        params.append(" AND ".join(f'"{t}"' for t in long_terms))
    for term in short_terms:
        where.append("(articles.title LIKE ? OR articles.byline LIKE ? OR articles.body LIKE ?)")
        params += [f"%{term}%"] * 3
    source = "fts JOIN articles ON articles.id = fts.rowid" if long_terms else "articles"
    condition = " AND ".join(where)
    total = db.execute(f"SELECT count(*) FROM {source} WHERE {condition}", params).fetchone()[0]
    if long_terms:
        sql = (f"SELECT articles.id, snippet(fts, 1, '⟦', '⟧', '…', 24) FROM {source} "
               f"WHERE {condition} ORDER BY bm25(fts, 3.0, 1.0) LIMIT 20")
    else:
        sql = (f"SELECT id, substr(body, max(1, instr(body, ?) - 20), 90) FROM articles "
               f"WHERE {condition} LIMIT 20")
        params = [short_terms[0], *params]
    db.execute(sql, params).fetchall()
    return total


def peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: a spawned child keeps the
    ru_maxrss of the parent it was forked from, which here holds the whole corpus."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def run_child(target, *args):
    out = multiprocessing.get_context("spawn").Queue()
    process = multiprocessing.get_context("spawn").Process(target=target, args=(*args, out))
    process.start()
    result = out.get()
    process.join()
    return result


def make_queries(corpus: Corpus, db_path: Path, per_class: int) -> list[tuple[str, str]]:
    rng = random.Random(7)
    # The 10,000 most frequent words of each class: what people search for, common and not.
    ranked = sorted(range(len(corpus.words)), key=lambda i: -corpus.counts[i])
    two = [corpus.words[i] for i in ranked if len(corpus.words[i]) == 2][:10_000]
    three_four = [corpus.words[i] for i in ranked if len(corpus.words[i]) in (3, 4)][:10_000]
    names = sorted(corpus.planted)
    db = sqlite3.connect(db_path)
    bodies = [r[0] for r in db.execute("SELECT body FROM articles ORDER BY random() LIMIT ?",
                                        (per_class * 3,))]
    phrases = []
    for body in bodies:
        runs = [run for run in body.replace("。", "，").replace("\n", "，").split("，") if len(run) >= 8]
        if runs:
            run = rng.choice(runs)
            length = rng.randint(6, 8)
            start = rng.randrange(len(run) - length + 1)
            phrases.append(run[start:start + length])
    queries = [("2-char words", w) for w in rng.sample(two, per_class)]
    queries += [("3-4 char words", w) for w in rng.sample(three_four, per_class)]
    queries += [("names", rng.choice(names)) for _ in range(per_class)]
    queries += [("6-8 char phrases", p) for p in phrases[:per_class]]
    queries += [("AND of two terms", f"{rng.choice(two)} {rng.choice(three_four)}")
                for _ in range(per_class)]
    rng.shuffle(queries)
    return queries


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(n, gazette_build, fts_build, queries, gazette_q, fts_q, planted) -> None:
    print(f"\n{n:,} articles, {os.cpu_count()} cores\n")
    print(f"{'':28}{'Gazette (Whoosh)':>18}{'SQLite FTS5 trigram':>22}")
    print(f"{'build, articles/s':28}{gazette_build[0]:>18.0f}{fts_build[0]:>22.0f}")
    print(f"{'index on disk, MB':28}{gazette_build[1] / 1e6:>18.0f}{fts_build[1] / 1e6:>22.0f}")
    print(f"{'peak memory building, MB':28}{gazette_build[2]:>18.0f}{fts_build[2]:>22.0f}")
    print(f"{'peak memory querying, MB':28}{gazette_q[2]:>18.0f}{fts_q[2]:>22.0f}")
    for name in CLASSES:
        picked = [i for i, (c, _) in enumerate(queries) if c == name]
        g = [gazette_q[0][i] * 1000 for i in picked]
        f = [fts_q[0][i] * 1000 for i in picked]
        print(f"{name + ', p50/p95 ms':28}{percentile(g, .5):>8.1f} /{percentile(g, .95):>7.1f}"
              f"{percentile(f, .5):>12.1f} /{percentile(f, .95):>7.1f}")
    g_all = [t * 1000 for t in gazette_q[0]]
    f_all = [t * 1000 for t in fts_q[0]]
    print(f"{'whole mix, p50/p95 ms':28}{percentile(g_all, .5):>8.1f} /{percentile(g_all, .95):>7.1f}"
          f"{percentile(f_all, .5):>12.1f} /{percentile(f_all, .95):>7.1f}")
    same = sum(a == b for a, b in zip(gazette_q[1], fts_q[1]))
    print(f"\nsame total as FTS5 for {same} of {len(queries)} queries")
    for (_name, text), total in zip(queries, gazette_q[1]):
        if text in planted and total != len(planted[text]):
            print(f"  planted {text!r}: Gazette found {total}, planted in {len(planted[text])}")
    for (name, text), g, f in zip(queries, gazette_q[1], fts_q[1]):
        if g != f:
            print(f"  {name} {text!r}: Gazette {g}, FTS5 {f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles (default 10,000)")
    parser.add_argument("--per-class", type=int, default=40, help="queries per class")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="where to build (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="gazette-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    db_path, index_path = workdir / "corpus.sqlite", workdir / "index"
    try:
        started = time.perf_counter()
        corpus = Corpus(args.n, args.seed)
        create_corpus(db_path, corpus)
        print(f"corpus generated in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        gazette_build = run_child(build_gazette, db_path, index_path)
        print("Gazette index built", file=sys.stderr)
        fts_build = run_child(build_fts, db_path)
        print("FTS5 index built", file=sys.stderr)
        queries = make_queries(corpus, db_path, args.per_class)
        gazette_q = run_child(query_gazette, db_path, index_path, queries)
        fts_q = run_child(query_fts, db_path, queries)
        report(args.n, gazette_build, fts_build, queries, gazette_q, fts_q, corpus.planted)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
