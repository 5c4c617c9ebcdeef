"""Colours and type for the pages and the search list, derived from the application palette."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontInfo, QFontMetricsF, QPalette
from PySide6.QtWidgets import QApplication

from dossier.core import screen_style

BASE_PT = 11.5  # body size at zoom 0
ZOOM_STEP = 0.1  # each step is 10% of the base size
MEASURE_CHARS = 78  # a readable line


@dataclass(frozen=True)
class Theme:
    """What a pane needs to draw a page: its style sheet and its highlight colours."""

    dark: bool
    colors: screen_style.Colors
    base_pt: float
    passage: QColor  # background of a cited passage
    item: QColor  # background of a revealed item
    sans: str = screen_style.SANS  # CSS family list of the headings and labels

    def stylesheet(self) -> str:
        return screen_style.stylesheet(self.colors, base_pt=self.base_pt, sans=self.sans)


def _hex(color: QColor) -> str:
    return color.name(QColor.NameFormat.HexRgb)


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved a fraction ``t`` towards ``b``."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def is_dark(palette: QPalette) -> bool:
    """True when the palette draws light text on a dark page."""
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def theme_for(palette: QPalette, zoom: int = 0) -> Theme:
    """The theme that matches ``palette`` at ``zoom`` steps."""
    dark = is_dark(palette)
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    start = screen_style.DARK if dark else screen_style.LIGHT
    colors = screen_style.Colors(
        text=_hex(text),
        muted=_hex(_mix(text, base, 0.38)),
        link=start.link,
        rule=_hex(_mix(text, base, 0.55)),
        banner_text=start.banner_text,
        banner_back=start.banner_back,
        upcoming_text=start.upcoming_text,
        upcoming_back=start.upcoming_back,
    )
    passage = QColor("#7a6410") if dark else QColor("#ffe38a")
    item = _mix(base, palette.color(QPalette.ColorRole.Highlight), 0.22)
    base_pt = round(BASE_PT * (1 + ZOOM_STEP * zoom), 1)
    return Theme(dark, colors, base_pt, passage, item, _sans_list())


def _sans_list() -> str:
    """The pages' sans families, then the interface's own before the generic name: a
    generic "sans-serif" may resolve to the shipped Noto Sans, of which only the bold
    face is registered (it serves the printed headings)."""
    families = list(screen_style.SANS_FAMILIES)
    desktop = QFontInfo(QApplication.font()).family()
    if desktop and desktop not in families:
        families.append(desktop)
    return screen_style.font_list(families, "sans-serif")


@dataclass(frozen=True)
class RowColors:
    """The colours of a list row's parts (a search result), on its background."""

    text: QColor
    muted: QColor  # the kind label and the paragraph number
    mark_back: QColor  # behind a matched word
    mark_text: QColor


def row_colors(palette: QPalette, *, selected: bool = False) -> RowColors:
    """The colours of a result row in ``palette``, selected or not.

    Muted text is mixed from the text and the background it sits on: the palette's
    placeholder colour may be translucent, and a colour name drops its alpha. A match
    is marked by a background of its own, so it shows in bold text as in plain.
    """
    role = QPalette.ColorRole
    if selected:
        text, back = palette.color(role.HighlightedText), palette.color(role.Highlight)
        muted = _mix(text, back, 0.25)
    else:
        text, back = palette.color(role.Text), palette.color(role.Base)
        muted = _mix(text, back, 0.42)
    if is_dark(palette):
        return RowColors(text, muted, QColor("#806a12"), QColor("#fff8e0"))
    return RowColors(text, muted, QColor("#ffe07a"), QColor("#1d1d1f"))


def frame_color(palette: QPalette) -> QColor:
    """A field's border that shows against both the field and the window behind it."""
    return _mix(palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base), 0.6)


def body_font(point_size: float) -> QFont:
    """The serif body font the style sheet asks for (first family installed)."""
    families = set(QFontDatabase.families())
    for family in ("Charis SIL", "Source Serif 4", "DejaVu Serif", "Georgia"):
        if family in families:
            font = QFont(family)
            break
    else:
        font = QFont(QApplication.font())
        font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(point_size)
    return font


def measure_px(point_size: float) -> float:
    """The width of a readable line of body text, in pixels."""
    metrics = QFontMetricsF(body_font(point_size))
    sample = "the quick brown fox jumps over a lazy dog "
    return metrics.horizontalAdvance(sample) / len(sample) * MEASURE_CHARS
