"""The pictures on paper: a page for the timeline and a page for the map, as vectors.

:func:`picture_pages` says which pages a dossier's pictures fill; the briefing's
layout counts them among its pages (so the contents and "Page N of M" are right) and
the renderer paints each one, under the page furniture, with :meth:`PicturePage.paint`.
:func:`small_timeline` is the read-ahead's timeline, drawn in the room its last page
leaves. QPainter's PDF engine writes the lines, fills and text as vector operators
and the text with its font, so it stays selectable and searchable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPaintDevice, QPainter

from dossier.core.model import Dossier
from dossier.core.pictures.geo import PlaceMap, build_map
from dossier.core.pictures.timeline import Timeline, build_timeline
from dossier.export.fonts import register_fonts
from dossier.export.pictures.common import PAPER, Type
from dossier.export.pictures.map import draw_map
from dossier.export.pictures.timeline import draw_timeline
from dossier.export.style import PageGeometry

LABEL_PT = 8.0  # the pictures' labels on paper
HEADING_PT = 14
TIMELINE_CAPTION = (
    "Every event of the dossier, one lane per section. A year or a month without a day "
    "is drawn across all of it; hatched marks are upcoming or planned; the black line "
    "is the dossier's as-of date. The events are listed with their sources in the sections."
)
SMALL_LANE = 11.0  # points of a lane of the read-ahead's small timeline
SMALL_CAPTION = "The events of the dossier by section; the black line is the as-of date."

# Paints a picture into the text area ``body`` (points, the painter set to points).
Paint = Callable[[QPainter, QRectF, Type], None]


@dataclass(frozen=True)
class PicturePage:
    """A page the briefing gives to one picture: its title (contents, outline, running
    head) and how full it is (the share of the text area it covers)."""

    id: str
    title: str
    fill: float
    _paint: Paint

    def paint(self, painter: QPainter, device: QPaintDevice, geometry: PageGeometry) -> None:
        """Draw the picture with its heading into the page's text area; the painter's
        origin is the paper's corner, in device pixels."""
        type_ = Type(register_fonts().serif, LABEL_PT)
        body = _begin_page(painter, device, geometry, self.title, type_)
        try:
            self._paint(painter, body, type_)
        finally:
            painter.restore()


def picture_pages(dossier: Dossier, geometry: PageGeometry) -> list[PicturePage]:
    """The timeline's page and, when the dossier locates places, the map's."""
    pages = []
    timeline = build_timeline(dossier)
    body_height = geometry.body_height - HEADING_PT * 2
    if timeline.rows:
        height = _timeline_height(timeline, geometry)
        fill = min(1.0, (height + 60 + HEADING_PT * 2) / geometry.body_height)
        pages.append(PicturePage("picture/timeline", "Timeline chart", fill, _timeline(timeline)))
    places = build_map(dossier)
    if places is not None:
        height = min(body_height * 0.7, geometry.frame_width)
        fill = min(1.0, (height + 80 + HEADING_PT * 2) / geometry.body_height)
        pages.append(PicturePage("picture/map", "Map of the places", fill, _map(places)))
    return pages


def _timeline_height(timeline: Timeline, geometry: PageGeometry) -> float:
    body_height = geometry.body_height - HEADING_PT * 2
    return min(body_height * 0.62, 40 + 16 * 3 * max(len(timeline.lanes), 1))


def _timeline(timeline: Timeline) -> Paint:
    def paint(painter: QPainter, body: QRectF, type_: Type) -> None:
        height = min(body.height() * 0.62, 40 + 16 * 3 * max(len(timeline.lanes), 1))
        area = QRectF(body.left(), body.top(), body.width(), height)
        drawn = draw_timeline(painter, area, timeline, PAPER, type_)
        caption = QRectF(body.left(), drawn.bottom + 10, body.width(), 60)
        _caption(painter, caption, TIMELINE_CAPTION, type_)

    return paint


def _map(places: PlaceMap) -> Paint:
    def paint(painter: QPainter, body: QRectF, type_: Type) -> None:
        side = min(body.height() * 0.7, body.width())
        area = QRectF(body.left(), body.top(), body.width(), side)
        draw_map(painter, area, places, PAPER, type_)
        note = places.gazetteer or "Coordinates are gazetteer data, not claims of the source."
        _caption(
            painter,
            QRectF(body.left(), area.bottom() + 8, body.width(), 80),
            f"The dossier's located places and the routes it describes (dashed: a vessel's "
            f"run). {note}",
            type_,
        )

    return paint


def small_timeline_height(dossier: Dossier) -> float | None:
    """Points the read-ahead's small timeline needs (None: the dossier has no events)."""
    timeline = build_timeline(dossier)
    if not timeline.rows:
        return None
    return 34 + SMALL_LANE * 2 * max(len(timeline.lanes), 1) + 26


def small_timeline(dossier: Dossier) -> Paint:
    """The read-ahead's timeline: every event, small, in the ``area`` given (points)."""
    timeline = build_timeline(dossier)

    def paint(painter: QPainter, area: QRectF, type_: Type) -> None:
        small = Type(type_.family, 7.0)
        heading = Type(register_fonts().sans, 9.5).font(bold=True)
        painter.setFont(heading)
        painter.setPen(QColor(PAPER.text))
        metrics = QFontMetricsF(heading)
        painter.drawText(QPointF(area.left(), area.top() + metrics.ascent()), "Timeline")
        top = area.top() + metrics.height() * 1.4
        plot = QRectF(area.left(), top, area.width(), area.bottom() - top - 18)
        drawn = draw_timeline(painter, plot, timeline, PAPER, small)
        _caption(
            painter, QRectF(area.left(), drawn.bottom + 4, area.width(), 16), SMALL_CAPTION, small
        )

    return paint


def paint_small_timeline(
    painter: QPainter, device: QPaintDevice, paint: Paint, area: QRectF
) -> None:
    """Draw ``paint`` into ``area`` (points from the paper's corner)."""
    painter.save()
    painter.scale(device.logicalDpiX() / 72, device.logicalDpiY() / 72)
    try:
        paint(painter, area, Type(register_fonts().serif, LABEL_PT))
    finally:
        painter.restore()


def _begin_page(
    painter: QPainter, device: QPaintDevice, geometry: PageGeometry, title: str, type_: Type
) -> QRectF:
    """Set the painter to points from the paper's corner, draw the heading; return the
    body below it. The caller restores the painter."""
    painter.save()
    scale = device.logicalDpiX() / 72
    painter.scale(scale, device.logicalDpiY() / 72)
    heading = Type(register_fonts().sans, HEADING_PT).font(bold=True)  # as the parts' headings
    metrics = QFontMetricsF(heading)
    painter.setFont(heading)
    painter.setPen(QColor(PAPER.text))
    top = geometry.body_top
    painter.drawText(QPointF(geometry.frame_left, top + metrics.ascent()), title)
    body_top = top + metrics.height() * 1.8
    return QRectF(
        geometry.frame_left, body_top, geometry.frame_width, geometry.body_height - (body_top - top)
    )


def _caption(painter: QPainter, rect: QRectF, text: str, type_: Type) -> None:
    painter.setFont(type_.font(1.05, italic=True))
    painter.setPen(QColor(PAPER.muted))
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap), text)
