"""The pictures alone on paper: :func:`write_pictures_pdf` makes a PDF of a cover line
and the picture pages, :func:`paint_picture_pages` adds those pages to any paged
device a painter is drawing on."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFontMetricsF, QPagedPaintDevice, QPainter, QPdfWriter

from dossier.core.model import Dossier
from dossier.export.fonts import register_fonts
from dossier.export.pictures.common import PAPER, Type, draw_label
from dossier.export.pictures.pages import picture_pages
from dossier.export.render import RenderError, prepare_device
from dossier.export.style import PageGeometry

PDF_DPI = 1200


def paint_picture_pages(
    painter: QPainter, device: QPagedPaintDevice, dossier: Dossier, geometry: PageGeometry
) -> int:
    """Paint the timeline and (when the dossier locates places) the map, each on a new
    page of ``device``; return how many pages were added."""
    pages = picture_pages(dossier, geometry)
    for page in pages:
        if not device.newPage():
            raise RenderError("the output device refused a new page")
        page.paint(painter, device, geometry)
    return len(pages)


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
