"""The pictures without a mouse: Tab and the arrow keys reach every mark, Enter opens it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from dossier.core.model import Dossier
from tests.ui.conftest import focus_as_if_tabbed

from .test_pictures_view import dossier, painted, shown

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

__all__ = ["dossier"]  # the fixture, shared with the view's tests

# The offscreen platform cannot raise the mark's tooltip window, and says so.
offscreen_tooltips = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise"
)


@offscreen_tooltips
def test_tab_visits_every_map_mark_in_reading_order_then_leaves(
    qtbot: QtBot, dossier: Dossier
) -> None:
    view = shown(qtbot, dossier)
    drawing = painted(qtbot, view, view.map)
    focus_as_if_tabbed(qtbot, view.map)
    visited = [view.map.current_mark()]
    for _ in range(len(drawing.marks) - 1):
        qtbot.keyClick(view.map, Qt.Key.Key_Tab)
        visited.append(view.map.current_mark())
    assert len({(m.anchor, m.text) for m in visited if m is not None}) == len(drawing.marks)
    tops = [round(m.rect.top()) for m in visited if m is not None]
    assert tops == sorted(tops)  # top to bottom
    qtbot.keyClick(view.map, Qt.Key.Key_Tab)  # past the last mark, the focus moves on
    assert not view.map.hasFocus()
    assert QApplication.focusWidget() is not None


@offscreen_tooltips
def test_arrow_keys_step_and_enter_opens_the_mark(qtbot: QtBot, dossier: Dossier) -> None:
    view = shown(qtbot, dossier)
    painted(qtbot, view, view.map)
    focus_as_if_tabbed(qtbot, view.map)
    first = view.map.current_mark()
    qtbot.keyClick(view.map, Qt.Key.Key_Down)
    second = view.map.current_mark()
    assert first is not None and second is not None and second != first
    qtbot.keyClick(view.map, Qt.Key.Key_Up)
    assert view.map.current_mark() == first
    assert view.map.accessibleDescription() == first.text  # what a screen reader says
    with qtbot.waitSignal(view.item_activated) as signal:
        qtbot.keyClick(view.map, Qt.Key.Key_Return)
    assert signal.args == [first.anchor]


@offscreen_tooltips
def test_on_the_timeline_up_and_down_step_while_left_and_right_pan(
    qtbot: QtBot, dossier: Dossier
) -> None:
    view = shown(qtbot, dossier)
    painted(qtbot, view, view.timeline)
    canvas = view.timeline
    # arriving backwards: the last mark
    focus_as_if_tabbed(qtbot, canvas, Qt.FocusReason.BacktabFocusReason)
    last = canvas.current_mark()
    assert last is not None and last == canvas.marks_in_order()[-1]
    window = canvas.time_window
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert canvas.time_window != window  # panned
    qtbot.keyClick(canvas, Qt.Key.Key_Up)
    assert canvas.current_mark() not in (None, last)
    with qtbot.waitSignal(view.item_activated) as signal:
        qtbot.keyClick(canvas, Qt.Key.Key_Enter)
    assert signal.args[0].split("/")[1] == "event"
