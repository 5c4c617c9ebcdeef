"""The timeline: one lane per section, spans for partial dates, the as-of line."""

from __future__ import annotations

import bisect
import datetime as dt
import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPen

from dossier.core.pictures.labels import Candidate, Placer
from dossier.core.pictures.timeline import Timeline, TimelineRow, stack
from dossier.export.pictures.common import (
    Drawing,
    Mark,
    Palette,
    Type,
    begin,
    draw_label,
    elide,
    fitting,
    message,
    qrect,
)

MAX_LEVELS = 4  # rows per lane; more overlapping events share the last row
MIN_MARK = 4.0  # the narrowest mark, so a one-day event stays visible
_MONTHS = "JFMAMJJASOND"

Window = tuple[float, float]  # the axis' first and last day, as proleptic ordinals


def default_window(timeline: Timeline) -> Window:
    """The whole timeline, as-of date included, with a little room either side."""
    first = min(timeline.first, timeline.as_of_start).toordinal()
    last = max(timeline.last, timeline.as_of_end).toordinal()
    pad = (last - first) * 0.02 + 10
    return first - pad, last + pad


def _year_at(ordinal: float) -> int:
    """The year of a day of the window, which may run past the calendar's ends."""
    return dt.date.fromordinal(min(max(1, int(ordinal)), dt.date.max.toordinal())).year


def _year_step(px_per_year: float, room: float) -> int:
    """Years between labelled ticks, so that each label has ``room``."""
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500):
        if step * px_per_year >= room:
            return step
    return 1000


def _contrast(color: QColor) -> QColor:
    luminance = 0.2126 * color.redF() + 0.7152 * color.greenF() + 0.0722 * color.blueF()
    return QColor("#000000") if luminance > 0.45 else QColor("#ffffff")


def draw_timeline(
    painter: QPainter,
    rect: QRectF,
    timeline: Timeline,
    palette: Palette,
    type_: Type,
    *,
    window: Window | None = None,
    lane_titles: bool = True,
) -> Drawing:
    """Draw ``timeline`` into ``rect``; return its marks and labels.

    Without ``lane_titles`` the lanes' names (and their gutter) are left out: a strip
    of one section's events stands under that section's own title."""
    drawing = Drawing()
    begin(painter, rect, palette)
    if not timeline.rows:
        message(painter, rect, "This dossier has no dated events.", palette, type_)
        painter.restore()
        return drawing
    t0, t1 = window or default_window(timeline)
    small = type_.font(0.9)
    bold = type_.font(0.95, bold=True)
    small_metrics, bold_metrics = QFontMetricsF(small), QFontMetricsF(bold)
    gutter = (
        min(
            max(bold_metrics.horizontalAdvance(lane.title) for lane in timeline.lanes) + 18,
            rect.width() * 0.26,
        )
        if lane_titles
        else 8.0
    )
    axis_h, legend_h, full_row_h = _bands(small_metrics)
    plot = QRectF(
        rect.left() + gutter, rect.top() + axis_h, rect.width() - gutter - 8,
        rect.height() - axis_h - legend_h,
    )  # fmt: skip
    levels, lane_levels = _levels(timeline)
    row_h = max(8.0, min(full_row_h, plot.height() / sum(lane_levels)))
    scale = plot.width() / max(t1 - t0, 1.0)

    def x_of(day: dt.date) -> float:
        return plot.left() + (day.toordinal() - t0) * scale

    # lanes: a faint band each, the section's name in the gutter
    lane_top: list[float] = []
    band = QColor(palette.grid)  # the faint ground of every other lane
    band.setAlpha(90)
    y = plot.top()
    for index, lane in enumerate(timeline.lanes):
        lane_top.append(y)
        height = lane_levels[index] * row_h
        if index % 2 == 0:
            painter.fillRect(QRectF(rect.left(), y, rect.width(), height), band)
        if not lane_titles:
            y += height
            continue
        painter.setFont(bold)
        painter.setPen(QColor(palette.text))
        title = elide(bold_metrics, lane.title, gutter - 18)
        painter.fillRect(
            QRectF(rect.left() + 4, y + row_h / 2 - 4, 8, 8), palette.lane(lane.colour)
        )
        draw_label(
            painter,
            QRectF(rect.left() + 16, y + (row_h - bold_metrics.height()) / 2, gutter, 0),
            title,
            bold_metrics,
        )
        y += height
    bottom = y

    # the years on the band's first line, the as-of label on the second, never touching
    drawing.labels += _draw_axis(
        painter, plot, bottom, t0, t1, scale, palette, type_, label_y=rect.top() + 2
    )

    # the as-of date: a band over its extent, a line at its end
    as_of_x0, as_of_x1 = x_of(timeline.as_of_start), x_of(timeline.as_of_end)
    painter.save()
    painter.setClipRect(QRectF(plot.left(), rect.top(), plot.width(), rect.height()))
    tint = QColor(palette.as_of)
    tint.setAlpha(40)
    painter.fillRect(QRectF(as_of_x0, plot.top(), as_of_x1 - as_of_x0, bottom - plot.top()), tint)
    pen = QPen(QColor(palette.as_of))
    pen.setWidthF(1.6)
    painter.setPen(pen)
    painter.drawLine(QPointF(as_of_x1, plot.top() - 4), QPointF(as_of_x1, bottom))
    painter.setFont(small)
    as_of_text = f"as of {timeline.as_of.display()}"
    width = small_metrics.horizontalAdvance(as_of_text)
    tx = as_of_x1 + 4 if as_of_x1 + 4 + width < plot.right() else as_of_x1 - 4 - width
    as_of_label = QRectF(tx, plot.top() - small_metrics.height() - 2, width, small_metrics.height())
    draw_label(painter, as_of_label, as_of_text, small_metrics)
    if plot.left() <= as_of_x1 <= plot.right():
        drawing.labels.append(as_of_label)
    painter.restore()

    placer = Placer((plot.left(), plot.top(), plot.width(), bottom - plot.top()), gap=3)
    # the as-of line: a label beside it, not struck through by it
    line = QRectF(as_of_x1 - 1, plot.top(), 2, bottom - plot.top())
    placer.block((line.x(), line.y(), line.width(), line.height()))
    drawing.kept_clear.append(line)
    drawn: list[tuple[TimelineRow, QRectF]] = []
    painter.save()
    painter.setClipRect(QRectF(plot.left(), plot.top(), plot.width(), bottom - plot.top()))
    for row in timeline.rows:
        x0 = x_of(row.start)
        x1 = max(x_of(row.end), x0 + MIN_MARK)
        if x1 < plot.left() or x0 > plot.right():
            continue
        y0 = lane_top[row.lane] + levels[row.anchor] * row_h + row_h * 0.18
        mark = QRectF(x0, y0, x1 - x0 - 1, row_h * 0.64)
        _draw_mark(painter, mark, row, palette.lane(timeline.lanes[row.lane].colour), palette)
        lane_title = timeline.lanes[row.lane].title
        text = f"{row.date.display()} · {lane_title}\n{row.title}\n{row.markers}"
        drawing.marks.append(Mark(mark, row.anchor, text, "event"))
        visible = mark.intersected(plot)
        placer.block((visible.x(), visible.y(), visible.width(), visible.height()))
        drawn.append((row, visible))
    by_row: dict[int, tuple[list[float], list[float]]] = {}
    for _, mark in drawn:
        lefts, rights = by_row.setdefault(round(mark.top()), ([], []))
        lefts.append(mark.left())
        rights.append(mark.right())
    for lefts, rights in by_row.values():
        lefts.sort()
        rights.sort()
    painter.setFont(small)
    for row, mark in drawn:
        own = (mark.x(), mark.y(), mark.width(), mark.height())
        # up to the next mark of the same row, so an elided label does not just vanish
        lefts, rights = by_row[round(mark.top())]
        later = bisect.bisect_left(lefts, mark.right())
        after = lefts[later] if later < len(lefts) else None
        earlier = bisect.bisect_right(rights, mark.left()) - 1
        before = rights[earlier] if earlier >= 0 else None
        room_right = min((after or plot.right()) - mark.right() - 8, 280.0)
        room_left = min(mark.left() - (before or plot.left()) - 8, 280.0)
        height = small_metrics.height()
        top = mark.center().y() - height / 2
        positions = []
        texts = {}
        # on the mark: from its start, or, on a mark the as-of line crosses, from the
        # line on or up to it (a title is never struck through by the line)
        starts = [(mark.left() + 4, mark.width() - 8)]
        if mark.left() < as_of_x1 < mark.right():
            starts += [(as_of_x1 + 4, mark.right() - as_of_x1 - 8)]
            starts += [(mark.left() + 4, as_of_x1 - mark.left() - 8)]
        for start, room in starts:
            if room < 60:
                continue
            shown = elide(small_metrics, row.title, room)
            width = small_metrics.horizontalAdvance(shown)
            key = (start, top, width, height)
            positions.append(key)
            texts[key] = (shown, True)
        for room, side in ((room_right, 1), (room_left, -1)):
            if room < 60:
                continue
            shown = elide(small_metrics, row.title, room)
            width = small_metrics.horizontalAdvance(shown)
            x = mark.right() + 4 if side > 0 else mark.left() - 4 - width
            key = (x, top, width, height)
            positions.append(key)
            texts[key] = (shown, False)
        # the place that shows most of the title first
        positions.sort(key=lambda key: -len(texts[key][0].rstrip("…")))
        placed = placer.place(Candidate(row.anchor, tuple(positions)), ignore=own)
        if placed is None:
            drawing.hidden_labels += 1
            continue
        shown, on_mark = texts[placed]
        colour = palette.lane(timeline.lanes[row.lane].colour)
        if on_mark and row.ahead:  # on hatching: a plate behind the text
            plate = QColor(palette.background)
            plate.setAlpha(225)
            painter.fillRect(qrect(placed).adjusted(-2, 0, 2, 0), plate)
            painter.setPen(QColor(palette.text))
        elif on_mark:
            painter.setPen(_contrast(colour))
        else:  # beside its mark: its lane's own ground under it, so no gridline runs
            # through the letters
            ground = qrect(placed).adjusted(-2, 0, 2, 0)
            painter.fillRect(ground, QColor(palette.background))
            if row.lane % 2 == 0:
                painter.fillRect(ground, band)
            painter.setPen(QColor(palette.text))
        draw_label(painter, qrect(placed), shown, small_metrics)
        drawing.labels.append(qrect(placed))
    painter.restore()
    drawing.bottom = _draw_legend(painter, rect, bottom, palette, type_, drawing.hidden_labels)
    painter.restore()
    return drawing


def _levels(timeline: Timeline) -> tuple[dict[str, int], list[int]]:
    """Each row's level within its lane, and how many levels each lane has."""
    levels = stack(list(timeline.rows), MAX_LEVELS)
    lane_levels = [1] * len(timeline.lanes)
    for row in timeline.rows:
        lane_levels[row.lane] = max(lane_levels[row.lane], levels[row.anchor] + 1)
    return levels, lane_levels


def _bands(metrics: QFontMetricsF) -> tuple[float, float, float]:
    """The heights of the axis above the lanes (a line of years over a line for the
    as-of label), the legend below, and one full row."""
    # the years (a smaller face, about 0.95 of this height), the as-of label, and room
    # between them and around them that does not shrink with the type
    return metrics.height() * 2 + 7, metrics.height() * 1.8, metrics.height() * 2.3


def natural_height(timeline: Timeline, type_: Type) -> float:
    """The height at which :func:`draw_timeline` gives every row its full height (in a
    lower rect the rows are squeezed)."""
    _, lane_levels = _levels(timeline)
    axis_h, legend_h, row_h = _bands(QFontMetricsF(type_.font(0.9)))
    return axis_h + legend_h + row_h * sum(lane_levels) + 4


def _draw_mark(
    painter: QPainter, mark: QRectF, row: TimelineRow, colour: QColor, palette: Palette
) -> None:
    if row.ahead and mark.width() < 10:
        painter.setPen(QPen(colour, 1.2))  # too narrow for hatching: an outline only
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(mark.adjusted(0.6, 0.6, -0.6, -0.6))
        return
    if row.ahead:
        pen = QPen(colour)
        pen.setWidthF(1.4)
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(QBrush(colour, Qt.BrushStyle.BDiagPattern))
    else:
        painter.setPen(QPen(QColor(palette.background), 0.8))
        painter.setBrush(colour)
    painter.drawRoundedRect(mark, 2, 2)
    painter.setBrush(Qt.BrushStyle.NoBrush)


def _draw_axis(  # noqa: PLR0917
    painter: QPainter,
    plot: QRectF,
    bottom: float,
    t0: float,
    t1: float,
    scale: float,
    palette: Palette,
    type_: Type,
    *,
    label_y: float,
) -> list[QRectF]:
    """Year ticks (every 1, 2, 5… years), and month ticks when they have room; their
    labels' tops at ``label_y``. Returns the labels' boxes."""
    small = type_.font(0.85)
    metrics = QFontMetricsF(small)
    painter.setFont(small)
    first = _year_at(t0)
    last = min(_year_at(t1) + 1, dt.MAXYEAR)
    px_per_year = 365.25 * scale
    step = _year_step(px_per_year, metrics.horizontalAdvance("2000") * 2)
    grid = QPen(QColor(palette.grid), 1)
    labels: list[QRectF] = []
    for year in range(first - first % step, last + 1, step):
        if year < dt.MINYEAR:  # the calendar has no year 0 to tick
            continue
        x = plot.left() + (dt.date(year, 1, 1).toordinal() - t0) * scale
        label_end = -math.inf  # where this year's number ends, so no month letter covers it
        if plot.left() - 1 <= x <= plot.right() + 1:
            painter.setPen(grid)
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, bottom))
            painter.setPen(QColor(palette.muted))
            text = str(year)
            width = metrics.horizontalAdvance(text)
            if x + width + 2 <= plot.right():
                labels.append(QRectF(x + 2, label_y, width, metrics.height()))
                draw_label(painter, labels[-1], text, metrics)
                label_end = x + 2 + width
        if px_per_year >= 160 and step == 1:
            for month in range(2, 13):
                mx = plot.left() + (dt.date(year, month, 1).toordinal() - t0) * scale
                if not plot.left() <= mx <= plot.right():
                    continue
                painter.setPen(QPen(QColor(palette.grid), 0.6, Qt.PenStyle.DotLine))
                painter.drawLine(QPointF(mx, plot.top()), QPointF(mx, bottom))
                letter = _MONTHS[month - 1]
                letter_w = metrics.horizontalAdvance(letter)
                if (
                    px_per_year >= 12 * 14
                    and mx + 1 >= label_end + 3
                    and mx + 1 + letter_w <= plot.right()
                ):
                    painter.setPen(QColor(palette.muted))
                    labels.append(QRectF(mx + 1, label_y, letter_w, metrics.height()))
                    draw_label(painter, labels[-1], letter, metrics)
    return labels


def _draw_legend(  # noqa: PLR0917
    painter: QPainter,
    rect: QRectF,
    bottom: float,
    palette: Palette,
    type_: Type,
    hidden: int,
) -> float:
    small = type_.font(0.85)
    metrics = QFontMetricsF(small)
    painter.setFont(small)
    y = min(bottom + metrics.height() * 0.5, rect.bottom() - metrics.height() * 1.3)
    x = rect.left() + 6
    swatch = QColor(palette.muted)
    painter.setPen(QPen(QColor(palette.background), 0.8))
    painter.setBrush(swatch)
    painter.drawRect(QRectF(x, y + 2, 14, metrics.height() - 4))
    x += 18
    painter.setPen(QColor(palette.muted))
    parts = ["past or under way"]
    draw_label(painter, QRectF(x, y, 0, 0), parts[0], metrics)
    x += metrics.horizontalAdvance(parts[0]) + 14
    pen = QPen(swatch, 1.2, Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(QBrush(swatch, Qt.BrushStyle.BDiagPattern))
    painter.drawRect(QRectF(x, y + 2, 14, metrics.height() - 4))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    x += 18
    painter.setPen(QColor(palette.muted))
    notes = ["a year or month without a day spans all of it", "a year spans all of it", ""]
    left_out = f"{hidden} title{'' if hidden == 1 else 's'} left out for room" if hidden else ""
    variants = [
        " · ".join(part for part in ("upcoming or planned", note, left_out) if part)
        for note in notes
    ]
    text = fitting(metrics, variants, rect.right() - x - 4)
    draw_label(painter, QRectF(x, y, 0, 0), text, metrics)
    return y + metrics.height()
