"""The Export PDF dialog: template and its talking points, sections, paper, classification
text, source appendix.

Print Preview and Print ask the same questions, under their own title and button.

It only collects the reader's choices (a ``BriefingOptions``) and remembers them for
next time; the export itself lives in :mod:`dossier.export`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dossier.core.briefing.choices import (
    FULL,
    MAX_CLASSIFICATION,
    PAGE_SIZES,
    TEMPLATE_NAMES,
    TEMPLATES,
    BriefingOptions,
)
from dossier.core.briefing.marked_points import MarkedPoints
from dossier.core.loader.marking_checks import marking_problem
from dossier.core.model import Dossier
from dossier.ui.notes_export import NotesChoice
from dossier.ui.points_choice import PointsChoice
from dossier.ui.settings import open_settings, read_choice, read_flag, read_text, read_texts

_ID_ROLE = Qt.ItemDataRole.UserRole
SHOWN_SECTIONS = 7  # rows of the sections list in view before it scrolls


class ExportDialog(QDialog):
    """Choose what goes into the printed briefing."""

    def __init__(
        self,
        dossier: Dossier,
        parent: QWidget | None = None,
        *,
        title: str = "Export briefing",
        action: str = "&Export…",
    ) -> None:
        """``title`` and ``action`` (the OK button's text) say what the choices are for."""
        super().__init__(parent)
        self._dossier = dossier
        self.setWindowTitle(title)
        self.setAccessibleName(title)

        self.sections = QListWidget()
        self.sections.setAccessibleName("Sections to include")
        for section in dossier.sections:
            item = QListWidgetItem(section.title)
            item.setData(_ID_ROLE, section.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.sections.addItem(item)
        self.sections.itemChanged.connect(self._update_ok)
        # Every section in view up to SHOWN_SECTIONS (Qt's own height showed four and a
        # half of the bundled dossier's six); more scroll.
        rows = min(self.sections.count(), SHOWN_SECTIONS)
        if rows:
            frame = 2 * self.sections.frameWidth()
            self.sections.setMinimumHeight(rows * self.sections.sizeHintForRow(0) + frame)

        select_all = QPushButton("Select &all")
        select_all.clicked.connect(lambda: self._check_all(True))
        select_none = QPushButton("Select &none")
        select_none.clicked.connect(lambda: self._check_all(False))

        self.template = QComboBox()
        for name in TEMPLATES:
            self.template.addItem(TEMPLATE_NAMES[name], name)
        self.template.setAccessibleName("Template")
        self.template.setToolTip(
            "Full briefing; a read-ahead of at most two pages; or talking points on one page."
        )
        self.points = PointsChoice(dossier)  # which notes mark the talking points
        self.template.currentIndexChanged.connect(self._update_points)
        self.portion_marks = QCheckBox("Print portion &marks, e.g. (R), before each paragraph")
        self.draft = QCheckBox("Mark every page &DRAFT")

        self.page_size = QComboBox()
        self.page_size.addItems(list(PAGE_SIZES))
        self.page_size.setAccessibleName("Page size")

        self.classification = QLineEdit()
        self.classification.setMaxLength(MAX_CLASSIFICATION)
        self.classification.setPlaceholderText(dossier.classification)
        self.classification.setAccessibleName("Classification")
        self.classification.setToolTip(
            "Printed in capitals at the top and bottom of every page; "
            "leave empty to use the dossier's."
        )

        self.appendix = QCheckBox("Append the source text with numbered paragraphs")
        self.notes = NotesChoice(dossier)  # the analyst's notes (dossier.ui.notes_export)
        self._notes_tip = self.notes.include.toolTip()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(action)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        row = QHBoxLayout()
        row.addWidget(select_all)
        row.addWidget(select_none)
        row.addStretch(1)
        form = QFormLayout()
        form.addRow("&Template:", self.template)
        form.addRow("Talking p&oints:", self.points)
        form.addRow("&Page size:", self.page_size)
        form.addRow("&Classification:", self.classification)
        form.addRow("", self.appendix)
        form.addRow("", self.portion_marks)
        form.addRow("", self.draft)
        form.addRow("", self.notes)
        layout = QVBoxLayout(self)
        label = QLabel("&Sections:")
        label.setBuddy(self.sections)
        layout.addWidget(label)
        layout.addWidget(self.sections)
        layout.addLayout(row)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._restore()
        self._update_ok()
        self._update_points()

    # -- choices --------------------------------------------------------------------------
    def chosen_sections(self) -> tuple[str, ...]:
        """The ids of the checked sections, in the dossier's order."""
        return tuple(
            str(item.data(_ID_ROLE))
            for item in (self.sections.item(i) for i in range(self.sections.count()))
            if item.checkState() == Qt.CheckState.Checked
        )

    def options(self) -> BriefingOptions:
        """The reader's choices as export options."""
        chosen = self.chosen_sections()
        everything = len(chosen) == len(self._dossier.sections)
        text = self.classification.text().strip()
        template = str(self.template.currentData())
        marked = self.points.chosen() if template != FULL else MarkedPoints()
        return BriefingOptions(
            sections=None if everything else chosen,
            page_size=self.page_size.currentText(),
            classification=text or None,
            appendix=self.appendix.isChecked(),
            template=template,
            marked=marked.anchors,
            marked_how=marked.how,
            portion_marks=self.portion_marks.isChecked(),
            draft=self.draft.isChecked(),
            notes=self.notes.chosen(),
        )

    def accept(self) -> None:
        """Remember the choices, then close."""
        self._save()
        super().accept()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        dossier: Dossier,
        *,
        title: str = "Export briefing",
        action: str = "&Export…",
    ) -> BriefingOptions | None:
        """Show the dialog; the options, or None when cancelled (tests replace this)."""
        dialog = cls(dossier, parent, title=title, action=action)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.options()
        finally:
            dialog.deleteLater()

    # -- helpers --------------------------------------------------------------------------
    def _check_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for i in range(self.sections.count()):
            self.sections.item(i).setCheckState(state)

    def _update_points(self) -> None:
        """The talking points choice matters only to the templates that print them; the
        source appendix and the analyst's notes, only to the full briefing (greyed out,
        not hidden: the dialog keeps its shape, and the choice comes back)."""
        full = str(self.template.currentData()) == FULL
        self.points.setEnabled(not full)
        self.appendix.setEnabled(full)
        self.notes.setEnabled(full)
        why = "Only the full briefing has this part."
        self.appendix.setToolTip("" if full else why)
        # on the box itself: a child's own tip wins over its container's
        self.notes.include.setToolTip(self._notes_tip if full else why)

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.chosen_sections()))

    def _key(self, what: str = "sections") -> str:
        """Choices that belong to one dossier are kept under its id: a classification
        typed for one dossier must never be offered on another's banner."""
        return f"export/{what}/{self._dossier.id}"

    def _restore(self) -> None:
        store = open_settings()
        self.page_size.setCurrentText(
            read_choice(store, "export/page_size", PAGE_SIZES, PAGE_SIZES[0])
        )
        marking = read_text(store, self._key("classification"), limit=MAX_CLASSIFICATION).strip()
        if marking and marking_problem(marking) is None:  # a banner must read true
            self.classification.setText(marking)
        self.appendix.setChecked(read_flag(store, "export/appendix"))
        template = read_choice(store, "export/template", TEMPLATES, TEMPLATES[0])
        self.template.setCurrentIndex(max(0, self.template.findData(template)))
        self.points.select(read_text(store, "export/points_from", self.points.default_spec))
        for box, key in ((self.portion_marks, "portion_marks"), (self.draft, "draft")):
            box.setChecked(read_flag(store, f"export/{key}"))
        if self.notes.include.isEnabled():  # this dossier's notes, when it has some
            self.notes.include.setChecked(read_flag(store, self._key("notes")))
        skip = set(read_texts(store, self._key(), count=self.sections.count(), limit=256))
        if skip:
            for i in range(self.sections.count()):
                item = self.sections.item(i)
                if str(item.data(_ID_ROLE)) in skip:
                    item.setCheckState(Qt.CheckState.Unchecked)

    def _save(self) -> None:
        store = open_settings()
        store.setValue("export/page_size", self.page_size.currentText())
        store.setValue(self._key("classification"), self.classification.text().strip())
        store.setValue("export/appendix", "true" if self.appendix.isChecked() else "false")
        store.setValue("export/template", str(self.template.currentData()))
        store.setValue("export/points_from", self.points.spec())
        for box, key in ((self.portion_marks, "portion_marks"), (self.draft, "draft")):
            store.setValue(f"export/{key}", "true" if box.isChecked() else "false")
        if self.notes.include.isEnabled():  # none to print says nothing of the choice
            included = self.notes.include.isChecked()
            store.setValue(self._key("notes"), "true" if included else "false")
        chosen = set(self.chosen_sections())
        # Remember what was left out, so sections added to the dossier later are included.
        store.setValue(self._key(), [s.id for s in self._dossier.sections if s.id not in chosen])
        store.sync()
