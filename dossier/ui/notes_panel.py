"""The notes dock: every highlight, note and bookmark of the open dossiers, by section.

The list is built when the notes change; typing in the filter only hides and shows
rows (no rebuild), so it keeps up with typing over thousands of notes. Activating a
row opens its place with the passage highlighted (Back returns); F2 edits it and
Delete deletes it (Ctrl+Z undoes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont, QIcon, QKeyEvent, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dossier.core.notes import Placement
from dossier.core.notes.queries import NoteFilter, SortBy, group, place_label
from dossier.ui.annotate import Annotator, swatch
from dossier.ui.notes_store import describe

if TYPE_CHECKING:
    from dossier.core.model import Dossier
    from dossier.ui.main_window import MainWindow

ROW = Qt.ItemDataRole.UserRole
KIND_MARK = {"highlight": "Highlight", "note": "Note", "bookmark": "Bookmark"}
SNIPPET = 140  # characters of a quote or note shown in a row


def _short(text: str, limit: int = SNIPPET) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class NotesPanel(QWidget):
    """The list of notes, with its filter, and what can be done to a note from here."""

    opened = Signal(object, object)  # Dossier, Placement

    def __init__(self, annotator: Annotator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._annotator = annotator
        self._rows: list[tuple[Dossier, Placement]] = []
        self._groups: list[QTreeWidgetItem] = []
        self.setAccessibleName("Notes")

        self.field = QLineEdit()
        self.field.setPlaceholderText("Filter notes")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Filter notes")
        self.field.textChanged.connect(lambda _text: self.apply_filter())
        self.colour = QComboBox()
        self.colour.setAccessibleName("Colour")
        self.colour.setToolTip("Show the notes of one colour")
        self.colour.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.tag = QComboBox()
        self.tag.setAccessibleName("Tag")
        self.tag.setToolTip("Show the notes with one tag")
        self.tag.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.sort = QComboBox()
        self.sort.setAccessibleName("Sort")
        self.sort.addItem("By place", "place")
        self.sort.addItem("Newest first", "date")
        self.sort.currentIndexChanged.connect(lambda _i: self.rebuild())

        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Notes list")
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setIndentation(12)
        self.tree.setRootIsDecorated(False)
        self.tree.itemActivated.connect(lambda item, _col: self._open(item))
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.installEventFilter(self)

        self.edit_button = QPushButton("Edit…")
        self.edit_button.setToolTip("Edit the chosen note (F2)")
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete the chosen note (Delete; Ctrl+Z undoes)")
        self.delete_button.clicked.connect(self.delete_current)
        self.status = QLabel()
        self.status.setAccessibleName("Notes status")
        self.status.setWordWrap(True)

        filters = QHBoxLayout()
        filters.addWidget(self.colour, 1)
        filters.addWidget(self.tag, 1)
        filters.addWidget(self.sort, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.field)
        layout.addLayout(filters)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)

        annotator.changed.connect(self.rebuild)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.rebuild()

    # -- building ---------------------------------------------------------------------------
    def rebuild(self) -> None:
        """List the notes again (they changed, or the sort did), keeping the filter."""
        self._fill_choices()
        sort: SortBy = "date" if self.sort.currentData() == "date" else "place"
        dossiers = self._annotator.dossiers()
        self.tree.setUpdatesEnabled(False)
        try:
            self.tree.clear()
            self._rows = []
            self._groups = []
            bold = QFont(self.font())
            bold.setBold(True)
            for dossier in dossiers:
                for part in group(self._annotator.placements(dossier), dossier, sort):
                    title = part.title if len(dossiers) == 1 else f"{dossier.title} — {part.title}"
                    head = QTreeWidgetItem([title])
                    head.setFont(0, bold)
                    head.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    self.tree.addTopLevelItem(head)
                    self._groups.append(head)
                    for placement in part.placements:
                        head.addChild(self._row(dossier, placement))
                    head.setExpanded(True)
        finally:
            self.tree.setUpdatesEnabled(True)
        self.apply_filter()

    def _row(self, dossier: Dossier, placement: Placement) -> QTreeWidgetItem:
        a = placement.annotation
        quote = a.target.quote.exact if a.target.quote else ""
        where = place_label(placement, dossier)
        lines = [f"{KIND_MARK[a.kind]} · {where}"]
        if quote:
            lines.append(f"“{_short(quote)}”")
        if a.body:
            lines.append(_short(a.body))
        if a.tags:
            lines.append("#" + "  #".join(a.tags))
        item = QTreeWidgetItem(["\n".join(lines)])
        item.setData(0, ROW, len(self._rows))
        item.setToolTip(0, "\n\n".join(part for part in (quote, a.body) if part) or where)
        item.setIcon(0, _icon(a.colour, a.kind))
        self._rows.append((dossier, placement))
        return item

    def _fill_choices(self) -> None:
        colour, tag = self.colour.currentData(), self.tag.currentData()
        for box in (self.colour, self.tag):
            box.blockSignals(True)
            box.clear()
        self.colour.addItem("All colours", None)
        for key, name in self._annotator.colours():
            self.colour.addItem(_icon(key, "highlight"), name, key)
        self.tag.addItem("All tags", None)
        tags = sorted({t for d in self._annotator.dossiers() for p in self._annotator.placements(d)
                       for t in p.annotation.tags}, key=str.casefold)  # fmt: skip
        for name in tags:
            self.tag.addItem(f"#{name}", name)
        for box, value in ((self.colour, colour), (self.tag, tag)):
            index = box.findData(value)
            box.setCurrentIndex(max(0, index))
            box.blockSignals(False)

    # -- filtering ----------------------------------------------------------------------------
    def current_filter(self) -> NoteFilter:
        colour, tag = self.colour.currentData(), self.tag.currentData()
        return NoteFilter(
            text=self.field.text().strip(),
            colours=frozenset([colour]) if colour else frozenset(),
            tags=frozenset([tag]) if tag else frozenset(),
        )

    def apply_filter(self) -> None:
        """Show only the notes the filter lets through (and the groups that hold any)."""
        where = self.current_filter()
        shown = 0
        self.tree.setUpdatesEnabled(False)
        try:
            for head in self._groups:
                visible = 0
                for n in range(head.childCount()):
                    item = _child(head, n)
                    ok = where.matches(self._rows[item.data(0, ROW)][1].annotation)
                    if item.isHidden() == ok:
                        item.setHidden(not ok)
                    visible += ok
                head.setHidden(not visible)
                shown += visible
        finally:
            self.tree.setUpdatesEnabled(True)
        total = len(self._rows)
        problem = self._annotator.store_problem
        if problem is not None:
            text = describe(problem, self._annotator.opened)
        elif not total:
            text = "No notes yet: select text and press Ctrl+Shift+H, or Ctrl+Alt+M for a note."
        elif shown == total:
            text = f"{total} note{'s' if total != 1 else ''}"
        else:
            text = f"{shown} of {total} notes"
        self.status.setText(text)
        self._update_buttons()

    # -- acting on a note ------------------------------------------------------------------------
    def visible_rows(self) -> list[tuple[Dossier, Placement]]:
        """The notes shown, in list order."""
        out = []
        for head in self._groups:
            if head.isHidden():
                continue
            for n in range(head.childCount()):
                item = _child(head, n)
                if not item.isHidden():
                    out.append(self._rows[item.data(0, ROW)])
        return out

    def item_for(self, annotation_id: str) -> QTreeWidgetItem | None:
        for head in self._groups:
            for n in range(head.childCount()):
                item = _child(head, n)
                if self._rows[item.data(0, ROW)][1].annotation.id == annotation_id:
                    return item
        return None

    def _chosen(self) -> tuple[Dossier, Placement] | None:
        item = self.tree.currentItem()
        row = item.data(0, ROW) if item is not None and not item.isHidden() else None
        return self._rows[row] if isinstance(row, int) else None

    def _open(self, item: QTreeWidgetItem) -> None:
        row = item.data(0, ROW)
        if row is None:
            return
        dossier, placement = self._rows[row]
        self._annotator.reveal(dossier, placement)
        self.opened.emit(dossier, placement)

    def edit_current(self) -> None:
        chosen = self._chosen()
        if chosen is not None:
            self._annotator.edit(chosen[1].annotation)

    def delete_current(self) -> None:
        chosen = self._chosen()
        if chosen is None:
            return
        item = self.tree.currentItem()
        below = self.tree.itemBelow(item) if item is not None else None
        next_id = None
        if below is not None and below.data(0, ROW) is not None:
            next_id = self._rows[below.data(0, ROW)][1].annotation.id
        self._annotator.delete(chosen[1].annotation)
        following = self.item_for(next_id) if next_id else None
        if following is not None:
            self.tree.setCurrentItem(following)  # the keyboard stays in the list

    def _update_buttons(self) -> None:
        can = self._chosen() is not None and self._annotator.writable
        self.edit_button.setEnabled(can)
        self.delete_button.setEnabled(can)

    def _context_menu(self, point: QPoint) -> None:
        item = self.tree.itemAt(point)
        if item is None or item.data(0, ROW) is None:
            return
        self.tree.setCurrentItem(item)
        menu = QMenu(self)
        menu.addAction("Open", lambda: self._open(item))
        edit = menu.addAction("Edit…", self.edit_current)
        remove = menu.addAction("Delete", self.delete_current)
        edit.setEnabled(self._annotator.writable)
        remove.setEnabled(self._annotator.writable)
        menu.exec(self.tree.viewport().mapToGlobal(point))
        menu.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree and event.type() == QEvent.Type.KeyPress:
            key = event if isinstance(event, QKeyEvent) else None
            if key is not None and key.matches(QKeySequence.StandardKey.Delete):
                self.delete_current()
                return True
            if key is not None and key.key() == Qt.Key.Key_F2:
                self.edit_current()
                return True
        return super().eventFilter(watched, event)


def _child(head: QTreeWidgetItem, n: int) -> QTreeWidgetItem:
    item = head.child(n)
    assert item is not None  # n < head.childCount()
    return item


def _icon(colour: str | None, kind: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(
        swatch(colour, False) if colour else QColor("#8a94a6" if kind == "note" else "#5b6b84")
    )
    return QIcon(pixmap)


def dock_notes(window: MainWindow) -> tuple[Annotator, NotesPanel, QDockWidget]:
    """The window's notes: the annotator, and its panel docked beside the Search dock."""
    annotator = Annotator(window)
    panel = NotesPanel(annotator)
    dock = window.add_dock(panel, "Notes", toggle_shortcut=QKeySequence("Ctrl+Shift+N"))
    dock.setMinimumWidth(300)
    if getattr(window, "search_dock", None) is not None:
        window.tabifyDockWidget(window.search_dock, dock)
        window.search_dock.raise_()
    window.library_changed.connect(lambda _d: panel.rebuild())
    return annotator, panel, dock
