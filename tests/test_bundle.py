"""The PyInstaller bundle (``make bundle``) on its own, without the project's Python: it imports
the sample, answers a search, exports, reads a scan by OCR (its models inside), serves the reading
room, and its window comes up under Xvfb with no traceback.

Runs when GAZETTE_BUNDLE names the bundle's executable (``make bundle-test`` sets it); the
bundle takes minutes to build, so the ordinary test run does not build it."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

BUNDLE = os.environ.get("GAZETTE_BUNDLE") and str(Path(os.environ["GAZETTE_BUNDLE"]).resolve())  # tests run elsewhere
pytestmark = pytest.mark.skipif(not BUNDLE, reason="set GAZETTE_BUNDLE=dist/gazette/gazette (make bundle-test)")


def bare_env(tmp_path: Path) -> dict[str, str]:
    """No Python of the project's: no venv on PATH, no PYTHONPATH; settings in tmp_path."""
    keep = {key: value for key, value in os.environ.items() if key in ("DISPLAY", "LANG", "LC_ALL", "HOME")}
    return {**keep, "PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "data")}


def gazette(tmp_path: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run([BUNDLE, *map(str, args)], capture_output=True, text=True, cwd=tmp_path,
                          env=bare_env(tmp_path), timeout=120, check=False)


def test_the_bundle_imports_searches_and_exports(tmp_path):
    archive = tmp_path / "档案"
    loaded = gazette(tmp_path, "--archive", archive, "sample")
    assert loaded.stdout == "imported: 2025-04-03 page 8: 1 article(s)\n", loaded.stderr
    found = gazette(tmp_path, "--archive", archive, "search", "交城", "--json")
    assert json.loads(found.stdout)["total"] == 1, found.stderr
    for fmt in ("txt", "docx", "csv"):
        exported = gazette(tmp_path, "--archive", archive, "export", "--query", "交城", "--format", fmt,
                           "--out", tmp_path / f"交城.{fmt}")
        assert exported.returncode == 0 and (tmp_path / f"交城.{fmt}").stat().st_size > 0, exported.stderr
    assert "交城" in gazette(tmp_path, "--archive", archive, "show", "1").stdout


def test_the_bundle_reads_a_scan_by_ocr(tmp_path):
    from corpus import FIXED
    from corpus.scans import rendered

    page = rendered(FIXED / "page007.pdf", 200)
    scan = tmp_path / "2024-11-27_05.png"
    page.crop((0, 0, page.width, page.height // 12)).convert("L").save(scan)  # its masthead: quick
    imported = gazette(tmp_path, "--archive", tmp_path / "档案", "import", scan)
    assert imported.returncode == 0, imported.stderr
    assert "2024-11-27 page B5" in imported.stdout and "read by OCR (rapidocr-onnxruntime" in imported.stdout


def test_the_bundle_serves_the_reading_room(tmp_path):
    archive = tmp_path / "档案"
    gazette(tmp_path, "--archive", archive, "sample")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([BUNDLE, "--archive", str(archive), "serve", "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=tmp_path,
                              env=bare_env(tmp_path))
    try:
        url = f"http://127.0.0.1:{port}/search?q={urllib.parse.quote('交城')}"
        for _ in range(60):
            try:
                with urllib.request.urlopen(url, timeout=5) as answer:
                    page = answer.read().decode("utf-8")
                break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                time.sleep(1)
        else:
            pytest.fail("the reading room did not answer in 60 s")
        assert "<mark>交城</mark>" in page
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "Traceback" not in output, output


@pytest.mark.skipif(shutil.which("xvfb-run") is None or shutil.which("xdotool") is None,
                    reason="needs xvfb-run and xdotool (Debian: xvfb, xdotool)")
def test_the_bundles_window_comes_up_on_the_sample(tmp_path):
    archive = tmp_path / "档案"
    gazette(tmp_path, "--archive", archive, "sample")
    shot = Path(os.environ.get("GAZETTE_BUNDLE_SHOT") or tmp_path / "bundle.png")
    # Under one X server: start the window, wait for it to be mapped, search, take a screenshot.
    script = f"""
        "$0" --archive "$1" 2>"$2/stderr.txt" & app=$!
        for i in $(seq 60); do xdotool search --onlyvisible --pid $app >/dev/null && break; sleep 1; done
        xdotool search --onlyvisible --pid $app >/dev/null || {{ echo "no window"; kill $app; exit 1; }}
        sleep 3; xdotool windowfocus --sync "$(xdotool search --onlyvisible --pid $app | head -1)"
        xdotool key ctrl+f; xdotool type --delay 50 107.48; xdotool key Return; sleep 3
        command -v import >/dev/null && import -window root "{shot}"
        kill -0 $app || {{ echo "the window quit"; exit 1; }}
        kill $app; wait $app; exit 0
    """
    started = time.monotonic()
    done = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1400x900x24", "bash", "-c", script, BUNDLE, str(archive),
                           str(tmp_path)], capture_output=True, text=True, env=bare_env(tmp_path), timeout=180,
                          check=False)
    errors = (tmp_path / "stderr.txt").read_text(encoding="utf-8", errors="replace")
    assert done.returncode == 0, done.stdout + done.stderr + errors
    assert "Traceback" not in errors, errors
    assert time.monotonic() - started < 170
