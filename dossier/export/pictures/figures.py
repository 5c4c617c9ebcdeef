"""Figures you can compare: change bars (direction and size) and series over periods.

A chart holds one unit: change bars are grouped by the unit of their change, and a
series is one label in one unit.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen

from dossier.core.model import Dossier
from dossier.core.pictures.figures import (
    ChangeBar,
    FigureSeries,
    build_changes,
    build_series,
    value_and_unit,
)
from dossier.export.pictures.common import Drawing, Mark, Palette, Type, begin, draw_label, elide

UP = "#0072B2"  # blue for a rise, vermillion for a fall (Okabe–Ito), with ▲ ▼ as well
DOWN = "#D55E00"
SERIES_HEIGHT = 150.0


def _number(value: float) -> str:
    return f"{value:+,.0f}" if float(value).is_integer() else f"{value:+,.1f}"


def draw_figures(
    painter: QPainter, rect: QRectF, dossier: Dossier, palette: Palette, type_: Type
) -> Drawing:
    """Change bars, then one small chart per series, top to bottom in ``rect``."""
    drawing = Drawing()
    begin(painter, rect, palette)
    heading = type_.font(1.0, bold=True)
    font = type_.font(0.9)
    heading_metrics, metrics = QFontMetricsF(heading), QFontMetricsF(font)
    y = rect.top() + 8
    left = rect.left() + 10
    width = rect.width() - 20
    changes = build_changes(dossier)
    groups: dict[str, list[ChangeBar]] = {}
    for change in changes:
        groups.setdefault(change.delta_unit, []).append(change)
    for unit, bars in groups.items():
        painter.setFont(heading)
        painter.setPen(QColor(palette.text))
        draw_label(painter, QRectF(left, y, width, 0), f"Change ({unit})", heading_metrics)
        y += heading_metrics.height() * 1.4
        y = _change_rows(painter, QRectF(left, y, width, 0), bars, palette, type_, drawing)
        y += metrics.height()
    painter.setFont(heading)
    painter.setPen(QColor(palette.text))
    series = build_series(dossier)
    draw_label(painter, QRectF(left, y, width, 0), "Series over periods", heading_metrics)
    y += heading_metrics.height() * 1.4
    painter.setFont(font)
    if not series:
        painter.setPen(QColor(palette.muted))
        note = "No figure of the dossier is given for more than one period, so none is charted."
        draw_label(painter, QRectF(left, y, width, 0), elide(metrics, note, width), metrics)
    column = max(260.0, width / 2 - 10)
    per_row = max(1, int(width // column))
    for index, one in enumerate(series):
        x = left + (index % per_row) * (width / per_row)
        top = y + (index // per_row) * (SERIES_HEIGHT + 16)
        box = QRectF(x, top, width / per_row - 12, SERIES_HEIGHT)
        _series(painter, box, one, palette, type_, drawing)
    painter.restore()
    return drawing


def _change_rows(  # noqa: PLR0917
    painter: QPainter,
    rect: QRectF,
    bars: list[ChangeBar],
    palette: Palette,
    type_: Type,
    drawing: Drawing,
) -> float:
    font = type_.font(0.9)
    metrics = QFontMetricsF(font)
    painter.setFont(font)
    labels = [f"{bar.label} ({value_and_unit(bar.value_text, bar.unit)})" for bar in bars]
    value_w = metrics.horizontalAdvance("▼ +00,000 % ") + metrics.horizontalAdvance("¶ 000, ¶ 000")
    # the labels as wide as the longest needs, up to three fifths of the width, so a
    # wide picture cuts no label short while its bars stand in empty room
    widest = max(metrics.horizontalAdvance(label) for label in labels) + 4
    label_w = max(rect.width() * 0.3, min(widest, rect.width() * 0.6))
    bar_w = max(rect.width() - label_w - value_w - 16, 60.0)
    # the zero line in the middle only when bars go both ways; else at the side they
    # grow from, and each bar may take the whole room
    rises, falls = any(bar.delta > 0 for bar in bars), any(bar.delta < 0 for bar in bars)
    span = bar_w / 2 if rises and falls else bar_w
    zero = rect.left() + label_w + 8 + (bar_w if falls and not rises else bar_w - span)
    largest = max(abs(bar.delta) for bar in bars) or 1.0
    row_h = metrics.height() * 1.6
    y = rect.top()
    axis = QPen(QColor(palette.muted), 1)
    painter.setPen(axis)
    painter.drawLine(QPointF(zero, y - 2), QPointF(zero, y + row_h * len(bars)))
    for bar, label in zip(bars, labels, strict=True):
        painter.setPen(QColor(palette.text))
        draw_label(
            painter,
            QRectF(rect.left(), y + row_h * 0.2, 0, 0),
            elide(metrics, label, label_w),
            metrics,
        )
        length = bar.delta / largest * span
        colour = QColor(UP if bar.delta >= 0 else DOWN)
        shape = QRectF(zero, y + row_h * 0.2, length, row_h * 0.6).normalized()
        painter.fillRect(shape, colour)
        arrow = "▲" if bar.delta >= 0 else "▼"
        text = f"{arrow} {_number(bar.delta)} {bar.delta_unit}  {bar.markers}".replace(" %", "%")
        painter.setPen(QColor(palette.text))
        draw_label(
            painter,
            QRectF(rect.left() + label_w + 16 + bar_w, y + row_h * 0.2, 0, 0),
            text,
            metrics,
        )
        row = QRectF(rect.left(), y, rect.width(), row_h)
        drawing.marks.append(
            Mark(row, bar.anchor, f"{bar.label}: {bar.change}\n{bar.markers}", "figure")
        )
        y += row_h
    return y


def _series(  # noqa: PLR0917
    painter: QPainter,
    rect: QRectF,
    series: FigureSeries,
    palette: Palette,
    type_: Type,
    drawing: Drawing,
) -> None:
    font = type_.font(0.85)
    metrics = QFontMetricsF(font)
    painter.setFont(font)
    painter.setPen(QColor(palette.text))
    draw_label(
        painter, rect, elide(metrics, f"{series.label} ({series.unit})", rect.width()), metrics
    )
    plot = rect.adjusted(36, metrics.height() * 1.5, -8, -metrics.height() * 1.4)
    values = [p.value for p in series.points]
    low, high = min(0.0, *values), max(values)
    span = high - low or 1.0
    painter.setPen(QPen(QColor(palette.grid), 1))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    count = len(series.points)
    path = QPainterPath()
    for i, point in enumerate(series.points):
        x = plot.left() + (plot.width() * i / (count - 1) if count > 1 else plot.width() / 2)
        y = plot.bottom() - (point.value - low) / span * plot.height()
        if i == 0:
            path.moveTo(x, y)
        else:
            path.lineTo(x, y)
        painter.setPen(QColor(palette.muted))
        draw_label(painter, QRectF(x - 20, plot.bottom() + 2, 0, 0), point.period[:10], metrics)
        drawing.marks.append(
            Mark(
                QRectF(x - 6, y - 6, 12, 12),
                point.anchor,
                f"{series.label}, {point.period}: "
                f"{value_and_unit(f'{point.value:,g}', series.unit)}\n{point.markers}",
                "figure",
            )
        )
    painter.strokePath(path, QPen(QColor(palette.series[0]), 2))
    painter.setBrush(QColor(palette.series[0]))
    painter.setPen(Qt.PenStyle.NoPen)
    for mark in drawing.marks[-count:]:
        painter.drawEllipse(mark.rect.center(), 3.5, 3.5)
    painter.setBrush(Qt.BrushStyle.NoBrush)
