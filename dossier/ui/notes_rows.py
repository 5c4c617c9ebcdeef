"""The notes dock's list model: each group's heading (a section, a source), then its
notes, two lines each.

The rows are texts, tooltips and icons built once by the panel; the model only says
which of them show, so filtering resets it once without building anything.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPixmap

from dossier.ui.notes_look import swatch

KIND_MARK = {"highlight": "Highlight", "note": "Note", "bookmark": "Bookmark"}
SNIPPET = 140  # characters of a quote or note shown in a row


def short(text: str, limit: int = SNIPPET) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class NotesModel(QAbstractListModel):
    """The rows shown: each group's heading, then its notes (two lines each)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.shown: list[tuple[int, int]] = []  # (group, -1) for a heading, else (group, row)
        self.groups: list[tuple[str, list[int]]] = []  # title, rows of the group
        self.texts: list[str] = []
        self.tips: list[str] = []
        self.icons: list[QIcon] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self._plain = QFont()
        self.heading_back: QColor | None = None  # set from the view's palette

    def set_font(self, font: QFont) -> None:
        """The list's font, and its bold form for the group headings."""
        self._plain = QFont(font)
        self._bold = QFont(font)
        self._bold.setBold(True)

    def show(self, visible: Sequence[Sequence[int]]) -> None:
        """Show, for each group, the rows given (a group with none is left out)."""
        self.beginResetModel()
        self.shown = []
        for number, rows in enumerate(visible):
            if rows:
                self.shown.append((number, -1))
                self.shown.extend((number, row) for row in rows)
        self.endResetModel()

    def row_at(self, index: QModelIndex | QPersistentModelIndex) -> int | None:
        """The note row of ``index`` (None for a heading)."""
        if not index.isValid() or index.row() >= len(self.shown):
            return None
        row = self.shown[index.row()][1]
        return row if row >= 0 else None

    def index_of(self, row: int) -> QModelIndex:
        for n, (_group, shown) in enumerate(self.shown):
            if shown == row:
                return self.index(n)
        return QModelIndex()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.shown)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid():
            return None
        group, row = self.shown[index.row()]
        if row < 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                title, rows = self.groups[group]
                return f"{title}\n{len(rows)} note{'s' if len(rows) != 1 else ''}"
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            if role == Qt.ItemDataRole.BackgroundRole:
                return self.heading_back
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.texts[row]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tips[row]
        if role == Qt.ItemDataRole.FontRole:
            return self._plain
        if role == Qt.ItemDataRole.DecorationRole:
            return self.icons[row]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if self.row_at(index) is None:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def icon(colour: str | None, kind: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(
        swatch(colour, False) if colour else QColor("#8a94a6" if kind == "note" else "#5b6b84")
    )
    return QIcon(pixmap)
