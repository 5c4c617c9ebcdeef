"""The Pictures tab: one page per picture, each of which can show its data as a table instead."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dossier.core.model import Dossier, Entity, Event, Figure, Item, Point, Quote
from dossier.core.pictures.figures import build_changes, build_series, value_and_unit
from dossier.core.pictures.geo import build_map
from dossier.core.pictures.graph import build_graph, item_marker
from dossier.core.pictures.timeline import build_timeline
from dossier.ui.pictures.canvas import (
    FiguresCanvas,
    GraphCanvas,
    MapCanvas,
    PictureCanvas,
    TimelineCanvas,
)

ANCHOR_ROLE = Qt.ItemDataRole.UserRole
_HINT_ROLE = Qt.ItemDataRole.UserRole + 1  # marks the list's hint, drawn as a placeholder


def _own_text(item: Item) -> str:
    """An item's own words, for a list of items."""
    match item:
        case Point() | Quote():
            return item.text
        case Event():
            return f"{item.date.display()}: {item.title}"
        case Figure():
            return f"{item.label}: {value_and_unit(item.value_text, item.unit)}"
        case Entity():
            return f"{item.name} ({item.kind})"


def item_table(headers: list[str], rows: list[tuple[str, list[str]]], name: str) -> QTableWidget:
    """A read-only table; each row keeps the anchor of its item."""
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAccessibleName(name)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    for r, (anchor, cells) in enumerate(rows):
        for c, text in enumerate(cells):
            cell = QTableWidgetItem(text)
            cell.setData(ANCHOR_ROLE, anchor)
            table.setItem(r, c, cell)
    table.resizeColumnsToContents()
    return table


class _SideSplitter(QSplitter):
    """A picture with a list beside it. The list takes a quarter of the width, kept
    between a readable column (14 ems) and a wide one (22 ems), until the reader drags
    the handle; from then on the sizes are theirs."""

    def __init__(self, canvas: QWidget, side: QWidget) -> None:
        super().__init__()
        self.addWidget(canvas)
        self.addWidget(side)
        self.setStretchFactor(0, 1)
        self.setStretchFactor(1, 0)  # a wider window widens the picture
        self.dragged = False
        self.splitterMoved.connect(self._on_moved)

    def side_width(self, width: int) -> int:
        """The list's width in a splitter ``width`` pixels wide, before any drag."""
        em = self.fontMetrics().horizontalAdvance("M")
        return max(14 * em, min(width // 4, 22 * em))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self.dragged:
            room = self.width() - self.handleWidth()
            side = self.side_width(self.width())
            self.setSizes([room - side, side])

    def _on_moved(self) -> None:
        self.dragged = True


class _Page(QWidget):
    """A picture below a "Show as a table" switch; the table is its text alternative."""

    def __init__(
        self, canvas: PictureCanvas, side: QWidget | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.picture: QWidget = canvas
        if side is not None:  # a list beside the picture
            self.picture = _SideSplitter(canvas, side)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.picture)
        self.table: QTableWidget | None = None
        self.bar = QHBoxLayout()
        self.as_table = QCheckBox("Show as a table")
        self.as_table.toggled.connect(self._show_table)
        self.bar.addWidget(self.as_table)
        self.bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self.bar)
        layout.addWidget(self.stack, 1)

    def set_table(self, table: QTableWidget) -> None:
        if self.table is not None:
            self.stack.removeWidget(self.table)
            self.table.deleteLater()
        self.table = table
        self.stack.addWidget(table)
        self._show_table(self.as_table.isChecked())

    def _show_table(self, on: bool) -> None:
        self.stack.setCurrentWidget(self.table if on and self.table else self.picture)


class PicturesView(QWidget):
    """Timeline, map (when the dossier locates places), relations and figures.

    ``item_activated(anchor)`` asks the window to open an item in its section.
    """

    item_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dossier: Dossier | None = None
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        self.timeline = TimelineCanvas()
        self.timeline_page = _Page(self.timeline)
        hint = QLabel("Wheel or + − to zoom, drag or ← → to move, 0 for all")
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # quiet, still legible
        self.timeline_page.bar.addWidget(hint)
        self.map = MapCanvas()
        self.map_page = _Page(self.map)
        self.graph = GraphCanvas()
        self.node_items = QListWidget()
        self.node_items.setAccessibleName("Items that name the chosen entity")
        self.node_items.itemActivated.connect(self._on_list_item)
        self.node_items.itemClicked.connect(self._on_list_item)
        self.graph_page = _Page(self.graph, self.node_items)
        self.node_items.setMinimumWidth(8 * self.fontMetrics().horizontalAdvance("M"))
        self.node_items.setWordWrap(True)  # an item's own words, whole, not elided
        self.node_items.setSpacing(3)  # wrapped items, told apart
        self.section_filter = QComboBox()
        self.section_filter.setAccessibleName("Section")
        self.section_filter.currentIndexChanged.connect(self._on_filter)
        self.graph_page.bar.insertWidget(0, QLabel("Named together in:"))
        self.graph_page.bar.insertWidget(1, self.section_filter)
        self.figures = FiguresCanvas()
        self.figures_page = _Page(self.figures)

        for canvas in (self.timeline, self.map, self.figures):
            canvas.mark_activated.connect(self.item_activated)
        self.graph.mark_activated.connect(self.show_node_items)

    # -- public API -------------------------------------------------------------------
    def set_dossier(self, dossier: Dossier | None) -> None:
        """Show ``dossier``'s pictures (None clears them)."""
        self.dossier = dossier
        self.tabs.clear()
        if dossier is None:
            return
        timeline = build_timeline(dossier)
        self.timeline.set_timeline(timeline)
        self._tabulate(
            self.timeline_page,
            item_table(
                ["Date", "Section", "Event", "Status", "Source"],
                [
                    (
                        r.anchor,
                        [
                            r.date.display(),
                            timeline.lanes[r.lane].title,
                            r.title,
                            r.status,
                            r.markers,
                        ],
                    )
                    for r in timeline.rows
                ],
                "Timeline as a table",
            ),
        )
        self.timeline.setAccessibleDescription(
            f"{len(timeline.rows)} events in {len(timeline.lanes)} sections, as of "
            f"{dossier.as_of.display()}; Show as a table lists them."
        )
        self.tabs.addTab(self.timeline_page, "Timeline")
        places = build_map(dossier)
        self.map.set_places(places)
        if places is not None:
            rows = [
                (p.anchor, [p.name, f"{p.lat:.2f}", f"{p.lon:.2f}", "place", p.markers])
                for p in places.places
            ] + [
                (r.anchor, [r.name, "", "", " – ".join(s.name for s in r.stops), ""])
                for r in places.routes
            ]
            self._tabulate(
                self.map_page,
                item_table(
                    ["Name", "Latitude", "Longitude", "Place or route", "Source"],
                    rows,
                    "Map as a table",
                ),
            )
            self.map.setAccessibleDescription(
                f"{len(places.places)} places and {len(places.routes)} routes; "
                "Show as a table lists them."
            )
            self.tabs.addTab(self.map_page, "Map")
        self.section_filter.blockSignals(True)
        self.section_filter.clear()
        self.section_filter.addItem("every section", None)
        for section in dossier.sections:
            self.section_filter.addItem(section.title, section.id)
        self.section_filter.blockSignals(False)
        self._on_filter()
        self.tabs.addTab(self.graph_page, "Who works with whom")
        self.figures.set_dossier(dossier)
        rows = [
            (c.anchor, [c.label, value_and_unit(c.value_text, c.unit), c.change, c.markers])
            for c in build_changes(dossier)
        ] + [
            (p.anchor, [s.label, value_and_unit(f"{p.value:,g}", s.unit), p.period, p.markers])
            for s in build_series(dossier)
            for p in s.points
        ]
        self._tabulate(
            self.figures_page,
            item_table(
                ["Figure", "Value", "Change or period", "Source"], rows, "Figures as a table"
            ),
        )
        self.tabs.addTab(self.figures_page, "Figures")

    def has_map(self) -> bool:
        return self.tabs.indexOf(self.map_page) >= 0

    def show_node_items(self, anchor: str) -> None:
        """List the items that name the node ``anchor`` with another node."""
        self.node_items.clear()
        if self.dossier is None or self.graph.graph is None:
            return
        node = self.graph.graph.node(anchor)
        self.graph.choose(anchor)
        header = QListWidgetItem(f"{node.name} — named with others in:")
        header.setFlags(Qt.ItemFlag.ItemIsEnabled)  # not chosen, nor greyed out as disabled
        font = header.font()
        font.setBold(True)
        header.setFont(font)
        self.node_items.addItem(header)
        for item_anchor in dict.fromkeys((anchor, *node.items)):  # each item once
            item = self.dossier.item(item_anchor)
            text = _own_text(item)
            entry = QListWidgetItem(f"{item_marker(item)[1]}  {text}")
            entry.setData(ANCHOR_ROLE, item_anchor)
            entry.setToolTip(text)
            self.node_items.addItem(entry)

    # -- internals ----------------------------------------------------------------------
    def _tabulate(self, page: _Page, table: QTableWidget) -> None:
        """Give ``page`` its table; Enter or a double click on a row opens its item."""
        table.itemActivated.connect(self._on_cell)
        page.set_table(table)

    def _on_cell(self, cell: QTableWidgetItem) -> None:
        anchor = cell.data(ANCHOR_ROLE)
        if isinstance(anchor, str):
            self.item_activated.emit(anchor)

    def _on_filter(self) -> None:
        if self.dossier is None:
            return
        section_id = self.section_filter.currentData()
        graph = build_graph(self.dossier, section_id)
        self.graph.set_graph(graph)
        names = {node.anchor: node.name for node in graph.nodes}
        self._tabulate(
            self.graph_page,
            item_table(
                ["One", "Other", "Items naming both", "Source"],
                [
                    (e.items[0], [names[e.a], names[e.b], ", ".join(e.items), e.label])
                    for e in graph.edges
                ],
                "Who works with whom as a table",
            ),
        )
        self._show_node_hint()

    def _show_node_hint(self) -> None:
        """Say what the list is for until a name is chosen: a blank pane looks broken."""
        self.node_items.clear()
        hint = QListWidgetItem(
            "Click a name in the picture to list the items that name it with others; "
            "click an item to open it."
        )
        hint.setFlags(Qt.ItemFlag.ItemIsEnabled)
        hint.setData(_HINT_ROLE, True)
        self.node_items.addItem(hint)
        self._tint_hint()

    def _tint_hint(self) -> None:
        # An item's colour is a fixed brush, not a palette role: set again on a new palette.
        first = self.node_items.item(0)
        if first is not None and first.data(_HINT_ROLE):
            placeholder = self.palette().brush(QPalette.ColorRole.PlaceholderText)
            first.setForeground(placeholder)

    def changeEvent(self, event: QEvent) -> None:
        """A new palette (View ▸ Appearance): the hint keeps its placeholder look in it."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._tint_hint()

    def _on_list_item(self, entry: QListWidgetItem) -> None:
        anchor = entry.data(ANCHOR_ROLE)
        if isinstance(anchor, str):
            self.item_activated.emit(anchor)
