"""Shared fixtures. Real inputs live in tests/data (copied verbatim from the project's shared
data; tests/data/SOURCES.md says where each comes from)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The tests run on every core at once (xdist): an OCR that also spread its threads over every
# core would fight the others for them (one thread each: the same text, about half the time)
os.environ.setdefault("GAZETTE_OCR_THREADS", "1")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # Tesseract's threads

DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "seed" / "jiaocheng-2025-04-03-p8.txt"
ENCODINGS = DATA / "encodings"
NEGATIVE = DATA / "negative"


class Templates:
    """Folders built once per session (once per xdist worker) and copied into each test's
    ``tmp_path``, so a test gets the archive it would have built in a few milliseconds and can
    write to it freely. ``build(folder)`` makes ``folder/archive`` (closing it) and whatever
    else the test would have had in its ``tmp_path`` (the pages it imported, say).

    A copy is the same archive: the database, ``index/`` with its ``CURRENT`` generation and
    the epoch it shares with the database, ``pages/``. Only ``page.source_path`` still names
    the file in the template's folder that was imported."""

    def __init__(self, root: Path):
        self.root = root
        self.built: dict[str, Path] = {}

    def folder(self, name: str, build: Callable[[Path], None]) -> Path:
        if name not in self.built:
            folder = self.root / name
            folder.mkdir()
            build(folder)
            self.built[name] = folder
        return self.built[name]

    def copy(self, name: str, build: Callable[[Path], None], to: Path) -> Path:
        """A copy of the template ``name`` in ``to`` (nothing of it there yet); ``to / "archive"``."""
        template = self.folder(name, build)
        for entry in template.iterdir():
            if entry.is_dir():
                # SQLite's shared-memory file belongs to the connections that made it; the copy
                # makes its own from the database and its WAL.
                shutil.copytree(entry, to / entry.name, ignore=shutil.ignore_patterns("*-shm"))
            elif (to / entry.name).exists():
                raise FileExistsError(to / entry.name)
            else:
                shutil.copy2(entry, to / entry.name)
        return to / "archive"


@pytest.fixture(scope="session")
def templates(tmp_path_factory) -> Templates:
    return Templates(tmp_path_factory.mktemp("templates"))


def found(archive, query: str) -> set[int]:
    return {hit.article_id for hit in archive.searching.search(query, limit=1000).hits}


def assert_a_copy_of_its_own(archive, template_copy: Path) -> None:
    """What a test writes into its copy ``archive`` (a correction, a note, a rebuilt index)
    is neither in the template nor in the next test's copy (``template_copy``, made after the
    writes), and the index of each copy is its archive's own and in step."""
    from viewer.archive import Archive

    assert archive.indexing.in_step()
    article_id = archive.browsing.list_articles()[0].id
    title, annotations = archive.browsing.article(article_id).title, archive.browsing.annotations(article_id)
    archive.editing.correct(article_id, title="只在这一份里", author="测试")
    archive.editing.add_note(article_id, "独此一份", author="测试")
    archive.indexing.rebuild()
    assert found(archive, "只在这一份里") == found(archive, "note:独此一份") == {article_id}
    with Archive(template_copy) as again:
        assert again.indexing.in_step()
        assert again.browsing.article(article_id).title == title
        assert again.browsing.annotations(article_id) == annotations
        assert not found(again, "只在这一份里") and not found(again, "note:独此一份")
        assert [a.id for a in again.browsing.list_articles()] == [a.id for a in archive.browsing.list_articles()]


def empty(folder: Path) -> None:
    """A template: a new archive, made and closed, in ``folder/archive``."""
    from viewer.archive import Archive

    Archive(folder / "archive").close()


@pytest.fixture
def archive(tmp_path, templates):
    """A new empty archive (a copy of :func:`empty`'s, as it is left when made)."""
    from viewer.archive import Archive

    with Archive(templates.copy("empty", empty, tmp_path)) as archive:
        yield archive


def seed(folder: Path) -> None:
    """A template: the seed page imported into a new archive, ``folder/archive``."""
    from viewer.archive import Archive

    with Archive(folder / "archive") as archive:
        [outcome] = archive.importing.import_paths([SEED]).outcomes
    assert outcome.status == "imported" and len(outcome.article_ids) == 1


@pytest.fixture
def seeded(templates, tmp_path):
    """(archive, article id): the seed page's one article in a new archive, a copy of
    :func:`seed`'s of the test's own (test_export.py has a ``seeded`` of its own)."""
    from viewer.archive import Archive

    with Archive(templates.copy("seed", seed, tmp_path)) as archive:
        [article] = archive.browsing.list_articles()
        yield archive, article.id


@pytest.fixture
def settings(tmp_path):
    """The window's settings in an INI file of the test's own, never the user's."""
    from viewer.gui.qt import QSettings
    from viewer.gui.settings import Settings

    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, tmp_path, settings, templates):
    """The window, in English, on a new empty archive (a copy of :func:`empty`'s; GUI test
    modules may define their own)."""
    from viewer.gui import i18n
    from viewer.gui.main_window import MainWindow

    i18n.install("en")
    window = MainWindow(templates.copy("empty", empty, tmp_path), settings, lambda root: None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture(autouse=True)
def no_modal_dialog_left_open(request, monkeypatch):
    """In GUI tests a message box must never wait for a click that will not come: one that
    opens is recorded and closed at once, and an unexpected error box fails the test (instead
    of hanging it). Tests that expect a box patch QMessageBox themselves."""
    if not request.module.__name__.startswith("test_gui"):
        yield
        return
    from viewer.gui.qt import QMessageBox

    opened = []

    def record(box):
        opened.append((box.icon(), box.text()))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", record)
    yield
    errors = [text for icon, text in opened if icon == QMessageBox.Icon.Critical]
    assert not errors, f"an error box opened: {errors}"
