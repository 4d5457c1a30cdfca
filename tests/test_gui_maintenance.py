"""File → Check Archive…, Back Up Archive…, Restore from Backup…, driven as a user would."""

from __future__ import annotations

from test_gui_window import sample_window  # noqa: F401 (a fixture)

from viewer.archive import Archive
from viewer.gui.qt import QFileDialog, QMessageBox


def test_check_back_up_and_restore_from_the_file_menu(sample_window, qtbot, tmp_path, monkeypatch):  # noqa: F811
    menu = [action.text() for action in sample_window.actions.file_menu.actions()]
    assert {"&Check Archive…", "&Back Up Archive…", "&Restore from Backup…"} <= set(menu)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()))
    sample_window.actions.check_archive.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert shown == ["The archive is sound: the database, every picture and the search index check out."]

    informed = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: informed.append(text))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "kept"), ""))
    sample_window.actions.backup_archive.trigger()
    qtbot.waitUntil(lambda: bool(informed), timeout=10_000)
    assert informed == [f"Backed up to {tmp_path / 'kept'}."]

    opened = []
    monkeypatch.setattr(sample_window, "_switch_archive", opened.append)  # the window is not re-made here
    sample_window.maintenance.open_archive = opened.append
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(tmp_path / "kept"))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(tmp_path / "restored"), ""))
    sample_window.actions.restore_archive.trigger()
    qtbot.waitUntil(lambda: bool(opened), timeout=20_000)
    assert opened == [tmp_path / "restored"]
    with Archive(tmp_path / "restored", create=False) as restored:
        assert restored.browsing.stats()["articles"] == 1
