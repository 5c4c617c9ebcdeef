"""The map: the shipped Natural Earth base map, the dossier's places and its routes."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen

from dossier.core.pictures.geo import BaseMap, Cluster, Lambert, PlaceMap, base_map, cluster
from dossier.core.pictures.labels import (
    Candidate,
    Placer,
    Rect,
    Segment,
    around,
    uncrossed_first,
)
from dossier.export.pictures.common import (
    Drawing,
    Mark,
    Palette,
    Type,
    box,
    draw_label,
    elide,
    qrect,
)

CLUSTER_RADIUS = 9.0  # places closer than this on screen share one mark
DOT = 4.0
# Okabe–Ito colours that stand out on both palettes' water and land
ROUTE_COLOURS = ("#D55E00", "#CC79A7", "#009E73", "#E69F00")


class Frame:
    """Degrees to the painter's coordinates: the projection fitted into a rectangle."""

    def __init__(self, bounds: tuple[float, float, float, float], rect: QRectF) -> None:
        west, south, east, north = bounds
        self.projection = Lambert.for_bounds(west, south, east, north)
        samples = [
            self.projection.project(lat, lon)
            for lat in (south, (south + north) / 2, north)
            for lon in (west, (west + east) / 2, east)
        ]
        xs, ys = [p[0] for p in samples], [p[1] for p in samples]
        self.x0, self.y1 = min(xs), max(ys)
        width, height = max(xs) - self.x0, self.y1 - min(ys)
        self.scale = min(rect.width() / width, rect.height() / height)
        self.left = rect.left() + (rect.width() - width * self.scale) / 2
        self.top = rect.top() + (rect.height() - height * self.scale) / 2

    def point(self, lat: float, lon: float) -> QPointF:
        x, y = self.projection.project(lat, lon)
        return QPointF(
            self.left + (x - self.x0) * self.scale, self.top + (self.y1 - y) * self.scale
        )

    def path(
        self, lines: Iterable[tuple[tuple[float, float], ...]], *, close: bool
    ) -> QPainterPath:
        path = QPainterPath()
        for line in lines:
            for i, (lon, lat) in enumerate(line):
                point = self.point(lat, lon)
                if i == 0:
                    path.moveTo(point)
                else:
                    path.lineTo(point)
            if close:
                path.closeSubpath()
        return path


def draw_map(
    painter: QPainter,
    rect: QRectF,
    places: PlaceMap,
    palette: Palette,
    type_: Type,
    *,
    base: BaseMap | None = None,
) -> Drawing:
    """Draw the places and routes of ``places`` over the base map, into ``rect``."""
    base = base or base_map()
    drawing = Drawing()
    small = type_.font(0.85)
    metrics = QFontMetricsF(type_.font())
    small_metrics = QFontMetricsF(small)
    credit_h = small_metrics.height() * 1.6
    inner = QRectF(rect.left(), rect.top(), rect.width(), rect.height() - credit_h)
    frame = Frame(places.bounds, inner)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(rect, QColor(palette.background))
    painter.setClipRect(inner)
    painter.fillRect(inner, QColor(palette.water))
    projected_base = _project_base(frame, base, places.bounds, inner)
    for path in projected_base.countries.values():
        painter.fillPath(path, QColor(palette.land))
    grid = QColor(palette.coast)
    grid.setAlpha(45)
    painter.strokePath(projected_base.graticule, QPen(grid, 0.6))
    painter.strokePath(projected_base.coast, QPen(QColor(palette.coast), 0.9))
    border = QPen(QColor(palette.border), 0.9, Qt.PenStyle.DashLine)
    painter.strokePath(projected_base.borders, border)

    placer = Placer((inner.x(), inner.y(), inner.width(), inner.height()), gap=2)
    # routes first, under the places
    route_labels: list[tuple[str, str, QPointF]] = []
    lines: list[Segment] = []  # what the routes draw, for the labels to keep off
    for index, route in enumerate(places.routes):
        colour = QColor(ROUTE_COLOURS[index % len(ROUTE_COLOURS)])
        pen = QPen(colour, 2.6)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        if route.kind == "vessel":
            pen.setStyle(Qt.PenStyle.DashLine)
        points = [frame.point(stop.lat, stop.lon) for stop in route.stops]
        path = QPainterPath(points[0])
        for point in points[1:]:
            path.lineTo(point)
        painter.strokePath(path, pen)
        lines += [(a.x(), a.y(), b.x(), b.y()) for a, b in itertools.pairwise(points)]
        middle = (points[0] + points[1]) / 2
        hit = QRectF(middle.x() - 8, middle.y() - 8, 16, 16)
        stops = " – ".join(stop.name for stop in route.stops)
        drawing.marks.append(Mark(hit, route.anchor, f"{route.name}\n{stops}", "route"))
        route_labels.append((route.anchor, route.short, middle))

    projected = [(p, frame.point(p.lat, p.lon)) for p in places.places]
    visible = [(p, q.x(), q.y()) for p, q in projected if inner.contains(q)]
    clusters = cluster(visible, CLUSTER_RADIUS)
    on_route = {stop.anchor for route in places.routes for stop in route.stops}
    for group in clusters:
        _draw_place(painter, group, palette)
        radius = DOT + (3 if len(group.places) > 1 else 0)
        hit = QRectF(group.x - radius - 3, group.y - radius - 3, 2 * radius + 6, 2 * radius + 6)
        placer.block((hit.x() + 2, hit.y() + 2, hit.width() - 4, hit.height() - 4))
        first = group.places[0]
        names = ", ".join(p.name for p in group.places)
        text = first.name if len(group.places) == 1 else f"{len(group.places)} places: {names}"
        drawing.marks.append(Mark(hit, first.anchor, f"{text}\n{first.markers}".strip(), "place"))

    # labels: places on a route first, then the rest, then routes, seas, countries
    def place_key(group: Cluster) -> tuple[int, int]:
        return (0 if any(p.anchor in on_route for p in group.places) else 1, -len(group.places))

    painter.setFont(type_.font())
    painter.setPen(QColor(palette.text))
    for group in sorted(clusters, key=place_key):
        name = group.places[0].name
        if len(group.places) > 1:
            name = f"{name} +{len(group.places) - 1}"
        name = elide(metrics, name, 180)
        width, height = box(metrics, name)
        positions = uncrossed_first(around(group.x, group.y, width, height, DOT + 4), lines)
        placed = placer.place(Candidate(group.places[0].anchor, positions))
        if placed is None:
            drawing.hidden_labels += 1
            continue
        _halo_text(painter, qrect(placed), name, metrics, palette)
        drawing.labels.append(qrect(placed))
    italic = type_.font(0.85, italic=True)
    italic_metrics = QFontMetricsF(italic)
    painter.setFont(italic)
    for anchor, route_name, middle in route_labels:
        name = elide(italic_metrics, route_name, 220)
        width, height = box(italic_metrics, name)
        positions = uncrossed_first(around(middle.x(), middle.y(), width, height, 6), lines)
        placed = placer.place(Candidate(anchor, positions))
        if placed is None:
            drawing.hidden_labels += 1
            continue
        painter.setPen(QColor(palette.text))
        _halo_text(painter, qrect(placed), name, italic_metrics, palette)
        drawing.labels.append(qrect(placed))
    water = QColor(palette.coast)
    for name, spots in base.water:
        width, height = box(italic_metrics, name)
        tries = []
        for lon, lat in spots:
            centre = frame.point(lat, lon)
            tries.append((centre.x() - width / 2, centre.y() - height / 2, width, height))
        placed = placer.place(Candidate(name, uncrossed_first(tries, lines)))
        if placed is not None:
            painter.setPen(water)
            draw_label(painter, qrect(placed), name, italic_metrics)
            drawing.labels.append(qrect(placed))
    caps = type_.font(0.8, bold=True)
    caps.setCapitalization(caps.Capitalization.AllUppercase)
    caps.setLetterSpacing(caps.SpacingType.PercentageSpacing, 110)
    caps_metrics = QFontMetricsF(caps)
    painter.setFont(caps)
    painter.setPen(QColor(palette.muted))
    # a country's name kept an em off the rest, so "Aktau" and "KAZAKHSTAN" never
    # read as one label
    apart = caps_metrics.height()
    for name, positions in _country_spots(projected_base, inner, caps_metrics):
        placed = placer.place(Candidate(name, uncrossed_first(positions, lines)), gap=apart)
        if placed is not None:
            draw_label(painter, qrect(placed), name, caps_metrics)
            drawing.labels.append(qrect(placed))
    painter.setClipping(False)
    painter.setPen(QColor(palette.muted))
    painter.setFont(small)
    credit = base.credit
    if places.gazetteer:
        credit += " · Coordinates: gazetteer data, not from the source"
    draw_label(
        painter,
        QRectF(rect.left() + 2, inner.bottom() + credit_h * 0.2, rect.width(), 0),
        elide(small_metrics, credit, rect.width() - 4),
        small_metrics,
    )
    painter.restore()
    return drawing


@dataclass
class _Projected:
    """The base map projected into one frame (kept while the frame stays the same)."""

    countries: dict[str, QPainterPath]
    coast: QPainterPath
    borders: QPainterPath
    graticule: QPainterPath
    inside: dict[str, list[QPointF]] = field(default_factory=dict)  # label grid points


_projected: dict[tuple[object, ...], _Projected] = {}


def _project_base(
    frame: Frame, base: BaseMap, bounds: tuple[float, float, float, float], inner: QRectF
) -> _Projected:
    key = (id(base), bounds, inner.x(), inner.y(), inner.width(), inner.height())
    if key in _projected:
        return _projected[key]
    countries = {}
    for name, _, rings in base.countries:
        path = frame.path(rings, close=True)
        path.setFillRule(Qt.FillRule.WindingFill)
        if path.boundingRect().intersects(inner):
            countries[name] = path
    result = _Projected(
        countries,
        frame.path(base.coast, close=False),
        frame.path(base.borders, close=False),
        _graticule(frame, bounds),
    )
    if len(_projected) > 8:  # a few sizes of a few maps
        _projected.clear()
    _projected[key] = result
    return result


def _country_spots(
    projected: _Projected, inner: QRectF, metrics: QFontMetricsF
) -> list[tuple[str, tuple[Rect, ...]]]:
    """Where each country's name may go: points of a grid over the frame that fall in
    the country, nearest their middle first; the countries with most room come first."""
    columns, rows = 16, 12
    grid = [
        QPointF(inner.left() + inner.width() * (i + 0.5) / columns,
                inner.top() + inner.height() * (j + 0.5) / rows)
        for j in range(rows)
        for i in range(columns)
    ]  # fmt: skip
    found = []
    for name, path in projected.countries.items():
        if name not in projected.inside:
            bounds = path.boundingRect()
            projected.inside[name] = [
                point for point in grid if bounds.contains(point) and path.contains(point)
            ]
        inside = list(projected.inside[name])
        if not inside:
            continue
        mx = sum(p.x() for p in inside) / len(inside)
        my = sum(p.y() for p in inside) / len(inside)
        inside.sort(key=lambda p: (p.x() - mx) ** 2 + (p.y() - my) ** 2)
        width, height = box(metrics, name)
        spots = tuple((p.x() - width / 2, p.y() - height / 2, width, height) for p in inside[:12])
        found.append((len(inside), name, spots))
    found.sort(key=lambda entry: -entry[0])
    return [(name, spots) for _, name, spots in found]


def _graticule(frame: Frame, bounds: tuple[float, float, float, float]) -> QPainterPath:
    """Meridians and parallels every 5°."""
    west, south, east, north = bounds
    lines = []
    for lon in range(int(west // 5) * 5, int(east) + 6, 5):
        steps = int((north - south + 10) * 2)
        lines.append(tuple((float(lon), south - 5 + i * 0.5) for i in range(steps)))
    for lat in range(int(south // 5) * 5, int(north) + 6, 5):
        steps = int((east - west + 10) * 2)
        lines.append(tuple((west - 5 + i * 0.5, float(lat)) for i in range(steps)))
    return frame.path(lines, close=False)


def _draw_place(painter: QPainter, group: Cluster, palette: Palette) -> None:
    centre = QPointF(group.x, group.y)
    painter.setPen(QPen(QColor(palette.background), 1.4))
    painter.setBrush(QColor(palette.text))
    if len(group.places) == 1:
        painter.drawEllipse(centre, DOT, DOT)
    else:
        painter.drawEllipse(centre, DOT + 3, DOT + 3)
        painter.setBrush(QColor(palette.background))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(centre, 2.2, 2.2)
    painter.setBrush(Qt.BrushStyle.NoBrush)


def _halo_text(
    painter: QPainter, rect: QRectF, text: str, metrics: QFontMetricsF, palette: Palette
) -> None:
    """Text with a thin halo of the background, so coastlines do not cut through it."""
    path = QPainterPath()
    path.addText(QPointF(rect.left(), rect.top() + metrics.ascent()), painter.font(), text)
    halo = QColor(palette.land)
    halo.setAlpha(200)
    painter.strokePath(
        path,
        QPen(halo, 3.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin),
    )
    pen_colour = painter.pen().color()
    draw_label(painter, rect, text, metrics)
    painter.setPen(pen_colour)
