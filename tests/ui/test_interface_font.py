"""The interface is set in the desktop's own font, the pages and the PDF in the shipped ones."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtGui import QFont, QFontInfo
from PySide6.QtWidgets import QApplication, QMenu, QStatusBar, QTabBar, QToolButton, QWidget

from dossier.export.fonts import register_fonts
from dossier.ui.app import application
from tests.ui.conftest import window_for

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def _face(font: QFont) -> tuple[str, str]:
    """The family and face Qt draws ``font`` with."""
    info = QFontInfo(font)
    return info.family(), info.styleName()


def _regular(font: QFont) -> bool:
    """True when the face drawn is an upright regular one (Qt may report weight 400 for
    a bold face it settled on, so its name is what tells)."""
    family, style = _face(font)
    return bool(family) and not any(w in style.lower() for w in ("bold", "black", "heavy"))


def test_the_application_font_resolves_to_a_regular_face() -> None:
    app = application()
    font = app.font()
    assert _regular(font), _face(font)
    assert QFontInfo(font).weight() == QFont.Weight.Normal.value


FRESH_START = """
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QApplication
app = QApplication([])
info = QFontInfo(app.font())
before = (info.family(), info.styleName())
from dossier.export.fonts import register_fonts
from dossier.ui.app import application
if EXPORT_FIRST:
    register_fonts()
application()
info = QFontInfo(app.font())
print(*before, info.family(), info.styleName(), sep="|")
"""


@pytest.mark.parametrize("export_first", [False, True], ids=["viewer", "export-first"])
def test_a_fresh_start_keeps_the_desktop_font_the_system_resolves(export_first: bool) -> None:
    """In a process of its own, so that the fonts are registered for the first time
    (by the viewer, or by an export that ran before it)."""
    script = f"EXPORT_FIRST = {export_first}\n{FRESH_START}"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    family, style, family_after, style_after = (
        part.strip() for part in done.stdout.strip().splitlines()[-1].split("|")
    )
    assert (family_after, style_after) == (family, style)
    assert "bold" not in style_after.lower()


def test_menus_tabs_tool_bar_and_status_bar_use_the_application_font(
    qtbot: QtBot, bundled: Path
) -> None:
    window = window_for(qtbot)
    assert window.open_path(bundled)
    window.search_panel  # noqa: B018 - docks the panel, whose widgets are checked too
    family = QFontInfo(QApplication.font()).family()
    widgets: list[QWidget] = [
        window.menuBar(),
        *window.findChildren(QMenu),
        *window.findChildren(QTabBar),
        *window.findChildren(QToolButton),
        *window.findChildren(QStatusBar),
        window.search_panel.field,
        window.search_panel.count_label,
    ]
    assert len(widgets) > 6
    for widget in widgets:
        font = widget.font()
        assert _regular(font), (type(widget).__name__, _face(font))
        assert QFontInfo(font).family() == family, type(widget).__name__


def test_the_pages_and_the_briefing_keep_the_shipped_families(qtbot: QtBot, bundled: Path) -> None:
    families = register_fonts()
    assert (families.serif, families.sans) == ("Charis SIL", "Noto Sans")
    window = window_for(qtbot)
    assert window.open_path(bundled)
    pane = window.pane("overview")
    assert pane is not None
    pane.ensure_rendered()
    assert QFontInfo(pane.document().defaultFont()).family() == "Charis SIL"
    # A generic sans-serif may resolve to the shipped (bold-only) Noto Sans: the pages'
    # sans list names the interface's family before it.
    css = pane.document().defaultStyleSheet()
    headings = re.search(r"h1, h2, h3, th \{ font-family: ([^;]*);", css)
    assert headings is not None
    sans = [name.strip(" '") for name in headings.group(1).split(",")]
    assert sans[-1] == "sans-serif"
    assert QFontInfo(QApplication.font()).family() in sans[:-1]
