"""The search panel: a field, a count, and the results grouped by section.

A standalone widget for the main window to dock. It holds no search logic: queries go
to :mod:`dossier.core.search` in a worker thread (:mod:`dossier.ui.search_worker`).

Wiring it into a window::

    panel = SearchPanel()
    window.add_dock(panel, "Search")
    panel.attach_shortcuts(window)          # Ctrl+F, F3, Shift+F3 anywhere in the window
    panel.result_activated.connect(window.reveal)
    panel.set_dossiers(library.dossiers)    # again whenever the open dossiers change

Keys: typing searches (debounced); Down moves into the results; Enter opens the
current result (or the first); Esc clears and says ``dismissed`` (the window gives the
keys back to the page); Up in the empty field recalls earlier
searches of the session (Down goes forward again). F3 / Shift+F3 step through the
results, opening each. ``focus_action``, ``next_action`` and ``previous_action`` carry
those shortcuts; :meth:`attach_shortcuts` adds them to a window so they work wherever
the focus is (without it they work inside the panel only).
"""

from __future__ import annotations

import html as _html
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QElapsedTimer,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QAction,
    QCloseEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QStandardItem,
    QStandardItemModel,
    QTextDocument,
)
from PySide6.QtGui import Qt as GuiQt  # QtCore's Qt plus the text helpers of QtGui
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from dossier.core.model import Dossier
from dossier.ui.focus_frame import FocusFrame
from dossier.ui.search_worker import SearchService
from dossier.ui.theme import RowColors, frame_color, row_colors

if TYPE_CHECKING:
    from dossier.core.search import SearchResult, SearchResults

log = logging.getLogger("dossier.ui.search")

DEBOUNCE_MS = 120
LIMIT = 100  # results shown; the count says how many matched
HISTORY_SIZE = 50

EMPTY_TEXT = "Type to search…"
HINT_TEXT = (
    "<p>Every word must match; the last may be a beginning (<i>Kur</i> finds Kuryk)."
    " Accents do not matter (<i>sheki</i> finds Şəki).</p>"
    "<p><i>\u201cquoted words\u201d</i> find a phrase; <i>section:energy</i> keeps to one"
    " section.</p><p>Enter opens a result; F3 and Shift+F3 step through them; Esc clears;"
    " \u2191 recalls earlier searches.</p>"
)
KIND_LABELS = {
    "entity": "Entity",
    "point": "Point",
    "figure": "Figure",
    "event": "Event",
    "quote": "Quote",
    "overview": "Summary",
    "section": "Section summary",
    "paragraph": "Source",
    "note": "Note",  # the reader's own (dossier.ui.notes_search)
}

MUTED_CLASS = "muted"  # the kind label and the paragraph number of a row

# Item data roles of result rows.
RESULT_ROLE = Qt.ItemDataRole.UserRole + 1  # the SearchResult (None on a group row)
HTML_ROLE = Qt.ItemDataRole.UserRole + 2  # the row as rich text


# What makes the panel frame its field and measure its rows again.
_RESTYLE_EVENTS = (
    QEvent.Type.PaletteChange,
    QEvent.Type.ApplicationPaletteChange,
    QEvent.Type.FontChange,
    QEvent.Type.ApplicationFontChange,
    QEvent.Type.StyleChange,
)


@dataclass(frozen=True)
class _Group:
    key: tuple[str, str]
    title: str


def _group_of(result: SearchResult, several: bool) -> _Group:
    if result.section_title:
        place = result.section_title
    elif result.kind == "paragraph":
        place = "Source"
    else:
        place = "Overview"
    title = f"{result.dossier_title} › {place}" if several else place
    return _Group((result.dossier_id, result.section_id or result.kind), title)


def row_html(result: SearchResult) -> str:
    """A result as rich text: its kind, its snippet (matches in ``<b>``, text escaped), ¶.

    It names no colour: the delegate styles the parts (:func:`row_css`) for the palette
    and the state it paints in, so a switch to dark or a selection recolours them.
    """
    kind = _html.escape(KIND_LABELS.get(result.kind, result.kind))
    marker = ""
    if result.marker:
        marker = f' <span class="{MUTED_CLASS}">{_html.escape(result.marker)}</span>'
    from dossier.core.search.snippet import to_html  # light; the index stays unloaded

    snippet = to_html(result.snippet)
    return f'<span class="{MUTED_CLASS}">{kind}</span>&nbsp; {snippet}{marker}'


def row_css(colors: RowColors) -> str:
    """The style sheet of a result row: muted kind and ¶, matched words marked."""
    muted = colors.muted.name()
    back, text = colors.mark_back.name(), colors.mark_text.name()
    return f".{MUTED_CLASS} {{ color: {muted}; }} b {{ color: {text}; background-color: {back}; }}"


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip that shows it as it is: Qt takes a tooltip that looks like
    HTML for rich text, and dossier text (a title of ``<img src=…>``) must not render."""
    return GuiQt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


class _RichDelegate(QStyledItemDelegate):
    """Draws result rows as wrapped rich text, group rows as they are."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view

    def document(
        self,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
        width: float,
    ) -> QTextDocument:
        """The row as laid out and coloured for ``option`` (its palette, font, state)."""
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(2)
        document.setDefaultStyleSheet(row_css(row_colors(option.palette, selected=selected)))
        document.setHtml(str(index.data(HTML_ROLE)))
        document.setTextWidth(max(40.0, width))
        return document

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        if index.data(HTML_ROLE) is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        text_color = QPalette.ColorRole.Text
        if option.state & QStyle.StateFlag.State_Selected:
            text_color = QPalette.ColorRole.HighlightedText
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        document = self.document(option, index, option.rect.width())
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setPen(option.palette.color(text_color))
        layout = document.documentLayout()
        paint_context = QAbstractTextDocumentLayout.PaintContext()
        paint_context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(text_color))
        paint_context.clip = QRectF(0, 0, option.rect.width(), option.rect.height())
        layout.draw(painter, paint_context)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        if index.data(HTML_ROLE) is None:
            return super().sizeHint(option, index)
        width = self._view.viewport().width() - self._view.indentation()
        document = self.document(option, index, width)
        return QSize(int(document.idealWidth()), int(document.size().height()) + 2)


class SearchPanel(QWidget):
    """Search as you type over the open dossiers; results open where they are."""

    result_activated = Signal(str, str)  # dossier id, anchor
    dismissed = Signal()  # Esc: the reader is done searching; the page may take the keys

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search-panel")
        self.setAccessibleName("Search")
        self._serial = 0  # of the newest query; answers to older ones are dropped
        self._generation = 0
        self._ready = False
        self._dossier_count = 0
        self._shown: SearchResults | None = None
        self._history: list[str] = []
        self._history_at: int | None = None  # position while stepping through history
        self._last_emitted: tuple[int, str, str] | None = None
        self._emitted_clock = QElapsedTimer()
        self._rows_width = -1  # the viewport width the rows were last measured at
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self._measure_rows)

        self.field = QLineEdit(self)
        self.field.setObjectName("search-field")
        self.field.setPlaceholderText("Search (Ctrl+F)")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Search text")
        self.field.setAccessibleDescription(
            'Words to find; "quotes" for a phrase; section:ID for one section'
        )
        self.count_label = QLabel(EMPTY_TEXT, self)
        self.count_label.setObjectName("search-count")
        self.count_label.setAccessibleName("Search status")
        self.count_label.setWordWrap(True)
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)

        self.model = QStandardItemModel(self)
        self.view = QTreeView(self)
        self.view.setObjectName("search-results")
        self.view.setAccessibleName("Search results")
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setRootIsDecorated(False)
        self.view.setItemsExpandable(False)
        self.view.setUniformRowHeights(False)
        self.view.setWordWrap(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._delegate = _RichDelegate(self.view)
        self.view.setItemDelegate(self._delegate)
        FocusFrame(self.view)  # a selected row looks the same with or without the focus

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.field)
        layout.addWidget(self.count_label)
        layout.addWidget(self.view, 1)
        self.hint_label = QLabel(HINT_TEXT, self)
        self.hint_label.setObjectName("search-hint")
        self.hint_label.setWordWrap(True)
        self.hint_label.setTextFormat(Qt.TextFormat.RichText)
        self.hint_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout.addWidget(self.hint_label)
        layout.addStretch(0)  # keeps the labels at the top while the list is hidden
        self._update_empty_state()
        self._frame_field()

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._send_query)
        self.field.textEdited.connect(self._on_edited)
        self.field.textChanged.connect(self._on_changed)
        self.field.returnPressed.connect(self._on_return)
        self.field.installEventFilter(self)
        self.view.installEventFilter(self)
        self.view.viewport().installEventFilter(self)  # rows re-wrap when it is resized
        self.view.clicked.connect(self._on_clicked)

        self.focus_action = self._make_action(
            "Find…", QKeySequence.StandardKey.Find, self.focus_search
        )
        self.next_action = self._make_action(
            "Next Result", QKeySequence(Qt.Key.Key_F3), self.next_result
        )
        self.previous_action = self._make_action(
            "Previous Result", QKeySequence(Qt.Modifier.SHIFT | Qt.Key.Key_F3), self.previous_result
        )

        self.service = SearchService()
        self.service.results_ready.connect(self._on_results)
        self.service.search_failed.connect(self._on_search_failed)
        self.service.index_ready.connect(self._on_index_ready)
        self.service.index_failed.connect(self._on_index_failed)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.service.shutdown)
        service = self.service  # a panel deleted without closing closes its index too
        self.destroyed.connect(lambda *_: service.shutdown())

    def _make_action(
        self, text: str, keys: QKeySequence | QKeySequence.StandardKey, slot: object
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # -- the API the window uses ---------------------------------------------------------
    def attach_shortcuts(self, window: QWidget) -> None:
        """Make Ctrl+F, F3 and Shift+F3 work anywhere in ``window``."""
        for action in (self.focus_action, self.next_action, self.previous_action):
            self.removeAction(action)
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            window.addAction(action)

    def set_dossiers(self, dossiers: Sequence[Dossier]) -> None:
        """Search these dossiers from now on (indexed in the background)."""
        self._generation += 1
        self._ready = False
        self._dossier_count = len(dossiers)
        self._show_status()
        self.service.set_dossiers(self._generation, list(dossiers))

    def focus_search(self) -> None:
        """Show the panel (and its dock), put the cursor in the field, select its text."""
        widget: QWidget | None = self
        while widget is not None and not widget.isWindow():
            if widget.isHidden():
                widget.show()
            if isinstance(widget, QDockWidget):
                widget.raise_()
            widget = widget.parentWidget()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def next_result(self) -> None:
        """Select and open the next result (the first when none is selected)."""
        self._step(+1)

    def previous_result(self) -> None:
        """Select and open the previous result (the last when none is selected)."""
        self._step(-1)

    def clear(self) -> None:
        """Empty the field and the results."""
        self._debounce.stop()
        self.field.clear()
        self._forget_pending()
        self._set_results(None)

    def history(self) -> list[str]:
        """This session's searches, most recent first."""
        return list(self._history)

    def query(self) -> str:
        """The text in the field."""
        return self.field.text()

    def result_rows(self) -> list[SearchResult]:
        """The results in the order shown (group by group)."""
        return [self.model.data(index, RESULT_ROLE) for index in self._result_indexes()]

    # -- typing ----------------------------------------------------------------------------
    def _on_edited(self, _text: str) -> None:
        self._history_at = None

    def _on_changed(self, text: str) -> None:
        if not text.strip():
            self._debounce.stop()
            self._forget_pending()
            self._set_results(None)
            return
        self.hint_label.hide()
        self._debounce.start()

    def _send_query(self) -> None:
        text = self.field.text()
        if not text.strip():
            return
        self._serial += 1
        self.service.search(self._serial, text, LIMIT)

    def _forget_pending(self) -> None:
        self._serial += 1
        self.service.cancel()

    def _on_results(self, serial: int, found: SearchResults | None) -> None:
        if serial != self._serial:
            return  # an older query: its answer is no longer wanted
        self._set_results(found)

    def _on_search_failed(self, serial: int, message: str) -> None:
        if serial == self._serial:
            self._set_results(None)
            self.count_label.setText(f"Search failed: {message}")

    def _on_index_ready(self, generation: int, count: int) -> None:
        if generation != self._generation:
            return
        self._ready = True
        self._dossier_count = count
        if self.field.text().strip():
            self._send_query()
        else:
            self._show_status()

    def _on_index_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.count_label.setText(f"Search is unavailable: {message}")

    # -- showing results -------------------------------------------------------------------
    def _show_status(self) -> None:
        if not self._ready and self._dossier_count:
            plural = "s" if self._dossier_count != 1 else ""
            self.count_label.setText(f"Indexing {self._dossier_count} dossier{plural}…")
        elif self._shown is None:
            self.count_label.setText(EMPTY_TEXT)

    def _update_empty_state(self) -> None:
        """Show the list only when it has results, and the hints only before a search."""
        has_rows = self.model.rowCount() > 0
        self.view.setVisible(has_rows)
        self.hint_label.setVisible(not has_rows and not self.field.text().strip())

    # Adds results from elsewhere (the reader's notes) to those of the index.
    extra_results: Callable[[SearchResults], SearchResults] | None = None

    def _set_results(self, found: SearchResults | None) -> None:
        if found is not None and self.extra_results is not None:
            found = self.extra_results(found)
        self._set_rows(found)
        self._update_empty_state()

    def _set_rows(self, found: SearchResults | None) -> None:
        self._shown = found
        self.model.clear()
        self._last_emitted = None
        if found is None:
            self._show_status()
            return
        if not found.results:
            what = "Nothing to search for in" if found.query.empty else "No results for"
            self.count_label.setText(f"{what} ‘{found.query.text.strip()}’")
            return
        several = len({result.dossier_id for result in found.results}) > 1
        groups: dict[tuple[str, str], QStandardItem] = {}
        root = self.model.invisibleRootItem()
        for result in found.results:
            group = _group_of(result, several)
            parent = groups.get(group.key)
            if parent is None:
                parent = QStandardItem(group.title)
                parent.setSelectable(False)
                parent.setEditable(False)
                font = parent.font()
                font.setBold(True)
                parent.setFont(font)
                parent.setAccessibleText(f"Group: {group.title}")
                groups[group.key] = parent
                root.appendRow(parent)
            row = QStandardItem()
            row.setEditable(False)
            plain = f"{KIND_LABELS.get(result.kind, result.kind)}: {result.text}"
            if result.marker:
                plain += f" ({result.marker})"
            row.setData(plain, Qt.ItemDataRole.DisplayRole)
            row.setData(plain, Qt.ItemDataRole.AccessibleTextRole)
            row.setData(result, RESULT_ROLE)
            row.setData(row_html(result), HTML_ROLE)
            row.setToolTip(plain_tooltip(f"{result.dossier_title} — {result.anchor}"))
            parent.appendRow(row)
        self.view.expandAll()
        total = f"{found.total:,}{'+' if found.capped else ''}"
        label = f"{total} result{'' if found.total == 1 else 's'}"
        if len(found.results) < found.total:
            label += f" (best {len(found.results)} shown)"
        self.count_label.setText(label)

    def _result_indexes(self) -> list[QModelIndex]:
        out: list[QModelIndex] = []
        for group in range(self.model.rowCount()):
            parent = self.model.index(group, 0)
            out.extend(
                self.model.index(row, 0, parent) for row in range(self.model.rowCount(parent))
            )
        return out

    # -- opening results -----------------------------------------------------------------
    def _step(self, step: int) -> None:
        indexes = self._result_indexes()
        if not indexes:
            return
        current = QPersistentModelIndex(self.view.currentIndex())
        positions = [QPersistentModelIndex(index) for index in indexes]
        if current in positions:
            position = (positions.index(current) + step) % len(indexes)
        else:
            position = 0 if step > 0 else len(indexes) - 1
        self._open(indexes[position])

    def _open(self, index: QModelIndex) -> None:
        result = index.data(RESULT_ROLE)
        if result is None:  # a group's heading row
            return
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        key = (self._serial, result.dossier_id, result.anchor)
        if (
            key == self._last_emitted
            and self._emitted_clock.isValid()
            and self._emitted_clock.elapsed() < QApplication.doubleClickInterval()
        ):
            return  # the second click of a double click
        self._last_emitted = key
        self._emitted_clock.start()
        self._remember(self.field.text())
        self.result_activated.emit(result.dossier_id, result.anchor)

    def _on_clicked(self, index: QModelIndex) -> None:
        self._open(index)

    def _on_return(self) -> None:
        current = self.view.currentIndex()
        if current.isValid() and current.data(RESULT_ROLE) is not None:
            self._open(current)
            return
        indexes = self._result_indexes()
        if indexes:
            self._open(indexes[0])
        else:
            self._remember(self.field.text())

    # -- history ---------------------------------------------------------------------------
    def _remember(self, text: str) -> None:
        text = text.strip()
        if not text:
            return
        if text in self._history:
            self._history.remove(text)
        self._history.insert(0, text)
        del self._history[HISTORY_SIZE:]

    def _recall(self, step: int) -> bool:
        """Step through the history from the field; False when there is nowhere to go."""
        if not self._history:
            return False
        if self._history_at is None:
            if step < 0 or self.field.text():
                return False
            position = 0
        else:
            position = self._history_at + step
        if position < 0:
            self._history_at = None
            self.field.clear()
            return True
        if position >= len(self._history):
            return True
        self._history_at = position
        self.field.setText(self._history[position])
        self.field.end(False)
        return True

    # -- palette and type ------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in _RESTYLE_EVENTS:
            self._frame_field()
            self._rows_width = -1  # rows measure again in the new type
            self._relayout.start()
            self.view.viewport().update()

    def _measure_rows(self) -> None:
        """Lay the rows out again for the viewport's width (a row's height follows it).

        Run after the resize that asked for it: laying out inside the resize event can
        show or hide the scroll bar, and the width that results is not reported.
        """
        width = self.view.viewport().width()
        if width != self._rows_width:
            self._rows_width = width
            self.view.doItemsLayout()

    def _frame_field(self) -> None:
        """Border the field in colours of the palette: some styles draw its frame in the
        window's colour, which vanishes on a dark palette."""
        palette = self.palette()
        role = QPalette.ColorRole
        self.field.setStyleSheet(
            f"QLineEdit#search-field {{ border: 1px solid {frame_color(palette).name()};"
            f" border-radius: 3px; padding: 3px 4px;"
            f" background-color: {palette.color(role.Base).name()};"
            f" color: {palette.color(role.Text).name()}; }}"
            f" QLineEdit#search-field:focus {{ border-color:"
            f" {palette.color(role.Highlight).name()}; }}"
        )

    def row_document(self, index: QModelIndex, *, selected: bool = False) -> QTextDocument:
        """The rich text a result row is painted from now, selected or not."""
        option = QStyleOptionViewItem()
        option.initFrom(self.view.viewport())
        option.font = self.view.font()
        option.palette = self.view.palette()
        if selected:
            option.state |= QStyle.StateFlag.State_Selected
        width = self.view.viewport().width() - self.view.indentation()
        return self._delegate.document(option, index, width)

    # -- keys ------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            self._relayout.start()  # rows re-wrap once the resize is done
            return False
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if key == Qt.Key.Key_Escape:
            if self.field.text() or self.model.rowCount():
                self.clear()
            self.dismissed.emit()
            return True
        if watched is self.field:
            if key == Qt.Key.Key_Up:
                return self._recall(+1)
            if key == Qt.Key.Key_Down:
                if self._history_at is not None:
                    return self._recall(-1)
                indexes = self._result_indexes()
                if indexes:
                    self.view.setFocus(Qt.FocusReason.OtherFocusReason)
                    self.view.setCurrentIndex(indexes[0])
                    return True
        elif watched is self.view and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._open(self.view.currentIndex())
            return True
        return super().eventFilter(watched, event)

    def shutdown(self) -> None:
        """Drop queued search work, wait for the task in progress and close the index
        (also on quit, and when the panel is closed or destroyed)."""
        self.service.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()  # a panel shown on its own (a docked one closes with its window)
        super().closeEvent(event)
