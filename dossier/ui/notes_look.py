"""How a note's mark looks: the highlight colours on a light and a dark page.

Shared by the marks in the panes, the notes panel's rows and the colour menus, so a
colour key looks the same wherever it shows.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPixmap, QTextCharFormat, QTextFormat

from dossier.core.notes.model import Annotation

# What a highlight of each colour key looks like on a light and on a dark page: pale
# enough to read black text through, deep enough to read light text on.
SWATCHES: dict[str, tuple[str, str]] = {
    "yellow": ("#fff1a6", "#5a4b00"),
    "green": ("#cdeec4", "#1e4a27"),
    "red": ("#ffd0cb", "#5c2323"),
    "blue": ("#cfe0fb", "#1c3a60"),
}
OTHER_SWATCH = ("#e4e4e4", "#474747")  # an imported colour the app has no swatch for
NOTE_LINE = ("#a24f00", "#ffb25c")  # the underline of a highlight that carries a note
WHOLE_MARK = ("#eef1f6", "#2a3038")  # an item, section or paragraph with a note on it


def swatch(colour: str | None, dark: bool) -> QColor:
    """The background of a highlight of colour key ``colour``."""
    pair = SWATCHES.get(colour or "", OTHER_SWATCH) if colour else WHOLE_MARK
    return QColor(pair[1] if dark else pair[0])


def mark_format(annotation: Annotation, dark: bool, whole: bool) -> QTextCharFormat:
    """The look of an annotation's mark: a quoted passage in its colour (a faint band
    when it has none), underlined when it carries a note; a whole item, paragraph or
    section as a faint band."""
    fmt = QTextCharFormat()
    if whole:
        fmt.setBackground(swatch(annotation.colour, dark))
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
        return fmt
    # a note with no colour of its own: the faint band, not yellow, which would pass it
    # for a highlight of that colour (and its meaning, "Raise in meeting" say)
    fmt.setBackground(swatch(annotation.colour, dark))
    if annotation.body.strip():
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        fmt.setUnderlineColor(QColor(NOTE_LINE[1] if dark else NOTE_LINE[0]))
    return fmt


def colour_icon(key: str) -> QIcon:
    """A small square of the colour, for menus."""
    pixmap = QPixmap(14, 14)
    pixmap.fill(swatch(key, False))
    return QIcon(pixmap)
