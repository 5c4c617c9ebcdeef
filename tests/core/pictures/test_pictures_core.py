"""The pictures' data: timeline rows, figures, who works with whom, the map (Qt-free)."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from pathlib import Path

import pytest

from dossier.core.dates import PartialDate
from dossier.core.errors import DossierError
from dossier.core.loader import load_dossier
from dossier.core.model import Dossier
from dossier.core.pictures import geo, graph, labels, timeline
from dossier.core.pictures.figures import build_changes, value_and_unit
from dossier.core.pictures.synthetic import synthetic_dossier
from tests.core.dossiers import seed_from

PLACES = """\
format: briefing-dossier/1
id: places
title: Places
as_of: "2021-02"
summary: Two ports and a ferry.
sources:
  - id: interview
    path: {seed}
    title: Interview
sections:
  - id: transport
    title: Transport
    summary: Ports.
    entities:
      - name: Aktau
        kind: place
        id: aktau
        location: {{lat: {lat}, lon: 51.17}}
      - name: Ferry
        kind: infrastructure
        route: {route}
      - name: KazMunayGas
        kind: organization
        id: kmg
"""


def write(tmp_path: Path, *, lat: str = "43.65", route: str = "[aktau, alat]") -> Path:
    path = tmp_path / "places.yaml"
    text = PLACES.format(seed=seed_from(tmp_path), lat=lat, route=route)
    text += """\
  - id: baku
    title: Baku
    summary: The other side.
    entities:
      - name: Alat
        kind: place
        id: alat
        location: {lat: 39.94, lon: 49.41}
"""
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def bundled_dossier() -> Dossier:
    return load_dossier(Path(__file__).resolve().parents[3] / "resources" / "dossiers"
                        / "kazakhstan-azerbaijan-2021.yaml")  # fmt: skip


# -- the format keys -----------------------------------------------------------------------
def test_locations_and_a_route_across_sections_load(tmp_path: Path) -> None:
    dossier = load_dossier(write(tmp_path))
    ferry = dossier.section("transport").entities[1]
    assert ferry.route == ("aktau", "alat")
    aktau = dossier.section("transport").entities[0]
    assert aktau.location is not None and aktau.location.lat == 43.65


@pytest.mark.parametrize(
    ("lat", "route", "expected", "line"),
    [
        ("91", "[aktau, alat]", "'lat' of 'Aktau' is 91; it must lie within ±90°", 18),
        ("43.6", "[aktau, tbilisi]", "names no entity 'tbilisi'", 21),
        ("43.6", "[aktau, kmg]", "stops at 'kmg', an organization, not a place", 21),
        ("43.6", "[aktau]", "the route of 'Ferry' needs at least two stops", 21),
        ("north", "[aktau, alat]", "must be a number of degrees, not text", 18),
    ],
)
def test_bad_places_are_reported_where_they_are_written(
    tmp_path: Path, lat: str, route: str, expected: str, line: int
) -> None:
    with pytest.raises(DossierError) as caught:
        load_dossier(write(tmp_path, lat=lat, route=route))
    problems = [p for p in caught.value.problems if expected in p.message]
    assert problems, [p.message for p in caught.value.problems]
    assert problems[0].line == line


def test_a_longitude_beyond_180_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path)
    path.write_text(path.read_text().replace("lon: 49.41", "lon: 189.4"), encoding="utf-8")
    with pytest.raises(DossierError, match=r"'lon' of 'Alat' is 189.4; it must lie within ±180°"):
        load_dossier(path)


# -- timeline ----------------------------------------------------------------------------------
def test_partial_dates_span_their_year_or_month() -> None:
    assert timeline.extent(PartialDate(2021)) == (dt.date(2021, 1, 1), dt.date(2022, 1, 1))
    assert timeline.extent(PartialDate(2020, 12)) == (dt.date(2020, 12, 1), dt.date(2021, 1, 1))
    assert timeline.extent(PartialDate(2020, 2, 29)) == (dt.date(2020, 2, 29), dt.date(2020, 3, 1))


def test_events_are_in_their_section_lanes_in_date_order(bundled_dossier: Dossier) -> None:
    line = timeline.build_timeline(bundled_dossier)
    lanes = [lane.section_id for lane in line.lanes]
    assert lanes == [s.id for s in bundled_dossier.sections if s.events]
    for row in line.rows:
        assert row.anchor.split("/")[0] == lanes[row.lane]
    starts = [row.start for row in line.rows]
    assert starts == sorted(starts)
    assert len(line.rows) == bundled_dossier.counts()["events"]


def test_upcoming_current_and_past_against_as_of(bundled_dossier: Dossier) -> None:
    rows = {row.title: row for row in timeline.build_timeline(bundled_dossier).rows}
    assert rows["Launch of the 1-million-ton grain terminal at Kuryk port"].status == "upcoming"
    assert rows["Trade House of Kazakhstan opens in Azerbaijan"].status == "past"
    thirty = rows["30th anniversary of the independence of Kazakhstan and Azerbaijan"]
    assert thirty.status == "current"  # 2021 contains the as-of month, Feb 2021


def test_what_the_dossier_calls_planned_is_drawn_as_ahead(bundled_dossier: Dossier) -> None:
    rows = {row.title: row for row in timeline.build_timeline(bundled_dossier).rows}
    planned = next(row for title, row in rows.items() if title.startswith("Planned: visits"))
    assert planned.status == "planned" and planned.ahead  # 2021, as of Feb 2021
    thirty = rows["30th anniversary of the independence of Kazakhstan and Azerbaijan"]
    assert not thirty.ahead  # the same year, not called planned: under way
    assert rows["Launch of the 1-million-ton grain terminal at Kuryk port"].ahead


def test_a_section_keeps_its_colour_in_a_timeline_of_its_own(bundled_dossier: Dossier) -> None:
    whole = timeline.build_timeline(bundled_dossier)
    (culture,) = timeline.build_timeline(bundled_dossier, "culture").lanes
    assert culture == next(lane for lane in whole.lanes if lane.section_id == "culture")
    assert culture.colour == 5  # the sixth section with events


def test_overlapping_spans_of_a_lane_take_separate_levels(bundled_dossier: Dossier) -> None:
    line = timeline.build_timeline(bundled_dossier, "trade")
    levels = timeline.stack(line.rows, 4)
    assert sorted(levels.values()) == [0, 1]  # two events of 2020 cannot share a row


# -- figures -----------------------------------------------------------------------------------
def test_change_bars_have_direction_and_size(bundled_dossier: Dossier) -> None:
    changes = {c.anchor: c for c in build_changes(bundled_dossier)}
    assert changes["transport/figure/1"].delta == 19
    assert changes["trade/figure/1"].delta == -38
    # "vs 2019" names the year compared with; the size is the figure's own -38 %
    assert changes["trade/figure/3"].delta == -38


def test_a_percentage_reads_as_one_word_and_other_units_stand_apart() -> None:
    # the trade fall is charted from ¶ 16 and ¶ 30: both should read "-38%"
    assert value_and_unit("-38", "%") == "-38%"
    assert value_and_unit("-38", " % ") == "-38%"
    assert value_and_unit("142", "USD million") == "142 USD million"
    assert value_and_unit("12", "") == "12"


# -- who works with whom ---------------------------------------------------------------------------
def test_an_edge_joins_entities_named_in_one_item(bundled_dossier: Dossier) -> None:
    chart = graph.build_graph(bundled_dossier, "energy")
    names = {node.anchor: node.name for node in chart.nodes}
    pairs = {frozenset((names[e.a], names[e.b])): e for e in chart.edges}
    edge = pairs[frozenset(("Nurlan Nogayev", "Parviz Shahbazov"))]
    for anchor in edge.items:
        text = graph.item_text(bundled_dossier.item(anchor))
        assert "Nogayev" in text and "Shahbazov" in text
    assert edge.label.startswith("¶")


def test_only_connected_people_and_organisations(bundled_dossier: Dossier) -> None:
    chart = graph.build_graph(bundled_dossier)
    linked = {e.a for e in chart.edges} | {e.b for e in chart.edges}
    assert {node.anchor for node in chart.nodes} == linked
    kinds = {bundled_dossier.item(node.anchor).kind for node in chart.nodes}  # type: ignore[union-attr]
    assert kinds <= {"person", "organization"}
    assert len(chart.nodes) <= graph.MAX_NODES


def test_a_section_filter_keeps_that_sections_items(bundled_dossier: Dossier) -> None:
    chart = graph.build_graph(bundled_dossier, "trade")
    assert chart.edges
    assert all(i.startswith("trade/") for e in chart.edges for i in e.items)


def test_layout_is_stable_and_inside_the_square(bundled_dossier: Dossier) -> None:
    chart = graph.build_graph(bundled_dossier)
    first, second = graph.layout(chart), graph.layout(chart)
    assert first == second
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in first.values())


# -- the map --------------------------------------------------------------------------------------
def test_bundled_places_and_routes(bundled_dossier: Dossier) -> None:
    places = geo.build_map(bundled_dossier)
    assert places is not None
    names = {p.name for p in places.places}
    assert {"Aktau", "Kuryk", "Baku", "Alat"} <= names
    routes = {r.name: [s.name for s in r.stops] for r in places.routes}
    assert routes["Trans-Caspian International Transport Route"] == ["Kuryk", "Alat"]
    assert places.gazetteer


def test_a_dossier_without_locations_has_no_map(tmp_path: Path) -> None:
    path = write(tmp_path)
    text = path.read_text().replace("location: {lat: 43.65, lon: 51.17}", "role: port")
    text = text.replace("location: {lat: 39.94, lon: 49.41}", "role: port")
    path.write_text(text.replace("route: [aktau, alat]", "role: ferry"), encoding="utf-8")
    assert geo.build_map(load_dossier(path)) is None


def test_lambert_keeps_shapes_true_on_its_standard_parallels() -> None:
    projection = geo.Lambert(39, 47, 43, 50)
    # conformal: a small step north and a small step east are drawn the same length
    for lat in (39.0, 47.0):
        x0, y0 = projection.project(lat, 50)
        xn, yn = projection.project(lat + 0.01, 50)
        xe, ye = projection.project(lat, 50 + 0.01 / math.cos(math.radians(lat)))
        north, east = math.hypot(xn - x0, yn - y0), math.hypot(xe - x0, ye - y0)
        assert north == pytest.approx(east, rel=1e-3)
        assert north == pytest.approx(math.radians(0.01), rel=1e-3)  # true scale there
    assert projection.project(43, 50) == pytest.approx((0, 0), abs=1e-12)
    assert projection.project(45, 50)[1] > 0  # north is up


@pytest.mark.parametrize(
    "spots",
    [
        [(0.3, 32.6), (-0.3, 36.8)],  # Kampala and Nairobi: parallels mirrored about 0°
        [(33.9, -6.8), (-33.9, 18.4)],  # Rabat and Cape Town
        [(0.0, 180.0)],  # on the equator and the date line
        [(-90.0, 0.0)],  # the South Pole
        [(-89.9, -179.9), (89.9, 179.9)],
    ],
)
def test_places_on_the_equator_a_pole_or_the_date_line_are_drawn(
    spots: list[tuple[float, float]],
) -> None:
    places = [geo.MapPlace(f"p{i}", f"P{i}", lat, lon, "") for i, (lat, lon) in enumerate(spots)]
    west, south, east, north = geo.bounds_of(places)
    assert -180 <= west < east <= 180 and -90 < south < north < 90
    projection = geo.Lambert.for_bounds(west, south, east, north)
    drawn = [projection.project(lat, lon) for lat, lon in spots]
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in drawn)
    assert len(set(drawn)) == len(drawn)  # no two places fall on one point
    # north stays up and east stays right, whatever the shape of the projection
    middle_lat, middle_lon = (south + north) / 2, (west + east) / 2
    x0, y0 = projection.project(middle_lat, middle_lon)
    assert projection.project(middle_lat + 1, middle_lon)[1] > y0
    assert projection.project(middle_lat, middle_lon + 1)[0] > x0


def test_base_map_covers_the_caspian_and_credits_natural_earth() -> None:
    base = geo.base_map()
    names = {name for name, _, _ in base.countries}
    assert {"Kazakhstan", "Azerbaijan", "Russia", "Iran", "Turkmenistan"} <= names
    assert "Natural Earth" in base.credit


# -- labels ------------------------------------------------------------------------------------
def test_placed_labels_never_overlap() -> None:
    places = synthetic_dossier(10, 300)
    placer = labels.Placer((0, 0, 800, 600))
    for i, entity in enumerate(e for s in places.sections for e in s.entities):
        assert entity.location is not None
        x, y = (entity.location.lon - 44) * 50, (48 - entity.location.lat) * 50
        placer.place(labels.Candidate(str(i), labels.around(x, y, 60, 14, 6)))
    placed = list(placer.placed.values())
    assert 10 < len(placed) < 300  # crowded: some are thinned out
    for a, b in itertools.combinations(placed, 2):
        assert not labels.overlaps(a, b)


def test_a_line_crosses_a_box_only_where_it_passes_through() -> None:
    box = (10.0, 10.0, 20.0, 10.0)
    assert labels.crosses(box, (0, 15, 40, 15))  # straight through
    assert labels.crosses(box, (15, 0, 25, 30))  # steep, through
    assert labels.crosses(box, (12, 12, 14, 14))  # inside it
    assert not labels.crosses(box, (0, 0, 40, 5))  # above
    assert not labels.crosses(box, (0, 0, 9, 40))  # beside, never reaching it
    assert not labels.crosses(box, (0, 40, 30, 25))  # towards it, stopping short
    left, right = (0.0, 0.0, 5.0, 5.0), (20.0, 0.0, 5.0, 5.0)
    assert labels.uncrossed_first([left, right], [(2, -1, 2, 9)]) == (right, left)


def test_a_wider_gap_keeps_a_label_further_off() -> None:
    placer = labels.Placer((0, 0, 800, 600), gap=2)
    placer.place(labels.Candidate("Aktau", ((100, 100, 40, 14),)))
    beside = (144.0, 100.0, 80.0, 14.0)  # 4 px to the right
    assert placer.free(beside)
    assert not placer.free(beside, gap=12)
    placer.block((300, 63.5, 10, 10))  # in the cell above: found by a wide gap too
    assert not placer.free((300, 80, 10, 10), gap=8)


def test_clusters_gather_near_places() -> None:
    place = geo.MapPlace("a", "A", 0, 0, "")
    groups = geo.cluster([(place, 0, 0), (place, 3, 4), (place, 50, 50)], 9)
    assert [len(g.places) for g in groups] == [2, 1]
