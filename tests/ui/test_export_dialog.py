"""Export PDF, Print Preview and Print from the app, with dialogs replaced."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from dossier.core.briefing.choices import BriefingOptions
from dossier.core.loader import load_dossier
from dossier.core.model import Dossier
from dossier.export.pdf import build_layout
from dossier.ui import operations, printing
from tests.ui.conftest import DialogRecorder

from .conftest import bare_window, export_dialog

EXPORT_MS = 60_000  # an export in the background, on a busy machine

MULTILINGUAL = Path(__file__).resolve().parents[1] / "export" / "data" / "baku-astana.yaml"


@pytest.fixture
def dossier() -> Dossier:
    return load_dossier(MULTILINGUAL)


def test_dialog_starts_with_every_section(qtbot: QtBot, dossier: Dossier) -> None:
    dialog = export_dialog(qtbot, dossier)
    assert dialog.chosen_sections() == ("culture", "trade", "transport")
    options = dialog.options()
    assert options == BriefingOptions(sections=None, page_size="A4", classification=None)
    assert dialog.classification.placeholderText() == "Rəsmi istifadə üçün"


def test_every_section_of_the_bundled_dossier_is_in_view(qtbot: QtBot) -> None:
    from tests.ui.conftest import bundled_dossier

    dialog = export_dialog(qtbot, bundled_dossier())
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(dialog.minimumSizeHint())  # as small as it goes: a large font, a small screen
    qtbot.wait(50)
    view = dialog.sections
    assert view.count() == 6
    last = view.visualItemRect(view.item(view.count() - 1))
    assert view.viewport().rect().contains(last)  # no scrolling to reach "Culture and people"


def test_no_section_no_export(qtbot: QtBot, dossier: Dossier) -> None:
    dialog = export_dialog(qtbot, dossier)
    for i in range(dialog.sections.count()):
        dialog.sections.item(i).setCheckState(Qt.CheckState.Unchecked)
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.sections.item(1).setCheckState(Qt.CheckState.Checked)
    assert ok.isEnabled()
    assert dialog.options().sections == ("trade",)


def test_dialog_remembers_the_last_choice(qtbot: QtBot, dossier: Dossier) -> None:
    first = export_dialog(qtbot, dossier)
    first.sections.item(0).setCheckState(Qt.CheckState.Unchecked)
    first.page_size.setCurrentText("Letter")
    first.classification.setText("Restricted")
    first.appendix.setChecked(True)
    first.accept()

    second = export_dialog(qtbot, dossier)
    assert second.options() == BriefingOptions(
        sections=("trade", "transport"), page_size="Letter", classification="Restricted",
        appendix=True,
    )  # fmt: skip


def test_classification_is_remembered_for_its_own_dossier_only(
    qtbot: QtBot, dossier: Dossier
) -> None:
    secret = replace(dossier, id="secret-dossier", classification="Secret")
    first = export_dialog(qtbot, dossier)
    first.classification.setText("Unclassified")
    first.accept()

    other = export_dialog(qtbot, secret)
    assert other.classification.text() == ""
    assert other.options().classification is None  # the banner stays the dossier's: SECRET
    assert other.classification.placeholderText() == "Secret"
    other.accept()

    again = export_dialog(qtbot, dossier)
    assert again.options().classification == "Unclassified"


def test_cancel_forgets_the_changes(qtbot: QtBot, dossier: Dossier) -> None:
    first = export_dialog(qtbot, dossier)
    first.page_size.setCurrentText("Letter")
    first.reject()
    second = export_dialog(qtbot, dossier)
    assert second.page_size.currentText() == "A4"


def test_export_runs_in_the_background_and_says_where(
    qtbot: QtBot, dossier: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = bare_window(qtbot)
    out = tmp_path / "out.pdf"
    monkeypatch.setattr(printing, "ask_options", lambda _p, _d: BriefingOptions(appendix=True))
    monkeypatch.setattr(printing, "ask_save_path", lambda _p, _s: out)
    pool = QThreadPool()
    job = printing.export_pdf_interactive(window, dossier, pool)
    assert job is not None
    assert "Exporting" in window.statusBar().currentMessage()
    # Wait on what the reader sees, not on a signal the job may have sent already.
    status = window.statusBar()
    qtbot.waitUntil(lambda: "Briefing exported" in status.currentMessage(), timeout=EXPORT_MS)
    assert str(out) in status.currentMessage()
    assert len(PdfReader(out).pages) == job.result.pages  # type: ignore[union-attr]
    assert pool.waitForDone(EXPORT_MS)  # bounded: a stuck worker fails the test


def test_export_failure_is_one_line_in_a_dialog(
    qtbot: QtBot,
    dossier: Dossier,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    dialogs_seen: DialogRecorder,
) -> None:
    window = bare_window(qtbot)
    monkeypatch.setattr(printing, "ask_options", lambda _p, _d: BriefingOptions())
    monkeypatch.setattr(printing, "ask_save_path", lambda _p, _s: tmp_path / "gone" / "b.pdf")
    pool = QThreadPool()
    job = printing.export_pdf_interactive(window, dossier, pool)
    assert job is not None
    qtbot.waitUntil(lambda: bool(dialogs_seen.messages), timeout=EXPORT_MS)
    title, text = dialogs_seen.messages[0]
    assert title == "Export failed"
    assert "folder does not exist" in text and "\n" not in text
    assert pool.waitForDone(EXPORT_MS)  # bounded: a stuck worker fails the test


def test_cancelled_export_does_nothing(
    qtbot: QtBot, dossier: Dossier, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(printing, "ask_options", lambda _p, _d: None)
    assert printing.export_pdf_interactive(bare_window(qtbot), dossier) is None


def test_print_preview_paints_with_the_same_renderer(
    qtbot: QtBot, dossier: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "preview.pdf"

    def show(dialog: QDialog) -> bool:
        assert isinstance(dialog, QPrintPreviewDialog)
        printer = dialog.printer()
        printer.setOutputFileName(str(out))
        dialog.paintRequested.emit(printer)
        return False

    monkeypatch.setattr(printing, "run_dialog", show)
    options = BriefingOptions(page_size="Letter")
    laying_out = printing.print_preview(bare_window(qtbot), dossier, options)
    # The layout is made in the background; the preview opens when it is done.
    qtbot.waitUntil(lambda: laying_out not in operations.running(), timeout=EXPORT_MS)
    reader = PdfReader(out)
    # Every page of the briefing (short parts share pages, so fewer than one per part).
    assert len(reader.pages) == build_layout(dossier, options).pages >= 5
    assert round(reader.pages[0].mediabox.width) == 612
    text = "".join(reader.pages[3].extract_text().split())
    assert "RƏSMIISTIFADƏÜÇÜN" in text and f"Page4of{len(reader.pages)}" in text


def test_print_dialog_prints_the_briefing(
    qtbot: QtBot,
    dossier: Dossier,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    dialogs_seen: DialogRecorder,
) -> None:
    out = tmp_path / "printed.pdf"

    def accept(dialog: QDialog) -> bool:
        assert isinstance(dialog, QPrintDialog)
        dialog.printer().setOutputFileName(str(out))
        return True

    monkeypatch.setattr(printing, "run_dialog", accept)
    laying_out = printing.print_dialog(
        bare_window(qtbot), dossier, BriefingOptions(sections=("trade",))
    )
    # Laid out in the background; then the printer is asked for and the briefing sent.
    qtbot.waitUntil(lambda: laying_out not in operations.running(), timeout=EXPORT_MS)
    assert not dialogs_seen.messages  # no "Print failed"
    reader = PdfReader(out)
    titles = "".join(reader.pages[3].extract_text().split())
    assert "Ticarət" in titles
    assert round(reader.pages[0].mediabox.width) == 595


def test_paper_chosen_in_the_print_dialog_lays_the_briefing_out_again(
    qtbot: QtBot, dossier: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "letter.pdf"

    def choose_letter(dialog: QDialog) -> bool:
        assert isinstance(dialog, QPrintDialog)
        dialog.printer().setOutputFileName(str(out))
        dialog.printer().setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
        return True

    monkeypatch.setattr(printing, "run_dialog", choose_letter)
    printing.print_dialog(bare_window(qtbot), dossier, BriefingOptions(page_size="A4"))
    # A first layout for A4, then another for the Letter paper the reader chose.
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 0, timeout=EXPORT_MS)
    qtbot.waitUntil(lambda: not operations.running(), timeout=EXPORT_MS)
    reader = PdfReader(out)
    assert round(reader.pages[0].mediabox.width) == 612
    text = "".join(reader.pages[3].extract_text().split())
    assert f"Page4of{len(reader.pages)}" in text


def test_save_dialog_adds_pdf_before_its_overwrite_question(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "name.pdf").write_bytes(b"%PDF- an earlier briefing")
    seen: list[QFileDialog] = []

    def choose(dialog: QDialog) -> bool:
        assert isinstance(dialog, QFileDialog)
        seen.append(dialog)
        assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
        assert dialog.defaultSuffix() == "pdf"
        assert not dialog.testOption(QFileDialog.Option.DontConfirmOverwrite)
        assert dialog.nameFilters() == [printing.PDF_FILTER]
        assert dialog.selectedFiles() == [str(tmp_path / "suggested.pdf")]
        dialog.selectFile(str(tmp_path / "name"))  # the reader types "name"
        return True

    monkeypatch.setattr(printing, "run_dialog", choose)
    chosen = printing.ask_save_path(None, tmp_path / "suggested.pdf")
    # The dialog itself returns name.pdf: the name its overwrite question was about.
    assert chosen == tmp_path / "name.pdf"
    assert len(seen) == 1


def test_cancelled_save_dialog_exports_nothing(
    qtbot: QtBot, dossier: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(printing, "ask_options", lambda _p, _d: BriefingOptions())
    monkeypatch.setattr(printing, "run_dialog", lambda _d: False)
    assert printing.ask_save_path(None, tmp_path / "b.pdf") is None
    assert printing.export_pdf_interactive(bare_window(qtbot), dossier) is None
    assert list(tmp_path.iterdir()) == []
