"""Help → User Manual (issue 14, item 12): a short manual in the interface's language, whose
menu items and ``gazette`` commands are checked against the window's menus and the CLI, so
the manual cannot name what is not there."""

from __future__ import annotations

import re
import shlex
from html import unescape

import click
import pytest

from viewer.cli import cli
from viewer.gui import i18n
from viewer.gui.main_window import MainWindow
from viewer.gui.manual import MANUAL_DIR, ManualDialog, manual_file
from viewer.resources import CHECKOUT

LANGUAGES = ("zh_CN", "en")
TITLES = {"zh_CN": "文件(&F)", "en": "&File"}


@pytest.fixture
def window(qtbot, tmp_path, settings):
    i18n.install("en")
    window = MainWindow(tmp_path / "archive", settings, lambda root: None)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    i18n.install("en")


def switch_language(window, qtbot, language: str) -> None:
    i18n.install(language)
    qtbot.waitUntil(lambda: window.actions.file_menu.title() == TITLES[language], timeout=5_000)


def marked(language: str, kind: str) -> list[str]:
    """The texts the manual marks as menu items (``span class="menu"``) or commands (``code class="cli"``)."""
    html = manual_file(language).read_text(encoding="utf-8")
    tag = {"menu": "span", "cli": "code"}[kind]
    return [unescape(re.sub(r"<[^>]+>", "", text)) for text in
            re.findall(rf'<{tag} class="{kind}">(.*?)</{tag}>', html, re.DOTALL)]


def shown(text: str) -> str:
    """A menu title as read: without its mnemonic (``文件(&F)``, ``&File`` → 文件, File)."""
    return re.sub(r"\(&\w\)", "", text).replace("&", "").strip()


def menu_paths(window) -> set[tuple[str, ...]]:
    paths = set()

    def walk(menu, prefix):
        for action in menu.actions():
            if action.isSeparator():
                continue
            if action.menu() is not None:
                walk(action.menu(), (*prefix, shown(action.menu().title())))
            else:
                paths.add((*prefix, shown(action.text())))

    for action in window.menuBar().actions():
        walk(action.menu(), (shown(action.menu().title()),))
    return paths


def unknown_in_cli(line: str) -> str | None:
    """What in a ``gazette …`` line the CLI does not have (a command or an option), or None."""
    words = shlex.split(line)
    if words[:1] != ["gazette"]:
        return f"not a gazette command: {line}"
    command, words = cli, words[1:]
    while words:
        word = words.pop(0)
        if word in ("--help", "-h"):
            continue
        if word.startswith("-"):
            option = next((p for p in command.params if isinstance(p, click.Option)
                           and word.split("=")[0] in (*p.opts, *p.secondary_opts)), None)
            if option is None:
                return f"{command.name} has no option {word}"
            if not option.is_flag and "=" not in word:
                words.pop(0)  # its value
        elif isinstance(command, click.Group):
            if word not in command.commands:
                return f"no command {word}"
            command = command.commands[word]
    return None


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_manual_exists_in_both_languages_and_covers_what_a_user_does(language):
    text = manual_file(language).read_text(encoding="utf-8")
    assert manual_file(language).name == f"manual_{language}.html"
    for anchor in ("start", "import", "browse", "search", "annotate", "collections", "export", "safety", "cli"):
        assert f'name="{anchor}"' in text and f'href="#{anchor}"' in text
    for named in ("ALTO", "PDF", ".txt", "gazette:search-syntax", "GB/T 7714"):
        assert named in text
    assert MANUAL_DIR == CHECKOUT / "resources" / "manual" or MANUAL_DIR.parts[-3:] == ("_data", "resources",
                                                                                        "manual")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_menu_item_the_manual_names_is_in_the_windows_menus(window, qtbot, language):
    switch_language(window, qtbot, language)
    items = marked(language, "menu")
    assert len(items) > 30
    paths = menu_paths(window)
    missing = [item for item in items if tuple(part.strip() for part in item.split("→")) not in paths]
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_gazette_command_the_manual_names_is_in_the_cli(language):
    lines = marked(language, "cli")
    named = {shlex.split(line)[1] for line in lines if len(shlex.split(line)) > 1}
    assert {"import", "search", "export", "collection", "check", "backup", "restore", "serve"} <= named
    assert [(line, unknown_in_cli(line)) for line in lines if unknown_in_cli(line)] == []


def test_the_checks_catch_a_manual_that_rots():
    assert unknown_in_cli("gazette imprt scans/") == "no command imprt"
    assert unknown_in_cli("gazette collection rename a b") == "no command rename"
    assert unknown_in_cli("gazette search 交城 --form 2025") == "search has no option --form"
    assert unknown_in_cli("gazette --archive 档案 search 交城 --json") is None


def test_help_opens_the_manual_in_the_interfaces_language(window, qtbot):
    help_items = window.actions.help_menu.actions()
    assert help_items[0] is window.actions.manual and window.actions.manual.text() == "User &Manual…"
    window.actions.manual.trigger()
    dialog = window.findChild(ManualDialog)
    qtbot.waitUntil(dialog.isVisible, timeout=5_000)
    assert dialog.windowTitle() == "User Manual"
    assert "Importing pages" in dialog.text.toPlainText()
    window.actions.manual.trigger()  # asked again: the same dialog, raised
    assert window.findChildren(ManualDialog) == [dialog]

    switch_language(window, qtbot, "zh_CN")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "使用手册", timeout=5_000)
    assert "导入版面" in dialog.text.toPlainText() and "Importing pages" not in dialog.text.toPlainText()
    assert window.actions.manual.text() == "使用手册(&M)…"


def test_the_manuals_link_opens_the_search_syntax(window, qtbot):
    from viewer.gui.qt import QUrl

    window.actions.manual.trigger()
    dialog = window.findChild(ManualDialog)
    dialog.text.anchorClicked.emit(QUrl("gazette:search-syntax"))
    assert window.search_help is not None and window.search_help.isVisible()
