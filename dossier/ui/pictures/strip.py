"""A section's own timeline: a strip of one lane above the section's page.

It is drawn by the same code as the Pictures tab's timeline and the briefing's timeline
page (:func:`dossier.export.pictures.timeline.draw_timeline`), without the lane's name:
the section's title stands right below it. Hover, clicks, zoom and the keyboard are the
Pictures timeline's, except that ← and → step from event to event (in one lane they
are the date order), Shift+← → pan. A switch hides it (the window remembers that), and
its data is a table for screen readers.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dossier.core.pictures.timeline import Timeline
from dossier.export.pictures.common import Drawing, Mark, Palette, Type
from dossier.export.pictures.timeline import draw_timeline, natural_height
from dossier.ui.pictures.canvas import TimelineCanvas
from dossier.ui.pictures.view import ANCHOR_ROLE, item_table

MIN_HEIGHT = 72  # axis, one squeezed row and the legend
STEP_KEYS = {Qt.Key.Key_Right: 1, Qt.Key.Key_Left: -1}


def _events(count: int) -> str:
    return f"{count} event" if count == 1 else f"{count} events"


class StripCanvas(TimelineCanvas):
    """One section's timeline, without its lane's name; its marks go in date order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(160, MIN_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def natural_height(self) -> int:
        """The height at which every row of the strip has its full height."""
        if self.timeline is None:
            return MIN_HEIGHT
        return max(MIN_HEIGHT, round(natural_height(self.timeline, self.picture_type())))

    def sizeHint(self) -> QSize:
        return QSize(640, self.natural_height())

    def draw(self, painter: QPainter, rect: QRectF, palette: Palette, type_: Type) -> Drawing:
        if self.timeline is None:
            return Drawing()
        return draw_timeline(
            painter,
            rect,
            self.timeline,
            palette,
            type_,
            window=self.time_window,
            lane_titles=False,
        )

    def marks_in_order(self) -> list[Mark]:
        """Left to right: the date order (rows of overlapping events top to bottom)."""
        return sorted(self.drawing.marks, key=lambda m: (m.rect.left(), m.rect.top()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = STEP_KEYS.get(Qt.Key(event.key()))
        if step is not None and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.step_mark(step)
            event.accept()
            return
        super().keyPressEvent(event)  # Shift+← → pan, as ← → do in the Pictures tab


class SectionTimeline(QWidget):
    """A section's events as a strip, with a switch to hide it and one to show its data
    as a table; ``item_activated(anchor)`` asks for an event in the page below."""

    item_activated = Signal(str)
    shown_changed = Signal(bool)  # the reader showed (True) or hid the strip

    def __init__(self, timeline: Timeline, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(f"Timeline of {title}")
        count = len(timeline.rows)
        self._shown = True
        self.toggle = QToolButton()  # a disclosure arrow, not a button held down
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setText(f"Timeline · {_events(count)}")
        self.toggle.clicked.connect(self._on_clicked)
        self.as_table = QCheckBox("Show as a table")
        self.as_table.toggled.connect(self._show_table)
        self.hint = QLabel("Wheel or + − to zoom, drag to move, 0 for all")
        # Quiet but legible: a disabled label's grey is about 1.6:1 on the window.
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.canvas = StripCanvas()
        self.canvas.set_timeline(timeline)
        self.canvas.setAccessibleName(f"Timeline of {title}")
        self.canvas.setAccessibleDescription(
            f"{_events(count)} as of {timeline.as_of.display()}, left to right by date; "
            "← → step from one to the next, Enter opens it; Show as a table lists them."
        )
        self.canvas.mark_activated.connect(self.item_activated)
        self._timeline, self._title = timeline, title
        self._table: QTableWidget | None = None  # built when first asked for
        self._room = 10_000  # the most the body may take (the page sets it)
        self.body = QStackedWidget()
        self.body.addWidget(self.canvas)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.toggle)
        bar.addStretch(1)
        bar.addWidget(self.hint)
        bar.addSpacing(12)
        bar.addWidget(self.as_table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.body)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        QWidget.setTabOrder(self.toggle, self.as_table)
        QWidget.setTabOrder(self.as_table, self.canvas)
        self._sync_arrow()

    @property
    def shown(self) -> bool:
        """Whether the strip itself is shown (not only its switch)."""
        return self._shown

    def set_shown(self, on: bool) -> None:
        """Show or hide the strip, as the window remembers it (no ``shown_changed``)."""
        self._shown = on
        self._sync_arrow()

    def set_body_room(self, room: int) -> None:
        """Give the picture (or its table) the height it needs, at most ``room`` pixels."""
        self._room = room
        self._fit()

    def _fit(self) -> None:
        if self.as_table.isChecked():
            natural = self._table_height(self.table)
        else:
            natural = self.canvas.natural_height()
        self.body.setFixedHeight(max(MIN_HEIGHT, min(natural, self._room)))

    @staticmethod
    def _table_height(table: QTableWidget) -> int:
        """The height at which ``table`` shows every row without scrolling."""
        frame = 2 * table.frameWidth()
        # room for the scroll bar whenever the columns may be wider than the body (not
        # known for sure before the first layout: then a bar's height too many, not
        # a row hidden under the bar)
        wide = table.horizontalHeader().length() > table.viewport().width()
        below = table.horizontalScrollBar().sizeHint().height() if wide else 0
        return table.horizontalHeader().height() + table.verticalHeader().length() + frame + below

    def _on_clicked(self) -> None:
        self.set_shown(not self._shown)
        self.shown_changed.emit(self._shown)

    def _sync_arrow(self) -> None:
        on = self._shown
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        what = "Hide the section's timeline" if on else "Show the section's timeline"
        self.toggle.setToolTip(what)
        self.toggle.setAccessibleName(what)
        for widget in (self.body, self.as_table):
            widget.setVisible(on)
        self.hint.setVisible(on and not self.as_table.isChecked())

    @property
    def table(self) -> QTableWidget:
        """The events as a table (built on first use: a section may have thousands)."""
        if self._table is None:
            self._table = item_table(
                ["Date", "Event", "Status", "Source"],
                [
                    (row.anchor, [row.date.display(), row.title, row.status, row.markers])
                    for row in self._timeline.rows
                ],
                f"Timeline of {self._title} as a table",
            )
            self._table.itemActivated.connect(self._on_cell)
            self.body.addWidget(self._table)
        return self._table

    def _show_table(self, on: bool) -> None:
        self.body.setCurrentWidget(self.table if on else self.canvas)
        self.hint.setVisible(self._shown and not on)  # a table does not zoom
        self._fit()  # a short list takes less room than the picture; a long one, more

    def _on_cell(self, cell: QTableWidgetItem) -> None:
        anchor = cell.data(ANCHOR_ROLE)
        if isinstance(anchor, str):
            self.item_activated.emit(anchor)
