"""The interface in Chinese and English: every string translated, the compiled translations
current, the language switchable while the window is open."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from viewer.gui import i18n
from viewer.gui.main_window import MainWindow
from viewer.gui.qt import QLocale, QSettings
from viewer.gui.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
TOOLS = Path(sys.executable).parent
SOURCES = sorted(str(p) for p in (ROOT / "viewer" / "gui").glob("*.py"))
needs_tools = pytest.mark.skipif(not (TOOLS / "pyside6-lupdate").exists(), reason="Qt's translation tools")


@needs_tools
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_string_of_the_interface_is_translated(tmp_path, language):
    ts = tmp_path / f"gazette_{language}.ts"
    shutil.copy(i18n.I18N_DIR / ts.name, ts)
    options = ["-pluralonly"] if language == "en" else []  # English needs only its plural forms
    subprocess.run([TOOLS / "pyside6-lupdate", *SOURCES, *options, "-ts", ts, "-locations", "none",
                    "-no-obsolete"], check=True, capture_output=True)
    untranslated = [m.findtext("source") for m in ET.parse(ts).iter("message")
                    if m.find("translation").get("type") == "unfinished"]
    assert untranslated == [], "add these to resources/i18n (Qt Linguist), then `make translations`"


@needs_tools
@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_compiled_translations_are_current(tmp_path, language):
    compiled = tmp_path / f"gazette_{language}.qm"
    subprocess.run([TOOLS / "pyside6-lrelease", i18n.I18N_DIR / f"gazette_{language}.ts", "-qm", compiled],
                   check=True, capture_output=True)
    assert compiled.read_bytes() == (i18n.I18N_DIR / compiled.name).read_bytes(), "run `make translations`"


def test_chinese_unless_the_system_asks_for_another_language(monkeypatch):
    monkeypatch.setattr(QLocale, "system", lambda: QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    assert i18n.system_language() == "zh_CN"
    monkeypatch.setattr(QLocale, "system", lambda: QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert i18n.system_language() == "en"
    monkeypatch.setattr(QLocale, "system", lambda: QLocale.c())  # LANG=C: no language asked for
    assert i18n.system_language() == "zh_CN"


def test_switching_the_language_in_the_view_menu(qtbot, tmp_path):
    i18n.install("en")
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(tmp_path / "archive", settings, lambda root: None)
    qtbot.addWidget(window)
    window.apply_change(window.archive.importing.load_sample().change)
    qtbot.waitUntil(lambda: window.article_id is not None, timeout=10_000)
    assert window.actions.file_menu.title() == "&File"

    window.actions.language_actions["zh_CN"].trigger()
    assert settings.language() == "zh_CN"
    qtbot.waitUntil(lambda: window.actions.file_menu.title() == "文件(&F)")  # LanguageChange is posted
    assert window.tabs.tabText(0) == "浏览"
    assert window.browse.tree.currentIndex().data() == "3日 周四"
    assert window.browse.pages_label.text() == "2025-04-03 的版面"
    assert "本版编辑：" in window.article_pane.text.toPlainText()
    sheet = [item.toPlainText() for item in window.page_view.scene().items() if hasattr(item, "toPlainText")]
    assert "本版没有扫描图像：下面是提取出的文字。" in sheet
    assert window.page_view.outlined_article_id == window.article_id

    window.actions.language_actions[""].trigger()  # the system's
    assert settings.language() == ""
    window.actions.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "Browse")
    assert window.browse.tree.currentIndex().data() == "3 Thu"
