"""The pictures on paper: a page for the timeline and a page for the map, as vectors.

:func:`paint_picture_pages` paints onto a painter that is already drawing on a paged
device (a ``QPdfWriter`` or ``QPrinter``), starting each picture on a new page, so the
briefing can call it after its last page; :func:`write_pictures_pdf` makes a PDF of
the pictures alone. QPainter's PDF engine writes the lines, fills and text as vector
operators and the text with its font, so it stays selectable and searchable.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFontMetricsF, QPagedPaintDevice, QPainter, QPdfWriter

from dossier.core.model import Dossier
from dossier.core.pictures.geo import build_map
from dossier.core.pictures.timeline import build_timeline
from dossier.export.fonts import register_fonts
from dossier.export.pictures.common import PAPER, Type, draw_label
from dossier.export.pictures.map import draw_map
from dossier.export.pictures.timeline import draw_timeline
from dossier.export.render import RenderError, prepare_device
from dossier.export.style import PageGeometry

LABEL_PT = 8.0  # the pictures' labels on paper
PDF_DPI = 1200


def paint_picture_pages(
    painter: QPainter, device: QPagedPaintDevice, dossier: Dossier, geometry: PageGeometry
) -> int:
    """Paint the timeline and (when the dossier locates places) the map, each on a new
    page of ``device``; return how many pages were added."""
    family = register_fonts().serif
    type_ = Type(family, LABEL_PT)
    pages = 0
    timeline = build_timeline(dossier)
    if timeline.rows:
        _new_page(device)
        body = _begin_page(painter, device, geometry, "Timeline", type_)
        height = min(body.height() * 0.62, 40 + 16 * 3 * max(len(timeline.lanes), 1))
        area = QRectF(body.left(), body.top(), body.width(), height)
        drawn = draw_timeline(painter, area, timeline, PAPER, type_)
        _caption(
            painter,
            QRectF(body.left(), drawn.bottom + 10, body.width(), 60),
            "Every event of the dossier, one lane per section. A year or a month without a "
            "day is drawn across all of it; hatched marks are upcoming or planned; the "
            "orange line is the dossier's as-of date. The events are listed with their "
            "sources in the sections.",
            type_,
        )
        painter.restore()
        pages += 1
    places = build_map(dossier)
    if places is not None:
        _new_page(device)
        body = _begin_page(painter, device, geometry, "Map of the places", type_)
        area = QRectF(body.left(), body.top(), body.width(), min(body.height() * 0.7, body.width()))
        draw_map(painter, area, places, PAPER, type_)
        note = places.gazetteer or "Coordinates are gazetteer data, not claims of the source."
        _caption(
            painter,
            QRectF(body.left(), area.bottom() + 8, body.width(), 80),
            "The dossier's located places and the routes it describes (dashed: a vessel's "
            f"run). {note}",
            type_,
        )
        painter.restore()
        pages += 1
    return pages


def _new_page(device: QPagedPaintDevice) -> None:
    if not device.newPage():
        raise RenderError("the output device refused a new page")


def _begin_page(
    painter: QPainter, device: QPagedPaintDevice, geometry: PageGeometry, title: str, type_: Type
) -> QRectF:
    """Set the painter to points from the paper's corner, draw the heading; return the
    body below it. The caller restores the painter."""
    painter.save()
    scale = device.logicalDpiX() / 72
    painter.scale(scale, device.logicalDpiY() / 72)
    heading = Type(type_.family, 14).font(bold=True)
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
    from PySide6.QtCore import Qt

    painter.setFont(type_.font(1.05, italic=True))
    painter.setPen(QColor(PAPER.muted))
    painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap), text)


def write_pictures_pdf(dossier: Dossier, path: Path, paper: str = "A4") -> int:
    """A PDF of the picture pages alone (a cover line first); return its page count."""
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setTitle(f"{dossier.title}: pictures")
    prepare_device(writer, paper)
    geometry = PageGeometry.for_paper(paper)
    painter = QPainter()
    if not painter.begin(writer):
        raise RenderError(f"cannot write {path}")
    try:
        painter.save()
        painter.scale(writer.logicalDpiX() / 72, writer.logicalDpiY() / 72)
        family = register_fonts().serif
        painter.setFont(Type(family, 18).font(bold=True))
        painter.setPen(QColor(PAPER.text))
        painter.drawText(QPointF(geometry.frame_left, geometry.body_top + 24), dossier.title)
        painter.setFont(Type(family, 11).font())
        line = f"Pictures of the dossier, as of {dossier.as_of.display()}"
        draw_label(painter, QRectF(geometry.frame_left, geometry.body_top + 34, 0, 0), line,
                   QFontMetricsF(Type(family, 11).font()))  # fmt: skip
        painter.restore()
        pages = 1 + paint_picture_pages(painter, writer, dossier, geometry)
    finally:
        painter.end()
    return pages
