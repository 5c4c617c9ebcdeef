"""Modal dialogs, wrapped in small functions so tests can replace them.

Callers go through the module attribute (``dialogs.show_problems(...)``), which the
UI tests' fixtures swap for recorders. What a dialog says is decided elsewhere
(:mod:`dossier.ui.messages`); these only build and run the boxes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QTextBlockFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QStyle,
    QTextEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from dossier.ui.screen_fit import resize_to_fit

DOSSIER_FILTER = "Dossiers (*.yaml *.yml);;All files (*)"
FILE_DIALOG_SIZE = QSize(900, 560)  # wide enough for the name, size and date columns
NOTICE_WIDTH = 640  # a comfortable line of text in a notice
MAX_LIST_LINES = 14  # the problem list scrolls beyond this


# -- choosing files -------------------------------------------------------------------------
def file_dialog(parent: QWidget | None, caption: str, start: Path | None) -> QFileDialog:
    """A file dialog starting in ``start`` (else home), at a size where it reads well."""
    dialog = QFileDialog(parent, caption, str(start or Path.home()))
    # Qt's own dialog (the one used without a desktop's) opens too small to read, its
    # name column cut short: give it room, and the names the width the others leave.
    resize_to_fit(dialog, FILE_DIALOG_SIZE)
    details = dialog.findChild(QTreeView, "treeView")
    if details is not None:
        header = details.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return dialog


def _chosen(dialog: QFileDialog) -> Path | None:
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        names = dialog.selectedFiles()
        return Path(names[0]) if names and names[0] else None
    finally:
        dialog.deleteLater()


def open_file_dialog(parent: QWidget | None, start: Path | None) -> QFileDialog:
    """The Open dialog for a dossier file, starting in ``start`` (else home)."""
    dialog = file_dialog(parent, "Open dossier", start)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setNameFilter(DOSSIER_FILTER)
    return dialog


def open_folder_dialog(parent: QWidget | None, start: Path | None) -> QFileDialog:
    """The dialog for a folder of dossiers, starting in ``start`` (else home)."""
    dialog = file_dialog(parent, "Open folder of dossiers", start)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return dialog


def ask_open_file(parent: QWidget | None, start: Path | None) -> Path | None:
    """Ask for a dossier file; None when cancelled."""
    return _chosen(open_file_dialog(parent, start))


def ask_open_folder(parent: QWidget | None, start: Path | None) -> Path | None:
    """Ask for a folder of dossiers; None when cancelled."""
    return _chosen(open_folder_dialog(parent, start))


def ask_trusted_folder(parent: QWidget | None, start: Path | None) -> Path | None:
    """Ask for a folder whose files any dossier may read as sources; None when cancelled."""
    dialog = file_dialog(parent, "Trust a folder: dossiers may read their sources from it", start)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return _chosen(dialog)


# -- telling the reader -----------------------------------------------------------------------
class NoticeDialog(QDialog):
    """A warning in plain, wrapped text; with a list of problems the reader can copy,
    and optionally a button to try again (:meth:`exec` is then accepted)."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        lines: Sequence[str] = (),
        *,
        again: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setSizeGripEnabled(bool(lines))

        self.icon_label = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, self)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.icon_label.setPixmap(warning.pixmap(size, size))
        self.icon_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text_label = QLabel(text)
        self.text_label.setTextFormat(Qt.TextFormat.PlainText)  # names and messages are not markup
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(self.icon_label)
        top.addWidget(self.text_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)

        self._lines = tuple(lines)
        self.problems: QTextEdit | None = None
        if lines:
            self.problems = _problem_list(lines)
            shown = min(MAX_LIST_LINES, max(3, sum(1 + len(line) // 80 for line in lines)))
            spacing = self.problems.fontMetrics().lineSpacing()
            self._list_height = shown * spacing + 16
            self.problems.setMinimumHeight(3 * spacing + 16)
            layout.addWidget(self.problems, 1)

        Button = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(Button.Cancel if again else Button.Ok)
        if again:
            self.buttons.addButton(again, QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
        if lines:
            copy = self.buttons.addButton("&Copy", QDialogButtonBox.ButtonRole.ActionRole)
            copy.setToolTip("Copy the problems, one a line")
            copy.clicked.connect(self.copy)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._fit(layout)

    def copy(self) -> None:
        """Put the problems on the clipboard, one a line, as ``dossier validate`` prints them."""
        QGuiApplication.clipboard().setText("\n".join(self._lines))

    def _fit(self, layout: QVBoxLayout) -> None:
        """Open at a readable width (never wider than the window), as tall as the text."""
        width = NOTICE_WIDTH
        parent = self.parentWidget()
        if parent is not None and parent.window().isVisible():
            width = min(width, max(360, parent.window().width() - 40))
        height = (
            layout.totalHeightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.sizeHint().height()
        )
        if self.problems is not None:  # the list's own hint is arbitrary: show its lines
            height += self._list_height - self.problems.sizeHint().height()
        self.resize(width, height)


def _problem_list(lines: Sequence[str]) -> QTextEdit:
    """The problems as a read-only list: one paragraph each, wrapped to the width (a long
    path anywhere), continuation lines indented so each problem stands apart."""
    view = QTextEdit()
    view.setReadOnly(True)
    view.setAcceptRichText(False)
    view.setAccessibleName("Problems")
    view.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
    view.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setPlainText("\n".join(lines))
    indent = view.fontMetrics().horizontalAdvance("    ")
    block_format = QTextBlockFormat()
    block_format.setLeftMargin(indent)
    block_format.setTextIndent(-indent)  # a hanging indent
    block_format.setBottomMargin(view.fontMetrics().lineSpacing() / 4)
    cursor = QTextCursor(view.document())
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.mergeBlockFormat(block_format)
    return view


def show_about(parent: QWidget | None, title: str, text: str) -> None:
    """The About box (``text`` is rich text built from escaped strings)."""
    QMessageBox.about(parent, title, text)


def show_problems(parent: QWidget | None, title: str, summary: str, lines: Sequence[str]) -> None:
    """A dialog listing problems (``file:line:col: message``), all of them."""
    dialog = NoticeDialog(parent, title, summary, lines)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()


def show_message(parent: QWidget | None, title: str, text: str) -> None:
    """A warning: one plain sentence saying what did not work."""
    dialog = NoticeDialog(parent, title, text)
    try:
        dialog.exec()
    finally:
        dialog.deleteLater()


def ask_again(parent: QWidget | None, title: str, text: str, again: str) -> bool:
    """A warning with a button (``again``) to try once more; True when it was pressed."""
    dialog = NoticeDialog(parent, title, text, again=again)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def ask_confirm(parent: QWidget | None, title: str, text: str, yes: str) -> bool:
    """Ask before doing something that cannot be undone (the button says ``yes``); True
    when it was pressed."""
    dialog = NoticeDialog(parent, title, text, again=yes)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def show_unexpected(parent: QWidget | None, summary: str, details: str) -> None:
    """A dialog for an unexpected failure, with a button copying the details."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Unexpected error", summary, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText("The viewer keeps running. The details below help to fix it.")
    box.setDetailedText(details)
    copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    copy.clicked.disconnect()  # keep the box open after copying
    copy.clicked.connect(lambda: QApplication.clipboard().setText(details))
    box.exec()
