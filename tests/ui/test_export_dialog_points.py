"""The Export and Print dialogs' talking points choice: the notes that mark them,
counted, passed to the briefing, and remembered."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from dossier.core.briefing.plan import plan_briefing
from dossier.core.loader import load_dossier
from dossier.core.model import Dossier
from dossier.core.notes import new_annotation
from dossier.core.notes.targets import item_target
from dossier.ui import notes_store
from dossier.ui.export_dialog import ExportDialog


@pytest.fixture(autouse=True)
def _fresh_session() -> Iterator[None]:
    notes_store.close_session()
    yield
    notes_store.close_session()


@pytest.fixture
def dossier(bundled: Path) -> Dossier:
    """The bundled dossier, with two points marked yellow and one tagged #raise."""
    d = load_dossier(bundled)
    with notes_store.borrowed() as opened:
        store = opened.store
        assert store is not None
        for anchor, colour, tags in [
            ("trade/point/2", "yellow", ()),
            ("politics/point/3", "yellow", ()),
            ("energy/point/2", "green", ("raise",)),
        ]:
            note = new_annotation(d.id, "note", item_target(d, anchor), colour=colour, tags=tags)
            store.add(note)
        mark = new_annotation(d.id, "bookmark", item_target(d, "culture/point/1"), colour="yellow")
        store.add(mark)
    return d


def entries(dialog: ExportDialog) -> list[str]:
    return [dialog.points.itemText(i) for i in range(dialog.points.count())]


def test_the_points_marked_raise_in_meeting_by_default(qtbot: QtBot, dossier: Dossier) -> None:
    dialog = ExportDialog(dossier)
    qtbot.addWidget(dialog)
    assert entries(dialog) == [
        "Marked “Raise in meeting” (2 points)",
        "Marked “Check” (1 point)",
        "Marked “Disputed” (0 points)",
        "Marked “Background” (0 points)",
        "Tagged #raise (1 point)",
        "First point of each section",
    ]
    assert dialog.points.currentText() == "Marked “Raise in meeting” (2 points)"
    assert not dialog.points.isEnabled()  # the full briefing prints no talking points
    dialog.template.setCurrentIndex(dialog.template.findData("points"))
    assert dialog.points.isEnabled()
    options = dialog.options()
    assert options.marked == ("politics/point/3", "trade/point/2")
    briefing = plan_briefing(dossier, options)
    assert [p.anchor for p, _ in briefing.talking_points] == list(options.marked)
    assert "The 2 points marked “Raise in meeting” in the analyst’s notes." in (
        briefing.parts[0].html
    )


def test_the_choice_is_passed_on_and_remembered(qtbot: QtBot, dossier: Dossier) -> None:
    first = ExportDialog(dossier)
    qtbot.addWidget(first)
    first.template.setCurrentIndex(first.template.findData("brief"))
    first.points.setCurrentIndex(first.points.findText("Tagged #raise (1 point)"))
    options = first.options()
    assert (options.marked, options.marked_how) == (("energy/point/2",), "tagged #raise")
    first.accept()

    again = ExportDialog(dossier)
    qtbot.addWidget(again)
    assert again.points.currentText() == "Tagged #raise (1 point)"
    assert again.options().marked == ("energy/point/2",)
    again.points.setCurrentIndex(again.points.findData("none"))
    options = again.options()
    assert (options.marked, options.marked_how) == ((), "")
    again.accept()

    third = ExportDialog(dossier)
    qtbot.addWidget(third)
    assert third.points.currentText() == "First point of each section"


def test_a_remembered_tag_this_dossier_lacks_falls_back_to_the_default(
    qtbot: QtBot, dossier: Dossier
) -> None:
    first = ExportDialog(dossier)
    qtbot.addWidget(first)
    first.points.setCurrentIndex(first.points.findData("tag:raise"))
    first.accept()
    other = load_dossier(
        Path(__file__).resolve().parents[1] / "export" / "data" / "baku-astana.yaml"
    )
    dialog = ExportDialog(other)
    qtbot.addWidget(dialog)
    assert dialog.points.currentData() == "colour:yellow"
    assert dialog.options().marked == ()
