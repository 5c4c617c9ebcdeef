"""The notes choice of the Export and Print dialogs: "Include my notes", by colour and tag."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from dossier.ui.notes_store import borrowed

if TYPE_CHECKING:
    from dossier.core.briefing.analyst_notes import PrintedNotes
    from dossier.core.model import Dossier


class NotesChoice(QWidget):
    """Whether the briefing prints the reader's notes, and which (a colour, a tag)."""

    def __init__(self, dossier: Dossier, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dossier = dossier
        with borrowed() as opened:
            store = opened.store
            annotations = store.annotations(dossier.id) if store is not None else []
            names = store.colours() if store is not None else []
        printable = [a for a in annotations if a.kind != "bookmark"]
        self.include = QCheckBox(f"Include my notes ({len(printable)})")
        self.include.setToolTip(
            "A mark beside each annotated item and an Analyst notes part before the sources"
        )
        self.include.setEnabled(bool(printable))
        self.colour = QComboBox()
        self.colour.setAccessibleName("Notes colour")
        self.colour.addItem("All colours", None)
        used = {a.colour for a in printable if a.colour}
        for key, name in names:
            if key in used:
                self.colour.addItem(name, key)
        self.tag = QComboBox()
        self.tag.setAccessibleName("Notes tag")
        self.tag.addItem("All tags", None)
        for tag in sorted({t for a in printable for t in a.tags}, key=str.casefold):
            self.tag.addItem(f"#{tag}", tag)
        row = QHBoxLayout()
        row.setContentsMargins(20, 0, 0, 0)
        row.addWidget(self.colour)
        row.addWidget(self.tag)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.include)
        layout.addLayout(row)
        self.include.toggled.connect(self._update)
        self._update()

    def _update(self) -> None:
        for box in (self.colour, self.tag):
            box.setEnabled(self.include.isChecked())

    def chosen(self) -> PrintedNotes | None:
        """The notes to print, or None when the reader did not ask for them."""
        if not self.include.isChecked():
            return None
        from dossier.core.briefing.analyst_notes import printed_notes

        colour, tag = self.colour.currentData(), self.tag.currentData()
        with borrowed() as opened:
            if opened.store is None:
                return None
            return printed_notes(
                opened.store, self._dossier, (colour,) if colour else (), (tag,) if tag else ()
            )
