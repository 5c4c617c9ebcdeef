"""The viewer's window against a bare PySide6 window, and the tab of a huge section.

Each measurement is a fresh Python process on the offscreen platform, with compiled
bytecode (as after ``pip install``); viewer and bare runs alternate, so a busy machine
slows each alike, and the figures are medians of ``--runs`` rounds.

- first painted window: from launching the process to the window's first Paint event,
  and the process's peak resident memory (``ru_maxrss``) at the moment the dossier's
  first page has painted (the bare window: at its first paint); the viewer as the
  window's modules make it, and as ``dossier view`` starts it (the command line read
  first, the settings kept), each next to the bare window of the same round;
- a section of 6,000 points (and 12 events, so its tab has its timeline strip): from
  asking for its tab to the tab's first paint, the longest the event loop was kept from
  running meanwhile and until the whole page was set (a 10 ms timer that ticks late
  shows a frozen window), and the time until the whole page is set.

    python benchmarks/bench_window.py [--runs N] [--points N] [--events N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

STARTUP = r"""
import resource, sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

def rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

class FirstPaint(QObject):
    def __init__(self, wait_for_content):
        super().__init__()
        self.wait = wait_for_content
        self.window = None
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            if self.window is None:
                self.window = time.monotonic() * 1000
                if not self.wait:
                    print(f"{self.window:.3f} {rss_mib():.1f}", flush=True)
                    QApplication.instance().exit(0)
            elif obj is not window:
                print(f"{self.window:.3f} {rss_mib():.1f}", flush=True)
                QApplication.instance().exit(0)
        return False

if sys.argv[1] == "command":  # the watcher goes on the window `dossier view` opens
    from dossier.ui import main_window
    opened = main_window.MainWindow.open_when_shown
    def watched(self, path):
        global window
        window = self
        self.installEventFilter(watcher)
        self.dossier_changed.connect(
            lambda dossier: self.pane("overview").viewport().installEventFilter(watcher)
        )
        opened(self, path)
    main_window.MainWindow.open_when_shown = watched
    watcher = FirstPaint(True)
    from dossier.cli import main
    sys.exit(main(["view"]))
elif sys.argv[1] == "bare":
    from PySide6.QtWidgets import QMainWindow
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1200, 860)
else:
    from dossier.core.resources import bundled_dossier
    from dossier.ui.app import application
    from dossier.ui.main_window import MainWindow
    app = application(sys.argv[:1])
    window = MainWindow(persist=False)
    window.resize(1200, 860)
watcher = FirstPaint(sys.argv[1] != "bare")
window.installEventFilter(watcher)
if sys.argv[1] != "bare":
    window.dossier_changed.connect(
        lambda dossier: window.pane("overview").viewport().installEventFilter(watcher)
    )
window.show()
if sys.argv[1] != "bare":
    window.open_when_shown(bundled_dossier())
sys.exit(app.exec())
"""

BIG_TAB = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from dossier.ui.app import application
from dossier.ui.main_window import MainWindow

app = application(sys.argv[:1])
window = MainWindow(persist=False)
window.resize(1200, 860)
state = {"asked": None, "painted": None, "set": None, "last": None, "stall": 0.0}

def tick():
    now = time.perf_counter()
    if state["asked"] is not None and state["last"] is not None:
        state["stall"] = max(state["stall"], now - state["last"])
    state["last"] = now

class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and state["painted"] is None:
            state["painted"] = time.perf_counter()
        return False

def done():
    pane = window.pane("many")
    if state["painted"] is None or not pane.is_rendered:
        return
    state["set"] = state["set"] or time.perf_counter()
    asked = state["asked"]
    print(f"{(state['painted'] - asked) * 1000:.1f} {state['stall'] * 1000:.1f} "
          f"{(state['set'] - asked) * 1000:.1f}", flush=True)
    app.exit(0)

def opened(dossier):
    pane = window.pane("many")
    pane.viewport().installEventFilter(watch)
    pane.rendered.connect(lambda: QTimer.singleShot(0, window, done))
    ticker.start(10)
    def ask():
        state["asked"] = state["last"] = time.perf_counter()
        window.select_tab("many")
        QTimer.singleShot(0, window, done)
    QTimer.singleShot(200, window, ask)

watch = Painted()
ticker = QTimer(window)
ticker.timeout.connect(tick)
ticker.timeout.connect(done)
window.dossier_changed.connect(opened)
window.show()
window.open_when_shown(Path(sys.argv[1]))
sys.exit(app.exec())
"""


def _env() -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    env.setdefault("XDG_CONFIG_HOME", str(Path(tempfile.gettempdir()) / "bench-window-config"))
    env.setdefault("DOSSIER_DATA_DIR", str(Path(tempfile.gettempdir()) / "bench-window-data"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "bench-window-pycache")
    return env


def startup(kind: str) -> tuple[float, float]:
    """ms from launching the process to its window's first paint; peak RSS in MiB."""
    launched = time.monotonic() * 1000
    result = subprocess.run(
        [sys.executable, "-c", STARTUP, kind],
        env=_env(),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    painted, rss = (float(v) for v in result.stdout.split()[-2:])
    return painted - launched, rss


def big_tab(path: Path) -> tuple[float, float, float]:
    """ms to the tab's first paint, the longest stall, ms until the page is whole."""
    result = subprocess.run(
        [sys.executable, "-c", BIG_TAB, str(path)],
        env=_env(),
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    first, stall, whole = (float(v) for v in result.stdout.split()[-3:])
    return first, stall, whole


def many_points(folder: Path, points: int, events: int = 0) -> Path:
    """A dossier of one section of ``points`` points (and ``events`` dated events, which
    give its tab a timeline strip), and its source."""
    words = "ministers agreed to expand cooperation in transport energy trade and culture"
    (folder / "source.txt").write_text(
        "\n".join(f"{words} marker {i} here" for i in range(60)) + "\n", encoding="utf-8"
    )
    yaml = [
        "format: briefing-dossier/1",
        "id: many-points",
        "title: Many – Points",
        'as_of: "2021-02"',
        "summary: One section of very many points.",
        "sources:",
        "  - {id: src, path: source.txt, title: Generated source}",
        "sections:",
        "  - id: many",
        "    title: Many points",
        "    summary: A section far longer than any real one.",
        "    points:",
    ]
    for p in range(points):
        text = f"Point {p} says that the {words}" + " and more" * (p % 7)
        yaml += [f"      - text: {text}.", f'        cite: "marker {p % 60} here"']
    if events:
        yaml.append("    events:")
    for e in range(events):
        date = f"{2010 + e % 12}-{1 + e % 12:02d}"
        yaml += [f'      - date: "{date}"', f"        title: Event {e} of the long section"]
        yaml += [f'        cite: "marker {e % 60} here"']
    path = folder / "many.yaml"
    path.write_text("\n".join(yaml) + "\n", encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--points", type=int, default=6000)
    parser.add_argument("--events", type=int, default=12, help="the section's (its timeline)")
    args = parser.parse_args()
    startup("bare")  # warm the file cache and the bytecode for both
    startup("viewer")
    startup("command")
    pairs: dict[str, list[tuple[float, float]]] = {"bare": [], "viewer": [], "command": []}
    for _ in range(args.runs):
        for kind, runs in pairs.items():
            runs.append(startup(kind))
    bare = [statistics.median(r[i] for r in pairs["bare"]) for i in (0, 1)]
    viewer = [statistics.median(r[i] for r in pairs["viewer"]) for i in (0, 1)]
    command = [statistics.median(r[i] for r in pairs["command"]) for i in (0, 1)]
    print(f"medians of {args.runs} rounds of fresh processes, offscreen platform")
    print(
        f"  first painted window, from launch: bare {bare[0]:.0f} ms, viewer {viewer[0]:.0f} ms"
        f" = {viewer[0] / bare[0]:.2f}x (target <= 1.2x)"
    )
    print(
        f"  peak memory, first page painted: bare {bare[1]:.0f} MiB, viewer {viewer[1]:.0f} MiB"
        f" = {viewer[1] / bare[1]:.2f}x (target <= 1.3x)"
    )
    print(
        f"  `dossier view`: first painted window {command[0]:.0f} ms = "
        f"{command[0] / bare[0]:.2f}x, peak memory {command[1]:.0f} MiB = "
        f"{command[1] / bare[1]:.2f}x"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = many_points(Path(tmp), args.points, args.events)
        tabs = [big_tab(path) for _ in range(max(3, args.runs // 3))]
    first, stall, whole = (statistics.median(t[i] for t in tabs) for i in range(3))
    print(
        f"  tab of a {args.points:,}-point section with {args.events} events (median of "
        f"{len(tabs)}): first paint "
        f"{first:.0f} ms, longest freeze {stall:.0f} ms, whole page set {whole:.0f} ms "
        "(target: first paint <= 1 s, never frozen)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
