"""The map's data: located places, routes between them, the base map and a projection.

The projection is Lambert conformal conic with two standard parallels placed at a
sixth of the map's latitude range from its edges. The Caspian region is a mid-latitude
area wider east–west than tall (about 36–52° N, 45–72° E), which is the shape that
projection suits: it keeps shapes true (conformal), keeps scale error under about 1%
over the region, and draws meridians converging northwards as readers know from
atlases, where an unscaled latitude/longitude grid would stretch the Caspian
east–west by 1/cos 45° ≈ 1.4.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from dossier.core.model import Dossier
from dossier.core.resources import resource_path

BASE_MAP = ("maps", "caspian.json")
MARGIN_DEGREES = 1.5  # room around the outermost places
MIN_SPAN_DEGREES = 8.0  # so that a single place still shows its surroundings
SHORT_NAME = 24  # a route's label longer than this uses its shortest alias


@dataclass(frozen=True)
class MapPlace:
    anchor: str
    name: str
    lat: float
    lon: float
    markers: str  # where the dossier cites the place ("" for none)


@dataclass(frozen=True)
class MapRoute:
    anchor: str
    name: str
    kind: str
    stops: tuple[MapPlace, ...]
    short: str  # the name, or its shortest alias when the name is long ("TCITR")


@dataclass(frozen=True)
class PlaceMap:
    places: tuple[MapPlace, ...]
    routes: tuple[MapRoute, ...]
    gazetteer: str | None  # the dossier's note on where the coordinates come from
    bounds: tuple[float, float, float, float]  # west, south, east, north (degrees)


@dataclass(frozen=True)
class Lambert:
    """Lambert conformal conic on a sphere; ``project`` gives Earth radii, y northwards."""

    lat1: float
    lat2: float
    lat0: float
    lon0: float

    @cached_property
    def _n(self) -> float:
        p1, p2 = math.radians(self.lat1), math.radians(self.lat2)
        if abs(p1 - p2) < 1e-9:
            return math.sin(p1)
        return math.log(math.cos(p1) / math.cos(p2)) / math.log(
            math.tan(math.pi / 4 + p2 / 2) / math.tan(math.pi / 4 + p1 / 2)
        )

    @cached_property
    def _f(self) -> float:
        p1 = math.radians(self.lat1)
        return float(math.cos(p1) * math.tan(math.pi / 4 + p1 / 2) ** self._n / self._n)

    def _rho(self, lat: float) -> float:
        return float(self._f / math.tan(math.pi / 4 + math.radians(lat) / 2) ** self._n)

    @cached_property
    def _rho0(self) -> float:
        return self._rho(self.lat0)

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        lat = _drawable(lat)
        if abs(self._n) < _CYLINDER:
            return math.radians(lon - self.lon0), _mercator(lat) - _mercator(self.lat0)
        theta = self._n * math.radians(lon - self.lon0)
        rho = self._rho(lat)
        return rho * math.sin(theta), self._rho0 - rho * math.cos(theta)

    @classmethod
    def for_bounds(cls, west: float, south: float, east: float, north: float) -> Lambert:
        south, north = _drawable(south), _drawable(north)
        sixth = (north - south) / 6
        return cls(south + sixth, north - sixth, (south + north) / 2, (west + east) / 2)


# Parallels mirrored about the equator (a map of East Africa or Indonesia) make the cone
# constant 0: the cone opens into a cylinder, and the conformal cylinder is Mercator.
_CYLINDER = 1e-3
# A pole is infinitely far in both projections, so the map stops short of it and draws
# what lies beyond (a place at a pole, Antarctica's coast) on that edge.
EDGE_DEGREES = 85.0


def _drawable(lat: float) -> float:
    return max(-EDGE_DEGREES, min(EDGE_DEGREES, lat))


def _mercator(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


LonLat = tuple[float, float]
Line = tuple[LonLat, ...]


@dataclass(frozen=True)
class BaseMap:
    """Countries, coastlines and borders in degrees, from ``resources/maps``."""

    countries: tuple[
        tuple[str, tuple[float, float], tuple[tuple[tuple[float, float], ...], ...]], ...
    ]
    coast: tuple[tuple[tuple[float, float], ...], ...]
    borders: tuple[tuple[tuple[float, float], ...], ...]
    water: tuple[tuple[str, tuple[tuple[float, float], ...]], ...]  # name, (lon, lat)s
    bbox: tuple[float, float, float, float]
    credit: str


def _line(points: list[list[float]]) -> Line:
    return tuple((float(x), float(y)) for x, y in points)


@cache
def base_map(path: Path | None = None) -> BaseMap:
    """The shipped base map (read once)."""
    data = json.loads((path or resource_path(*BASE_MAP)).read_text(encoding="utf-8"))
    countries = tuple(
        (
            c["name"],
            (float(c["label"][0]), float(c["label"][1])),
            tuple(_line(ring) for ring in c["rings"]),
        )
        for c in data["countries"]
    )
    return BaseMap(
        countries,
        tuple(_line(line) for line in data["coast"]),
        tuple(_line(line) for line in data["borders"]),
        tuple((w["name"], _line(w["at"])) for w in data["water"]),
        tuple(data["bbox"]),
        data["credit"],
    )


def build_map(dossier: Dossier) -> PlaceMap | None:
    """The dossier's located places and its routes; None when no place has a location."""
    places: list[MapPlace] = []
    by_id: dict[str, MapPlace] = {}
    for section in dossier.sections:
        for entity in section.entities:
            if entity.location is None:
                continue
            marks = ", ".join(dict.fromkeys(cite.marker for cite in entity.cites))
            place = MapPlace(
                entity.anchor, entity.name, entity.location.lat, entity.location.lon, marks
            )
            places.append(place)
            if entity.id:
                by_id[entity.id] = place
    if not places:
        return None
    routes = []
    for section in dossier.sections:
        for entity in section.entities:
            stops = tuple(by_id[stop] for stop in entity.route if stop in by_id)
            if len(stops) >= 2:
                short = min((entity.name, *entity.aliases), key=len)
                short = entity.name if len(entity.name) <= SHORT_NAME else short
                routes.append(MapRoute(entity.anchor, entity.name, entity.kind, stops, short))
    return PlaceMap(tuple(places), tuple(routes), dossier.gazetteer, bounds_of(places))


def bounds_of(places: list[MapPlace]) -> tuple[float, float, float, float]:
    """A box around the places with a margin, at least MIN_SPAN_DEGREES each way, kept
    inside the base map."""
    west = min(p.lon for p in places) - MARGIN_DEGREES
    east = max(p.lon for p in places) + MARGIN_DEGREES
    south = min(p.lat for p in places) - MARGIN_DEGREES
    north = max(p.lat for p in places) + MARGIN_DEGREES
    if east - west < MIN_SPAN_DEGREES:
        middle = (east + west) / 2
        west, east = middle - MIN_SPAN_DEGREES / 2, middle + MIN_SPAN_DEGREES / 2
    if north - south < MIN_SPAN_DEGREES * 0.75:
        middle = (north + south) / 2
        south, north = middle - MIN_SPAN_DEGREES * 0.375, middle + MIN_SPAN_DEGREES * 0.375
    # Moved, not cut, to stay inside the base map: a place at a pole or on the date line
    # keeps a box of the least span on the map's side of it.
    west, east = _inside(west, east, 180.0)
    south, north = _inside(south, north, EDGE_DEGREES)
    return (west, south, east, north)


def _inside(low: float, high: float, limit: float) -> tuple[float, float]:
    if high - low >= 2 * limit:
        return -limit, limit
    if low < -limit:
        return -limit, high - low - limit
    if high > limit:
        return limit - (high - low), limit
    return low, high


@dataclass(frozen=True)
class Cluster:
    """Places drawn as one mark because they fall within a few pixels of each other."""

    x: float
    y: float
    places: tuple[MapPlace, ...]


def cluster(points: list[tuple[MapPlace, float, float]], radius: float) -> list[Cluster]:
    """Greedy clustering in screen space: each place joins the first cluster whose
    centre lies within ``radius``, else starts one (places in file order)."""
    cell: dict[tuple[int, int], list[int]] = {}
    clusters: list[tuple[float, float, list[MapPlace]]] = []
    for place, x, y in points:
        cx, cy = int(x // radius), int(y // radius)
        found = None
        for gx in (cx - 1, cx, cx + 1):
            for gy in (cy - 1, cy, cy + 1):
                for index in cell.get((gx, gy), []):
                    ox, oy, _ = clusters[index]
                    if math.hypot(ox - x, oy - y) <= radius:
                        found = index
                        break
                if found is not None:
                    break
            if found is not None:
                break
        if found is None:
            cell.setdefault((cx, cy), []).append(len(clusters))
            clusters.append((x, y, [place]))
        else:
            clusters[found][2].append(place)
    return [Cluster(x, y, tuple(members)) for x, y, members in clusters]
