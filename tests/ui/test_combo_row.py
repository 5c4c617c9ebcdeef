"""Combo boxes side by side while there is room to show their items whole, else stacked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QVBoxLayout, QWidget

from dossier.ui.combo_row import ComboRow, whole_width

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def test_combos_stack_when_too_narrow_and_go_back_side_by_side(qtbot: QtBot) -> None:
    panel = QWidget()
    panel.setMinimumWidth(80)  # as a dock's panel: narrower than the combos' text
    qtbot.addWidget(panel)
    outer = QVBoxLayout(panel)
    colour, tag = QComboBox(), QComboBox()
    colour.addItems(["All colours", "Yellow"])
    tag.addItems(["All tags"])
    row = QHBoxLayout()
    outer.addLayout(row)
    fitter = ComboRow(panel, row, [colour, tag])
    needed = whole_width(colour) + whole_width(tag)
    assert whole_width(colour) > colour.fontMetrics().horizontalAdvance("All colours")

    panel.resize(needed + 200, 120)
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: colour.y() == tag.y())
    assert colour.width() >= whole_width(colour)

    panel.resize(needed - 20, 120)  # no room for both: one above the other
    qtbot.waitUntil(lambda: colour.y() < tag.y())
    assert panel.width() == needed - 20 and colour.width() >= whole_width(colour)

    tag.addItem("#a-tag-far-longer-than-any-colour-name")  # a longer item, then fit()
    panel.resize(needed + 60, 120)
    fitter.fit()
    qtbot.waitUntil(lambda: colour.y() < tag.y())
