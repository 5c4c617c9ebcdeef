"""The Pictures tab: what each picture contains, hover texts, and clicks through to items."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QSplitter

from dossier.core.loader import load_dossier
from dossier.core.model import Dossier
from dossier.core.pictures.geo import build_map
from dossier.core.pictures.synthetic import synthetic_dossier
from dossier.export.picture_sheet import write_pictures_pdf
from dossier.export.pictures.common import Drawing
from dossier.export.pictures.map import Frame
from dossier.ui.pictures import PicturesView
from dossier.ui.pictures.canvas import PictureCanvas
from tests.core.dossiers import MINIMAL, seed_from

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

BUNDLED = Path(__file__).resolve().parents[3] / "resources" / "dossiers"
BUNDLED = BUNDLED / "kazakhstan-azerbaijan-2021.yaml"


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return load_dossier(BUNDLED)


def shown(qtbot: QtBot, dossier: Dossier, size: tuple[int, int] = (1000, 700)) -> PicturesView:
    view = PicturesView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.set_dossier(dossier)
    view.show()
    qtbot.waitExposed(view)
    return view


def painted(qtbot: QtBot, view: PicturesView, canvas: PictureCanvas) -> Drawing:
    index = next(i for i in range(view.tabs.count()) if canvas in _descendants(view.tabs.widget(i)))
    view.tabs.setCurrentIndex(index)
    canvas.drawing = Drawing()
    canvas.repaint()
    qtbot.waitUntil(lambda: bool(canvas.drawing.marks))
    return canvas.drawing


def _descendants(widget: object) -> list[object]:
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    return [widget, *widget.findChildren(QWidget)]


def no_overlaps(drawing: Drawing) -> None:
    for a, b in itertools.combinations(drawing.labels, 2):
        assert not a.intersects(b), (a, b)


def chosen(view: PicturesView) -> str | None:
    """The node ringed in the chart (read afresh each time: it changes under a test)."""
    return view.graph.chosen


def click(qtbot: QtBot, canvas: PictureCanvas, at: QPointF) -> None:
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=QPoint(round(at.x()), round(at.y())))


def test_tabs_for_the_bundled_dossier(qtbot: QtBot, dossier: Dossier) -> None:
    view = shown(qtbot, dossier)
    tabs = [view.tabs.tabText(i) for i in range(view.tabs.count())]
    assert tabs == ["Timeline", "Map", "Who works with whom", "Figures"]
    assert view.has_map()


def test_no_map_without_locations(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "mini.yaml"
    path.write_text(MINIMAL.format(seed=seed_from(tmp_path)), encoding="utf-8")
    view = shown(qtbot, load_dossier(path))
    assert not view.has_map()
    assert "Map" not in [view.tabs.tabText(i) for i in range(view.tabs.count())]


def test_timeline_marks_in_lanes_and_date_order(qtbot: QtBot, dossier: Dossier) -> None:
    view = shown(qtbot, dossier)
    drawing = painted(qtbot, view, view.timeline)
    marks = {m.anchor: m for m in drawing.marks}
    timeline = view.timeline.timeline
    assert timeline is not None
    assert set(marks) == {row.anchor for row in timeline.rows}
    # lanes top to bottom in section order: every mark of a lane lies above the next lane's
    by_lane: dict[int, list[float]] = {}
    for row in timeline.rows:
        by_lane.setdefault(row.lane, []).append(marks[row.anchor].rect.center().y())
    for lane in range(len(timeline.lanes) - 1):
        assert max(by_lane[lane]) < min(by_lane[lane + 1])
    # earlier starts are further left
    lefts = [marks[row.anchor].rect.left() for row in timeline.rows]
    assert lefts == sorted(lefts)
    # a year-only event spans about twelve times a month-only one
    year = marks["transport/event/2"].rect.width()
    month = marks["investment/event/1"].rect.width()
    assert 10 < year / month < 14
    no_overlaps(drawing)


@pytest.mark.parametrize("width", [640, 1000, 1500])
def test_the_years_and_the_as_of_label_never_touch(
    qtbot: QtBot, dossier: Dossier, width: int
) -> None:
    view = shown(qtbot, dossier, (width, 600))
    drawing = painted(qtbot, view, view.timeline)
    (line,) = drawing.kept_clear  # the as-of line: no title struck through by it
    assert not [label for label in drawing.labels if label.intersects(line)]
    years = [label for label in drawing.labels if label.bottom() < drawing.marks[0].rect.top()]
    assert len(years) >= 4  # the year numbers and the as-of label are among the boxes
    no_overlaps(drawing)


def test_timeline_hover_text_and_click_opens_the_event(qtbot: QtBot, dossier: Dossier) -> None:
    view = shown(qtbot, dossier)
    drawing = painted(qtbot, view, view.timeline)
    mark = next(m for m in drawing.marks if m.anchor == "transport/event/2")
    assert "Launch of the 1-million-ton grain terminal" in mark.text
    assert "¶\u00a027" in mark.text
    with qtbot.waitSignal(view.item_activated) as signal:
        click(qtbot, view.timeline, mark.rect.center())
    assert signal.args == ["transport/event/2"]


def test_timeline_zooms_and_pans(qtbot: QtBot, dossier: Dossier) -> None:
    view = shown(qtbot, dossier)
    canvas = view.timeline
    painted(qtbot, view, canvas)
    assert canvas.time_window is not None
    t0, t1 = canvas.time_window
    canvas.zoom(2.0)
    z0, z1 = canvas.time_window
    assert z1 - z0 == pytest.approx((t1 - t0) / 2)
    canvas.pan(100)
    assert canvas.time_window[0] == pytest.approx(z0 + 100)
    qtbot.keyClick(canvas, Qt.Key.Key_0)
    assert canvas.time_window == (t0, t1)
    canvas.zoom(4.0)
    drawing = painted(qtbot, view, canvas)
    no_overlaps(drawing)


def test_places_at_their_projected_positions(qtbot: QtBot, dossier: Dossier) -> None:
    view = shown(qtbot, dossier)
    drawing = painted(qtbot, view, view.map)
    places = build_map(dossier)
    assert places is not None
    credit = view.map.picture_type()
    from PySide6.QtGui import QFontMetricsF

    credit_h = QFontMetricsF(credit.font(0.85)).height() * 1.6
    inner = QRectF(0, 0, view.map.width(), view.map.height() - credit_h)
    frame = Frame(places.bounds, inner)
    marks = {m.anchor: m for m in drawing.marks if m.kind == "place"}
    aktau = next(p for p in places.places if p.name == "Aktau")
    expected = frame.point(aktau.lat, aktau.lon)
    assert marks[aktau.anchor].rect.center().x() == pytest.approx(expected.x(), abs=0.5)
    assert marks[aktau.anchor].rect.center().y() == pytest.approx(expected.y(), abs=0.5)
    # Baku lies south-west of Aktau, as on any map
    baku = next(m for m in drawing.marks if m.text.startswith("Baku"))
    assert baku.rect.center().x() < expected.x() and baku.rect.center().y() > expected.y()
    no_overlaps(drawing)


@pytest.mark.parametrize("size", [(1000, 700), (700, 560), (1400, 900)])
def test_no_route_strikes_through_a_label(
    qtbot: QtBot, dossier: Dossier, size: tuple[int, int]
) -> None:
    from PySide6.QtGui import QFontMetricsF

    from dossier.core.pictures.labels import crosses

    view = shown(qtbot, dossier, size)
    drawing = painted(qtbot, view, view.map)
    places = build_map(dossier)
    assert places is not None and places.routes
    credit_h = QFontMetricsF(view.map.picture_type().font(0.85)).height() * 1.6
    frame = Frame(places.bounds, QRectF(0, 0, view.map.width(), view.map.height() - credit_h))
    lines = []
    for route in places.routes:
        points = [frame.point(stop.lat, stop.lon) for stop in route.stops]
        lines += [(a.x(), a.y(), b.x(), b.y()) for a, b in itertools.pairwise(points)]
    boxes = [(r.x(), r.y(), r.width(), r.height()) for r in drawing.labels]
    assert len(boxes) > 10
    struck = [box for box in boxes if any(crosses(box, line) for line in lines)]
    assert struck == []
    # and no two labels so close they read as one ("Aktau KAZAKHSTAN")
    for a, b in itertools.combinations(drawing.labels, 2):
        gap_x = max(b.left() - a.right(), a.left() - b.right())
        gap_y = max(b.top() - a.bottom(), a.top() - b.bottom())
        assert gap_x >= 2 or gap_y >= 2, (a, b)


def test_a_click_on_a_place_opens_its_entity(qtbot: QtBot, dossier: Dossier) -> None:
    view = shown(qtbot, dossier)
    drawing = painted(qtbot, view, view.map)
    kuryk = next(m for m in drawing.marks if m.kind == "place" and m.text.startswith("Kuryk"))
    with qtbot.waitSignal(view.item_activated) as signal:
        click(qtbot, view.map, kuryk.rect.center())
    assert signal.args == [kuryk.anchor]
    assert dossier.item(kuryk.anchor).name == "Kuryk"  # type: ignore[union-attr]


def test_a_node_click_lists_its_items_and_they_open(qtbot: QtBot, dossier: Dossier) -> None:
    view = shown(qtbot, dossier)
    drawing = painted(qtbot, view, view.graph)
    no_overlaps(drawing)
    # before a click, the pane says what it is for rather than stand blank
    assert view.node_items.count() == 1
    assert view.node_items.item(0).text().startswith("Click a name in the picture")
    assert not view.node_items.item(0).flags() & Qt.ItemFlag.ItemIsSelectable
    node = next(m for m in drawing.marks if m.text.startswith("Nurlan Nogayev"))
    click(qtbot, view.graph, node.rect.center())
    qtbot.waitUntil(lambda: view.node_items.count() > 1)
    assert chosen(view) == node.anchor  # ringed in the picture
    header = view.node_items.item(0)
    assert header.text().startswith("Nurlan Nogayev — named with others in")
    assert header.font().bold() and header.flags() & Qt.ItemFlag.ItemIsEnabled  # not faint
    view.section_filter.setCurrentIndex(view.section_filter.findData("energy"))
    assert view.node_items.item(0).text().startswith("Click a name")  # a new chart: anew
    assert chosen(view) is None
    view.section_filter.setCurrentIndex(0)
    drawing = painted(qtbot, view, view.graph)
    node = next(m for m in drawing.marks if m.text.startswith("Nurlan Nogayev"))
    click(qtbot, view.graph, node.rect.center())
    qtbot.waitUntil(lambda: view.node_items.count() > 1)
    anchors = [
        view.node_items.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(1, view.node_items.count())
    ]
    assert node.anchor in anchors and "energy/event/2" in anchors
    assert len(anchors) == len(set(anchors))  # each item once
    entry = view.node_items.item(anchors.index("energy/event/2") + 1)
    with qtbot.waitSignal(view.item_activated) as signal:
        view.node_items.itemClicked.emit(entry)
    assert signal.args == ["energy/event/2"]


def test_the_items_pane_leaves_the_picture_most_of_the_width(
    qtbot: QtBot, dossier: Dossier
) -> None:
    view = shown(qtbot, dossier, (560, 500))  # the tab of an 800 x 600 window, dock open
    painted(qtbot, view, view.graph)
    splitter = view.graph_page.picture
    assert isinstance(splitter, QSplitter)
    em = view.node_items.fontMetrics().horizontalAdvance("M")
    picture, side = splitter.sizes()
    assert side >= 14 * em - 1  # a readable column
    assert picture >= 2 * side  # it was 240 px of 560, the picture squeezed to 330
    view.resize(1600, 800)
    qtbot.waitUntil(lambda: splitter.sizes()[0] > 1200)
    assert splitter.sizes()[1] <= 22 * em + 1  # a wide window widens the picture
    # once the reader drags the handle, the width is theirs
    splitter.moveSplitter(splitter.width() - 40 * em, 1)
    chosen_side = splitter.sizes()[1]
    view.resize(1500, 800)
    qtbot.waitUntil(lambda: splitter.width() < 1550)
    assert abs(splitter.sizes()[1] - chosen_side) <= 2


def test_the_section_filter_narrows_the_chart(qtbot: QtBot, dossier: Dossier) -> None:
    view = shown(qtbot, dossier)
    view.section_filter.setCurrentIndex(view.section_filter.findData("trade"))
    chart = view.graph.graph
    assert chart is not None and chart.nodes
    assert all(i.startswith("trade/") for node in chart.nodes for i in node.items)


def test_each_picture_has_its_data_as_a_table(qtbot: QtBot, dossier: Dossier) -> None:
    view = shown(qtbot, dossier)
    table = view.timeline_page.table
    assert table is not None and table.rowCount() == dossier.counts()["events"]
    view.timeline_page.as_table.setChecked(True)
    assert view.timeline_page.stack.currentWidget() is table
    places = view.map_page.table
    assert places is not None
    names = set()
    for row in range(places.rowCount()):
        cell = places.item(row, 0)
        assert cell is not None, f"row {row} has a name"
        names.add(cell.text())
    assert {"Aktau", "Kuryk", "Baku", "Alat"} <= names
    # a row of the table opens its item, as a click on its mark does
    with qtbot.waitSignal(view.item_activated) as signal:
        table.itemActivated.emit(table.item(0, 2))
    assert signal.args == [view.timeline.timeline.rows[0].anchor]  # type: ignore[union-attr]


def test_dark_palette_draws_dark(qtbot: QtBot, dossier: Dossier) -> None:
    view = shown(qtbot, dossier, (800, 600))
    palette = view.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#202020"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    view.timeline.setPalette(palette)
    assert view.timeline.picture_palette().dark
    image = view.timeline.grab().toImage()
    assert image.pixelColor(2, 2).lightnessF() < 0.3
    # each section keeps its colour: a reader who switches, or prints, finds it again
    from dossier.export.pictures.common import DARK, LIGHT

    assert [DARK.lane(i).name() for i in range(7)] == [LIGHT.lane(i).name() for i in range(7)]
    # and the as-of line is in none of their colours: a lone mark beside it is its own
    for picture in (LIGHT, DARK):
        lanes = {picture.lane(i).name().lower() for i in range(7)}
        assert picture.as_of.lower() not in lanes


def test_a_large_dossier_stays_in_its_frame(qtbot: QtBot) -> None:
    view = shown(qtbot, synthetic_dossier(1000, 300), (800, 600))
    for canvas in (view.timeline, view.map):
        drawing = painted(qtbot, view, canvas)
        frame = QRectF(canvas.rect())
        assert all(frame.contains(label) for label in drawing.labels)
        assert drawing.hidden_labels > 0  # thinned, not piled up
        no_overlaps(drawing)


def test_the_pdf_has_vector_pictures_with_text(
    qtbot: QtBot, dossier: Dossier, tmp_path: Path
) -> None:
    path = tmp_path / "pictures.pdf"
    assert write_pictures_pdf(dossier, path) == 3
    reader = PdfReader(path)
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        xobjects = resources.get("/XObject") or {}
        images = [x for x in xobjects.values() if x.get_object().get("/Subtype") == "/Image"]
        assert not images
    # Qt's PDF engine spaces words with tabs in the extracted text
    timeline, places = (" ".join(reader.pages[i].extract_text().split()) for i in (1, 2))
    assert "as of Feb 2021" in timeline and "Politics" in timeline
    assert "Aktau" in places and "Natural Earth" in places
