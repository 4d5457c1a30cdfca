"""METS/ALTO reading and import speed on the four real batches in tests/data/alto.

For each batch: words, seconds to read it (parse ALTO and METS, lay out the text and boxes,
assemble the articles, render the page PDF where it is the picture; no database) and words per
second; then the whole folder imported into a new archive. References in the same run: the
bare XML parse of the same ALTO files (defusedxml, no layout), and the page PDF of Chronicling
America 1920 imported alone (pypdfium2 text and render), the other way the same page comes in.

    python bench/alto.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from viewer.archive import Archive  # noqa: E402
from viewer.ingest import ReadOptions, read_pages  # noqa: E402
from viewer.ingest.batch import folder_units, xml_kind  # noqa: E402
from viewer.ingest.xmlsafe import parse_xml  # noqa: E402

BATCHES = ROOT / "tests" / "data" / "alto"


def timed(work, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        runs.append(time.perf_counter() - start)
    return min(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best is printed")
    args = parser.parse_args()
    print(f"{'batch':<14}{'pages':>6}{'words':>8}{'read s':>9}{'words/s':>10}{'bare parse s':>14}")
    for batch in sorted(p for p in BATCHES.iterdir() if p.is_dir()):
        [mets] = [p for p in folder_units(batch)[0] if xml_kind(p) == "mets"]
        altos = [p for p in batch.glob("*.xml") if xml_kind(p) == "alto"]
        pages = read_pages(mets, mets.read_bytes(), ReadOptions())
        words = sum(len(page.raw_text.split()) for page in pages)
        files = [mets, *altos]
        read = timed(lambda mets=mets: read_pages(mets, mets.read_bytes(), ReadOptions()), args.repeat)
        bare = timed(lambda files=files: [parse_xml(p.read_bytes(), str(p)) for p in files], args.repeat)
        print(f"{batch.name:<14}{len(pages):>6}{words:>8}{read:>9.2f}{words / read:>10.0f}{bare:>14.2f}")
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        with Archive(Path(folder) / "alto") as archive:
            report = archive.importing.import_paths([BATCHES])
        whole = time.perf_counter() - start
        start = time.perf_counter()
        with Archive(Path(folder) / "pdf") as archive:
            archive.importing.import_paths([BATCHES / "chronam-1920" / "0007.pdf"],
                                 ReadOptions(date=dt.date(1920, 11, 15), page=7))
        pdf = time.perf_counter() - start
    print(f"import of the folder ({len(report.imported)} issues, new archive): {whole:.2f} s")
    print(f"reference: chronam-1920's page PDF imported alone (new archive): {pdf:.2f} s")


if __name__ == "__main__":
    main()
