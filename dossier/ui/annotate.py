"""Marking and writing in the panes: select → highlight → note, bookmarks, and their marks.

A selection in a pane becomes a core :class:`~dossier.core.notes.Target` by finding the
item (or section summary, or source paragraph) it lies in and the selected words in
that item's text; a stored note is drawn back by the reverse search, from the item's
anchor. Marks are ``QTextEdit.ExtraSelection``\\ s: they colour the text without
touching the document, so citation links keep working under a highlight.

:class:`Annotator` owns the session's notes for one window: the actions (menu, tool
bar, context menu, shortcuts), the undo stack, and the placements the panes and the
notes panel show. Every change is committed to the store before the screen changes.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QHelpEvent,
    QIcon,
    QKeySequence,
    QPixmap,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from dossier.core import anchors
from dossier.core.history import Location
from dossier.core.notes import (
    NotesStoreError,
    OpenedStore,
    Placement,
    Target,
    edited,
    new_annotation,
    place,
    place_all,
)
from dossier.core.notes.model import Annotation, Kind
from dossier.core.notes.places import item_text
from dossier.core.notes.targets import item_target, paragraph_target, section_target
from dossier.core.text import normalise, normalise_with_map
from dossier.ui import messages, notes_store
from dossier.ui.notes_store import tell_once

if TYPE_CHECKING:
    from dossier.core.model import Dossier
    from dossier.ui.main_window import MainWindow
    from dossier.ui.panes import ReadingPane

log = logging.getLogger("dossier.ui.notes")

# What a highlight of each colour key looks like on a light and on a dark page: pale
# enough to read black text through, deep enough to read light text on.
SWATCHES: dict[str, tuple[str, str]] = {
    "yellow": ("#fff1a6", "#5a4b00"),
    "green": ("#cdeec4", "#1e4a27"),
    "red": ("#ffd0cb", "#5c2323"),
    "blue": ("#cfe0fb", "#1c3a60"),
}
OTHER_SWATCH = ("#e4e4e4", "#474747")  # an imported colour the app has no swatch for
NOTE_LINE = ("#a24f00", "#ffb25c")  # the underline of a highlight that carries a note
WHOLE_MARK = ("#eef1f6", "#2a3038")  # an item, section or paragraph with a note on it
# Characters of the document that stand for structure, not text: frame and table
# boundaries, block breaks and objects. Each is read as a space (one for one).
_STRUCTURE = str.maketrans({"\ufdd0": " ", "\ufdd1": " ", "\u2029": " ", "\ufffc": " "})
NOTE_MS = 5000
FIRST_PAINT_MS = 1000  # the notes are placed after the first paint, or after this anyway


# -- from the document to the dossier and back ------------------------------------------------
def doc_text(pane: QTextEdit, start: int, end: int) -> str:
    """The document's characters ``start``..``end``, one for one, structure (frame and
    table boundaries, block breaks) read as spaces.

    Read block by block: a cursor's selectedText() would give a table-cell selection's
    text instead when both ends stand in cells of one table.
    """
    document = pane.document()
    end = min(end, document.characterCount() - 1)
    if end <= start:
        return ""
    out = [" "] * (end - start)
    block = document.findBlock(start)
    while block.isValid() and block.position() < end:
        text, at = block.text(), block.position()
        low, high = max(start, at), min(end, at + len(text))
        if high > low:
            out[low - start : high - start] = text[low - at : high - at]
        block = block.next()
    return "".join(out).translate(_STRUCTURE)


def pane_anchors(pane: ReadingPane) -> list[tuple[int, str]]:
    """Every named anchor of a pane with its position, in document order."""
    found: list[tuple[int, str]] = []
    block = pane.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            for name in fragment.charFormat().anchorNames():
                found.append((fragment.position(), name))
            it += 1
        block = block.next()
    return found


def _occurrences(flat: str, needle: str) -> list[int]:
    out = []
    index = flat.find(needle)
    while index >= 0:
        out.append(index)
        index = flat.find(needle, index + 1)
    return out


@dataclass(frozen=True)
class Container:
    """The dossier text a place in a pane belongs to, and how to make a target on it."""

    anchor: str  # the pane anchor the text starts at (or after)
    text: str
    make: Callable[[tuple[int, int] | None], Target]


def container_at(dossier: Dossier, anchor: str) -> Container | None:
    """What a pane anchor stands for: an item, a section (its summary) or a paragraph."""
    try:
        if anchor.startswith(anchors.SOURCE_PREFIX) and "/" in anchor:
            head, number = anchor.rsplit("/", 1)
            source_id = head.removeprefix(anchors.SOURCE_PREFIX)
            paragraph = int(number)
            text = dossier.source(source_id).text.paragraph(paragraph).text
            return Container(
                anchor, text, lambda span: paragraph_target(dossier, source_id, paragraph, span)
            )
        if anchor.startswith(anchors.SECTION_PREFIX):
            section_id = anchor.removeprefix(anchors.SECTION_PREFIX)
            text = dossier.section(section_id).summary
            return Container(anchor, text, lambda span: section_target(dossier, section_id, span))
        if anchor.count("/") == 2:
            text = item_text(dossier.item(anchor))
            return Container(anchor, text, lambda span: item_target(dossier, anchor, span))
    except (KeyError, ValueError, IndexError):
        return None
    return None


def _summary_start(pane: ReadingPane, section_anchor: str, summary: str) -> int | None:
    """Where a section's summary begins in its page (the block holding just that text).

    Searched from the top of the page: the anchor before the page's heading holds no
    text, so Qt keeps no position for it.
    """
    position = pane.anchor_position(section_anchor) or 0
    wanted = normalise(summary)
    block = pane.document().findBlock(position)
    for _ in range(12):  # banner, title, meta line, summary: a few blocks down at most
        if not block.isValid():
            return None
        if normalise(block.text()) == wanted:
            return block.position()
        block = block.next()
    return None


def container_start(pane: ReadingPane, container: Container) -> int | None:
    """The document position a container's text starts at (or just before)."""
    if container.anchor.startswith(anchors.SECTION_PREFIX):
        return _summary_start(pane, container.anchor, container.text)
    return pane.anchor_position(container.anchor)


def span_in_pane(
    pane: ReadingPane,
    container: Container,
    span: tuple[int, int],
    texts: dict[int, tuple[str, list[int]]] | None = None,
) -> tuple[int, int] | None:
    """The document range of ``container.text[start:end]`` in ``pane``, or None."""
    begin = container_start(pane, container)
    if begin is None:
        return None
    start, end = span
    needle = normalise(container.text[start:end])
    if not needle:
        return None
    flat_item = normalise(container.text)
    before = len(normalise(container.text[:start]))
    hits = _occurrences(flat_item, needle)
    nth = sum(1 for hit in hits if hit < before)  # which occurrence, counted from the start
    known = texts.get(begin) if texts is not None else None
    if known is None:
        known = normalise_with_map(doc_text(pane, begin, begin + len(container.text) * 2 + 400))
        if texts is not None:
            texts[begin] = known
    flat, where = known
    found = _occurrences(flat, needle)
    if not found:
        return None
    at = found[min(nth, len(found) - 1)]
    return begin + where[at], begin + where[at + len(needle) - 1] + 1


def selection_in_pane(pane: ReadingPane, dossier: Dossier) -> tuple[Target | None, str]:
    """The target for what is selected in ``pane``, or None with the reason."""
    cursor = pane.textCursor()
    if not cursor.hasSelection():
        return None, "Select some text first."
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    container = _container_before(pane, dossier, start)
    if container is None:
        return None, "Select text within a point, a figure, a summary or a source paragraph."
    needle = normalise(doc_text(pane, start, end))
    flat_item, where = normalise_with_map(container.text)
    hits = _occurrences(flat_item, needle) if needle else []
    begin = container_start(pane, container)
    if not hits or begin is None:
        return None, "Select text within one item: this selection runs past it."
    nth = len(_occurrences(normalise(doc_text(pane, begin, end)), needle)) - 1
    at = hits[max(0, min(nth, len(hits) - 1))]
    span = (where[at], where[at + len(needle) - 1] + 1)
    return container.make(span), ""


def _container_before(pane: ReadingPane, dossier: Dossier, position: int) -> Container | None:
    """The item, section or paragraph whose anchor comes last at or before ``position``
    (on a section's page, before its first item: the section, for its summary)."""
    sections = {s.id for s in dossier.sections}
    chosen = (
        container_at(dossier, anchors.section(pane.tab_id)) if pane.tab_id in sections else None
    )
    for at, name in pane_anchors(pane):
        if at > position:
            break
        found = container_at(dossier, name)
        if found is not None or name in (anchors.OVERVIEW,) or name.startswith("source:"):
            chosen = found
    return chosen


def whole_place(pane: ReadingPane, dossier: Dossier, position: int) -> Target | None:
    """A target for the whole item, paragraph or section at ``position`` in ``pane``."""
    container = _container_before(pane, dossier, position)
    if container is not None:
        if container.anchor.startswith(anchors.SECTION_PREFIX):
            return section_target(dossier, container.anchor.removeprefix(anchors.SECTION_PREFIX))
        return container.make(None)
    if pane.tab_id in {s.id for s in dossier.sections}:
        return section_target(dossier, pane.tab_id)
    return None


def placement_range(
    pane: ReadingPane,
    dossier: Dossier,
    p: Placement,
    texts: dict[int, tuple[str, list[int]]] | None = None,
) -> tuple[int, int] | None:
    """Where a placed annotation stands in ``pane`` (its quote, or its item's first line)."""
    if p.orphan:
        return None
    if p.source is not None:
        anchor = (
            anchors.paragraph(p.source, p.paragraph) if p.paragraph else anchors.source(p.source)
        )
    elif p.anchor is not None:
        anchor = p.anchor
    elif p.section is not None:
        anchor = anchors.section(p.section)
    else:
        return None
    if p.start is not None and p.end is not None:
        container = container_at(dossier, anchor)
        if container is None:
            return None
        return span_in_pane(pane, container, (p.start, p.end), texts)
    position = pane.anchor_position(anchor)
    if position is None and p.anchor is None and p.section is not None and p.source is None:
        position = _title_start(pane, dossier, p.section)  # a note on the whole section
    if position is None:
        return None
    block = pane.document().findBlock(position)
    return block.position(), block.position() + max(1, block.length() - 1)


def _title_start(pane: ReadingPane, dossier: Dossier, section_id: str) -> int | None:
    """Where a section's page shows its title."""
    try:
        wanted = normalise(dossier.section(section_id).title)
    except KeyError:
        return None
    block = pane.document().begin()
    for _ in range(6):
        if not block.isValid():
            return None
        if normalise(block.text()) == wanted:
            return block.position()
        block = block.next()
    return None


def tab_of(dossier: Dossier, p: Placement) -> str:
    """The tab a placed annotation is shown on."""
    if p.source is not None:
        return anchors.source(p.source)
    if p.anchor is not None:
        return anchors.tab_of(p.anchor, {s.id for s in dossier.sections})
    return p.section or anchors.OVERVIEW


# -- how marks look --------------------------------------------------------------------------
def swatch(colour: str | None, dark: bool) -> QColor:
    """The background of a highlight of colour key ``colour``."""
    pair = SWATCHES.get(colour or "", OTHER_SWATCH) if colour else WHOLE_MARK
    return QColor(pair[1] if dark else pair[0])


def mark_format(annotation: Annotation, dark: bool, whole: bool) -> QTextCharFormat:
    """The look of an annotation's mark: a quoted passage in its colour, underlined when
    it carries a note; a whole item, paragraph or section as a faint band."""
    fmt = QTextCharFormat()
    if whole:
        fmt.setBackground(swatch(annotation.colour, dark))
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
        return fmt
    fmt.setBackground(swatch(annotation.colour or "yellow", dark))
    if annotation.body.strip():
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        fmt.setUnderlineColor(QColor(NOTE_LINE[1] if dark else NOTE_LINE[0]))
    return fmt


# -- asking for a note -------------------------------------------------------------------------
class NoteDialog(QDialog):
    """Write or edit a note: its text and its tags (comma-separated)."""

    def __init__(
        self, parent: QWidget | None, title: str, quote: str, body: str, tags: Sequence[str]
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        if quote:
            shown = QLabel(f"“{quote if len(quote) < 300 else quote[:297] + '…'}”")
            shown.setTextFormat(Qt.TextFormat.PlainText)
            shown.setWordWrap(True)
            layout.addWidget(shown)
        self.body = QPlainTextEdit(body)
        self.body.setAccessibleName("Note")
        self.body.setTabChangesFocus(True)
        label = QLabel("&Note (Ctrl+Enter to save):")
        label.setBuddy(self.body)
        layout.addWidget(label)
        layout.addWidget(self.body)
        self.tags = QLineEdit(", ".join(tags))
        self.tags.setAccessibleName("Tags")
        self.tags.setPlaceholderText("meeting, follow-up")
        tag_label = QLabel("&Tags:")
        tag_label.setBuddy(self.tags)
        layout.addWidget(tag_label)
        layout.addWidget(self.tags)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        save = QAction(self)
        save.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        save.triggered.connect(self.accept)
        self.addAction(save)
        self.resize(460, 280)


def ask_note(
    parent: QWidget | None, title: str, quote: str, body: str, tags: Sequence[str]
) -> tuple[str, tuple[str, ...]] | None:
    """The note's text and tags, or None when the reader cancelled (tests replace this)."""
    dialog = NoteDialog(parent, title, quote, body, tags)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    tags_out = tuple(t.strip() for t in dialog.tags.text().split(",") if t.strip())
    return dialog.body.toPlainText().strip(), tags_out


def ask_colour_name(parent: QWidget | None, current: str) -> str | None:
    """A new name for a colour, or None (tests replace this)."""
    text, ok = QInputDialog.getText(
        parent, "Rename colour", "What this colour means:", text=current
    )
    return text.strip() if ok and text.strip() else None


# -- undoable changes -------------------------------------------------------------------------
class _Change(QUndoCommand):
    """One change to the store: ``before`` → ``after`` (None: absent). Undo reverses it."""

    def __init__(
        self,
        annotator: Annotator,
        text: str,
        before: Annotation | None,
        after: Annotation | None,
        *,
        applied: bool,
    ) -> None:
        super().__init__(text)
        self._annotator = annotator
        self._before = before
        self._after = after
        self._applied = applied  # the first redo (on push) has nothing left to do

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._annotator._apply_told(self._before, self._after)

    def undo(self) -> None:
        self._annotator._apply_told(self._after, self._before)


# -- the window's notes ------------------------------------------------------------------------
class Annotator(QObject):
    """The notes of one window: actions, undo, marks in the panes; ``changed`` after each change."""

    changed = Signal()

    def __init__(self, window: MainWindow, opened: OpenedStore | None = None) -> None:
        super().__init__(window)
        self._window = window
        self._hold: notes_store.Hold | None = None  # None: the caller owns ``opened``
        if opened is None:
            self._hold = notes_store.hold(window)
            opened = self._hold.opened
        self.opened = opened
        self.undo_stack = QUndoStack(self)
        self._placements: dict[str, list[Placement]] = {}
        self._attached: set[int] = set()
        self._stale: set[int] = set()  # panes whose marks must be drawn again
        self._pane_ranges: dict[int, list[tuple[Placement, tuple[int, int]]]] = {}
        self._last_colour = "yellow"
        self._build_actions()
        window.dossier_changed.connect(self._on_dossier)
        window.library_changed.connect(lambda _dossiers: self._forget())
        window.pages.tab_shown.connect(lambda _tab: self._attach_all())
        self._first_paint: QWidget | None = None  # a new dossier's page, not yet painted
        self._paint_watch = _PaintWatch(lambda: QTimer.singleShot(0, self, self._painted), self)
        if self.opened.error is not None:
            tell_once(self.opened, window)

    def close(self) -> None:
        """Let go of the notes database (the window closed); nothing here reads it again."""
        if self._hold is not None:
            self._hold.release()
            self._hold = None
            self.opened = OpenedStore(None)

    # -- state -------------------------------------------------------------------------------
    @property
    def writable(self) -> bool:
        return self.opened.writable

    @property
    def ready(self) -> bool:
        """False while a new dossier's first page has not been painted yet."""
        return self._first_paint is None

    @property
    def store_problem(self) -> NotesStoreError | None:
        return self.opened.error

    def colours(self) -> list[tuple[str, str]]:
        """Each colour key and what the reader named it."""
        store = self.opened.store
        if store is None:
            return [(key, key.title()) for key in SWATCHES]
        return store.colours()

    def placements(self, dossier: Dossier) -> list[Placement]:
        """Every annotation of ``dossier``, placed on it (computed once per change)."""
        found = self._placements.get(dossier.id)
        if found is None:
            store = self.opened.store
            found = place_all(store.annotations(dossier.id), dossier) if store is not None else []
            self._placements[dossier.id] = found
        return found

    def dossiers(self) -> tuple[Dossier, ...]:
        library = self._window.library
        return library.dossiers if library is not None else ()

    # -- actions -----------------------------------------------------------------------------
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
        self.highlight_action = self._action(
            "&Highlight",
            [QKeySequence("Ctrl+Shift+H")],
            self.highlight,
            "Highlight the selected text",
        )
        self.note_action = self._action(
            "Add &Note…", [QKeySequence("Ctrl+Alt+M")], self.add_note,
            "Write a note on the selected text, or on the item at the cursor",
        )  # fmt: skip
        self.bookmark_action = self._action(
            "&Bookmark", [QKeySequence("Ctrl+D")], self.bookmark, "Bookmark the item at the cursor"
        )
        self.section_note_action = self._action(
            "Note on &Section…", [QKeySequence("Ctrl+Alt+Shift+M")], self.add_section_note,
            "Write a note on the whole section shown",
        )  # fmt: skip
        self.caret_action = self._action(
            "&Caret Browsing", [QKeySequence(Qt.Key.Key_F7)], self._toggle_caret,
            "Move a text cursor with the keyboard and select with Shift+arrows",
        )  # fmt: skip
        self.caret_action.setCheckable(True)
        self.undo_action = self.undo_stack.createUndoAction(self._window, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self._window, "&Redo")
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self._window.addAction(action)

        self.colour_menu = QMenu("Highlight &Colour", self._window)
        self._colour_group = QActionGroup(self)
        self.colour_menu.aboutToShow.connect(self._fill_colour_menu)
        self._fill_colour_menu()

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
        self._update_enabled()

    def _fill_colour_menu(self) -> None:
        self.colour_menu.clear()
        for n, (key, name) in enumerate(self.colours(), start=1):
            action = self.colour_menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(key == self._last_colour)
            action.setData(key)
            if n <= 9:
                action.setShortcut(QKeySequence(f"Ctrl+Alt+{n}"))
            action.setIcon(_colour_icon(key))
            self._colour_group.addAction(action)
            action.triggered.connect(lambda _c=False, k=key: self.highlight(k))
            self._window.addAction(action)
        self.colour_menu.setEnabled(self.writable)

    def _fill_rename_menu(self) -> None:
        self.rename_menu.clear()
        for key, name in self.colours():
            action = self.rename_menu.addAction(f"{name}…")
            action.setIcon(_colour_icon(key))
            action.triggered.connect(lambda _c=False, k=key, n=name: self.rename_colour(k, n))

    def _update_enabled(self) -> None:
        has = self._window.current_dossier is not None
        for action in (
            self.highlight_action,
            self.note_action,
            self.bookmark_action,
            self.section_note_action,
        ):
            action.setEnabled(has and self.writable)
            if not self.writable:
                action.setToolTip("The notes are read-only in this session")
        self.colour_menu.setEnabled(has and self.writable)
        self.rename_menu.setEnabled(self.writable)

    # -- what the reader does --------------------------------------------------------------------
    def _pane(self) -> ReadingPane | None:
        tab = self._window.current_tab_id()
        return self._window.pane(tab) if tab is not None else None

    def highlight(self, colour: str | None = None) -> Annotation | None:
        """Highlight the selection of the current pane (in ``colour``, or the last used)."""
        colour = colour or self._last_colour
        self._last_colour = colour
        target = self._selected_target()
        if target is None:
            return None
        return self._add("highlight", target, colour=colour, what="Highlight")

    def add_note(self) -> Annotation | None:
        """A note on the selection, on the highlight under the cursor, or on the item there."""
        pane, dossier = self._pane(), self._window.current_dossier
        if pane is None or dossier is None or not self._can_write():
            return None
        cursor = pane.textCursor()
        if not cursor.hasSelection():
            existing = self.annotation_at(pane, cursor.position())
            if existing is not None and existing.kind in ("highlight", "note"):
                return self.edit(existing)
            target = whole_place(pane, dossier, cursor.position())
            if target is None:
                self._tell("Put the cursor in an item or select some text to write a note.")
                return None
        else:
            target = self._selected_target()
            if target is None:
                return None
        return self._write_note(target, colour=None)

    def add_section_note(self) -> Annotation | None:
        """A note on the whole section on screen."""
        pane, dossier = self._pane(), self._window.current_dossier
        if pane is None or dossier is None or not self._can_write():
            return None
        if pane.tab_id not in {s.id for s in dossier.sections}:
            self._tell("Open a section's tab to write a note on the whole section.")
            return None
        return self._write_note(section_target(dossier, pane.tab_id), colour=None)

    def bookmark(self) -> Annotation | None:
        """Bookmark the item (or paragraph, or section) at the cursor."""
        pane, dossier = self._pane(), self._window.current_dossier
        if pane is None or dossier is None or not self._can_write():
            return None
        cursor = pane.textCursor()
        target = whole_place(pane, dossier, cursor.selectionStart())
        if target is None:
            self._tell("Put the cursor in an item to bookmark it.")
            return None
        return self._add("bookmark", target, what="Bookmark")

    def edit(self, annotation: Annotation) -> Annotation | None:
        """Ask for a new text and tags; a highlight given a text becomes a note."""
        if not self._can_write():
            return None
        quote = annotation.target.quote.exact if annotation.target.quote else ""
        answer = ask_note(self._window, "Edit note", quote, annotation.body, annotation.tags)
        if answer is None:
            return None
        body, tags = answer
        changed = edited(annotation, body=body, tags=tags)
        if changed.kind == "highlight" and body:
            changed = replace(changed, kind="note")
        self._push("Edit note", annotation, changed)
        return changed

    def delete(self, annotation: Annotation) -> None:
        """Delete an annotation (Ctrl+Z brings it back)."""
        if self._can_write():
            self._push(f"Delete {annotation.kind}", annotation, None)

    def rename_colour(self, key: str, current: str) -> None:
        store = self.opened.store
        if store is None or not self._can_write():
            return
        name = ask_colour_name(self._window, current)
        if name is None:
            return
        try:
            store.rename_colour(key, name)
        except (NotesStoreError, ValueError, KeyError) as error:
            self._tell(f"Colour not renamed: {error}")
            return
        self._fill_colour_menu()
        self.changed.emit()

    def _write_note(self, target: Target, colour: str | None) -> Annotation | None:
        quote = target.quote.exact if target.quote else ""
        answer = ask_note(self._window, "Add note", quote, "", ())
        if answer is None:
            return None
        body, tags = answer
        return self._add("note", target, colour=colour, body=body, tags=tags, what="Note")

    def _selected_target(self) -> Target | None:
        pane, dossier = self._pane(), self._window.current_dossier
        if pane is None or dossier is None or not self._can_write():
            return None
        target, why = selection_in_pane(pane, dossier)
        if target is None:
            self._tell(why)
        return target

    def _add(self, kind: Kind, target: Target, *, what: str, colour: str | None = None,
             body: str = "", tags: tuple[str, ...] = ()) -> Annotation | None:  # fmt: skip
        dossier = self._window.current_dossier
        assert dossier is not None
        try:
            annotation = new_annotation(
                dossier.id, kind, target, body=body, colour=colour, tags=tags
            )
        except ValueError as error:
            self._tell(f"{what} not added: {error}")
            return None
        if self._push(f"Add {kind}", None, annotation):
            self._tell(f"{what} added")
            return annotation
        return None

    def _push(self, text: str, before: Annotation | None, after: Annotation | None) -> bool:
        try:
            self._apply(before, after)
        except (NotesStoreError, ValueError, KeyError) as error:
            messages.warning(
                "Note not saved", f"The change was not saved: {error}", parent=self._window
            )
            return False
        # Applied already (so a failure is told before anything is on the stack).
        self.undo_stack.push(_Change(self, text, before, after, applied=True))
        return True

    def _apply(self, before: Annotation | None, after: Annotation | None) -> None:
        """Make the store hold ``after`` instead of ``before`` (committed on return)."""
        store = self.opened.store
        if store is None or not self.writable:
            raise ValueError("the notes are read-only in this session")
        if before is not None and after is not None:
            store.update(after)
        elif after is not None:
            store.restore(after)  # a new one, or one deleted coming back
        elif before is not None:
            store.delete(before.id)
        self._replace_placement(before, after)
        self.remark_all()
        self.changed.emit()

    def _replace_placement(self, before: Annotation | None, after: Annotation | None) -> None:
        """Keep the placed notes in step with one change (placing them all again would
        take long with thousands)."""
        changed = after or before
        dossier = next((d for d in self.dossiers() if changed and d.id == changed.dossier_id), None)
        known = self._placements.get(dossier.id) if dossier is not None else None
        if dossier is None or known is None:
            return
        gone = before.id if before is not None else None
        kept = [p for p in known if p.annotation.id != gone]
        if after is not None:
            kept.append(place(after, dossier))
        self._placements[dossier.id] = kept

    def refresh(self) -> None:
        """Place the notes again and redraw (after a change, here or by an import)."""
        self._placements.clear()
        self.remark_all()
        self.changed.emit()

    def _apply_told(self, before: Annotation | None, after: Annotation | None) -> None:
        """:meth:`_apply` for undo and redo, which cannot raise: a failure is told."""
        try:
            self._apply(before, after)
        except (NotesStoreError, ValueError, KeyError) as error:
            messages.warning(
                "Note not saved", f"The change was not saved: {error}", parent=self._window
            )

    def _can_write(self) -> bool:
        if self.writable:
            return True
        self._tell("The notes are read-only in this session.")
        return False

    def _tell(self, text: str) -> None:
        messages.info(text, parent=self._window, timeout_ms=NOTE_MS)

    # -- showing a note's place ------------------------------------------------------------------
    def reveal(self, dossier: Dossier, placement: Placement) -> bool:
        """Open the place of an annotation with its passage highlighted; Back returns."""
        if placement.orphan:
            self._tell("This note's passage is not in this edition of the dossier.")
            return False
        navigator = self._window.navigator
        navigator.record()
        tab = tab_of(dossier, placement)
        navigator.go(Location(dossier.id, tab, 0))
        pane = self._window.pane(tab)
        if pane is None:
            return False
        found = placement_range(pane, dossier, placement)
        if found is None:
            return False
        cursor = QTextCursor(pane.document())
        cursor.setPosition(found[0])
        cursor.setPosition(found[1], QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        fmt = QTextCharFormat()
        theme = self._window.theme
        fmt.setBackground(theme.passage)
        if placement.start is None:
            fmt.setBackground(theme.item)
            fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.format = fmt
        pane.setExtraSelections([selection])
        pane.scroll_to_position(found[0])
        plain = QTextCursor(pane.document())
        plain.setPosition(found[0])
        pane.setTextCursor(plain)  # the cursor is on the note: Ctrl+Alt+M edits it
        pane.setFocus()
        return True

    def annotation_at(self, pane: ReadingPane, position: int) -> Annotation | None:
        """The annotation whose mark covers ``position`` in ``pane`` (quoted ones first)."""
        dossier = self._window.current_dossier
        if dossier is None:
            return None
        whole: Annotation | None = None
        for placement, (start, end) in self._ranges(pane, dossier):
            if start <= position <= end:
                if placement.start is not None:
                    return placement.annotation
                whole = whole or placement.annotation
        return whole

    # -- drawing marks ----------------------------------------------------------------------------
    # A pane's marks are drawn when it is shown, and again after a change; the panes not
    # on screen are only marked stale. A new dossier's marks come just after its first
    # paint (placing thousands of notes takes longer than a frame).
    def _on_dossier(self, _dossier: Dossier | None) -> None:
        self._attached.clear()
        self._stale.clear()
        self._pane_ranges.clear()
        self._attach_all()
        self._update_enabled()
        pane = self._pane()
        if pane is not None:
            self._wait_for_paint(pane)
            # A window that is not painted (minimised, hidden) gets its notes all the same.
            QTimer.singleShot(FIRST_PAINT_MS, self, self._painted)
        else:
            self.changed.emit()

    def _wait_for_paint(self, pane: ReadingPane) -> None:
        if self._first_paint is not None:
            self._first_paint.removeEventFilter(self._paint_watch)
        self._first_paint = pane.viewport()
        self._first_paint.installEventFilter(self._paint_watch)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            return self._show_note_tip(watched, event)
        return False

    def _show_note_tip(self, viewport: QObject, event: QHelpEvent) -> bool:
        """Over a note's mark (not over a ¶ link, whose tooltip is its quote): the note."""
        from dossier.ui.panes import ReadingPane

        pane = viewport.parent()
        if not isinstance(pane, ReadingPane) or not isinstance(viewport, QWidget):
            return False
        if pane.anchorAt(event.pos()):
            return False
        found = self.annotation_at(pane, pane.cursorForPosition(event.pos()).position())
        if found is None or not (found.body or found.tags):
            return False
        tags = "  ".join(f"#{t}" for t in found.tags)
        lines = "\n".join(part for part in (found.body, tags) if part)
        # Given as HTML, escaped: Qt would guess whether plain text is markup.
        text = "<p>" + html.escape(lines).replace("\n", "<br/>") + "</p>"
        QToolTip.showText(event.globalPos(), text, viewport)
        return True

    def _painted(self) -> None:
        """The page is on screen: place the notes, draw them, list them."""
        if self._first_paint is None:
            return  # done already
        self._first_paint.removeEventFilter(self._paint_watch)
        self._first_paint = None
        self._remark_current()
        self.changed.emit()

    def _forget(self) -> None:
        self._placements.clear()

    def _attach_all(self) -> None:
        for tab in self._window.tab_ids():
            pane = self._window.pane(tab)
            if pane is not None and id(pane) not in self._attached:
                self._attach(pane)
        current = self._pane()
        if self._first_paint is not None and current is not None:
            self._wait_for_paint(current)  # another tab was brought up before the paint
        if self._first_paint is None:
            QTimer.singleShot(0, self, self._remark_current)

    def _attach(self, pane: ReadingPane) -> None:
        self._attached.add(id(pane))
        self._stale.add(id(pane))
        pane.rendered.connect(lambda p=pane: self._on_rendered(p))
        pane.viewport().installEventFilter(self)  # a note's text as the mark's tooltip
        pane.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        pane.customContextMenuRequested.connect(lambda point, p=pane: self._context_menu(p, point))
        if self.caret_action.isChecked():
            _set_caret(pane, True)

    def _on_rendered(self, pane: ReadingPane) -> None:
        self._stale.add(id(pane))
        if pane is self._pane() and self._first_paint is None:
            self.remark(pane)

    def _remark_current(self) -> None:
        if not self.ready:
            return  # after the first paint, then
        pane = self._pane()
        if pane is not None and id(pane) in self._stale:
            self.remark(pane)

    def remark_all(self) -> None:
        """Draw the marks again: now in the pane on screen, in the others when shown."""
        for tab in self._window.tab_ids():
            pane = self._window.pane(tab)
            if pane is not None:
                self._stale.add(id(pane))
        pane = self._pane()
        if pane is not None:
            self.remark(pane)

    def _ranges(
        self, pane: ReadingPane, dossier: Dossier
    ) -> list[tuple[Placement, tuple[int, int]]]:
        if id(pane) in self._stale or id(pane) not in self._pane_ranges:
            self.remark(pane)
        return self._pane_ranges.get(id(pane), [])

    def _compute_ranges(
        self, pane: ReadingPane, dossier: Dossier
    ) -> list[tuple[Placement, tuple[int, int]]]:
        found = []
        texts: dict[int, tuple[str, list[int]]] = {}  # many notes share an item
        for placement in self.placements(dossier):
            if placement.orphan or (
                tab_of(dossier, placement) != pane.tab_id and not _on_overview(pane, placement)
            ):
                continue
            where = placement_range(pane, dossier, placement, texts)
            if where is not None:
                found.append((placement, where))
        return found

    def remark(self, pane: ReadingPane) -> None:
        """Draw the annotations of the pane's dossier that stand in it."""
        dossier = self._window.current_dossier
        if dossier is None or not pane.is_rendered:
            return
        self._stale.discard(id(pane))
        dark = self._window.theme.dark
        marks = []
        # Whole-item marks first: a quoted highlight inside the item paints over them.
        ranges = sorted(self._compute_ranges(pane, dossier), key=lambda pr: pr[0].start is not None)
        self._pane_ranges[id(pane)] = ranges
        for placement, (start, end) in ranges:
            cursor = QTextCursor(pane.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = mark_format(placement.annotation, dark, placement.start is None)
            marks.append(selection)
        pane.set_note_marks(marks)

    def _context_menu(self, pane: ReadingPane, point: QPoint) -> None:
        menu = pane.createStandardContextMenu(point)
        menu.addSeparator()
        position = pane.cursorForPosition(point).position()
        if not pane.textCursor().hasSelection():
            plain = QTextCursor(pane.document())
            plain.setPosition(position)
            pane.setTextCursor(plain)  # the note and bookmark go where the click was
        menu.addAction(self.highlight_action)
        menu.addMenu(self.colour_menu)
        existing = self.annotation_at(pane, position)
        menu.addAction(self.note_action)
        if existing is not None:
            edit = menu.addAction(f"Edit {existing.kind}…")
            edit.triggered.connect(lambda _c=False, a=existing: self.edit(a))
            edit.setEnabled(self.writable)
            remove = menu.addAction(f"Delete {existing.kind}")
            remove.triggered.connect(lambda _c=False, a=existing: self.delete(a))
            remove.setEnabled(self.writable)
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
        self._tell("Caret browsing on: Shift+arrows select text" if on else "Caret browsing off")


class _PaintWatch(QObject):
    """Calls back when the widget it watches paints."""

    def __init__(self, then: Callable[[], object], parent: QObject) -> None:
        super().__init__(parent)
        self._then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._then()
        return False


def _on_overview(pane: ReadingPane, placement: Placement) -> bool:
    """Headline figures and events show on the overview too, under the same anchors."""
    return pane.tab_id == anchors.OVERVIEW and placement.anchor is not None


def _set_caret(pane: ReadingPane, on: bool) -> None:
    flags = pane.textInteractionFlags()
    keyboard = Qt.TextInteractionFlag.TextSelectableByKeyboard
    pane.setTextInteractionFlags(flags | keyboard if on else flags & ~keyboard)


def _colour_icon(key: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(swatch(key, False))
    return QIcon(pixmap)
