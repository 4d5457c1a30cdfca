"""Annotating the open article from the window: the Annotate menu, the tools above the
article and its context menu, Undo and Redo in the Edit menu, and the links below it.

Each action gathers what it needs (the editor's name, a dialog), then pushes one edit
(:mod:`viewer.services.edits`) on the undo history, which writes it on the writer thread. When a
write is in, the :class:`~viewer.change.Change` it made goes to the window (``changed``), which
draws again what it touched; an undo or redo of an article not shown then shows it.
"""

from __future__ import annotations

import re

from viewer.archive import Archive
from viewer.change import Change
from viewer.gui import annotation_html as links
from viewer.gui.article_pane import ArticlePane
from viewer.gui.corrections import CorrectionDialog, HistoryDialog
from viewer.gui.editor_name import EditorName
from viewer.gui.note_dialog import NoteDialog
from viewer.gui.qt import (
    QAction,
    QActionGroup,
    QColor,
    QDialog,
    QInputDialog,
    QKeySequence,
    QMainWindow,
    QMenu,
    QObject,
    QPixmap,
    QPoint,
    Qt,
    QToolButton,
    Signal,
)
from viewer.gui.settings import Settings
from viewer.gui.style import HIGHLIGHT_COLOURS, fit_title, highlight_colour
from viewer.gui.tasks import TaskRunner
from viewer.gui.undo import UndoHistory
from viewer.model import AnnotationEntry
from viewer.services import edits

QUOTE_SHOWN = 12  # characters of a passage named in an undo text
TAG_SEPARATORS = re.compile(r"[,，、;；]")


class Annotating(QObject):
    article_wanted = Signal(int)  # an article to show (an undo or redo changed it, an annotation was opened)
    search_wanted = Signal(str)  # a query to put in the search field (a tag was clicked)
    collection_wanted = Signal(str)  # show this collection
    collections_shown = Signal()  # Annotate → Collections
    annotations_shown = Signal()  # Annotate → All Annotations
    changed = Signal(object)  # the Change a write (or its undo) made, once it is in the archive

    def __init__(self, window: QMainWindow, archive: Archive, runner: TaskRunner, settings: Settings,
                 pane: ArticlePane):
        super().__init__(window)
        self.window = window
        self.archive = archive  # the GUI thread's, for reading
        self.pane = pane
        self.history = UndoHistory(runner, window)
        self.editor = EditorName(settings, window)
        self.colour = "yellow"  # the colour "Highlight" uses: the one chosen last
        self.dialog: QDialog | None = None  # the dialog open, if any (tests fill it in)

        def action(shortcut: str = "", slot=None) -> QAction:
            made = QAction(window)
            if shortcut:
                made.setShortcut(QKeySequence(shortcut))
            if slot is not None:
                made.triggered.connect(slot)
            return made

        self.add_note = action("Ctrl+Shift+N", self.write_note)
        self.highlight = action("Ctrl+Shift+H", lambda: self.highlight_selection(self.colour))
        self.highlight_with_comment = action("Ctrl+Alt+H", self.comment_selection)
        self.colours = QActionGroup(window)
        self.colour_actions: dict[str, QAction] = {}
        for name in HIGHLIGHT_COLOURS:
            choice = action(slot=lambda checked=False, c=name: self.highlight_selection(c))
            choice.setCheckable(True)
            choice.setChecked(name == self.colour)
            choice.setIcon(_swatch(name))
            self.colours.addAction(choice)
            self.colour_actions[name] = choice
        self.add_tag = action("Ctrl+Shift+T", self.focus_tag_field)
        self.correct = action("F2", self.correct_text)
        self.show_history = action("", self.open_history)
        self.add_to_collection = action("Ctrl+D", self.choose_collection)
        self.your_name = action("", self.editor.ask)
        self.show_collections = action("", self.collections_shown)
        self.show_annotations = action("", self.annotations_shown)
        self.article_actions = [self.add_note, self.highlight, self.highlight_with_comment, self.add_tag,
                                self.correct, self.show_history, self.add_to_collection,
                                *self.colour_actions.values()]

        self.colour_menu = QMenu(window)
        self.colour_menu.addActions(list(self.colour_actions.values()))
        self.menu = QMenu(window)
        self.menu.addActions([self.add_note, self.highlight])
        self.menu.addMenu(self.colour_menu)
        self.menu.addAction(self.highlight_with_comment)
        self.menu.addSeparator()
        self.menu.addActions([self.add_tag, self.correct, self.show_history, self.add_to_collection])
        self.menu.addSeparator()
        self.menu.addActions([self.show_collections, self.show_annotations])
        self.menu.addSeparator()
        self.menu.addAction(self.your_name)
        self._fill_tools()

        self.history.written.connect(self._written)
        pane.article_shown.connect(self._enable)
        pane.annotation_view.link_activated.connect(self._link)
        pane.annotation_view.tag_entered.connect(self.add_tags)
        pane.text.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        pane.text.customContextMenuRequested.connect(self._context_menu)
        self._enable(pane.article)
        self.complete_tags()
        self.retranslate()

    def install_menus(self, edit_menu: QMenu, before: QMenu) -> None:
        """Undo and Redo at the top of the Edit menu; the Annotate menu before ``before``."""
        first = edit_menu.actions()[0] if edit_menu.actions() else None
        edit_menu.insertActions(first, [self.history.undo_action, self.history.redo_action])
        edit_menu.insertSeparator(first)
        self.window.menuBar().insertMenu(before.menuAction(), self.menu)

    # -- the actions ------------------------------------------------------------------------------

    def write_note(self) -> None:
        article = self.pane.article
        if article is None or self.editor.get() is None:
            return
        self._open(NoteDialog(self.window), lambda dialog: self.history.push(
            edits.AddNote(article.id, *dialog.note(), self.editor.get()), lambda: self.tr("Add note")))

    def highlight_selection(self, colour: str) -> None:
        self.colour = colour
        self.colour_actions[colour].setChecked(True)
        passage = self._selected_passage()
        if passage is None or self.editor.get() is None:
            return
        article_id, span, quote = passage
        self.history.push(edits.AddHighlight(article_id, span, colour, "", self.editor.get()),
                          lambda: self.tr("Highlight “{quote}”").format(quote=quote))

    def comment_selection(self) -> None:
        """Highlight the selection with a comment, in the current colour."""
        passage = self._selected_passage()
        if passage is None or self.editor.get() is None:
            return
        article_id, span, quote = passage
        dialog = QInputDialog(self.window)
        dialog.setWindowTitle(self.tr("Highlight with a comment"))
        dialog.setLabelText(self.tr("Comment on “{quote}”:").format(quote=quote))
        fit_title(dialog)
        self._open(dialog, lambda d: self.history.push(
            edits.AddHighlight(article_id, span, self.colour, d.textValue().strip(), self.editor.get()),
            lambda: self.tr("Highlight “{quote}”").format(quote=quote)))

    def focus_tag_field(self) -> None:
        if self.pane.article is not None:
            self.pane.annotation_view.tag_field.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def add_tags(self, text: str) -> None:
        tags = list(dict.fromkeys(t.strip() for t in TAG_SEPARATORS.split(text) if t.strip()))
        article = self.pane.article
        if article is None or not tags or self.editor.get() is None:
            return
        self.history.push(edits.AddTag(article.id, tags, self.editor.get()),
                          lambda: self.tr("Tag “{tags}”").format(tags="、".join(tags)))

    def correct_text(self) -> None:
        article = self.pane.article
        if article is None or self.editor.get() is None:
            return
        dialog = CorrectionDialog(self.window, article, self.pane.current_paragraph())
        self._open(dialog, lambda d: self.history.push(
            edits.Correct(article.id, d.changes(), self.editor.get()), lambda: self.tr("Correct the text")))

    def open_history(self) -> None:
        article = self.pane.article
        if article is None:
            return
        dialog = HistoryDialog(self.window, self.archive.browsing.revisions(article.id),
                               self.archive.editing.current_revision(article.id))
        self._open(dialog, lambda d: self._restore(article.id, d.chosen))

    def choose_collection(self) -> None:
        article = self.pane.article
        if article is None or self.editor.get() is None:
            return
        dialog = QInputDialog(self.window)
        dialog.setWindowTitle(self.tr("Add to a collection"))
        dialog.setLabelText(self.tr("Collection (choose one, or type a new name):"))
        dialog.setComboBoxItems([c["name"] for c in self.archive.browsing.collections()])
        dialog.setComboBoxEditable(True)
        fit_title(dialog)
        self._open(dialog, lambda d: self._collect(article.id, d.textValue().strip()))

    def reorder_collection(self, name: str, order: list[int]) -> None:
        self.history.push(edits.ReorderCollection(name, order),
                          lambda: self.tr("Reorder “{collection}”").format(collection=name))

    def remove_from_collection(self, name: str, article_ids: list[int]) -> None:
        if article_ids and self.editor.get() is not None:
            self.history.push(edits.RemoveFromCollection(name, article_ids, self.editor.get()),
                              lambda: self.tr("Remove from “{collection}”").format(collection=name))

    def delete_collection(self, name: str) -> None:
        if name and self.editor.get() is not None:
            self.history.push(edits.DeleteCollection(name, self.editor.get()),
                              lambda: self.tr("Delete collection “{collection}”").format(collection=name))

    def open_annotation(self, row: dict) -> None:
        """Show the article of an ``Archive.all_annotations`` row, at its passage or note."""
        if row["article_id"] is None:
            self._say(self.tr("The article of this annotation is no longer in the archive."))
            return
        self.article_wanted.emit(row["article_id"])
        self.pane.annotation_view.view.scrollToAnchor(links.anchor_name(row["id"]))
        if row["kind"] == "highlight" and row["orphaned"]:
            self._say(self.tr("This passage is no longer in the article's text; its words are shown below."))
        elif row["kind"] == "highlight":
            self.pane.select_passage(row["start"], row["end"])
            self.pane.text.setFocus()

    # -- what the pane's links ask for ----------------------------------------------------------------

    def _link(self, action: str, argument: str) -> None:
        article = self.pane.article
        if article is None:
            return
        entries = {str(entry.id): entry for entry in article.annotations
                   if entry.kind in ("note", "highlight")}
        if action == links.EDIT_NOTE and argument in entries:
            self._edit_note(article.id, entries[argument])
        elif action == links.DELETE and argument in entries:
            entry = entries[argument]
            note = entry.kind == "note"
            self.history.push(edits.DeleteAnnotation(article.id, entry.id),
                              lambda: self.tr("Delete note") if note else self.tr("Delete highlight"))
        elif action == links.GO_TO and argument in entries and entries[argument].span is not None:
            self.pane.select_passage(*entries[argument].span)
            self.pane.text.setFocus()
        elif action == links.SEARCH_TAG:
            quoted = f'"{argument}"' if re.search(r'[\s()"]', argument) else argument
            self.search_wanted.emit(f"tag:{quoted}")
        elif action == links.UNTAG:
            tagged_by = next((e.author for e in article.annotations
                              if e.kind == "tag" and e.text == argument), "")
            self.history.push(edits.RemoveTag(article.id, argument, tagged_by),
                              lambda: self.tr("Remove tag “{tag}”").format(tag=argument))
        elif action == links.OPEN_COLLECTION:
            self.collection_wanted.emit(argument)
        elif action == links.HISTORY:
            self.open_history()

    def _edit_note(self, article_id: int, entry: AnnotationEntry) -> None:
        old = (entry.text, entry.format)
        self._open(NoteDialog(self.window, *old), lambda dialog: self.history.push(
            edits.EditNote(article_id, entry.id, old, dialog.note()), lambda: self.tr("Edit note")))

    def _restore(self, article_id: int, revision_id: int | None) -> None:
        if self.editor.get() is not None:
            self.history.push(edits.RestoreRevision(article_id, revision_id, self.editor.get()),
                              lambda: self.tr("Restore a revision"))

    def _collect(self, article_id: int, name: str) -> None:
        if name:
            self.history.push(edits.AddToCollection(name, [article_id], self.editor.get()),
                              lambda: self.tr("Add to “{collection}”").format(collection=name))

    # -- helpers ------------------------------------------------------------------------------------

    def _selected_passage(self) -> tuple[int, tuple[int, int], str] | None:
        """(article id, span, a short quote) of the selected text, or None after saying why."""
        article = self.pane.article
        span = self.pane.selected_passage() if article is not None else None
        if span is None:
            self._say(self.tr("Select a passage of the article's text first."))
            return None
        quote = article.text.body_text()[span[0]:span[1]].replace("\n", " ")
        return article.id, span, quote if len(quote) <= QUOTE_SHOWN else quote[:QUOTE_SHOWN] + "…"

    def _say(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 6000)

    def _open(self, dialog: QDialog, on_accept) -> None:
        """Show ``dialog`` (window-modal, without blocking) and call ``on_accept(dialog)`` on OK."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: on_accept(dialog))
        dialog.finished.connect(lambda _: setattr(self, "dialog", None))
        dialog.open()

    def _written(self, change: Change, undone_or_redone: int | None) -> None:
        self.changed.emit(change)
        shown = self.pane.article.id if self.pane.article is not None else None
        if undone_or_redone is not None and undone_or_redone != shown:
            self.article_wanted.emit(undone_or_redone)

    def complete_tags(self) -> None:
        """Offer the tags in use (after a write that changed them)."""
        self.pane.annotation_view.set_tags_in_use([tag for tag, _ in self.archive.browsing.tags_in_use()])

    def _enable(self, article: dict | None) -> None:
        for action in self.article_actions:
            action.setEnabled(article is not None)

    def _context_menu(self, position: QPoint) -> None:
        menu = self.pane.text.createStandardContextMenu(position)
        if self.pane.article is not None:
            menu.addSeparator()
            menu.addActions([self.highlight, self.highlight_with_comment])
            menu.addMenu(self.colour_menu)
            menu.addSeparator()
            menu.addActions([self.add_note, self.correct, self.add_to_collection])
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.pane.text.viewport().mapToGlobal(position))

    def _fill_tools(self) -> None:
        tools = self.pane.tools
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        tools.addAction(self.add_note)
        tools.addAction(self.highlight)
        highlight_button = tools.widgetForAction(self.highlight)
        if isinstance(highlight_button, QToolButton):  # the colours drop down beside it
            highlight_button.setMenu(self.colour_menu)
            highlight_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        tools.addActions([self.correct, self.show_history, self.add_to_collection])

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("&Annotate"))
        self.add_note.setText(self.tr("Add &Note…"))
        self.highlight.setText(self.tr("&Highlight"))
        self.highlight.setToolTip(self.tr("Highlight the selected passage"))
        self.highlight_with_comment.setText(self.tr("Highlight with a &Comment…"))
        self.colour_menu.setTitle(self.tr("Highlight &Colour"))
        names = {"yellow": self.tr("Yellow"), "green": self.tr("Green"), "blue": self.tr("Blue"),
                 "pink": self.tr("Pink"), "orange": self.tr("Orange")}
        for name, choice in self.colour_actions.items():
            choice.setText(names[name])
        self.add_tag.setText(self.tr("Add &Tag"))
        self.correct.setText(self.tr("C&orrect the Text…"))
        self.show_history.setText(self.tr("&History of the Text…"))
        self.add_to_collection.setText(self.tr("Add to Co&llection…"))
        self.show_collections.setText(self.tr("C&ollections"))
        self.show_annotations.setText(self.tr("All &Annotations"))
        self.your_name.setText(self.tr("Your &Name…"))
        # The tools above the article say it shorter, to fit the pane.
        for action, short in ((self.add_note, self.tr("Note")), (self.highlight, self.tr("Highlight")),
                              (self.correct, self.tr("Correct")), (self.show_history, self.tr("History")),
                              (self.add_to_collection, self.tr("Collect"))):
            action.setIconText(short)
        self.history.retranslate()


def _swatch(colour: str) -> QPixmap:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(highlight_colour(colour)))
    return pixmap
