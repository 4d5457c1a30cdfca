"""Fuzzing the page readers at full size: each property of tests/test_fuzz.py with N generated
inputs (default 10,000 each), printing cases tried, failures and time per test.

    python bench/fuzz.py [--examples 10000]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ["test_a_generated_page_in_its_encoding_loses_nothing",
         "test_a_generated_page_of_unknown_encoding_is_read_or_refused",
         "test_random_bytes_are_read_or_refused"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    args = parser.parse_args()
    env = {**os.environ, "GAZETTE_FUZZ_EXAMPLES": str(args.examples), "QT_QPA_PLATFORM": "offscreen"}
    failed = 0
    for test in TESTS:
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "pytest", f"tests/test_fuzz.py::{test}", "-q", "-p",
                               "no:cacheprovider", "--hypothesis-show-statistics"],
                              cwd=ROOT, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - started
        # Hypothesis' statistics: "- 1000 passing, 0 failing, and 12 invalid test cases" per phase
        cases = [line.strip(" -") for line in done.stdout.splitlines() if "passing," in line]
        print(f"{test}: {'ok' if done.returncode == 0 else 'FAILED'} in {seconds:.0f} s; {'; '.join(cases)}")
        if done.returncode:
            failed += 1
            print(done.stdout[-3000:])
    print(f"{len(TESTS)} properties × {args.examples} examples asked; {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
