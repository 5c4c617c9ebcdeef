"""The notes dock: every highlight, note and bookmark of the open dossiers, by section.

The rows are built when the notes change; typing in the filter only chooses which of
them the list model shows (one reset, rows of one height, laid out as they scroll into
view), so it keeps up with typing over thousands of notes. Activating a
row opens its place with the passage highlighted (Back returns); F2 edits it and
Delete deletes it (Ctrl+Z undoes).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QIcon,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from dossier.core.notes import Placement
from dossier.core.notes.queries import NoteFilter, SortBy, group, place_label
from dossier.core.notes.store import fold
from dossier.ui.annotate import Annotator
from dossier.ui.combo_row import ComboRow
from dossier.ui.docks import DOCK_MIN_WIDTH, DockShare
from dossier.ui.notes_rows import KIND_MARK, NotesModel, icon, short
from dossier.ui.notes_store import describe

if TYPE_CHECKING:
    from dossier.core.model import Dossier
    from dossier.ui.main_window import MainWindow


class _ListWide(QStyledItemDelegate):
    """Rows no wider than the list that shows them."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        view = self.parent()
        if isinstance(view, QListView):
            hint.setWidth(min(hint.width(), view.viewport().width()))
        return hint


class NotesPanel(QWidget):
    """The list of notes, with its filter, and what can be done to a note from here."""

    opened = Signal(object, object)  # Dossier, Placement

    def __init__(self, annotator: Annotator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._annotator = annotator
        self._rows: list[tuple[Dossier, Placement]] = []
        self._hay: list[str] = []  # each row's text, folded as the filter compares it
        self._dirty = True
        self._icons: dict[tuple[str | None, str], QIcon] = {}
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

        self.model = NotesModel(self)
        self.model.set_font(self.font())
        self._follow_palette()
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Notes list")
        self.view.setUniformItemSizes(True)  # two lines each: fast over thousands
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        # rows as wide as the list, a long quote elided at its edge, never scrolled to
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setItemDelegate(_ListWide(self.view))
        self.view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.view.activated.connect(self._open_index)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.installEventFilter(self)

        self.edit_button = QPushButton("Edit…")
        self.edit_button.setToolTip("Edit the chosen note (F2)")
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete the chosen note (Delete; Ctrl+Z undoes)")
        self.delete_button.clicked.connect(self.delete_current)
        self.status = QLabel()
        self.status.setAccessibleName("Notes status")
        self.status.setWordWrap(True)
        # Its text must not size the dock: until the reader drags it, a dock is laid out
        # at its size hint, and the long "No notes yet…" hint giving way to "1 note"
        # narrowed the dock by a third and moved the page the reader was on.
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        # Three combo boxes abreast cut "All colours" short in a narrow dock: the sort
        # goes beside the filter field, the colour and the tag below, stacked if need be.
        top = QHBoxLayout()
        top.addWidget(self.field, 1)
        top.addWidget(self.sort)
        filters = QHBoxLayout()
        self._filters = ComboRow(self, filters, [self.colour, self.tag])
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        annotator.changed.connect(self.rebuild)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)

    # -- building ---------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        """A new palette (View ▸ Appearance, the desktop's theme): the group headings'
        band follows it, or it keeps the old colours under the new text colour."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._follow_palette()
            self.view.viewport().update()

    def _follow_palette(self) -> None:
        self.model.heading_back = self.palette().color(QPalette.ColorRole.AlternateBase)

    def rebuild(self) -> None:
        """List the notes again (they changed, or the sort did), keeping the filter.

        The work is done when the panel is next shown, or just after this event (so
        opening a dossier paints before its notes are listed).
        """
        self._dirty = True
        QTimer.singleShot(0, self, self._build_if_shown)

    def _build_if_shown(self) -> None:
        if self._dirty and self.isVisible() and self._annotator.ready:
            self._build()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self._build_if_shown)

    def _ensure_built(self) -> None:
        if self._dirty:
            self._build()

    def _build(self) -> None:
        self._dirty = False
        self._fill_choices()
        sort: SortBy = "date" if self.sort.currentData() == "date" else "place"
        dossiers = self._annotator.dossiers()
        model = self.model
        model.groups, model.texts, model.tips, model.icons = [], [], [], []
        self._rows = []
        self._hay = []
        for dossier in dossiers:
            for part in group(self._annotator.placements(dossier), dossier, sort):
                title = part.title if len(dossiers) == 1 else f"{dossier.title} — {part.title}"
                rows = [self._row(dossier, placement) for placement in part.placements]
                model.groups.append((title, rows))
        self.apply_filter()

    def _row(self, dossier: Dossier, placement: Placement) -> int:
        a = placement.annotation
        quote = a.target.quote.exact if a.target.quote else ""
        where = place_label(placement, dossier)
        head = f"{KIND_MARK[a.kind]} · {where}"
        if a.tags:
            head += "   #" + "  #".join(a.tags)
        second = short(a.body) if a.body else (f"“{short(quote)}”" if quote else "")
        self.model.texts.append(f"{head}\n{second}")
        self.model.tips.append("\n\n".join(part for part in (quote, a.body) if part) or where)
        key = (a.colour, a.kind)
        if key not in self._icons:
            self._icons[key] = icon(a.colour, a.kind)
        self.model.icons.append(self._icons[key])
        self._hay.append(fold("\n".join((a.body, quote, a.author, *a.tags))))
        self._rows.append((dossier, placement))
        return len(self._rows) - 1

    def _fill_choices(self) -> None:
        colour, tag = self.colour.currentData(), self.tag.currentData()
        for box in (self.colour, self.tag):
            box.blockSignals(True)
            box.clear()
        self.colour.addItem("All colours", None)
        for key, name in self._annotator.colours():
            self.colour.addItem(icon(key, "highlight"), name, key)
        self.tag.addItem("All tags", None)
        tags = sorted({t for d in self._annotator.dossiers() for p in self._annotator.placements(d)
                       for t in p.annotation.tags}, key=str.casefold)  # fmt: skip
        for name in tags:
            self.tag.addItem(f"#{name}", name)
        for box, value in ((self.colour, colour), (self.tag, tag)):
            index = box.findData(value)
            box.setCurrentIndex(max(0, index))
            box.blockSignals(False)
        self._filters.fit()  # a longer tag may need the row stacked

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
        if self._dirty:
            self._build()  # which filters
            return
        where = self.current_filter()
        needle = fold(where.text)
        rest = replace(where, text="")  # the text is matched against the folded rows
        current = self.model.row_at(self.view.currentIndex())
        hay, rows_ = self._hay, self._rows
        visible = [
            [r for r in rows if needle in hay[r] and rest.matches(rows_[r][1].annotation)]
            for _title, rows in self.model.groups
        ]
        self.model.show(visible)
        if current is not None:
            self.view.setCurrentIndex(self.model.index_of(current))
        shown, total = sum(len(rows) for rows in visible), len(self._rows)
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

    # -- acting on a note ------------------------------------------------------------------------
    def visible_rows(self) -> list[tuple[Dossier, Placement]]:
        """The notes shown, in list order."""
        self._ensure_built()
        return [self._rows[row] for _group, row in self.model.shown if row >= 0]

    def choose(self, annotation_id: str) -> bool:
        """Make the note with this id the current row (False when it is not shown)."""
        self._ensure_built()
        for row, (_dossier, placement) in enumerate(self._rows):
            if placement.annotation.id == annotation_id:
                index = self.model.index_of(row)
                if index.isValid():
                    self.view.setCurrentIndex(index)
                    return True
        return False

    def open_current(self) -> None:
        """Open the current note's place (as Enter does)."""
        self._open_index(self.view.currentIndex())

    def _chosen(self) -> tuple[Dossier, Placement] | None:
        row = self.model.row_at(self.view.currentIndex())
        return self._rows[row] if row is not None else None

    def _open_index(self, index: QModelIndex) -> None:
        row = self.model.row_at(index)
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
        below = self.model.row_at(self.model.index(self.view.currentIndex().row() + 1))
        next_id = self._rows[below][1].annotation.id if below is not None else None
        self._annotator.delete(chosen[1].annotation)
        if next_id is not None:
            self.choose(next_id)  # the keyboard stays in the list
        self.view.setFocus()

    def _update_buttons(self) -> None:
        can = self._chosen() is not None and self._annotator.writable
        self.edit_button.setEnabled(can)
        self.delete_button.setEnabled(can)

    def _context_menu(self, point: QPoint) -> None:
        index = self.view.indexAt(point)
        if self.model.row_at(index) is None:
            return
        self.view.setCurrentIndex(index)
        menu = QMenu(self)
        menu.addAction("Open", self.open_current)
        edit = menu.addAction("Edit…", self.edit_current)
        remove = menu.addAction("Delete", self.delete_current)
        edit.setEnabled(self._annotator.writable)
        remove.setEnabled(self._annotator.writable)
        menu.exec(self.view.viewport().mapToGlobal(point))
        menu.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            key = event if isinstance(event, QKeyEvent) else None
            if key is not None and key.matches(QKeySequence.StandardKey.Delete):
                self.delete_current()
                return True
            if key is not None and key.key() == Qt.Key.Key_F2:
                self.edit_current()
                return True
        return super().eventFilter(watched, event)


def dock_notes(window: MainWindow) -> tuple[Annotator, NotesPanel, QDockWidget]:
    """The window's notes: the annotator, and its panel docked beside the Search dock."""
    annotator = Annotator(window)
    panel = NotesPanel(annotator)
    dock = window.add_dock(panel, "Notes", toggle_shortcut=QKeySequence("Ctrl+Shift+N"))
    # Beside Search it must not widen the dock area: its filter row may squeeze.
    panel.setMinimumWidth(DOCK_MIN_WIDTH)
    dock.setMinimumWidth(DOCK_MIN_WIDTH)
    DockShare(window, dock)  # a small window keeps room for the page
    if getattr(window, "search_dock", None) is not None:
        window.tabifyDockWidget(window.search_dock, dock)
        # the tab the reader left in front (QMainWindow's saved state does not say),
        # once the dock area has made its tab bar: a raise before that is lost
        front = dock if window.front_dock_title == "Notes" else window.search_dock
        front.raise_()
        QTimer.singleShot(0, front, front.raise_)
    from dossier.ui.notes_search import with_notes

    window.search_panel.extra_results = lambda found: with_notes(annotator, found)
    return annotator, panel, dock
