"""A visible frame round a widget that has the keyboard focus.

The reading pane has no frame of its own and the search results show a selected row
the same whether or not they have the focus, so a reader moving by keyboard could not
see where the keys go. The frame is a child drawn over the widget's edges, which keeps
the widget's layout as it is and stays put while its content scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget

WIDTH = 2  # px


class FocusFrame(QWidget):
    """Drawn over ``target``'s edges, in the palette's highlight colour, while
    ``target`` has the focus."""

    def __init__(self, target: QWidget) -> None:
        super().__init__(target)
        self._target = target
        self.setObjectName("focus-frame")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._target:
            kind = event.type()
            if kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
                self._follow()
            elif kind == QEvent.Type.Resize:
                self.setGeometry(self._target.rect())
        return False

    def _follow(self) -> None:
        shown = self._target.hasFocus()
        if shown:
            self.setGeometry(self._target.rect())
            self.raise_()  # above the viewport and the scroll bars
        self.setVisible(shown)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight))
        pen.setWidth(WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        half = WIDTH // 2
        painter.drawRect(self.rect().adjusted(half, half, -half, -half))
