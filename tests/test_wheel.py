"""The wheel works outside the checkout: built from the checkout's files, installed into a new
venv in a temporary folder, its ``gazette`` finds the schema, the sample and the translations
inside the installed package, and imports, searches and exports.

Building uses pip's build isolation (setuptools from the package index or pip's cache); set
GAZETTE_SKIP_WHEEL_TEST=1 only where no index can be reached."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["viewer", "db", "resources", "pyproject.toml", "setup.py", "MANIFEST.in", "README.md"]

pytestmark = pytest.mark.skipif(os.environ.get("GAZETTE_SKIP_WHEEL_TEST") == "1",
                                reason="GAZETTE_SKIP_WHEEL_TEST=1: no package index to build the wheel")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The bin folder of a new venv with the wheel installed (its dependencies come from the
    running interpreter's site-packages through a .pth file, so nothing is downloaded)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    for name in SOURCES:  # a clean copy, so the build leaves nothing in the checkout
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, source / name)
    shutil.rmtree(source / "viewer" / "_data", ignore_errors=True)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", work / "dist", source],
                   check=True, cwd=work)
    wheel = next((work / "dist").glob("gazette-*.whl"))
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", "--no-index",
                    wheel], check=True, cwd=work)
    return python.parent


def run(bin_dir: Path, *args, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": "", "GAZETTE_ARCHIVE": ""}
    return subprocess.run([bin_dir / "gazette", *map(str, args)], check=False, capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120)


def test_installed_package_carries_schema_sample_translations_and_manuals(installed, tmp_path):
    probe = ("import json, viewer, viewer.archive, viewer.store, viewer.gui.i18n as i18n, viewer.gui.manual as m; "
             "print(json.dumps([viewer.__file__, str(viewer.store.MIGRATIONS_DIR), "
             "str(viewer.archive.SAMPLE_PAGE), sorted(p.name for p in i18n.I18N_DIR.glob('*.qm')), "
             "[str(m.manual_file(language)) for language in ('zh_CN', 'en')]]))")
    done = subprocess.run([installed / "python", "-c", probe], capture_output=True, text=True, cwd=tmp_path,
                          check=True)
    package, migrations, sample, translations, manuals = json.loads(done.stdout)
    assert ROOT not in Path(package).parents
    assert Path(migrations) == Path(package).parent / "_data" / "db"
    assert sorted(p.name for p in Path(migrations).glob("*.sql")) == sorted(p.name for p in (ROOT / "db").glob("*.sql"))
    assert Path(sample).read_bytes() == (ROOT / "resources" / "sample" / Path(sample).name).read_bytes()
    assert translations == ["gazette_en.qm", "gazette_zh_CN.qm"]
    for manual, name in zip(manuals, ("manual_zh_CN.html", "manual_en.html")):  # Help → User Manual
        assert Path(manual) == Path(package).parent / "_data" / "resources" / "manual" / name
        assert Path(manual).read_bytes() == (ROOT / "resources" / "manual" / name).read_bytes()


def test_installed_gazette_imports_the_sample_searches_and_exports(installed, tmp_path):
    archive = tmp_path / "档案"
    loaded = run(installed, "--archive", archive, "sample", cwd=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout == "imported: 2025-04-03 page 8: 1 article(s)\n"

    found = run(installed, "--archive", archive, "search", "交城", "--json", cwd=tmp_path)
    assert found.returncode == 0, found.stderr
    hits = json.loads(found.stdout)
    assert hits["total"] == 1 and hits["hits"][0]["date"] == "2025-04-03"

    out = tmp_path / "交城.txt"
    exported = run(installed, "--archive", archive, "export", "--query", "交城", "--out", out, cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    text = out.read_text(encoding="utf-8")
    assert "“改革攻坚”与“民生提质”双轮驱动" in text and "交城" in text
    assert "Traceback" not in loaded.stderr + found.stderr + exported.stderr
