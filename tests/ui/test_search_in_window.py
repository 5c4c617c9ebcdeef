"""Search in the viewer: type, see results, press Enter, land on the item in its tab."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from dossier.ui.main_window import MainWindow
from dossier.ui.search_widgets import EMPTY_TEXT

from .conftest import window_for

TIMEOUT = 15000


def tab_of(anchor: str) -> str:
    """The tab an anchor lives on: "culture/entity/3", "source:interview/48", "section/x"."""
    head, _, rest = anchor.partition("/")
    return rest if head == "section" else head


def make_window(qtbot: QtBot, path: Path) -> MainWindow:
    window = window_for(qtbot)
    assert window.open_path(path)
    return window


def test_ctrl_f_type_enter_lands_on_the_item(qtbot: QtBot, bundled: Path) -> None:
    window = make_window(qtbot, bundled)
    panel = window.search_panel
    assert window.current_tab_id() == "overview"
    with qtbot.waitActive(window):
        window.activateWindow()
    reading = window.pane("overview")
    assert reading is not None
    reading.setFocus()
    with qtbot.waitSignal(panel.focus_action.triggered, timeout=TIMEOUT):
        qtbot.keyClick(reading, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(panel.field, "Beket Ata")
    qtbot.waitUntil(lambda: bool(panel.result_rows()), timeout=TIMEOUT)
    first = panel.result_rows()[0]
    assert first.anchor.startswith("transport/")
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert window.current_tab_id() == "transport"
    pane = window.pane("transport")
    assert pane is not None
    assert "Beket Ata" in pane.highlighted_text()
    # Back returns to where the reader was before the search took them away.
    window.back()
    assert window.current_tab_id() == "overview"


def test_f3_and_shift_f3_step_through_results(qtbot: QtBot, bundled: Path) -> None:
    window = make_window(qtbot, bundled)
    panel = window.search_panel
    qtbot.keyClicks(panel.field, "Naftalan")
    qtbot.waitUntil(lambda: len(panel.result_rows()) >= 2, timeout=TIMEOUT)
    rows = panel.result_rows()
    with qtbot.waitActive(window):
        window.activateWindow()
    seen = []
    for key, modifier in [
        (Qt.Key.Key_F3, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F3, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier),
    ]:
        qtbot.keyClick(panel.field, key, modifier)
        tab = window.current_tab_id()
        pane = window.pane(tab or "")
        assert pane is not None and pane.highlighted_text()
        seen.append(tab)
    expected = [rows[0].anchor, rows[1].anchor, rows[0].anchor]
    assert seen == [tab_of(anchor) for anchor in expected]


def test_search_spans_every_dossier_of_a_folder(
    qtbot: QtBot, bundled: Path, other_dossier: Path, tmp_path: Path
) -> None:
    library = tmp_path / "library"
    library.mkdir()
    (library / "kz-az.yaml").write_text(
        bundled.read_text(encoding="utf-8").replace(
            "../../seeds/", f"{os.path.relpath(bundled.parents[2], library.resolve())}/seeds/"
        ),
        encoding="utf-8",
    )
    (library / "other.yaml").write_text(other_dossier.read_text(encoding="utf-8"))
    window = make_window(qtbot, library)
    panel = window.search_panel
    qtbot.keyClicks(panel.field, "trade turnover")
    qtbot.waitUntil(
        lambda: {r.dossier_id for r in panel.result_rows()} == {"kz-az-2021", "other"},
        timeout=TIMEOUT,
    )
    other = next(r for r in panel.result_rows() if r.dossier_id == "other")
    panel.result_activated.emit(other.dossier_id, other.anchor)
    assert window.current_dossier is not None
    assert window.current_dossier.id == "other"


def test_closing_the_dossier_empties_the_search(qtbot: QtBot, bundled: Path) -> None:
    window = make_window(qtbot, bundled)
    panel = window.search_panel
    qtbot.keyClicks(panel.field, "Kuryk")
    qtbot.waitUntil(lambda: bool(panel.result_rows()), timeout=TIMEOUT)
    window.close_dossier()
    # The old query goes with the dossier: no stale "No results for ‘Kuryk’".
    assert panel.query() == ""
    assert panel.count_label.text() == EMPTY_TEXT
    assert panel.result_rows() == []
    assert not panel.view.isVisible()


def test_hints_show_until_the_reader_types(qtbot: QtBot, bundled: Path) -> None:
    window = make_window(qtbot, bundled)
    panel = window.search_panel
    qtbot.waitUntil(panel.hint_label.isVisible, timeout=TIMEOUT)
    assert not panel.view.isVisible()
    assert "section:energy" in panel.hint_label.text()
    qtbot.keyClicks(panel.field, "Kuryk")
    assert not panel.hint_label.isVisible()
    qtbot.waitUntil(panel.view.isVisible, timeout=TIMEOUT)
    qtbot.keyClick(panel.field, Qt.Key.Key_Escape)
    qtbot.waitUntil(panel.hint_label.isVisible, timeout=TIMEOUT)
    assert not panel.view.isVisible()
