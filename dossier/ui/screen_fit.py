"""Sizes a window or dialog asks for, cut to the screen it opens on.

A size fixed in pixels is fine at 1× but not with the display scaled: at 2× on a
1920×1080 screen, 1200×860 is taller than the whole screen, and a dialog's buttons
end up beneath its edge.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

SHARE = 0.92  # of the screen's free area: room for a window frame and a glimpse behind


def fitted(widget: QWidget, wanted: QSize) -> QSize:
    """``wanted``, no larger than :data:`SHARE` of the free area of ``widget``'s screen
    (the primary one until it is shown)."""
    room = widget.screen().availableGeometry().size()
    return wanted.boundedTo(QSize(int(room.width() * SHARE), int(room.height() * SHARE)))


def resize_to_fit(widget: QWidget, wanted: QSize) -> None:
    """Resize ``widget`` to ``wanted``, or as near as its screen allows."""
    widget.resize(fitted(widget, wanted))
