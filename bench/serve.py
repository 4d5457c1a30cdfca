"""Load test of the reading room: 20 concurrent clients against ``gazette serve``, beside the
same searches through the CLI's core call (``archive.searching.search``, what ``gazette search`` runs)
in the same run, on the same archive.

    python bench/serve.py                                   # 1,000 articles, 15 s: under 3 minutes
    python bench/serve.py --articles 100000 --seconds 60    # the issue's size (hours of import here)

The archive is built through the ordinary import: pages in the e-paper text format, one article
each, with Chinese text sampled from jieba's dictionary (bench/search.py's corpus;
``pip install -e '.[bench]'``), over ten years; the first ``--scans`` pages are scans (a
distinct 2400 × 3400 JPEG each, text beside it) so page views fetch a real preview. The server
runs in its own processes (``gazette serve --workers``, uvicorn); the clients are httpx in one
asyncio loop, each sending its next request when the last one answered. Half the requests are
searches (the query mix of bench/search.py, a random page of results among the first five),
half page views (the page's HTML, then the phone-size picture it shows). Prints requests per
second, p50/p95 per kind and errors, and the in-process search latencies for the same queries.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from search import SECTIONS, Corpus

from viewer.archive import Archive
from viewer.ingest import ReadOptions
from viewer.model import WEEKDAYS

CLIENTS = 20


def write_pages(folder: Path, corpus: Corpus, count: int, scans: int) -> None:
    rng = corpus.rng
    for n in range(count):
        date = dt.date(2015, 1, 1) + dt.timedelta(days=n // 8)
        page = n % 8 + 1
        paragraphs = corpus.paragraphs()
        text = "\n\n".join([
            f"{page} {rng.choice(SECTIONS)} {date.year}年{date.month}月{date.day}日 {WEEKDAYS[date.weekday()]}",
            f"责编:{rng.choice(corpus.people[:40])} 校对:{rng.choice(corpus.people[:40])}",
            corpus.words_of(rng.randint(3, 7)),
            f"□ {rng.choice(('文', '记者'))}/{rng.choice(corpus.people)}",
            *paragraphs]) + "\n"
        stem = folder / f"{date.isoformat()}_{page:02d}"
        if n < scans:
            picture = Image.new("L", (2400, 3400), 235)
            ImageDraw.Draw(picture).rectangle((100 + n % 50, 100, 2300, 300 + n), fill=40)  # distinct bytes
            picture.save(stem.with_suffix(".jpg"), quality=85)
        stem.with_suffix(".txt").write_text(text, encoding="utf-8")


def queries(corpus: Corpus, count: int) -> list[str]:
    rng = random.Random(7)
    ranked = sorted(range(len(corpus.words)), key=lambda i: -corpus.counts[i])
    two = [corpus.words[i] for i in ranked if len(corpus.words[i]) == 2][:10_000]
    three_four = [corpus.words[i] for i in ranked if len(corpus.words[i]) in (3, 4)][:10_000]
    mix = [lambda: rng.choice(two), lambda: rng.choice(three_four), lambda: rng.choice(corpus.people),
           lambda: f"{rng.choice(two)} {rng.choice(three_four)}"]
    return [rng.choice(mix)() for _ in range(count)]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


async def client(address: str, plan: list[str], page_ids: list[int], until: float, rng: random.Random,
                 times: dict[str, list[float]], errors: list[str]) -> None:
    async with httpx.AsyncClient(base_url=address, timeout=30) as http:
        while time.perf_counter() < until:
            kind = rng.choice(("search", "page"))
            started = time.perf_counter()
            try:
                if kind == "search":
                    response = await http.get("/search", params={"q": rng.choice(plan), "page": rng.randint(1, 5)})
                    ok = response.status_code == 200
                else:
                    response = await http.get(f"/page/{rng.choice(page_ids)}")
                    ok = response.status_code == 200
                    for picture in re.findall(r'src="(/picture/[0-9a-f]{64}/phone)"', response.text):
                        ok = ok and (await http.get(picture)).status_code == 200
            except httpx.HTTPError as error:
                errors.append(f"{kind}: {error!r}")
                continue
            if not ok:
                errors.append(f"{kind}: HTTP {response.status_code}")
            times[kind].append((time.perf_counter() - started) * 1000)


async def load(address: str, plan: list[str], page_ids: list[int], seconds: float) -> tuple[dict, list, float]:
    times: dict[str, list[float]] = {"search": [], "page": []}
    errors: list[str] = []
    started = time.perf_counter()
    until = started + seconds
    await asyncio.gather(*(client(address, plan, page_ids, until, random.Random(n), times, errors)
                           for n in range(CLIENTS)))
    return times, errors, time.perf_counter() - started


def serve(root: Path, workers: int) -> tuple[subprocess.Popen, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--archive", str(root), "serve",
                               "--port", str(port), "--workers", str(workers)], stderr=subprocess.DEVNULL)
    address = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            httpx.get(address)
            return server, address
        except httpx.ConnectError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1_000)
    parser.add_argument("--scans", type=int, default=40, help="pages that are scans (with a picture)")
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--workers", type=int, default=1, help="server processes (gazette serve --workers)")
    parser.add_argument("--workdir", type=Path, help="build here, or reuse an archive built here before")
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="gazette-serve-bench-"))
    root = work / "archive"
    corpus = Corpus(args.articles, seed=1)
    if not (root / "archive.sqlite").exists():
        pages = work / "pages"
        pages.mkdir(parents=True)
        write_pages(pages, corpus, args.articles, min(args.scans, args.articles))
        started = time.perf_counter()
        with Archive(root) as archive:
            report = archive.importing.import_paths([pages], ReadOptions(publication="交城报"))
        took = time.perf_counter() - started
        print(f"imported {len(report.imported)} pages in {took:.0f} s ({len(report.imported) / took:.0f} pages/s), "
              f"{len(report.failed)} failed")
        shutil.rmtree(pages)
    with Archive(root, read_only=True) as archive:
        total = archive.store.article_count()
        plan = queries(corpus, 400)
        page_ids = [p.id for issue in range(1, 1 + max(1, args.scans // 8))  # the scans come first
                    for p in archive.browsing.issue_pages(issue)]
        in_process = []
        for query in plan:
            started = time.perf_counter()
            archive.searching.search(query, limit=20, offset=random.Random(query).randint(0, 4) * 20)
            in_process.append((time.perf_counter() - started) * 1000)
    cli_runs = []
    for query in plan[:5]:
        started = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "main.py"), "--archive", str(root), "search", query],
                       capture_output=True, check=True)
        cli_runs.append((time.perf_counter() - started) * 1000)
    server, address = serve(root, args.workers)
    try:
        times, errors, took = asyncio.run(load(address, plan, page_ids, args.seconds))
    finally:
        server.terminate()
        server.wait()
    count = sum(len(v) for v in times.values())
    print(f"\n{total:,} articles; {CLIENTS} clients for {took:.0f} s: {count} requests, "
          f"{count / took:.1f} requests/s, {len(errors)} errors")
    print(f"{'':34}{'n':>7}{'p50 ms':>9}{'p95 ms':>9}")
    for label, values in (("reading room: search page", times["search"]),
                          ("reading room: page view + picture", times["page"]),
                          ("archive.searching.search, serially", in_process),
                          ("gazette search (CLI process)", cli_runs)):
        print(f"{label:34}{len(values):>7}{statistics.median(values) if values else float('nan'):>9.1f}"
              f"{percentile(values, 0.95):>9.1f}")
    for error in errors[:5]:
        print("error:", error)
    if not args.workdir:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
