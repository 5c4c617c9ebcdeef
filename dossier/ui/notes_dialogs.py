"""The questions the notes ask: a note's text, tags and colour, a colour's name.

Each is one function that tests replace, so no test blocks on a modal dialog.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from dossier.ui.notes_look import colour_icon


class NoteAnswer(NamedTuple):
    """What the reader wrote: the note's text, its tags and its colour key (or None)."""

    body: str
    tags: tuple[str, ...]
    colour: str | None


class NoteDialog(QDialog):
    """Write or edit a note: its text, its tags (comma-separated) and, when ``colours``
    are offered, its colour (a highlight's included: the briefing picks talking points
    by colour, so a colour chosen wrongly must be put right where the note is)."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        quote: str,
        body: str,
        tags: Sequence[str],
        *,
        where: str = "",
        colour: str | None = None,
        colours: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        # Said, so that a note never lands unseen on another item than the one meant.
        self.where = QLabel(f"On {where}")
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setWordWrap(True)
        font = self.where.font()
        font.setBold(True)
        self.where.setFont(font)
        self.where.setVisible(bool(where))
        layout.addWidget(self.where)
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
        self._kept = None if colours else colour  # no choice offered: kept as it is
        self.colour = QComboBox()
        self.colour.setAccessibleName("Colour")
        self.colour.addItem("No colour", None)
        for key, name in colours:
            self.colour.addItem(colour_icon(key), name, key)
        if colour is not None and self.colour.findData(colour) < 0:  # imported, unnamed
            self.colour.addItem(colour_icon(colour), colour, colour)
        self.colour.setCurrentIndex(max(0, self.colour.findData(colour)))
        colour_label = QLabel("&Colour:")
        colour_label.setBuddy(self.colour)
        for widget in (colour_label, self.colour):
            widget.setVisible(bool(colours))
            layout.addWidget(widget)
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

    def answer(self) -> NoteAnswer:
        tags = tuple(t.strip() for t in self.tags.text().split(",") if t.strip())
        colour = self.colour.currentData() if self._kept is None else self._kept
        return NoteAnswer(self.body.toPlainText().strip(), tags, colour)


def ask_note(
    parent: QWidget | None,
    title: str,
    quote: str,
    body: str,
    tags: Sequence[str],
    *,
    where: str = "",
    colour: str | None = None,
    colours: Sequence[tuple[str, str]] = (),
) -> NoteAnswer | None:
    """The note's text, tags and colour, or None when the reader cancelled (tests
    replace this).

    ``where``: the place the note is on ("Trade, point 2"); ``quote``: the words it is on;
    ``colours``: the keys and names to choose from (none: no choice, ``colour`` kept).
    """
    dialog = NoteDialog(
        parent, title, quote, body, tags, where=where, colour=colour, colours=colours
    )
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.answer()


def ask_colour_name(parent: QWidget | None, current: str) -> str | None:
    """A new name for a colour, or None (tests replace this)."""
    text, ok = QInputDialog.getText(
        parent, "Rename colour", "What this colour means:", text=current
    )
    return text.strip() if ok and text.strip() else None
