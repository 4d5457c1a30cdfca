"""OCR: character error rate, reading order and seconds per page, for each engine.

(a) Pages typeset by Chromium (tests/corpus: HTML printed to PDF, with their truth), rendered
    to pictures at the given resolutions and damaged as scans are: turned a degree or two,
    blurred, an uneven grey background, JPEG-compressed. (b) The real 1930 scan of 晶報
    against its hand transcription (traditional, vertical, right to left; ``&gaiji;`` glyphs
    left out of the count).

CER is the edit distance between what was read and the truth, both in reading order and
without whitespace, over the truth's length; "bag" is the same count with order ignored (the
characters misread, whatever the order). Paragraph F1 is reading order: a truth paragraph is
found when one paragraph the page reader made of the OCR'd text differs from it in at most
PARAGRAPH_CER of its characters (OCR never reads a whole paragraph without a slip, so the
exact match of bench/fidelity.py would measure the characters again); fields are scored as
in bench/fidelity.py, exactly. "outside" is the share of the truth's characters the engine's
model cannot give at all (RapidOCR's dictionary; old forms such as 吿 淸 塲): no reading of the
picture gets its CER below that.

    python bench/ocr.py                               # the fixed pages at 300 dpi, both engines
    python bench/ocr.py --dpi 150 200 300 --engines rapidocr
    python bench/ocr.py --generate 6                  # fresh pages (needs chromium)
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "bench")]

from corpus import FIXED, PageTruth
from corpus.scans import damaged, edit_distance, rendered
from fidelity import Score, score_page

from viewer.ingest import ReadOptions, ocr_page
from viewer.ingest.ocr import OcrOptions, read_picture

JINGBAO = ROOT.parent / "shared" / "data" / "jingbao-1930-1939"
JINGBAO_SCAN = JINGBAO / "jb_1332_1930-04-30_0002+0003.jpg"
GAIJI = "\ue111"
PARAGRAPH_CER = 0.1
SKIP = set("/／:：□■" + GAIJI)  # byline punctuation (structure, not text), glyphs left out


def truth_text(truth: PageTruth) -> str:
    parts = [truth.masthead, truth.credits_line]
    for article in truth.articles:
        parts += [article.kicker, article.title, article.subtitle, article.byline, *article.paragraphs]
    return "".join(parts)


def jingbao_truth() -> str:
    """The transcription's text in its order: the two pages' columns, right to left."""
    xml = (JINGBAO / "jb_1332_1930-04-30_0002+0003.xml").read_text(encoding="utf-8")
    xml = re.sub(r"<!--.*?-->", "", xml, flags=re.S).replace("&gaiji;", GAIJI)
    body = xml[xml.index("<fold"):]
    return re.sub(r"<[^>]+>", "", body)


def clean(text: str) -> str:
    return "".join(c for c in text if not c.isspace() and c not in SKIP)


def cer(read: str, truth: str) -> tuple[float, float]:
    read, truth = clean(read), clean(truth)
    bag = max(sum((Counter(truth) - Counter(read)).values()), sum((Counter(read) - Counter(truth)).values()))
    return edit_distance(read, truth) / len(truth), bag / len(truth)


def engine_characters(engine: str) -> set[str] | None:
    """The characters a recognition model can give (RapidOCR's PP-OCRv4 dictionary, kept in
    its model's metadata); None when unknown (Tesseract's are not listed)."""
    if engine != "rapidocr":
        return None
    import onnxruntime
    import rapidocr_onnxruntime

    model = Path(rapidocr_onnxruntime.__file__).parent / "models" / "ch_PP-OCRv4_rec_infer.onnx"
    session = onnxruntime.InferenceSession(str(model), providers=["CPUExecutionProvider"])
    return set(session.get_modelmeta().custom_metadata_map["character"].splitlines()) | {" "}


def outside(text: str, characters: set[str] | None) -> str:
    """The share of ``text``'s characters the engine cannot give: the least CER it can reach."""
    text = clean(text)
    return "—" if characters is None else f"{sum(c not in characters for c in text) / len(text):.1%}"


def paragraph_matches(truth: PageTruth, page) -> tuple[int, int, int]:
    """Truth paragraphs found (one to one), paragraphs read, paragraphs in the truth."""
    wanted = [clean(p) for a in truth.articles for p in a.paragraphs]
    read = [clean(p) for a in page.articles for p in a.paragraphs] + [clean(p) for p in page.unassigned]
    free = set(range(len(read)))
    found = 0
    for paragraph in wanted:
        for n in sorted(free):
            if abs(len(read[n]) - len(paragraph)) <= PARAGRAPH_CER * len(paragraph) and \
                    edit_distance(read[n], paragraph) <= PARAGRAPH_CER * len(paragraph):
                free.discard(n)
                found += 1
                break
    return found, len(read), len(wanted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dpi", type=int, nargs="+", default=[300])
    parser.add_argument("--engines", nargs="+", default=["rapidocr", "tesseract"])
    parser.add_argument("--generate", type=int, metavar="N", help="N fresh pages instead of the fixed ones")
    parser.add_argument("--first", type=int, default=2000)
    parser.add_argument("--no-jingbao", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = FIXED
        if args.generate:
            from corpus import make_page
            from corpus.render import render

            folder = Path(tmp)
            for seed in range(args.first, args.first + args.generate):
                render(make_page(seed), folder)
        names = sorted(p.stem for p in folder.glob("*.json") if (folder / f"{p.stem}.pdf").exists())
        print(f"{len(names)} typeset pages in {folder}, damaged (skew ±2°, blur, uneven grey, JPEG 55–75)")
        print(f"{'engine':10} {'dpi':>4} {'pages':>5} {'CER':>7} {'bag':>7} {'para F1':>7} {'fields':>7} "
              f"{'s/page':>7} {'outside':>8}")
        characters = {engine: engine_characters(engine) for engine in args.engines}
        truths = {name: PageTruth.from_json((folder / f"{name}.json").read_text(encoding="utf-8")) for name in names}
        for engine in args.engines:
            for dpi in args.dpi:
                errors = bag = length_read = 0.0
                score, seconds, paragraphs = Score(), 0.0, [0, 0, 0]
                for name in names:
                    truth = truths[name]
                    picture = damaged(rendered(folder / f"{name}.pdf", dpi), random.Random(f"{name}{dpi}"))
                    started = time.perf_counter()
                    page = ocr_page(Path(f"{name}.jpg"), picture, ReadOptions(  # date and page where
                        publication="", page=truth.number,  # the masthead was not read
                        date=dt.date(*map(int, re.findall(r"\d+", truth.date))),
                        ocr=OcrOptions(engine=engine, lang="chi_sim")))
                    seconds += time.perf_counter() - started
                    page_cer, page_bag = cer(page.raw_text, truth_text(truth))
                    length = len(clean(truth_text(truth)))
                    errors, bag, length_read = errors + page_cer * length, bag + page_bag * length, length_read + length
                    score_page(truth, page, score, f"{engine} {dpi} {name}")
                    paragraphs = [a + b for a, b in zip(paragraphs, paragraph_matches(truth, page))]
                precision, recall = paragraphs[0] / max(1, paragraphs[1]), paragraphs[0] / max(1, paragraphs[2])
                f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
                fields = sum(score.fields.values()) / max(1, sum(score.totals.values()))
                all_truth = "".join(truth_text(truths[name]) for name in names)
                print(f"{engine:10} {dpi:>4} {len(names):>5} {errors / length_read:7.1%} {bag / length_read:7.1%} "
                      f"{f1:7.3f} {fields:7.1%} {seconds / len(names):7.1f} {outside(all_truth, characters[engine]):>8}",
                      flush=True)
        if not args.no_jingbao and JINGBAO_SCAN.exists():
            truth = jingbao_truth()
            print(f"晶報 1930-04-30 fold, {Image.open(JINGBAO_SCAN).size[0]}×{Image.open(JINGBAO_SCAN).size[1]} scan, "
                  f"{len(clean(truth))} characters transcribed")
            for engine in args.engines:
                lang = "chi_tra_vert" if engine == "tesseract" else "chi_tra"
                started = time.perf_counter()
                reading = read_picture(JINGBAO_SCAN.read_bytes(), OcrOptions(engine=engine, lang=lang))
                seconds = time.perf_counter() - started
                page_cer, page_bag = cer(reading.text.text, truth)
                print(f"{engine:10} {'scan':>4} {1:>5} {page_cer:7.1%} {page_bag:7.1%} {'':>7} {'':>7} {seconds:7.1f}"
                      f" {outside(truth, characters[engine]):>8}"
                      f"   ({len(clean(reading.text.text))} characters read, lang {lang})", flush=True)


if __name__ == "__main__":
    main()
