"""The search panel's widgets, built and styled: the field, the count, the results, the hints.

Only construction and looks; what the widgets do is :mod:`dossier.ui.search_panel`'s.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QPalette, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QTreeView, QWidget

from dossier.ui.focus_frame import FocusFrame
from dossier.ui.search_rows import RichDelegate
from dossier.ui.theme import frame_color

EMPTY_TEXT = "Type to search…"
HINT_TEXT = (
    "<p>Every word must match; the last may be a beginning (<i>Kur</i> finds Kuryk)."
    " Accents do not matter (<i>sheki</i> finds Şəki).</p>"
    "<p><i>\u201cquoted words\u201d</i> find a phrase; <i>section:energy</i> keeps to one"
    " section.</p><p>Enter opens a result; F3 and Shift+F3 step through them; Esc clears;"
    " \u2191 recalls earlier searches.</p>"
)

# What makes the panel frame its field and measure its rows again.
RESTYLE_EVENTS = (
    QEvent.Type.PaletteChange,
    QEvent.Type.ApplicationPaletteChange,
    QEvent.Type.FontChange,
    QEvent.Type.ApplicationFontChange,
    QEvent.Type.StyleChange,
)


def search_field(parent: QWidget) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName("search-field")
    field.setPlaceholderText("Search (Ctrl+F)")
    field.setClearButtonEnabled(True)
    field.setAccessibleName("Search text")
    field.setAccessibleDescription(
        'Words to find; "quotes" for a phrase; section:ID for one section'
    )
    return field


def count_label(parent: QWidget) -> QLabel:
    label = QLabel(EMPTY_TEXT, parent)
    label.setObjectName("search-count")
    label.setAccessibleName("Search status")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def results_view(parent: QWidget, model: QStandardItemModel) -> tuple[QTreeView, RichDelegate]:
    """The list of results, its rows drawn as rich text by the delegate returned."""
    view = QTreeView(parent)
    view.setObjectName("search-results")
    view.setAccessibleName("Search results")
    view.setModel(model)
    view.setHeaderHidden(True)
    view.setRootIsDecorated(False)
    view.setItemsExpandable(False)
    view.setUniformRowHeights(False)
    view.setWordWrap(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    delegate = RichDelegate(view)
    view.setItemDelegate(delegate)
    FocusFrame(view)  # a selected row looks the same with or without the focus
    return view, delegate


def hint_label(parent: QWidget) -> QLabel:
    label = QLabel(HINT_TEXT, parent)
    label.setObjectName("search-hint")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def single_shot(parent: QWidget, interval_ms: int, slot: Callable[[], object]) -> QTimer:
    """A timer of ``parent`` that calls ``slot`` once, ``interval_ms`` after each start."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval_ms)
    timer.timeout.connect(slot)
    return timer


def step_actions(
    panel: QWidget,
    find: Callable[[], object],
    next_result: Callable[[], object],
    previous_result: Callable[[], object],
) -> tuple[QAction, QAction, QAction]:
    """Find… (Ctrl+F), Next Result (F3) and Previous Result (Shift+F3)."""
    return (
        _panel_action(panel, "Find…", QKeySequence.StandardKey.Find, find),
        _panel_action(panel, "Next Result", QKeySequence(Qt.Key.Key_F3), next_result),
        _panel_action(
            panel,
            "Previous Result",
            QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F3),
            previous_result,
        ),
    )


def _panel_action(
    panel: QWidget,
    text: str,
    keys: QKeySequence | QKeySequence.StandardKey,
    slot: Callable[[], object],
) -> QAction:
    """An action that works inside the panel (until it is attached to a window)."""
    action = QAction(text, panel)
    action.setShortcut(keys)
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(slot)
    panel.addAction(action)
    return action


def field_style(palette: QPalette) -> str:
    """Border the field in colours of the palette: some styles draw its frame in the
    window's colour, which vanishes on a dark palette."""
    role = QPalette.ColorRole
    return (
        f"QLineEdit#search-field {{ border: 1px solid {frame_color(palette).name()};"
        f" border-radius: 3px; padding: 3px 4px;"
        f" background-color: {palette.color(role.Base).name()};"
        f" color: {palette.color(role.Text).name()}; }}"
        f" QLineEdit#search-field:focus {{ border-color:"
        f" {palette.color(role.Highlight).name()}; }}"
    )
