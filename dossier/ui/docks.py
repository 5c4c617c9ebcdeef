"""Docked panels: adding one to a window, and leaving the page its room when the window
is small."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QWidget

DOCK_SHARE = 0.3  # of the window's width, at most, after a resize
DOCK_MIN_WIDTH = 200  # px: a search result still reads as a few words a line


def add_dock(
    window: QMainWindow,
    view_menu: QMenu,
    widget: QWidget,
    title: str,
    *,
    area: Qt.DockWidgetArea | None = None,
    toggle_shortcut: QKeySequence | None = None,
) -> QDockWidget:
    """Dock ``widget`` in ``window`` (on the right unless ``area`` says otherwise), its
    toggle added to ``view_menu``."""
    if area is None:
        area = Qt.DockWidgetArea.RightDockWidgetArea
    dock = QDockWidget(title, window)
    dock.setObjectName(f"dock-{title.lower().replace(' ', '-')}")
    dock.setWidget(widget)
    dock.setAccessibleName(title)
    window.addDockWidget(area, dock)
    toggle = DockToggle(dock)
    if toggle_shortcut is not None:
        toggle.setShortcut(toggle_shortcut)
    view_menu.addSeparator()
    view_menu.addAction(toggle)
    return dock


def front_dock(window: QMainWindow) -> str | None:
    """The title of the shown dock whose tab is in front (of those tabbed together, the
    one not hidden behind another), or None when no dock shows."""
    for dock in window.findChildren(QDockWidget):
        if dock.isVisible() and not dock.visibleRegion().isEmpty():
            tabbed = window.tabifiedDockWidgets(dock)
            if tabbed:  # only tabs say which is in front
                return dock.windowTitle()
    return None


def reveal(widget: QWidget) -> None:
    """Show ``widget`` and each hidden parent up to its window, raising the docks it is
    in (a dock tabbed behind another comes to the front)."""
    shown: QWidget | None = widget
    while shown is not None and not shown.isWindow():
        if shown.isHidden():
            shown.show()
        if isinstance(shown, QDockWidget):
            shown.raise_()
        shown = shown.parentWidget()


class DockToggle(QAction):
    """A dock's switch in the View menu: it shows the dock when it is closed, brings it to
    the front when it is tabbed behind another dock, and closes it when it is in view.

    Qt's own toggle action closes a dock tabbed behind another, so its shortcut seemed to
    do nothing to a reader who could not see the dock; checked still means "open".
    """

    def __init__(self, dock: QDockWidget) -> None:
        super().__init__(dock.windowTitle(), dock)
        self._dock = dock
        self.setCheckable(True)
        self._sync()
        dock.visibilityChanged.connect(self._sync)  # closed, opened, tabbed in or out
        self.triggered.connect(self._switch)

    def _sync(self, *_visible: bool) -> None:
        self.setChecked(not self._dock.isHidden())

    def _switch(self, *_checked: bool) -> None:
        dock = self._dock
        if dock.isHidden():
            reveal(dock)
        elif not dock.isFloating() and dock.visibleRegion().isEmpty():
            dock.raise_()  # open, but another dock's tab is in front of it
        else:
            dock.hide()
        self._sync()


class DockShare(QObject):
    """Narrows a side dock to a share of its window whenever the window is resized and
    the dock takes more (never below the dock's minimum width).

    A main window keeps its docks' widths when it shrinks, so a dock sized for a large
    window would take half of a small one and push the page into scrolling sideways.
    """

    def __init__(self, window: QMainWindow, dock: QDockWidget, share: float = DOCK_SHARE) -> None:
        super().__init__(window)
        self._window = window
        self._dock = dock
        self._share = share
        self._pending = False
        window.installEventFilter(self)
        self._pending = True
        QTimer.singleShot(0, self, self.apply)  # a dock added to a small window starts narrow

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Resize and not self._pending:
            self._pending = True  # the window lays its docks out after this event
            QTimer.singleShot(0, self, self.apply)
        return False

    def apply(self) -> None:
        """Narrow the dock now if it takes more than its share."""
        self._pending = False
        dock = self._dock
        if dock.isFloating() or not dock.isVisible():
            return
        limit = max(dock.minimumWidth(), int(self._window.width() * self._share))
        if dock.width() > limit:
            self._window.resizeDocks([dock], [limit], Qt.Orientation.Horizontal)
