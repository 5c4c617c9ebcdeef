"""Widgets that paint one picture with the shared drawing code, with hover and clicks,
and the keyboard: Tab (and the arrow keys) moves from mark to mark, Enter opens it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QWheelEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from dossier.core.model import Dossier
from dossier.core.pictures.geo import PlaceMap
from dossier.core.pictures.graph import Graph, layout
from dossier.core.pictures.timeline import Timeline
from dossier.export.pictures.common import DARK, LIGHT, Drawing, Mark, Palette, Type
from dossier.export.pictures.figures import draw_figures
from dossier.export.pictures.graph import draw_graph
from dossier.export.pictures.map import draw_map
from dossier.export.pictures.timeline import Window, default_window, draw_timeline
from dossier.ui.theme import is_dark

CLICK_SLOP = 4  # pixels a press may move and still count as a click
NEXT_KEYS = (Qt.Key.Key_Down, Qt.Key.Key_Right)  # the next mark (the timeline pans with ← →)
PREVIOUS_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Left)
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class PictureCanvas(QWidget):
    """Paints a picture; shows a mark's text on hover; a click on a mark activates it.

    The keyboard reaches every mark in reading order (top to bottom, left to right):
    Tab and Shift+Tab, or the arrow keys, move between them (Tab leaves the picture
    after its last mark), the current one is framed and its text shown, Enter opens it.
    """

    mark_activated = Signal(str)  # the anchor of the mark clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(320, 200)
        self.drawing = Drawing()
        self._pressed: QPoint | None = None
        self._current: tuple[str, str] | None = None  # the mark the keyboard is on

    def sizeHint(self) -> QSize:
        return QSize(800, 520)

    def picture_palette(self) -> Palette:
        return DARK if is_dark(self.palette()) else LIGHT

    def picture_type(self) -> Type:
        font = self.font()
        size = font.pixelSize()
        if size <= 0:
            size = round(font.pointSizeF() * self.logicalDpiY() / 72)
        return Type(font.family(), float(max(size, 10)))

    def draw(self, painter: QPainter, rect: QRectF, palette: Palette, type_: Type) -> Drawing:
        raise NotImplementedError

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            rect = QRectF(self.rect())
            self.drawing = self.draw(painter, rect, self.picture_palette(), self.picture_type())
            current = self.current_mark()
            if current is not None and self.hasFocus():
                pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2)
                painter.setPen(pen)
                painter.setBrush(QColor(0, 0, 0, 0))
                painter.drawRect(current.rect.adjusted(-3, -3, 3, 3))
        finally:
            painter.end()

    # -- the keyboard --------------------------------------------------------------------
    def marks_in_order(self) -> list[Mark]:
        """The marks drawn, in reading order."""
        return sorted(self.drawing.marks, key=lambda m: (round(m.rect.top()), m.rect.left()))

    def current_mark(self) -> Mark | None:
        """The mark the keyboard is on (None before the keyboard moved to one)."""
        if self._current is None:
            return None
        return next((m for m in self.marks_in_order() if (m.anchor, m.text) == self._current), None)

    def step_mark(self, step: int) -> bool:
        """Move to the next (``step`` 1) or previous (-1) mark; False past either end."""
        marks = self.marks_in_order()
        current = self.current_mark()
        if current is None:
            index = 0 if step > 0 else len(marks) - 1
        else:
            index = marks.index(current) + step
        if not 0 <= index < len(marks):
            return False
        mark = marks[index]
        self._current = (mark.anchor, mark.text)
        self.setAccessibleDescription(mark.text)
        centre = mark.rect.center().toPoint()
        QToolTip.showText(self.mapToGlobal(centre), mark.text, self)
        self.update()
        return True

    def focusNextPrevChild(self, next: bool) -> bool:
        if self.hasFocus() and self.step_mark(1 if next else -1):
            return True
        self._current = None
        QToolTip.hideText()
        return super().focusNextPrevChild(next)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() == Qt.FocusReason.TabFocusReason:
            self._current = None
            self.step_mark(1)
        elif event.reason() == Qt.FocusReason.BacktabFocusReason:
            self._current = None
            self.step_mark(-1)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()  # no frame while the picture is not in focus

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        current = self.current_mark()
        if key in NEXT_KEYS or key in PREVIOUS_KEYS:
            self.step_mark(1 if key in NEXT_KEYS else -1)
        elif key in ENTER_KEYS and current is not None:
            self.mark_activated.emit(current.anchor)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def mark_at(self, point: QPointF) -> Mark | None:
        return self.drawing.at(point)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        mark = self.mark_at(event.position())
        if mark is None:
            QToolTip.hideText()
            self.unsetCursor()
        else:
            QToolTip.showText(event.globalPosition().toPoint(), mark.text, self)
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._pressed = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pressed, self._pressed = self._pressed, None
        if event.button() == Qt.MouseButton.LeftButton and pressed is not None:
            moved = (event.position().toPoint() - pressed).manhattanLength()
            mark = self.mark_at(event.position())
            if moved <= CLICK_SLOP and mark is not None:
                self.mark_activated.emit(mark.anchor)
        super().mouseReleaseEvent(event)


class TimelineCanvas(PictureCanvas):
    """The timeline; the wheel (or + and −) zooms the time axis, dragging (or ← and
    →) pans it, 0 shows it all; ↑ ↓ and Tab move between its marks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeline: Timeline | None = None
        self.time_window: Window | None = None
        self._drag_from: tuple[float, Window] | None = None
        self.setAccessibleName("Timeline")

    def set_timeline(self, timeline: Timeline | None) -> None:
        self.timeline = timeline
        self.time_window = default_window(timeline) if timeline is not None else None
        self.update()

    def draw(self, painter: QPainter, rect: QRectF, palette: Palette, type_: Type) -> Drawing:
        if self.timeline is None:
            return Drawing()
        return draw_timeline(painter, rect, self.timeline, palette, type_, window=self.time_window)

    def zoom(self, factor: float, at: float | None = None) -> None:
        """Show ``factor`` times less time (more for a factor below 1), keeping the day
        under ``at`` (a fraction of the width) in place."""
        if self.time_window is None:
            return
        t0, t1 = self.time_window
        fraction = 0.5 if at is None else min(max(at, 0.0), 1.0)
        middle = t0 + (t1 - t0) * fraction
        span = max((t1 - t0) / factor, 20.0)  # never less than about three weeks
        span = min(span, 365.25 * 400)
        self.time_window = (middle - span * fraction, middle + span * (1 - fraction))
        self.update()

    def pan(self, days: float) -> None:
        if self.time_window is not None:
            self.time_window = (self.time_window[0] + days, self.time_window[1] + days)
            self.update()

    def reset(self) -> None:
        self.set_timeline(self.timeline)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(1.25**steps, event.position().x() / max(self.width(), 1))
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.time_window is not None:
            self._drag_from = (event.position().x(), self.time_window)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag_from is not None and event.buttons() & Qt.MouseButton.LeftButton:
            x, (t0, t1) = self._drag_from
            days = (x - event.position().x()) * (t1 - t0) / max(self.width(), 1)
            self.time_window = (t0 + days, t1 + days)
            self.update()
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag_from = None
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        span = (self.time_window[1] - self.time_window[0]) if self.time_window else 0.0
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(1.5)
        elif key == Qt.Key.Key_Minus:
            self.zoom(1 / 1.5)
        elif key == Qt.Key.Key_0:
            self.reset()
        elif key == Qt.Key.Key_Left:
            self.pan(-span / 10)
        elif key == Qt.Key.Key_Right:
            self.pan(span / 10)
        else:
            super().keyPressEvent(event)  # ↑ ↓, Tab and Enter: the marks


class MapCanvas(PictureCanvas):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.places: PlaceMap | None = None
        self.setAccessibleName("Map of the places")

    def set_places(self, places: PlaceMap | None) -> None:
        self.places = places
        self.update()

    def draw(self, painter: QPainter, rect: QRectF, palette: Palette, type_: Type) -> Drawing:
        if self.places is None:
            return Drawing()
        return draw_map(painter, rect, self.places, palette, type_)


class GraphCanvas(PictureCanvas):
    """Who works with whom; the node whose items are listed beside it is ringed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.graph: Graph | None = None
        self.positions: dict[str, tuple[float, float]] = {}
        self.chosen: str | None = None  # the anchor of the node listed beside the picture
        self.setAccessibleName("Who works with whom")

    def set_graph(self, graph: Graph | None) -> None:
        self.graph = graph
        self.positions = layout(graph) if graph is not None else {}
        self.chosen = None
        self.update()

    def choose(self, anchor: str | None) -> None:
        """Ring the node ``anchor`` (None: none): the one whose items are listed."""
        self.chosen = anchor
        self.update()

    def draw(self, painter: QPainter, rect: QRectF, palette: Palette, type_: Type) -> Drawing:
        if self.graph is None:
            return Drawing()
        drawing = draw_graph(painter, rect, self.graph, palette, type_, positions=self.positions)
        mark = next((m for m in drawing.marks if m.anchor == self.chosen), None)
        if mark is not None:  # a ring in the shape of the node, just outside it
            ring = mark.rect.adjusted(-1, -1, 1, 1)
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2.5))
            painter.setBrush(QColor(0, 0, 0, 0))
            if self.graph.node(mark.anchor).kind == "person":
                painter.drawEllipse(ring)
            else:
                painter.drawRoundedRect(ring, 3, 3)
            painter.restore()
        return drawing


class FiguresCanvas(PictureCanvas):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dossier: Dossier | None = None
        self.setAccessibleName("Figures compared")

    def set_dossier(self, dossier: Dossier | None) -> None:
        self.dossier = dossier
        self.update()

    def draw(self, painter: QPainter, rect: QRectF, palette: Palette, type_: Type) -> Drawing:
        if self.dossier is None:
            return Drawing()
        return draw_figures(painter, rect, self.dossier, palette, type_)
