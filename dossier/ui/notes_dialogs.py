"""The questions the notes ask: a note's text and tags, a colour's name.

Each is one function that tests replace, so no test blocks on a modal dialog.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class NoteDialog(QDialog):
    """Write or edit a note: its text and its tags (comma-separated)."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        quote: str,
        body: str,
        tags: Sequence[str],
        *,
        where: str = "",
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
    parent: QWidget | None,
    title: str,
    quote: str,
    body: str,
    tags: Sequence[str],
    *,
    where: str = "",
) -> tuple[str, tuple[str, ...]] | None:
    """The note's text and tags, or None when the reader cancelled (tests replace this).

    ``where``: the place the note is on ("Trade, point 2"); ``quote``: the words it is on.
    """
    dialog = NoteDialog(parent, title, quote, body, tags, where=where)
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
