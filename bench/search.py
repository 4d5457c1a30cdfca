"""Benchmark: Gazette's search index against SQLite FTS5 (trigram) and tantivy on one corpus.

    .venv/bin/python bench/search.py                       # 10,000 articles, a few minutes
    .venv/bin/python bench/search.py --n 100000 --keep DIR # the issue's goal size, kept
    .venv/bin/python bench/search.py --reuse DIR           # query what DIR holds again

Each engine answers the same queries twice: with a **cold** index (every file of it dropped
from the page cache with ``posix_fadvise(POSIX_FADV_DONTNEED)`` before each query, as on the
first search after a night) and a **warm** one (after a pass that read it all). For each query
it records the time and the bytes the process read (``/proc/self/io``: ``read_bytes`` from
the disk, ``rchar`` through read calls; tantivy maps its files, so it has no ``rchar``).
tantivy (ngram(2,2) tokenizer with positions, Rust) is a speed reference: its phrase queries
over bigrams answer a superset. Gazette's decoded-term cache is emptied before every query.

The corpus is Chinese text sampled from the word frequencies of jieba's dictionary
(``pip install -e '.[bench]'``; only its ``dict.txt`` is used, 349,046 words with counts), in
articles of 800–2,500 characters, with names and numbers planted in known articles. Both
engines index it in child processes (so each one's peak memory is its own) and answer the
same query mix; every answer is a total count plus the top 20 with snippets. FTS5's trigram
index cannot answer 2-character strings, so those go through LIKE, as an FTS5 app would.
Prints one table. ``--keep DIR`` builds in DIR and leaves it; ``--reuse DIR`` takes the
corpus and the indexes from there (Gazette's is built again when its layout changed).
"""

from __future__ import annotations

import argparse
import gc
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

from viewer.model import Credit, Reading, SearchDoc, format_credits

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
    article_id, publication, date, page, section, title, _byline, body, credits, page_credits = row
    reading = Reading(title, "", "", tuple(Credit(role, name) for role, names in json.loads(credits).items()
                                           for name in names), tuple(body.split("\n")))
    return SearchDoc(article_id, publication, date, page, str(page), section, reading, json.loads(page_credits))


# Each engine runs in a child process; these return figures through a queue.

def build_gazette(db_path: Path, index_path: Path, out) -> None:
    from viewer.search import SearchIndex

    db = sqlite3.connect(db_path)
    total = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    shutil.rmtree(index_path, ignore_errors=True)
    index = SearchIndex(index_path)
    started = time.perf_counter()
    index.rebuild((doc_from_row(r) for r in db.execute("SELECT * FROM articles")), total)
    seconds = time.perf_counter() - started
    index.close()
    out.put((total / seconds, folder_size(index_path), peak_rss_mb()))


def build_fts(db_path: Path, out) -> None:
    db = sqlite3.connect(db_path)
    total = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    db.execute("DROP TABLE IF EXISTS fts")
    db.execute("VACUUM")
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


def tantivy_schema():
    import tantivy

    builder = tantivy.SchemaBuilder()
    for name in ("title", "body"):
        builder.add_text_field(name, tokenizer_name="ngram2", index_option="position")
    return builder.build()


def open_tantivy(path: Path):
    import tantivy

    index = tantivy.Index(tantivy_schema(), path=str(path))
    index.register_tokenizer("ngram2", tantivy.TextAnalyzerBuilder(
        tantivy.Tokenizer.ngram(min_gram=2, max_gram=2, prefix_only=False)).build())
    return index


def build_tantivy(db_path: Path, index_path: Path, out) -> None:
    import tantivy

    shutil.rmtree(index_path, ignore_errors=True)
    index_path.mkdir(parents=True)
    db = sqlite3.connect(db_path)
    total = db.execute("SELECT count(*) FROM articles").fetchone()[0]
    index = open_tantivy(index_path)
    started = time.perf_counter()
    writer = index.writer(heap_size=500_000_000, num_threads=2)
    for title, byline, body in db.execute("SELECT title, byline, body FROM articles"):
        writer.add_document(tantivy.Document(title=title, body=byline + "\n" + body))
    writer.commit()
    writer.wait_merging_threads()
    seconds = time.perf_counter() - started
    out.put((total / seconds, folder_size(index_path), peak_rss_mb()))


def drop_from_cache(paths) -> None:
    """Drop every file under ``paths`` from the page cache (the next read goes to the disk)."""
    for path in paths:
        for file in (path.rglob("*") if path.is_dir() else [path]):
            if file.is_file():
                fd = os.open(file, os.O_RDONLY)
                try:
                    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                finally:
                    os.close(fd)


def io_counters() -> tuple[int, int]:
    """(read_bytes, rchar) of this process so far."""
    fields = dict(line.split(": ") for line in Path("/proc/self/io").read_text().splitlines())
    return int(fields["read_bytes"]), int(fields["rchar"])


class Gazette:
    def __init__(self, db_path: Path, workdir: Path):
        from viewer.search import SearchIndex

        self.files = [workdir / "index"]
        self.index = SearchIndex(workdir / "index", read_only=True)
        self.index.search("预热")  # opening the index and loading its columns is not a query

    def before(self, cold: bool) -> None:
        self.index.forget_decoded()  # every query reads its terms afresh

    def search(self, text: str) -> int:
        return self.index.search(text, limit=20).total


class Fts:
    def __init__(self, db_path: Path, workdir: Path):
        self.files = [db_path]
        self.db = sqlite3.connect(db_path)

    def before(self, cold: bool) -> None:
        if cold:
            self.db.execute("PRAGMA shrink_memory")  # SQLite's own page cache

    def search(self, text: str) -> int:
        return fts_search(self.db, text)


class Tantivy:
    def __init__(self, db_path: Path, workdir: Path):
        self.files = [workdir / "tantivy"]
        self.searcher = None
        self.before(cold=True)

    def before(self, cold: bool) -> None:
        if cold or self.searcher is None:  # its files are mapped: unmap them, then drop them
            self.index = self.searcher = None
            gc.collect()
            self.index = open_tantivy(self.files[0])
            self.searcher = self.index.searcher()

    def search(self, text: str) -> int:
        terms = text.replace('"', "").split()
        query = " AND ".join(f'(title:"{t}" OR body:"{t}")' for t in terms)
        return self.searcher.search(self.index.parse_query(query), 20).count


ENGINES = {"gazette": Gazette, "fts": Fts, "tantivy": Tantivy}


def query_engine(name: str, db_path: Path, workdir: Path, queries, out) -> None:
    """Answer ``queries`` cold, then warm: per pass (times, read_bytes, rchar, totals)."""
    engine = ENGINES[name](db_path, workdir)
    passes = {}
    for cold in (True, False):
        if not cold:
            for _, text in queries:  # reads what the queries need into the page cache
                engine.search(text)
        times, disk, chars, totals = [], [], [], []
        for _, text in queries:
            engine.before(cold)
            if cold:
                drop_from_cache(engine.files)
            read_before, chars_before = io_counters()
            started = time.perf_counter()
            totals.append(engine.search(text))
            times.append(time.perf_counter() - started)
            read_after, chars_after = io_counters()
            disk.append(read_after - read_before)
            chars.append(chars_after - chars_before)
        passes["cold" if cold else "warm"] = (times, disk, chars, totals)
    out.put((passes, peak_rss_mb()))


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


def make_queries(dictionary, planted, db_path: Path, per_class: int) -> list[tuple[str, str]]:
    rng = random.Random(7)
    words, counts = dictionary
    # The 10,000 most frequent words of each class: what people search for, common and not.
    ranked = sorted(range(len(words)), key=lambda i: -counts[i])
    two = [words[i] for i in ranked if len(words[i]) == 2][:10_000]
    three_four = [words[i] for i in ranked if len(words[i]) in (3, 4)][:10_000]
    names = sorted(planted)
    db = sqlite3.connect(db_path)
    bodies = [r[0] for r in db.execute("SELECT body FROM articles ORDER BY (id * 7919) % 100003 LIMIT ?",
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


NAMES = {"gazette": "Gazette", "fts": "SQLite FTS5 trigram", "tantivy": "tantivy ngram2"}


def report(n, builds, queries, answers, planted) -> None:
    engines = list(answers)
    width = 24
    print(f"\n{n:,} articles, {os.cpu_count()} cores\n")
    print(f"{'':30}" + "".join(f"{NAMES[e]:>{width}}" for e in engines))
    for label, at, scale, form in (("build, articles/s", 0, 1, ".0f"), ("index on disk, MB", 1, 1e-6, ".0f"),
                                   ("peak memory building, MB", 2, 1, ".0f")):
        print(f"{label:30}" + "".join(f"{builds[e][at] * scale:>{width}{form}}" for e in engines))
    print(f"{'peak memory querying, MB':30}" + "".join(f"{answers[e][1]:>{width}.0f}" for e in engines))
    groups = [(name, [i for i, (c, _) in enumerate(queries) if c == name]) for name in CLASSES]
    groups.append(("whole mix", list(range(len(queries)))))
    for cache in ("cold", "warm"):
        print(f"\n{cache}: p50 / p95 ms" + " " * 14 + "".join(f"{NAMES[e]:>{width}}" for e in engines))
        for name, picked in groups:
            cells = []
            for e in engines:
                times = [answers[e][0][cache][0][i] * 1000 for i in picked]
                cells.append(f"{percentile(times, .5):.1f} / {percentile(times, .95):.1f}")
            print(f"{name:30}" + "".join(f"{c:>{width}}" for c in cells))
    for cache in ("cold", "warm"):
        print(f"\n{cache}: kB read per query, mean (disk / read calls)"[:60])
        for name, picked in groups:
            cells = []
            for e in engines:
                _, disk, chars, _ = answers[e][0][cache]
                mean_disk = sum(disk[i] for i in picked) / len(picked) / 1000
                mean_chars = sum(chars[i] for i in picked) / len(picked) / 1000
                cells.append(f"{mean_disk:.0f} / {mean_chars:.0f}")
            print(f"{name:30}" + "".join(f"{c:>{width}}" for c in cells))
    if "gazette" not in answers or "fts" not in answers:
        return
    gazette, fts = answers["gazette"][0]["warm"][3], answers["fts"][0]["warm"][3]
    same = sum(a == b for a, b in zip(gazette, fts))
    print(f"\nsame total as FTS5 for {same} of {len(queries)} queries")
    for (_name, text), total in zip(queries, gazette):
        if text in planted and total != len(planted[text]):
            print(f"  planted {text!r}: Gazette found {total}, planted in {len(planted[text])}")
    for (name, text), g, f in zip(queries, gazette, fts):
        if g != f:
            print(f"  {name} {text!r}: Gazette {g}, FTS5 {f}")


def gazette_is_current(index_path: Path) -> bool:
    from viewer.search.index import FORMAT

    try:
        return (index_path / "FORMAT").read_text(encoding="utf-8").strip() == FORMAT
    except OSError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles (default 10,000)")
    parser.add_argument("--per-class", type=int, default=40, help="queries per class")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--engines", default="gazette,fts,tantivy", help="which to run, comma-separated")
    folder = parser.add_mutually_exclusive_group()
    folder.add_argument("--keep", type=Path, metavar="DIR", help="build in DIR and keep it")
    folder.add_argument("--reuse", type=Path, metavar="DIR", help="take corpus and indexes from DIR")
    args = parser.parse_args()
    engines = args.engines.split(",")
    workdir = args.reuse or args.keep or Path(tempfile.mkdtemp(prefix="gazette-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    db_path, figures = workdir / "corpus.sqlite", workdir / "figures.json"
    try:
        if args.reuse:
            saved = json.loads(figures.read_text(encoding="utf-8"))
            n, planted = saved["n"], {k: set(v) for k, v in saved["planted"].items()}
            builds = saved["builds"]
        else:
            started = time.perf_counter()
            corpus = Corpus(args.n, args.seed)
            db_path.unlink(missing_ok=True)
            create_corpus(db_path, corpus)
            print(f"corpus generated in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            n, planted, builds = args.n, corpus.planted, {}
        builders = {"gazette": (build_gazette, workdir / "index"), "fts": (build_fts,),
                    "tantivy": (build_tantivy, workdir / "tantivy")}
        for engine in engines:
            if engine in builds and (engine != "gazette" or gazette_is_current(workdir / "index")):
                print(f"{NAMES[engine]}: index reused, build figures of the run that made it",
                      file=sys.stderr)
                continue
            target, *paths = builders[engine]
            builds[engine] = run_child(target, db_path, *paths)
            print(f"{NAMES[engine]} index built", file=sys.stderr)
        figures.write_text(json.dumps({"n": n, "planted": {k: sorted(v) for k, v in planted.items()},
                                       "builds": builds}), encoding="utf-8")
        os.sync()  # pages still dirty could not be dropped from the cache
        queries = make_queries(load_words(), planted, db_path, args.per_class)
        answers = {engine: run_child(query_engine, engine, db_path, workdir, queries)
                   for engine in engines}
        report(n, builds, queries, answers, planted)
    finally:
        if not (args.keep or args.reuse):
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
