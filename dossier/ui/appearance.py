"""Light or dark: the desktop's colours, or the reader's choice where a desktop offers
none (a bare X11 session has no dark setting at all).

The choice goes to Qt first (``QStyleHints.setColorScheme``, which Windows, macOS and
the big Linux desktops honour); where the palette does not follow, the application gets
a palette of its own, in the colours of the pages' themes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QActionGroup, QColor, QGuiApplication, QIcon, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QProxyStyle, QStyle, QStyleOption, QWidget

APPEARANCES = ("system", "light", "dark")
TITLES = {"system": "&System Colours", "light": "&Light", "dark": "&Dark"}

_R = QPalette.ColorRole
_G = QPalette.ColorGroup
# role: (active and inactive, disabled)
_DARK = {
    _R.Window: ("#2b2b2b", "#2b2b2b"),
    _R.WindowText: ("#e8e6e3", "#8a8a8a"),
    _R.Base: ("#1e1e1e", "#262626"),
    _R.AlternateBase: ("#262626", "#262626"),
    _R.Text: ("#e8e6e3", "#8a8a8a"),
    _R.PlaceholderText: ("#a8a8a8", "#6f6f6f"),
    _R.Button: ("#363636", "#303030"),
    _R.ButtonText: ("#e8e6e3", "#8a8a8a"),
    _R.BrightText: ("#ffffff", "#ffffff"),
    _R.Light: ("#4a4a4a", "#4a4a4a"),
    _R.Midlight: ("#3e3e3e", "#3e3e3e"),
    _R.Mid: ("#5a5a5a", "#4a4a4a"),  # Fusion draws a check box's frame in these
    _R.Dark: ("#8c8c8c", "#5a5a5a"),
    _R.Shadow: ("#101010", "#101010"),
    _R.Highlight: ("#3d6fb4", "#4a4a4a"),
    _R.HighlightedText: ("#ffffff", "#a8a8a8"),
    _R.Link: ("#8ab4f8", "#6f8fbf"),
    _R.LinkVisited: ("#c58af9", "#9a6fbf"),
    _R.ToolTipBase: ("#3a3a3a", "#3a3a3a"),
    _R.ToolTipText: ("#e8e6e3", "#e8e6e3"),
}
_LIGHT = {
    _R.Window: ("#efefef", "#efefef"),
    _R.WindowText: ("#1b1b1b", "#8c8c8c"),
    _R.Base: ("#ffffff", "#f4f4f4"),
    _R.AlternateBase: ("#f5f5f5", "#f5f5f5"),
    _R.Text: ("#1b1b1b", "#8c8c8c"),
    _R.PlaceholderText: ("#6b6b6b", "#9a9a9a"),
    _R.Button: ("#efefef", "#efefef"),
    _R.ButtonText: ("#1b1b1b", "#8c8c8c"),
    _R.BrightText: ("#ffffff", "#ffffff"),
    _R.Light: ("#ffffff", "#ffffff"),
    _R.Midlight: ("#cacaca", "#cacaca"),
    _R.Mid: ("#b8b8b8", "#b8b8b8"),
    _R.Dark: ("#9f9f9f", "#bebebe"),
    _R.Shadow: ("#767676", "#b1b1b1"),
    _R.Highlight: ("#308cc6", "#d9d9d9"),
    _R.HighlightedText: ("#ffffff", "#1b1b1b"),
    _R.Link: ("#1a56a8", "#6f8fbf"),
    _R.LinkVisited: ("#6a2aa8", "#9a6fbf"),
    _R.ToolTipBase: ("#ffffdc", "#ffffdc"),
    _R.ToolTipText: ("#1b1b1b", "#1b1b1b"),
}


_SYSTEM: dict[int, QPalette] = {}


def palette_for(dark: bool) -> QPalette:
    """The application's own palette, for a desktop that does not give the one asked."""
    palette = QPalette()
    for role, (normal, disabled) in (_DARK if dark else _LIGHT).items():
        for group in (_G.Active, _G.Inactive):
            palette.setColor(group, role, QColor(normal))
        palette.setColor(_G.Disabled, role, QColor(disabled))
    return palette


class Appearance:
    """Applies the reader's choice to the application, and can go back to the desktop's
    own colours (the palette the application started with)."""

    def __init__(self, app: QGuiApplication) -> None:
        self._app = app
        # the palette the application started with, whichever window asks first
        self._system = _SYSTEM.setdefault(id(app), QPalette(app.palette()))
        self.choice = "system"

    def apply(self, choice: str) -> None:
        """``choice``: one of :data:`APPEARANCES` (anything else counts as "system")."""
        choice = choice if choice in APPEARANCES else "system"
        self.choice = choice
        hints = self._app.styleHints()
        if choice == "system":
            hints.unsetColorScheme()
            self._app.setPalette(self._system)
            return
        dark = choice == "dark"
        hints.setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
        from dossier.ui.theme import is_dark

        if is_dark(self._app.palette()) == dark:
            return  # the desktop followed
        app = self._app
        if dark and isinstance(app, QApplication) and app.style().name() == "fusion":
            app.setStyle(OutlinedFusion())  # before the palette, which a new style resets
        app.setPalette(palette_for(dark))


_TITLE_BUTTONS = (
    QStyle.StandardPixmap.SP_TitleBarNormalButton,
    QStyle.StandardPixmap.SP_DockWidgetCloseButton,
    QStyle.StandardPixmap.SP_TitleBarCloseButton,
)


class OutlinedFusion(QProxyStyle):
    """Fusion, with an outline round each check box and radio button on a dark palette:
    Fusion draws their frame a shade darker than the window, which on a dark window is
    next to invisible, so an unticked box could not be seen at all."""

    def __init__(self) -> None:
        super().__init__("fusion")

    def standardIcon(
        self,
        standardIcon: QStyle.StandardPixmap,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> QIcon:
        """A dock's float and close buttons in the text's colour on a dark palette:
        Fusion's are dark grey glyphs, lost on a dark title bar."""
        icon = super().standardIcon(standardIcon, option, widget)
        if standardIcon not in _TITLE_BUTTONS:
            return icon
        palette = option.palette if option is not None else QApplication.palette()
        from dossier.ui.theme import is_dark

        if not is_dark(palette):
            return icon
        tinted = QIcon()
        colour = palette.color(QPalette.ColorRole.WindowText)
        for size in icon.availableSizes() or [QSize(16, 16)]:
            pixmap = icon.pixmap(size)
            painter = QPainter(pixmap)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
            painter.fillRect(pixmap.rect(), colour)
            painter.end()
            tinted.addPixmap(pixmap)
        return tinted

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        round_ = element == QStyle.PrimitiveElement.PE_IndicatorRadioButton
        if not (round_ or element == QStyle.PrimitiveElement.PE_IndicatorCheckBox):
            return
        from dossier.ui.theme import is_dark

        if not is_dark(option.palette):
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, round_)
        painter.setPen(option.palette.color(QPalette.ColorRole.Dark))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        box = option.rect.adjusted(1, 1, -2, -2)
        painter.drawEllipse(box) if round_ else painter.drawRect(box)
        painter.restore()


def appearance_menu(view_menu: QMenu, current: str, chosen: Callable[[str], object]) -> QMenu:
    """View ▸ Appearance: one choice of :data:`APPEARANCES`, ticked; ``chosen`` gets the
    one the reader picks."""
    menu = view_menu.addMenu("Appearan&ce")
    group = QActionGroup(menu)
    group.setExclusive(True)
    for choice in APPEARANCES:
        action = menu.addAction(TITLES[choice])
        action.setCheckable(True)
        action.setChecked(choice == current)
        action.setData(choice)
        action.triggered.connect(lambda _=False, c=choice: chosen(c))
        group.addAction(action)
    return menu
