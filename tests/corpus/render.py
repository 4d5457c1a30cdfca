"""Print corpus pages to PDF with headless Chromium and extract their text with pdftotext.

    python tests/corpus/render.py [--pages N] [--out DIR]   # regenerates tests/corpus/fixed

Needs Debian's ``chromium`` and ``poppler-utils``; tests read the committed files and need neither.
"""

from __future__ import annotations

import argparse
import html
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import FIXED, PageTruth, make_page, to_html
from corpus.sentences import sentences

CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-pdf-header-footer"]
FIXED_PAGES = 8
# Pages of the fixed set that keep their PDF (the rest only its text, to keep the set small):
# between them every byline form, page-credits form and article start of the generator.
FIXED_PDFS = (1, 4, 7, 8)


def print_pdf(html_path: Path, pdf_path: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(CHROMIUM + [f"--user-data-dir={profile}", f"--print-to-pdf={pdf_path}", html_path.as_uri()],
                       check=True, capture_output=True, timeout=120)


def pdftotext(pdf_path: Path, layout: bool) -> str:
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(pdf_path), "-"]
    return subprocess.run(args, check=True, capture_output=True, timeout=60).stdout.decode("utf-8")


def render(truth: PageTruth, folder: Path, keep_pdf: bool = True) -> None:
    """``NAME.json`` (the truth), ``NAME.html``, ``NAME.pdf``, ``NAME.txt`` (pdftotext) and
    ``NAME.layout.txt`` (pdftotext -layout)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{truth.name}.json").write_text(truth.to_json(), encoding="utf-8")
    html_path = folder / f"{truth.name}.html"
    html_path.write_text(to_html(truth), encoding="utf-8")
    pdf_path = folder / f"{truth.name}.pdf"
    print_pdf(html_path.resolve(), pdf_path)
    (folder / f"{truth.name}.txt").write_text(pdftotext(pdf_path, layout=False), encoding="utf-8")
    (folder / f"{truth.name}.layout.txt").write_text(pdftotext(pdf_path, layout=True), encoding="utf-8")
    if not keep_pdf:
        pdf_path.unlink()


VERTICAL = "vertical-rl"  # a block set top to bottom, columns right to left, as the 1930s papers were


def render_vertical(folder: Path) -> None:
    """``vertical-rl.truth.txt`` (the text), ``.html`` and ``.pdf``: typeset here, with Noto CJK,
    so the tests read the same columns whatever fonts their machine has."""
    text = "".join(sentences()[40:46])[:120]
    (folder / f"{VERTICAL}.truth.txt").write_text(text + "\n", encoding="utf-8")
    html_path = folder / f"{VERTICAL}.html"
    html_path.write_text(
        "<html><head><meta charset='utf-8'><style>body{margin:40px;font-family:'Noto Serif CJK SC',serif}"
        "div{writing-mode:vertical-rl;height:420px;font-size:26px;line-height:1.5}</style></head>"
        f"<body><div>{html.escape(text)}</div></body></html>", encoding="utf-8")
    print_pdf(html_path.resolve(), folder / f"{VERTICAL}.pdf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=FIXED_PAGES)
    parser.add_argument("--first", type=int, default=1, help="seed of the first page")
    parser.add_argument("--out", type=Path, default=FIXED)
    args = parser.parse_args()
    for seed in range(args.first, args.first + args.pages):
        render(make_page(seed), args.out, keep_pdf=args.out != FIXED or seed in FIXED_PDFS)
        print(f"page{seed:03d}", file=sys.stderr)
    render_vertical(args.out)


if __name__ == "__main__":
    main()
