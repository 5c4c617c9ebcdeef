"""What every picture shares: palettes, fonts, and what a drawing returns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter

from dossier.core.pictures.labels import Rect

# Okabe & Ito's palette, which stays distinct for the common colour-vision deficiencies;
# yellow last, as it is weak on white.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#F0E442")


@dataclass(frozen=True)
class Palette:
    dark: bool
    background: str
    text: str
    muted: str
    grid: str
    water: str
    land: str
    coast: str
    border: str
    as_of: str  # the as-of line: in ink, a colour no section's lane is drawn in
    person: str
    organization: str
    series: tuple[str, ...] = OKABE_ITO

    def lane(self, index: int) -> QColor:
        return QColor(self.series[index % len(self.series)])


LIGHT = Palette(
    dark=False,
    background="#ffffff",
    text="#1b1b1b",
    muted="#5c5c5c",
    grid="#e2e2e2",
    water="#d6e6f2",
    land="#f3f0e8",
    coast="#6f8190",
    border="#9a8f80",
    as_of="#222222",
    person="#E69F00",
    organization="#0072B2",
)
DARK = Palette(
    dark=True,
    background="#1d1e21",
    text="#e9e9e9",
    muted="#a9a9a9",
    grid="#35373b",
    water="#1a2c3a",
    land="#2c2c2e",
    coast="#7d93a6",
    border="#77705f",
    as_of="#f0f0f0",
    person="#E69F00",
    organization="#56B4E9",
)  # the same series: a section keeps its colour in light, dark and on paper
PAPER = LIGHT


@dataclass(frozen=True)
class Type:
    """The family and base size (in the painter's units) every label is set in."""

    family: str
    size: float = 12.0

    def font(self, scale: float = 1.0, *, bold: bool = False, italic: bool = False) -> QFont:
        font = QFont(self.family)
        font.setPixelSize(max(1, round(self.size * scale)))
        font.setBold(bold)
        font.setItalic(italic)
        font.setFeature(QFont.Tag("liga"), 0)  # plain letters in extracted text
        return font


@dataclass(frozen=True)
class Mark:
    """Something drawn that stands for an item: where it is, which item, what it says."""

    rect: QRectF
    anchor: str
    text: str
    kind: str = ""  # "event", "place", "node", "route", "figure"


@dataclass
class Drawing:
    """What a picture drew: its marks (for hover and clicks) and its label boxes."""

    marks: list[Mark] = field(default_factory=list)
    labels: list[QRectF] = field(default_factory=list)
    kept_clear: list[QRectF] = field(default_factory=list)  # lines no label may cross
    hidden_labels: int = 0  # labels left out because there was no room
    bottom: float = 0.0  # the lowest point drawn on, where a caption may start

    def at(self, point: QPointF) -> Mark | None:
        """The mark under ``point``, the smallest when several overlap."""
        hits = [mark for mark in self.marks if mark.rect.contains(point)]
        return min(hits, key=lambda m: m.rect.width() * m.rect.height(), default=None)


def begin(painter: QPainter, rect: QRectF, palette: Palette) -> None:
    """Start a picture in ``rect``: the painter saved (the caller restores it), clipped,
    antialiased, on the palette's background."""
    painter.save()
    painter.setClipRect(rect)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(rect, QColor(palette.background))


def qrect(rect: Rect) -> QRectF:
    return QRectF(rect[0], rect[1], rect[2], rect[3])


def elide(metrics: QFontMetricsF, text: str, width: float) -> str:
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(width, 0.0))


def fitting(metrics: QFontMetricsF, variants: Sequence[str], width: float) -> str:
    """The first of ``variants`` (longest first) that fits in ``width``, else the last
    elided: a legend says less in a narrow picture instead of losing its end."""
    for text in variants:
        if metrics.horizontalAdvance(text) <= width:
            return text
    return elide(metrics, variants[-1], width)


def draw_label(painter: QPainter, rect: QRectF, text: str, metrics: QFontMetricsF) -> None:
    """One line of text in ``rect`` (its box from :func:`box`)."""
    painter.drawText(QPointF(rect.left(), rect.top() + metrics.ascent()), text)


def box(metrics: QFontMetricsF, text: str) -> tuple[float, float]:
    return metrics.horizontalAdvance(text), metrics.height()


def message(painter: QPainter, rect: QRectF, text: str, palette: Palette, type_: Type) -> None:
    """A line in the middle of an empty picture, saying why it is empty."""
    painter.setFont(type_.font())
    painter.setPen(QColor(palette.muted))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
