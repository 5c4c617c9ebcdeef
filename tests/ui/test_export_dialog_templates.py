"""The export dialog's template, portion marks and draft choices, remembered."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from dossier.core.loader import load_dossier

from .conftest import export_dialog

MULTILINGUAL = Path(__file__).resolve().parents[1] / "export" / "data" / "baku-astana.yaml"


def test_the_template_and_marks_are_chosen_and_remembered(qtbot: QtBot) -> None:
    dossier = load_dossier(MULTILINGUAL)
    first = export_dialog(qtbot, dossier)
    assert first.options().template == "full"
    assert [first.template.itemText(i) for i in range(first.template.count())] == [
        "Full briefing",
        "Read-ahead",
        "Talking points",
    ]
    first.template.setCurrentIndex(first.template.findData("brief"))
    first.portion_marks.setChecked(True)
    first.draft.setChecked(True)
    options = first.options()
    assert (options.template, options.portion_marks, options.draft) == ("brief", True, True)
    first.accept()

    again = export_dialog(qtbot, dossier)
    options = again.options()
    assert (options.template, options.portion_marks, options.draft) == ("brief", True, True)
    assert again.template.currentText() == "Read-ahead"


def test_parts_only_the_full_briefing_has_are_greyed_out_for_the_others(qtbot: QtBot) -> None:
    dialog = export_dialog(qtbot, load_dossier(MULTILINGUAL))
    dialog.appendix.setChecked(True)
    assert dialog.appendix.isEnabled() and dialog.notes.isEnabled()
    assert not dialog.points.isEnabled()
    for template in ("brief", "points"):
        dialog.template.setCurrentIndex(dialog.template.findData(template))
        assert not dialog.appendix.isEnabled() and not dialog.notes.isEnabled()
        assert "full briefing" in dialog.appendix.toolTip()
        assert "full briefing" in dialog.notes.include.toolTip()  # the box's own tip
        assert dialog.points.isEnabled() and dialog.portion_marks.isEnabled()
    dialog.template.setCurrentIndex(dialog.template.findData("full"))
    assert dialog.appendix.isEnabled() and dialog.appendix.isChecked()  # the choice kept
    assert "Analyst notes part" in dialog.notes.include.toolTip()  # its own tip again
