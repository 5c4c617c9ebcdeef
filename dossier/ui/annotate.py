"""The notes of a window: select → highlight → note, bookmarks, undo, and where they show.

:class:`Annotator` owns the session's notes for one window and wires its parts: the
actions and menus (:mod:`~dossier.ui.notes_actions`), the marks drawn in the panes
(:mod:`~dossier.ui.notes_marks`, placed by :mod:`~dossier.ui.notes_places`), the
notes' tooltips (:mod:`~dossier.ui.notes_tips`) and the undo stack
(:mod:`~dossier.ui.notes_undo`). Every change is committed to the store before the
screen changes.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextFormat, QUndoStack
from PySide6.QtWidgets import QTextEdit

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
from dossier.core.notes.queries import target_label
from dossier.core.notes.targets import section_target
from dossier.ui import messages, notes_dialogs, notes_store
from dossier.ui.notes_actions import NotesActions
from dossier.ui.notes_look import SWATCHES
from dossier.ui.notes_marks import MarkPainter
from dossier.ui.notes_places import placement_range, selection_in_pane, tab_of, whole_place
from dossier.ui.notes_store import tell_once
from dossier.ui.notes_tips import NoteTips
from dossier.ui.notes_undo import Change

if TYPE_CHECKING:
    from dossier.core.model import Dossier
    from dossier.ui.main_window import MainWindow
    from dossier.ui.panes import ReadingPane

NOTE_MS = 5000


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
        self.last_colour = "yellow"
        self.marks = MarkPainter(window, self.placements, self)
        self.marks.first_painted.connect(self.changed)
        self._tips = NoteTips(self.marks.annotation_at, self)
        self.actions = NotesActions(self, window)
        window.dossier_changed.connect(self._on_dossier)
        window.library_changed.connect(lambda _dossiers: self._placements.clear())
        window.pages.tab_shown.connect(lambda _tab: self._attach_all())
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
        return self.marks.ready

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
            try:
                notes = store.annotations(dossier.id) if store is not None else []
            except NotesStoreError as error:  # a row another program wrote: none shown
                text = f"Your notes on this dossier cannot be shown: {error}"
                messages.warning("Notes", text, parent=self._window)
                notes = []
            found = place_all(notes, dossier)
            self._placements[dossier.id] = found
        return found

    def dossiers(self) -> tuple[Dossier, ...]:
        library = self._window.library
        return library.dossiers if library is not None else ()

    # -- what the reader does --------------------------------------------------------------------
    def _pane(self) -> ReadingPane | None:
        return self.marks.current_pane()

    def highlight(self, colour: str | None = None) -> Annotation | None:
        """Highlight the selection of the current pane (in ``colour``, or the last used)."""
        colour = colour or self.last_colour
        self.last_colour = colour
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
            existing = self.marks.annotation_at(pane, cursor.position())
            if existing is not None and existing.kind in ("highlight", "note"):
                return self.edit(existing)
            target = whole_place(pane, dossier, cursor.position())
            if target is None:
                self.tell("Put the cursor in an item or select some text to write a note.")
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
            self.tell("Open a section's tab to write a note on the whole section.")
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
            self.tell("Put the cursor in an item to bookmark it.")
            return None
        return self._add("bookmark", target, what="Bookmark")

    def edit(self, annotation: Annotation) -> Annotation | None:
        """Ask for a new text and tags; a highlight given a text becomes a note."""
        if not self._can_write():
            return None
        title = f"Edit {annotation.kind}"
        coloured = annotation.kind != "bookmark"
        answer = notes_dialogs.ask_note(
            self._window, title, _shown_quote(annotation.target), annotation.body,
            annotation.tags, where=self._where(annotation.target), colour=annotation.colour,
            colours=self.colours() if coloured else (),
        )  # fmt: skip
        if answer is None:
            return None
        body, tags, colour = answer
        changed = edited(annotation, body=body, tags=tags, colour=colour if coloured else "")
        if changed.kind == "highlight" and body:
            changed = replace(changed, kind="note")
        self._push(title, annotation, changed)
        return changed

    def delete(self, annotation: Annotation) -> None:
        """Delete an annotation (Ctrl+Z brings it back)."""
        if self._can_write() and self._push(f"Delete {annotation.kind}", annotation, None):
            # Deleting asks nothing, so it says how to take it back.
            self.tell(f"{annotation.kind.capitalize()} deleted. Ctrl+Z brings it back.")

    def rename_colour(self, key: str, current: str) -> None:
        store = self.opened.store
        if store is None or not self._can_write():
            return
        name = notes_dialogs.ask_colour_name(self._window, current)
        if name is None:
            return
        try:
            store.rename_colour(key, name)
        except (NotesStoreError, ValueError, KeyError) as error:
            self.tell(f"Colour not renamed: {error}")
            return
        self.actions.fill_colour_menu()
        self.changed.emit()

    def _where(self, target: Target) -> str:
        dossier = self._window.current_dossier
        return target_label(target, dossier) if dossier is not None else ""

    def _write_note(self, target: Target, colour: str | None) -> Annotation | None:
        answer = notes_dialogs.ask_note(
            self._window, "Add note", _shown_quote(target), "", (),
            where=self._where(target), colour=colour, colours=self.colours(),
        )  # fmt: skip
        if answer is None:
            return None
        body, tags, colour = answer
        return self._add("note", target, colour=colour, body=body, tags=tags, what="Note")

    def _selected_target(self) -> Target | None:
        pane, dossier = self._pane(), self._window.current_dossier
        if pane is None or dossier is None or not self._can_write():
            return None
        target, why = selection_in_pane(pane, dossier)
        if target is None:
            self.tell(why)
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
            self.tell(f"{what} not added: {error}")
            return None
        if self._push(f"Add {kind}", None, annotation):
            self.tell(f"{what} added")
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
        self.undo_stack.push(Change(self._apply_told, text, before, after, applied=True))
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
        self.marks.remark_all()
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
        self.marks.remark_all()
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
        self.tell("The notes are read-only in this session.")
        return False

    def tell(self, text: str) -> None:
        """Say ``text`` in the status bar for a few seconds."""
        messages.info(text, parent=self._window, timeout_ms=NOTE_MS)

    # -- showing a note's place ------------------------------------------------------------------
    def reveal(self, dossier: Dossier, placement: Placement) -> bool:
        """Open the place of an annotation with its passage highlighted; Back returns."""
        if placement.orphan:
            self.tell("This note's passage is not in this edition of the dossier.")
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

    # -- panes ----------------------------------------------------------------------------------
    def _on_dossier(self, _dossier: Dossier | None) -> None:
        self._attached.clear()
        self.marks.forget_panes()
        self._attach_all()
        self.actions.update_enabled()
        if not self.marks.wait_for_first_paint():
            self.changed.emit()

    def _attach_all(self) -> None:
        for tab in self._window.tab_ids():
            pane = self._window.pane(tab)
            if pane is not None and id(pane) not in self._attached:
                self._attached.add(id(pane))
                self.marks.attach(pane)
                self._tips.watch(pane)
                self.actions.attach(pane)
        self.marks.follow_current()


def _shown_quote(target: Target) -> str:
    """The words a note is on, for its dialog; a note on a whole item shows the item's
    words (what it is on, at a glance)."""
    return target.quote.exact if target.quote else target.snapshot
