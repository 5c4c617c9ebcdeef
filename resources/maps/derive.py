"""Derive ``caspian.json``, the app's base map, from Natural Earth (reproducible, offline).

Input: ``countries-50m.json`` of the npm package ``world-atlas`` 2.0.2, a TopoJSON
redistribution of Natural Earth 4.1.0 "Admin 0 – Countries", 1:50m (public domain).
Fetch it with the npm client (``npm pack world-atlas@2.0.2``; the tarball's sha256 is
``032e7765f2ce00edaeafec23ff22bc3b77e42987c257da944cc585b452c05b97`` and the file's
``04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394``), then run::

    python3 resources/maps/derive.py package/countries-50m.json resources/maps/caspian.json

The script decodes the topology, simplifies every arc once with Douglas–Peucker (so
neighbouring countries keep one shared border), clips to the region's box and writes
countries (rings to fill, a label point), coastlines and land borders. Standard library
only; the output is deterministic.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

WEST, SOUTH, EAST, NORTH = 24.0, 28.0, 92.0, 57.0  # the Caucasus to eastern Kazakhstan
TOLERANCE = 0.03  # degrees (about 3 km): finer than a pixel at the app's map sizes
MIN_RING_AREA = 0.02  # square degrees: islets smaller than this are dropped
DIGITS = 3

Point = tuple[float, float]

# Water bodies have no polygons in the source (they are the gaps between countries);
# their labels are placed by hand in open water. (Lakes such as the Aral Sea are part
# of the country polygons at this scale, so they get no label.)
# Each has places to try in turn (longitude, latitude), so a route need not hide it.
WATER_LABELS = [
    {"name": "Caspian Sea", "at": [[49.0, 42.6], [50.2, 45.4], [51.6, 38.6], [52.0, 41.3]]},
    {"name": "Black Sea", "at": [[34.5, 43.2], [37.0, 42.6]]},
]


def decode_arcs(topology: dict) -> list[list[Point]]:
    """The topology's arcs in degrees (they are quantized and delta-encoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    """The points of a line that keep it within ``tolerance`` of the original."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = math.hypot(px - ax, py - ay)
            else:
                distance = abs(dy * px - dx * py + bx * ay - by * ax) / length
            if distance > worst:
                worst, index = distance, i
        if worst > tolerance and index > 0:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def ring_points(indices: list[int], arcs: list[list[Point]]) -> list[Point]:
    """A ring from its arc indices (a negative index ``~i`` is arc ``i`` reversed)."""
    out: list[Point] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        out.extend(arc if not out else arc[1:])
    return out


def clip_ring(ring: list[Point]) -> list[Point]:
    """Sutherland–Hodgman: the part of a ring inside the box."""
    edges = [
        (lambda p: p[0] >= WEST, lambda a, b: _cross_x(a, b, WEST)),
        (lambda p: p[0] <= EAST, lambda a, b: _cross_x(a, b, EAST)),
        (lambda p: p[1] >= SOUTH, lambda a, b: _cross_y(a, b, SOUTH)),
        (lambda p: p[1] <= NORTH, lambda a, b: _cross_y(a, b, NORTH)),
    ]
    out = ring
    for inside, cross in edges:
        if not out:
            break
        points, out = out, []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    out.append(cross(previous, point))
                out.append(point)
            elif inside(previous):
                out.append(cross(previous, point))
            previous = point
    return out


def _cross_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def area_and_centroid(ring: list[Point]) -> tuple[float, Point]:
    """The absolute area of a ring (square degrees) and its centroid."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if area == 0:
        return 0.0, ring[0]
    return abs(area) / 2, (cx / (3 * area), cy / (3 * area))


def clip_line(line: list[Point]) -> list[list[Point]]:
    """The runs of a line that enter the box (one point beyond it kept at each end)."""
    inside = [WEST <= x <= EAST and SOUTH <= y <= NORTH for x, y in line]
    runs: list[list[Point]] = []
    current: list[Point] = []
    for i, point in enumerate(line):
        near = inside[i] or (i > 0 and inside[i - 1]) or (i + 1 < len(line) and inside[i + 1])
        if near:
            current.append(point)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [run for run in runs if len(run) > 1]


def _round(points: list[Point]) -> list[list[float]]:
    return [[round(x, DIGITS), round(y, DIGITS)] for x, y in points]


def derive(topology: dict) -> dict:
    arcs = [douglas_peucker(arc, TOLERANCE) for arc in decode_arcs(topology)]
    uses: dict[int, int] = {}
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = []
        for polygon in polygons:
            for indices in polygon:
                for index in indices:
                    arc = index if index >= 0 else ~index
                    uses[arc] = uses.get(arc, 0) + 1
                ring = clip_ring(ring_points(indices, arcs))
                if len(ring) >= 3 and area_and_centroid(ring)[0] >= MIN_RING_AREA:
                    rings.append(ring)
        if not rings:
            continue
        largest = max(rings, key=lambda ring: area_and_centroid(ring)[0])
        _, (lon, lat) = area_and_centroid(largest)
        countries.append(
            {
                "name": geometry["properties"]["name"],
                "label": [round(lon, 2), round(lat, 2)],
                "rings": [_round(ring) for ring in rings],
            }
        )
    coast, borders = [], []
    for index, arc in enumerate(arcs):
        for run in clip_line(arc):
            (borders if uses.get(index, 0) > 1 else coast).append(_round(run))
    countries.sort(key=lambda country: country["name"])
    return {
        "source": (
            "Natural Earth 4.1.0, Admin 0 – Countries 1:50m (public domain), via the "
            "world-atlas 2.0.2 TopoJSON; simplified and clipped by resources/maps/derive.py"
        ),
        "credit": "Base map: Natural Earth (public domain)",
        "bbox": [WEST, SOUTH, EAST, NORTH],
        "countries": countries,
        "coast": coast,
        "borders": borders,
        "water": WATER_LABELS,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__)
        return 2
    topology = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    text = json.dumps(derive(topology), separators=(",", ":"), ensure_ascii=False)
    Path(argv[2]).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
