"""The notes' actions and menus: the Notes menu, tool bar buttons, a pane's context menu.

Every action is added to the window too, so its shortcut works with the menu bar
hidden. The actions only forward to the :class:`~dossier.ui.annotate.Annotator`; they
are enabled while a dossier is open and the notes can be written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QTextCursor
from PySide6.QtWidgets import QMenu

from dossier.ui.notes_look import colour_icon

if TYPE_CHECKING:
    from dossier.ui.annotate import Annotator
    from dossier.ui.main_window import MainWindow
    from dossier.ui.panes import ReadingPane


class NotesActions(QObject):
    """The actions of one window's notes, in its menu bar, tool bar and context menus."""

    def __init__(self, annotator: Annotator, window: MainWindow) -> None:
        super().__init__(annotator)
        self._annotator = annotator
        self._window = window
        self._build_actions()
        self._build_menus()
        self.update_enabled()

    def _action(
        self, text: str, keys: Sequence[QKeySequence], slot: Callable[[], object], tip: str
    ) -> QAction:
        action = QAction(text, self._window)
        action.setShortcuts(list(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(
            f"{tip} ({keys[0].toString(QKeySequence.SequenceFormat.NativeText)})" if keys else tip
        )
        action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self._window.addAction(action)  # shortcuts work with the menu bar hidden
        return action

    def _build_actions(self) -> None:
        annotator = self._annotator
        self.highlight_action = self._action(
            "&Highlight",
            [QKeySequence("Ctrl+Shift+H")],
            annotator.highlight,
            "Highlight the selected text",
        )
        self.note_action = self._action(
            "Add &Note…", [QKeySequence("Ctrl+Alt+M")], annotator.add_note,
            "Write a note on the selected text, or on the item at the cursor",
        )  # fmt: skip
        self.bookmark_action = self._action(
            "&Bookmark", [QKeySequence("Ctrl+D")], annotator.bookmark,
            "Bookmark the item at the cursor",
        )  # fmt: skip
        self.section_note_action = self._action(
            "Note on &Section…", [QKeySequence("Ctrl+Alt+Shift+M")], annotator.add_section_note,
            "Write a note on the whole section shown",
        )  # fmt: skip
        self.caret_action = self._action(
            "&Caret Browsing", [QKeySequence(Qt.Key.Key_F7)], self._toggle_caret,
            "Move a text cursor with the keyboard and select with Shift+arrows",
        )  # fmt: skip
        self.caret_action.setCheckable(True)
        self.undo_action = annotator.undo_stack.createUndoAction(self._window, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = annotator.undo_stack.createRedoAction(self._window, "&Redo")
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self._window.addAction(action)

    def _build_menus(self) -> None:
        self.colour_menu = QMenu("Highlight &Colour", self._window)
        self._colour_group = QActionGroup(self)
        self.colour_menu.aboutToShow.connect(self.fill_colour_menu)
        self.fill_colour_menu()

        bar = self._window.menuBar()
        self.menu = QMenu("&Notes", self._window)
        help_action = self._window.menu("help").menuAction()
        bar.insertMenu(help_action, self.menu)
        for action in (self.undo_action, self.redo_action):
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.highlight_action)
        self.menu.addMenu(self.colour_menu)
        self.menu.addAction(self.note_action)
        self.menu.addAction(self.section_note_action)
        self.menu.addAction(self.bookmark_action)
        self.menu.addSeparator()
        self.menu.addAction(self.caret_action)
        self.rename_menu = self.menu.addMenu("&Rename Colour")
        self.rename_menu.aboutToShow.connect(self._fill_rename_menu)
        tool_bar = self._window.tool_bar
        tool_bar.addSeparator()
        tool_bar.addAction(self.highlight_action)
        tool_bar.addAction(self.note_action)
        tool_bar.addAction(self.bookmark_action)

    def fill_colour_menu(self) -> None:
        """List the colours again (after a rename), the last one used checked."""
        annotator = self._annotator
        self.colour_menu.clear()
        for n, (key, name) in enumerate(annotator.colours(), start=1):
            action = self.colour_menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(key == annotator.last_colour)
            action.setData(key)
            if n <= 9:
                action.setShortcut(QKeySequence(f"Ctrl+Alt+{n}"))
            action.setIcon(colour_icon(key))
            self._colour_group.addAction(action)
            action.triggered.connect(lambda _c=False, k=key: annotator.highlight(k))
            self._window.addAction(action)
        self.colour_menu.setEnabled(annotator.writable)

    def _fill_rename_menu(self) -> None:
        self.rename_menu.clear()
        for key, name in self._annotator.colours():
            action = self.rename_menu.addAction(f"{name}…")
            action.setIcon(colour_icon(key))
            action.triggered.connect(
                lambda _c=False, k=key, n=name: self._annotator.rename_colour(k, n)
            )

    def update_enabled(self) -> None:
        """Enable what can be done now: a dossier open, the notes writable."""
        has = self._window.current_dossier is not None
        writable = self._annotator.writable
        for action in (
            self.highlight_action,
            self.note_action,
            self.bookmark_action,
            self.section_note_action,
        ):
            action.setEnabled(has and writable)
            if not writable:
                action.setToolTip("The notes are read-only in this session")
        self.colour_menu.setEnabled(has and writable)
        self.rename_menu.setEnabled(writable)

    # -- in a pane ---------------------------------------------------------------------------
    def attach(self, pane: ReadingPane) -> None:
        """Give ``pane`` the notes' context menu, and caret browsing when it is on."""
        pane.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        pane.customContextMenuRequested.connect(lambda point, p=pane: self._context_menu(p, point))
        if self.caret_action.isChecked():
            _set_caret(pane, True)

    def _context_menu(self, pane: ReadingPane, point: QPoint) -> None:
        annotator = self._annotator
        menu = pane.createStandardContextMenu(point)
        menu.addSeparator()
        position = pane.cursorForPosition(point).position()
        if not pane.textCursor().hasSelection():
            plain = QTextCursor(pane.document())
            plain.setPosition(position)
            pane.setTextCursor(plain)  # the note and bookmark go where the click was
        menu.addAction(self.highlight_action)
        menu.addMenu(self.colour_menu)
        existing = annotator.marks.annotation_at(pane, position)
        menu.addAction(self.note_action)
        if existing is not None:
            edit = menu.addAction(f"Edit {existing.kind}…")
            edit.triggered.connect(lambda _c=False, a=existing: annotator.edit(a))
            edit.setEnabled(annotator.writable)
            remove = menu.addAction(f"Delete {existing.kind}")
            remove.triggered.connect(lambda _c=False, a=existing: annotator.delete(a))
            remove.setEnabled(annotator.writable)
        menu.addAction(self.section_note_action)
        menu.addAction(self.bookmark_action)
        menu.exec(pane.viewport().mapToGlobal(point))
        menu.deleteLater()

    def _toggle_caret(self) -> None:
        on = self.caret_action.isChecked()
        for tab in self._window.tab_ids():
            pane = self._window.pane(tab)
            if pane is not None:
                _set_caret(pane, on)
        self._annotator.tell(
            "Caret browsing on: Shift+arrows select text" if on else "Caret browsing off"
        )


def _set_caret(pane: ReadingPane, on: bool) -> None:
    flags = pane.textInteractionFlags()
    keyboard = Qt.TextInteractionFlag.TextSelectableByKeyboard
    pane.setTextInteractionFlags(flags | keyboard if on else flags & ~keyboard)
