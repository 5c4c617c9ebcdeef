"""The window's actions, menus and tool bar: what the reader can ask for, and where.

:class:`WindowActions` builds every action with its shortcuts and tips and connects it
to the window's slots (:class:`Slots`); :func:`build_menus` and :func:`build_tool_bar`
place them. The window only decides what each action does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6 import QtGui
from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QMainWindow, QMenu, QStyle, QToolBar, QWidget

from dossier.ui.settings import ViewerSettings
from dossier.ui.trust import TrustMenu


class Slots(Protocol):
    """What the window does when an action is triggered."""

    def ask_open(self) -> None: ...
    def ask_open_folder(self) -> None: ...
    def ask_trust_folder(self) -> None: ...
    def ask_clear_search_cache(self) -> None: ...
    def reload(self) -> None: ...
    def close_dossier(self) -> None: ...
    def close(self) -> bool: ...
    def zoom_in(self) -> None: ...
    def zoom_out(self) -> None: ...
    def zoom_reset(self) -> None: ...
    def toggle_full_screen(self) -> None: ...
    def back(self) -> None: ...
    def forward(self) -> None: ...
    def step_tab(self, step: int) -> None: ...
    def select_index(self, index: int) -> None: ...  # -1: the last tab
    def show_about(self) -> None: ...


def make_action(
    parent: QWidget,
    text: str,
    slot: Callable[..., object],
    *,
    shortcuts: list[QKeySequence] | None = None,
    tip: str | None = None,
    icon: QStyle.StandardPixmap | None = None,
) -> QAction:
    """An action of ``parent``'s, whose shortcuts work even with the menu bar hidden."""
    action = QAction(text, parent)
    if shortcuts:
        unique: dict[str, QKeySequence] = {}
        for sequence in shortcuts:  # a standard key may repeat an explicit one
            if not sequence.isEmpty():
                unique.setdefault(sequence.toString(), sequence)
        action.setShortcuts(list(unique.values()))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    if icon is not None:
        action.setIcon(parent.style().standardIcon(icon))
    action.triggered.connect(slot)
    parent.addAction(action)
    return action


class WindowActions:
    """Every action of the main window (the briefing's own are in
    :mod:`dossier.ui.briefing_actions`)."""

    def __init__(self, window: QWidget, slots: Slots) -> None:
        self._window = window
        sp = QStyle.StandardPixmap
        # File
        self.open = self._add(
            "&Open…",
            slots.ask_open,
            [QKeySequence.StandardKey.Open],
            "Open a dossier file",
            sp.SP_DialogOpenButton,
        )
        self.open_folder = self._add(
            "Open &Folder…",
            slots.ask_open_folder,
            ["Ctrl+Shift+O"],
            "Open every dossier in a folder",
        )
        self.trust = self._add(
            "&Trust a Folder…",
            slots.ask_trust_folder,
            [],
            "Let dossiers read their sources from a folder outside their own",
        )
        self.clear_cache = self._add(
            "Clear Search C&ache…",
            slots.ask_clear_search_cache,
            [],
            "Delete the search index of every library (rebuilt on the next search)",
        )
        self.reload = self._add(
            "&Reload", slots.reload, ["F5"], "Read the open dossier again from disk"
        )
        self.close = self._add("&Close", slots.close_dossier, ["Ctrl+W"], "Close the open dossier")
        self.quit = self._add("&Quit", slots.close, ["Ctrl+Q"], "Quit the viewer")
        # View
        self.zoom_in = self._add("Zoom &In", slots.zoom_in, ["Ctrl+=", "Ctrl++"], "Larger text")
        self.zoom_out = self._add("Zoom &Out", slots.zoom_out, ["Ctrl+-"], "Smaller text")
        self.zoom_reset = self._add(
            "&Actual Size", slots.zoom_reset, ["Ctrl+0"], "Text at its normal size"
        )
        self.fullscreen = self._add(
            "&Full Screen", slots.toggle_full_screen, ["F11"], "Use the whole screen"
        )
        self.fullscreen.setCheckable(True)
        self.back = self._add(
            "&Back", slots.back, ["Alt+Left"], "Back to where you were (Alt+Left)", sp.SP_ArrowBack
        )
        self.forward = self._add(
            "&Forward",
            slots.forward,
            ["Alt+Right"],
            "Forward again (Alt+Right)",
            sp.SP_ArrowForward,
        )
        self.next_tab = self._add(
            "&Next Tab", lambda: slots.step_tab(1), ["Ctrl+Tab", "Ctrl+PgDown"], "Next tab"
        )
        self.previous_tab = self._add(
            "&Previous Tab",
            lambda: slots.step_tab(-1),
            ["Ctrl+Shift+Tab", "Ctrl+Shift+Backtab", "Ctrl+PgUp"],
            "Previous tab",
        )
        # Ctrl+1 to Ctrl+8 show that tab; Ctrl+9 the last, as browsers and editors do.
        self.tabs = [
            self._add(f"Tab {n}", lambda _=False, i=n - 1: slots.select_index(i), [f"Ctrl+{n}"])
            for n in range(1, 9)
        ]
        self.tabs.append(
            self._add("Last Tab", lambda: slots.select_index(-1), ["Ctrl+9"], "Last tab")
        )
        # Help
        self.about = self._add("&About", slots.show_about, [], "About the viewer")  # no shortcut
        self.about.setMenuRole(QAction.MenuRole.AboutRole)

    def _add(
        self,
        text: str,
        slot: Callable[..., object],
        keys: list[str | QKeySequence.StandardKey],
        tip: str | None = None,
        icon: QStyle.StandardPixmap | None = None,
    ) -> QAction:
        shortcuts = [QKeySequence(k) for k in keys]
        return make_action(self._window, text, slot, shortcuts=shortcuts, tip=tip, icon=icon)


class RecentMenu(QMenu):
    """File → Open Recent: the recently opened dossiers and folders, from the settings."""

    chosen = Signal(Path)

    def __init__(self, settings: ViewerSettings, parent: QWidget | None = None) -> None:
        super().__init__("Open &Recent", parent)
        self._settings = settings
        self.aboutToShow.connect(self.refill)
        self.refill()

    def refill(self) -> None:
        """List the recent files as the settings have them now."""
        self.clear()
        recent = self._settings.recent_files()
        for path in recent:
            action = self.addAction(path.name or str(path))
            action.setToolTip(QtGui.Qt.convertFromPlainText(str(path)))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.chosen.emit(p))
        if recent:
            self.addSeparator()
            self.addAction("Clear Menu", self._clear)
        self.setEnabled(bool(recent))

    def _clear(self) -> None:
        self._settings.clear_recent()
        self.refill()


@dataclass(frozen=True)
class Menus:
    """The menu bar's menus."""

    file: QMenu
    recent: RecentMenu
    trusted: TrustMenu
    view: QMenu
    help: QMenu


def build_menus(window: QMainWindow, actions: WindowActions, settings: ViewerSettings) -> Menus:
    """File, View and Help, in the window's menu bar."""
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addAction(actions.open)
    file_menu.addAction(actions.open_folder)
    recent = RecentMenu(settings, file_menu)
    file_menu.addMenu(recent)
    file_menu.addSeparator()
    file_menu.addAction(actions.trust)
    trusted = TrustMenu(settings, file_menu)
    file_menu.addMenu(trusted)
    file_menu.addAction(actions.clear_cache)
    file_menu.addSeparator()
    file_menu.addAction(actions.reload)
    file_menu.addAction(actions.close)
    file_menu.addSeparator()
    file_menu.addAction(actions.quit)

    view_menu = bar.addMenu("&View")
    groups = [
        (actions.back, actions.forward),
        (actions.next_tab, actions.previous_tab),
        (actions.zoom_in, actions.zoom_out, actions.zoom_reset),
        (actions.fullscreen,),
    ]
    for n, group in enumerate(groups):
        if n:
            view_menu.addSeparator()
        for action in group:
            view_menu.addAction(action)

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(actions.about)
    return Menus(file_menu, recent, trusted, view_menu, help_menu)


def build_tool_bar(
    window: QMainWindow, actions: WindowActions, switcher: QWidget
) -> tuple[QToolBar, QAction]:
    """The main tool bar; also the action showing ``switcher`` (hidden at first)."""
    bar = MainToolBar(actions.back, actions.forward)
    bar.addAction(actions.open)
    switcher_action = bar.addWidget(switcher)
    switcher_action.setVisible(False)
    bar.addSeparator()
    bar.addAction(actions.back)
    bar.addAction(actions.forward)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    return bar, switcher_action


class MainToolBar(QToolBar):
    """The main tool bar. Its Back and Forward arrows are drawn in the palette's text
    colours, again whenever the palette changes: a style's stock arrows are dark grey,
    near invisible on a dark palette."""

    def __init__(self, back: QAction, forward: QAction) -> None:
        super().__init__("Main toolbar")
        self.setObjectName("main-toolbar")
        self.setAccessibleName("Main toolbar")
        self.setMovable(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self._arrows = ((back, False), (forward, True))
        self._paint_arrows()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._paint_arrows()

    def _paint_arrows(self) -> None:
        for action, forward in self._arrows:
            action.setIcon(arrow_icon(self.palette(), forward=forward))


ICON_SIZES = (16, 22, 24, 32, 48)


def arrow_icon(palette: QPalette, *, forward: bool) -> QIcon:
    """A Back (or Forward) arrow in ``palette``'s button text colours, enabled and not."""
    icon = QIcon()
    role = QPalette.ColorRole.ButtonText
    for mode, group in (
        (QIcon.Mode.Normal, QPalette.ColorGroup.Active),
        (QIcon.Mode.Active, QPalette.ColorGroup.Active),
        (QIcon.Mode.Disabled, QPalette.ColorGroup.Disabled),
    ):
        for size in ICON_SIZES:
            icon.addPixmap(_arrow(size, palette.color(group, role), forward), mode)
    return icon


def _arrow(size: int, color: QtGui.QColor, forward: bool) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(color, max(1.5, size / 9))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    if not forward:  # Back is Forward mirrored
        painter.translate(size, 0)
        painter.scale(-1, 1)
    s = float(size)
    painter.drawLine(QPointF(s * 0.18, s * 0.5), QPointF(s * 0.8, s * 0.5))
    painter.drawPolyline(
        [QPointF(s * 0.52, s * 0.22), QPointF(s * 0.8, s * 0.5), QPointF(s * 0.52, s * 0.78)]
    )
    painter.end()
    return pixmap
