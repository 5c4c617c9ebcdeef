"""The one renderer of the printed briefing: pages with their furniture, onto any device.

PDF export (``QPdfWriter``), print preview and printing (``QPrinter``) all call
:func:`render`; the layout is made once at :func:`dossier.export.style.layout_dpi` and
scaled to the device, so every output breaks its pages at the same places.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPen,
)

from dossier.export.layout import BriefingLayout, is_cover
from dossier.export.style import MUTED, RULE, TEXT

log = logging.getLogger("dossier.export")

DRAFT_TEXT = "DRAFT"
DRAFT = "#d9d9d9"  # light enough to read the text through, dark enough to photocopy
HANDLING_DROP = 9.5  # points from the banner's baseline to the handling caveat's

PAGE_SIZE_IDS = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}


class RenderError(RuntimeError):
    """The device refused to paint (cannot open the file, printer gone)."""


def page_size(name: str) -> QPageSize:
    """The ``QPageSize`` for ``"A4"`` or ``"Letter"``."""
    return QPageSize(PAGE_SIZE_IDS[name])


def prepare_device(device: QPagedPaintDevice, paper: str) -> None:
    """Set the paper size and zero margins: the renderer draws its own margins."""
    device.setPageLayout(
        QPageLayout(page_size(paper), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    )


def render(
    layout: BriefingLayout,
    device: QPagedPaintDevice,
    *,
    pages: range | None = None,
) -> int:
    """Paint the briefing's pages onto ``device`` (already sized); return the page count."""
    painter = QPainter()
    if not painter.begin(device):
        raise RenderError("the output device could not be opened for painting")
    try:
        wanted = pages if pages is not None else range(layout.pages)
        for count, index in enumerate(wanted):
            if count and not device.newPage():
                raise RenderError("the output device refused a new page")
            paint_page(painter, layout, index)
    finally:
        painter.end()
    return len(wanted)


def paint_page(painter: QPainter, layout: BriefingLayout, index: int) -> None:
    """Paint page ``index`` (0-based): the furniture, then the part's text or picture.

    The painter's origin is the top-left corner of the paper, in device pixels.
    """
    device = painter.device()
    dpi_x, dpi_y = device.logicalDpiX(), device.logicalDpiY()
    part, local = layout.locate(index)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    # The cover's running head carries the title alone: its part has no name to show.
    title = None if is_cover(part) else part.part_at(local).running_title
    _paint_furniture(painter, layout, index, title)
    if layout.briefing.draft:
        _paint_draft(painter, layout)
    painter.restore()

    g = layout.geometry
    page_height = g.body_height * layout.dpi / 72
    width = g.frame_width * layout.dpi / 72
    bleed = 20 * layout.dpi / 72  # bullets and italics may reach a little outside
    clip = QRectF(-bleed, local * page_height, width + 2 * bleed, page_height)
    painter.save()
    painter.translate(g.frame_left * dpi_x / 72, g.body_top * dpi_y / 72)
    painter.scale(dpi_x / layout.dpi, dpi_y / layout.dpi)
    painter.translate(0, -local * page_height)
    painter.setClipRect(clip)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.clip = clip
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Text, QColor(TEXT))
    context.palette = palette
    if part.fill is None:  # a page of text (a picture's page has none to draw)
        part.document.documentLayout().draw(painter, context)
    _paint_leaders(painter, part.leaders, layout.dpi)
    painter.restore()
    picture = part.pictures.get(local)  # a picture's page, or the read-ahead's timeline
    if picture is not None:
        painter.save()
        picture(painter, device)
        painter.restore()


def _paint_leaders(
    painter: QPainter, leaders: list[tuple[float, float, float]], dpi: float
) -> None:
    """Dot leaders from each contents title to its page number (layout pixels)."""
    if not leaders:
        return
    step = 4.5 * dpi / 72
    radius = 0.55 * dpi / 72
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(MUTED))
    for baseline, start, end in leaders:
        x = (int((start + step) / step) + 0.5) * step  # dots line up from row to row
        while x < end - step:
            painter.drawEllipse(QPointF(x, baseline - radius), radius, radius)
            x += step


def _paint_draft(painter: QPainter, layout: BriefingLayout) -> None:
    """A large grey DRAFT across the page, under the text."""
    device = painter.device()
    sx, sy = device.logicalDpiX() / 72, device.logicalDpiY() / 72
    g = layout.geometry
    painter.save()
    painter.translate(g.width * sx / 2, g.height * sy / 2)
    painter.rotate(-50)
    font = _font(layout.fonts.sans, 110, bold=True)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 110)
    painter.setFont(font)
    painter.setPen(QColor(DRAFT))
    metrics = QFontMetricsF(painter.font(), device)
    width = metrics.horizontalAdvance(DRAFT_TEXT)
    painter.drawText(QPointF(-width / 2, metrics.capHeight() / 2), DRAFT_TEXT)
    painter.restore()


def _font(family: str, points: float, *, bold: bool = False, italic: bool = False) -> QFont:
    font = QFont(family)
    font.setPointSizeF(points)
    font.setBold(bold)
    font.setItalic(italic)
    font.setKerning(True)
    font.setFeature(QFont.Tag("liga"), 0)  # plain letters in extracted text
    return font


def _paint_furniture(
    painter: QPainter, layout: BriefingLayout, index: int, part_title: str | None
) -> None:
    """Classification top and bottom, running head, rules, "Page N of M" and as-of date."""
    g = layout.geometry
    briefing = layout.briefing
    fonts = layout.fonts
    device = painter.device()
    sx, sy = device.logicalDpiX() / 72, device.logicalDpiY() / 72
    left = g.frame_left * sx
    width = g.frame_width * sx
    right = left + width

    banner = _font(fonts.sans, 9, bold=True)
    banner.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 112)
    small = _font(fonts.serif, 8.5)
    small_italic = _font(fonts.serif, 8.5, italic=True)

    painter.setPen(QColor(TEXT))
    for baseline in (g.banner_top_baseline, g.banner_bottom_baseline):
        _text(painter, banner, briefing.banner, left, width, baseline * sy, "center")
    if briefing.handling:
        caveat = _font(fonts.serif, 7.5, italic=True)
        where = (g.banner_top_baseline + HANDLING_DROP) * sy
        _text(painter, caveat, briefing.handling, left, width, where, "center")
    painter.setPen(QColor(MUTED))
    head = g.head_baseline * sy
    used = 0.0
    if part_title is not None:
        used = _text(painter, small, part_title, left, width / 2, head, "right", right) + sx * 12
    _text(painter, small_italic, briefing.running_title, left, width - used, head, "left")
    foot = g.foot_baseline * sy
    _text(painter, small, briefing.as_of_text, left, width, foot, "left")
    _text(painter, small, f"Page {index + 1} of {layout.pages}", left, width, foot, "right")

    pen = QPen(QColor(RULE))
    pen.setWidthF(0.5 * sy)
    painter.setPen(pen)
    for y in (g.head_rule * sy, g.foot_rule * sy):
        painter.drawLine(QPointF(left, y), QPointF(right, y))


def _text(  # noqa: PLR0917
    painter: QPainter,
    font: QFont,
    text: str,
    left: float,
    width: float,
    baseline: float,
    align: str,
    right: float | None = None,
) -> float:
    """Draw one line of text on ``baseline``, at most ``width`` wide (elided), aligned
    left at ``left``, centred on the frame, or right at ``right``; return its width."""
    painter.setFont(font)
    metrics = QFontMetricsF(painter.font(), painter.device())
    shown = metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, width)
    advance = metrics.horizontalAdvance(shown)
    if align == "center":
        x = left + (width - advance) / 2
    elif align == "right":
        x = (right if right is not None else left + width) - advance
    else:
        x = left
    painter.drawText(QPointF(x, baseline), shown)
    return advance
