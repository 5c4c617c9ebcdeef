"""A row of combo boxes that stacks them when its widget is too narrow to show each
one's longest item whole (a narrow dock would otherwise cut "All colours" short)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtWidgets import QBoxLayout, QComboBox, QStyle, QStyleOptionComboBox, QWidget

Direction = QBoxLayout.Direction


def whole_width(combo: QComboBox) -> int:
    """The width that shows ``combo``'s longest item whole, with its arrow and frame."""
    metrics = combo.fontMetrics()
    icon = combo.iconSize().width() + 4  # Qt's gap between an item's icon and its text
    text = max(
        (
            metrics.horizontalAdvance(combo.itemText(i))
            + (icon if not combo.itemIcon(i).isNull() else 0)
            for i in range(combo.count())
        ),
        default=0,
    )
    option = QStyleOptionComboBox()
    option.initFrom(combo)
    option.editable = combo.isEditable()
    size = QSize(text, metrics.height())
    return (
        combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, size, combo).width()
    )


class ComboRow(QObject):
    """Lays ``combos`` out side by side in ``layout`` while ``owner`` is wide enough to
    show each whole, and one above the other when it is not."""

    def __init__(self, owner: QWidget, layout: QBoxLayout, combos: list[QComboBox]) -> None:
        super().__init__(owner)
        self._owner, self._layout, self._combos = owner, layout, combos
        for combo in combos:
            layout.addWidget(combo, 1)
        owner.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._owner and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.fit()
        return False

    def fit(self) -> None:
        """Side by side or stacked, for the owner's width now (call when items change)."""
        margins = self._owner.contentsMargins()
        outer = self._owner.layout()
        if outer is not None:
            inner = outer.contentsMargins()
            margins.setLeft(margins.left() + inner.left())
            margins.setRight(margins.right() + inner.right())
        room = self._owner.width() - margins.left() - margins.right()
        spacing = max(0, self._layout.spacing()) * (len(self._combos) - 1)
        needed = sum(whole_width(combo) for combo in self._combos) + spacing
        direction = Direction.LeftToRight if needed <= room else Direction.TopToBottom
        if self._layout.direction() != direction:
            self._layout.setDirection(direction)
