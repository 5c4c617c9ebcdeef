"""Who works with whom: people and organisations, an edge per item naming both."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen

from dossier.core.pictures.graph import Graph, layout
from dossier.core.pictures.labels import Candidate, Placer, around
from dossier.export.pictures.common import (
    Drawing,
    Mark,
    Palette,
    Type,
    begin,
    box,
    draw_label,
    elide,
    fitting,
    message,
    qrect,
)


def node_radius(items: int) -> float:
    return min(4.5 + 2.2 * math.sqrt(items), 13.0)


def draw_graph(
    painter: QPainter,
    rect: QRectF,
    graph: Graph,
    palette: Palette,
    type_: Type,
    *,
    positions: dict[str, tuple[float, float]] | None = None,
) -> Drawing:
    """Draw ``graph`` into ``rect`` (positions from :func:`layout` unless given)."""
    drawing = Drawing()
    begin(painter, rect, palette)
    if not graph.nodes:
        message(
            painter, rect, "No two people or organisations are named in one item.", palette, type_
        )
        painter.restore()
        return drawing
    positions = positions or layout(graph)
    font = type_.font(0.9)
    small = type_.font(0.75)
    metrics, small_metrics = QFontMetricsF(font), QFontMetricsF(small)
    legend_h = small_metrics.height() * 1.8
    margin_x = min(90.0, rect.width() * 0.12)
    margin_y = metrics.height() * 1.6
    area = QRectF(
        rect.left() + margin_x, rect.top() + margin_y,
        rect.width() - 2 * margin_x, rect.height() - 2 * margin_y - legend_h,
    )  # fmt: skip
    centre = {
        anchor: QPointF(area.left() + x * area.width(), area.top() + y * area.height())
        for anchor, (x, y) in positions.items()
    }
    for edge in graph.edges:
        pen = QPen(QColor(palette.muted), 0.6 + 0.5 * min(len(edge.items), 4))
        colour = pen.color()
        colour.setAlpha(150)
        pen.setColor(colour)
        painter.setPen(pen)
        painter.drawLine(centre[edge.a], centre[edge.b])
    placer = Placer((rect.x(), rect.y(), rect.width(), rect.height() - legend_h), gap=2)
    for node in graph.nodes:
        point = centre[node.anchor]
        radius = node_radius(len(node.items))
        colour = QColor(palette.person if node.kind == "person" else palette.organization)
        painter.setPen(QPen(QColor(palette.background), 1.2))
        painter.setBrush(colour)
        shape = QRectF(point.x() - radius, point.y() - radius, 2 * radius, 2 * radius)
        if node.kind == "person":
            painter.drawEllipse(shape)
        else:
            painter.drawRoundedRect(shape.adjusted(1, 1, -1, -1), 2, 2)
        placer.block((shape.x(), shape.y(), shape.width(), shape.height()))
        count = len(node.items)
        text = f"{node.name}\n{count} item{'s' if count != 1 else ''} name it with another"
        drawing.marks.append(Mark(shape.adjusted(-3, -3, 3, 3), node.anchor, text, "node"))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setFont(font)
    painter.setPen(QColor(palette.text))
    order = sorted(graph.nodes, key=lambda n: -len(n.items))
    plate = QColor(palette.background)  # behind a label, so lines do not strike it through
    plate.setAlpha(215)
    for node in order:
        point = centre[node.anchor]
        name = elide(metrics, node.name, 200)
        width, height = box(metrics, name)
        offset = node_radius(len(node.items)) + 3
        placed = placer.place(
            Candidate(node.anchor, around(point.x(), point.y(), width, height, offset))
        )
        if placed is None:
            drawing.hidden_labels += 1
            continue
        painter.fillRect(qrect(placed).adjusted(-1, 0, 1, 0), plate)
        draw_label(painter, qrect(placed), name, metrics)
        drawing.labels.append(qrect(placed))
    painter.setFont(small)
    painter.setPen(QColor(palette.muted))
    for edge in graph.edges:
        middle = (centre[edge.a] + centre[edge.b]) / 2
        label = elide(small_metrics, edge.label, 90)
        width, height = box(small_metrics, label)
        where = (middle.x() - width / 2, middle.y() - height / 2, width, height)
        placed = placer.place(Candidate(f"{edge.a}|{edge.b}", (where,)))
        if placed is not None:
            painter.fillRect(qrect(placed).adjusted(-1, 0, 1, 0), plate)
            draw_label(painter, qrect(placed), label, small_metrics)
            drawing.labels.append(qrect(placed))
    _legend(painter, rect, legend_h, palette, small, drawing.hidden_labels)
    painter.restore()
    return drawing


def _legend(  # noqa: PLR0917
    painter: QPainter, rect: QRectF, height: float, palette: Palette, font: object, hidden: int
) -> None:
    from PySide6.QtGui import QFont

    assert isinstance(font, QFont)
    metrics = QFontMetricsF(font)
    y = rect.bottom() - height + (height - metrics.height()) / 2
    x = rect.left() + 6
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(palette.person))
    painter.drawEllipse(QRectF(x, y + 2, 10, 10))
    painter.setPen(QColor(palette.muted))
    draw_label(painter, QRectF(x + 14, y, 0, 0), "person", metrics)
    x += 14 + metrics.horizontalAdvance("person") + 12
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(palette.organization))
    painter.drawRect(QRectF(x, y + 2, 10, 10))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QColor(palette.muted))
    lines = ["a line: both named in one item (its ¶)", "a line: named together", ""]
    left_out = ""
    if hidden:
        left_out = f"{hidden} name{'' if hidden == 1 else 's'} left out (see the table)"
    variants = [
        " · ".join(part for part in ("organisation", line, left_out) if part) for line in lines
    ]
    text = fitting(metrics, variants, rect.right() - x - 20)
    draw_label(painter, QRectF(x + 14, y, 0, 0), text, metrics)
