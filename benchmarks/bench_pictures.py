"""Time each picture: the bundled dossier and a synthetic one (1,000 events, 300 places),
drawn on screen (into an 800×600 and a 1600×1000 image, as a widget paints) and into a PDF.

Run: ``QT_QPA_PLATFORM=offscreen python benchmarks/bench_pictures.py``. Prints the best
of a few runs and the first (cold) run, in milliseconds.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QRectF
from PySide6.QtGui import QGuiApplication, QImage, QPainter

from dossier.core.loader import load_dossier
from dossier.core.model import Dossier
from dossier.core.pictures.geo import build_map
from dossier.core.pictures.graph import build_graph, layout
from dossier.core.pictures.synthetic import synthetic_dossier
from dossier.core.pictures.timeline import build_timeline
from dossier.core.resources import bundled_dossier
from dossier.export.fonts import register_fonts
from dossier.export.picture_sheet import write_pictures_pdf
from dossier.export.pictures.common import LIGHT, Type
from dossier.export.pictures.figures import draw_figures
from dossier.export.pictures.graph import draw_graph
from dossier.export.pictures.map import draw_map
from dossier.export.pictures.timeline import draw_timeline

RUNS = 5


def timed(work: Callable[[], object], runs: int = RUNS) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return times[0], min(times)


def on_screen(draw: Callable[[QPainter, QRectF], object], size: tuple[int, int]) -> None:
    image = QImage(size[0], size[1], QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    draw(painter, QRectF(0, 0, size[0], size[1]))
    painter.end()


def bench(name: str, dossier: Dossier, folder: Path) -> None:
    type_ = Type(register_fonts().serif, 13)
    line = build_timeline(dossier)
    places = build_map(dossier)
    chart = build_graph(dossier)
    positions = layout(chart)
    pictures: dict[str, Callable[[QPainter, QRectF], object]] = {
        "timeline": lambda p, r: draw_timeline(p, r, line, LIGHT, type_),
        "relations": lambda p, r: draw_graph(p, r, chart, LIGHT, type_, positions=positions),
        "figures": lambda p, r: draw_figures(p, r, dossier, LIGHT, type_),
    }
    if places is not None:
        pictures["map"] = lambda p, r: draw_map(p, r, places, LIGHT, type_)
    print(f"{name}: {len(line.rows)} events, {len(places.places) if places else 0} places")
    for picture, draw in pictures.items():
        for size in ((800, 600), (1600, 1000)):
            cold, best = timed(lambda d=draw, s=size: on_screen(d, s))  # type: ignore[misc]
            print(f"  {picture:<10} {size[0]}x{size[1]}: best {best:7.1f} ms (first {cold:7.1f})")
    data = timed(lambda: (build_timeline(dossier), build_map(dossier)))
    print(f"  data (timeline + map rows): best {data[1]:7.1f} ms")
    graph_time = timed(lambda: layout(build_graph(dossier)), 2)
    print(f"  relations data + layout:   best {graph_time[1]:7.1f} ms")
    pdf = folder / f"{name}.pdf"
    cold, best = timed(lambda: write_pictures_pdf(dossier, pdf), 3)
    print(f"  PDF (timeline + map pages): best {best:7.1f} ms (first {cold:7.1f})")


def main() -> int:
    QGuiApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as folder:
        bench("bundled", load_dossier(bundled_dossier()), Path(folder))
        bench("synthetic", synthetic_dossier(1000, 300), Path(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
