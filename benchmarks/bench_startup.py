"""Start-up time to the first painted window: a bare PySide6 window against the viewer.

Each measurement is a fresh Python process (with compiled bytecode, as after
``pip install``) on the offscreen platform. The clock starts
at the top of the child (before PySide6 is imported; interpreter start-up is common to
both and is reported separately as the process wall time) and stops when the window
receives its first Paint event. Both cases use the same method.

    python benchmarks/bench_startup.py [--runs N]
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

CHILD = r"""
import time
T0 = time.perf_counter()
import sys
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

def now():
    # from this line, and (monotonic clock, shared by processes) an absolute stamp
    return f"{(time.perf_counter() - T0) * 1000:.2f}/{time.monotonic() * 1000:.3f}"

class FirstPaint(QObject):
    # prints the time of the first Paint of the window, then of the content (if any)
    def __init__(self, wait_for_content):
        super().__init__()
        self.wait = wait_for_content
        self.window_ms = None
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            if self.window_ms is None:
                self.window_ms = now()
                if not self.wait:
                    print(self.window_ms, self.window_ms, flush=True)
                    QApplication.instance().exit(0)
            elif obj is not window:
                print(self.window_ms, now(), flush=True)
                QApplication.instance().exit(0)
        return False

KIND = sys.argv[1]
if KIND == "bare":
    from PySide6.QtWidgets import QMainWindow
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("bare")
    window.resize(1200, 860)
else:
    import dossier.cli  # the `dossier` command's own entry point comes first
    from dossier.core.resources import bundled_dossier
    from dossier.ui.app import application
    from dossier.ui.main_window import MainWindow
    app = application(sys.argv[:1])
    window = MainWindow(persist=False)
    window.resize(1200, 860)
watcher = FirstPaint(KIND != "bare")
window.installEventFilter(watcher)
if KIND != "bare":
    # as run_viewer does: show, then open the bundled dossier once the window has painted
    def content_paints(dossier):
        window.pane("overview").viewport().installEventFilter(watcher)
    window.dossier_changed.connect(content_paints)
window.show()
if KIND != "bare":
    window.open_when_shown(bundled_dossier())
sys.exit(app.exec())
"""


def measure(kind: str) -> tuple[float, float, float, float]:
    """ms from the child's first line to the window's first paint and to the content's
    first paint, ms of the whole process, and ms from launching the process to the
    window's first paint (what a user waits for)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    env.setdefault("XDG_CONFIG_HOME", str(Path(tempfile.gettempdir()) / "bench-startup-config"))
    # An installed wheel has its bytecode compiled (pip does it); give the checkout the
    # same, in a cache of our own, even where PYTHONDONTWRITEBYTECODE is set.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "bench-startup-pycache")
    launched = time.monotonic() * 1000
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", CHILD, kind],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    wall = (time.perf_counter() - start) * 1000
    first, content = result.stdout.strip().splitlines()[-1].split()
    first_ms, first_stamp = (float(part) for part in first.split("/"))
    content_ms = float(content.split("/")[0])
    return first_ms, content_ms, wall, first_stamp - launched


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    measure("bare")  # warm the file cache for both
    measure("viewer")
    results: dict[str, list[tuple[float, float, float, float]]] = {"bare": [], "viewer": []}
    for _ in range(args.runs):  # interleaved, so drift affects both alike
        for kind, runs in results.items():
            runs.append(measure(kind))
    med = {
        kind: tuple(statistics.median(r[i] for r in runs) for i in range(4))
        for kind, runs in results.items()
    }
    bare, viewer = med["bare"], med["viewer"]
    print(f"medians of {args.runs} fresh processes each, offscreen platform")
    print(f"  bare QMainWindow        first paint   {bare[0]:7.1f} ms   process {bare[2]:6.1f} ms")
    print(
        f"  viewer, window painted  first paint   {viewer[0]:7.1f} ms   process {viewer[2]:6.1f} ms"
    )
    print(f"  viewer, dossier shown   content paint {viewer[1]:7.1f} ms")
    print(
        f"  from launching the process to the first painted window: bare {bare[3]:.1f} ms, "
        f"viewer {viewer[3]:.1f} ms, ratio {viewer[3] / bare[3]:.2f}x (target <= 1.5x)"
    )
    print(
        f"  ratio to bare: window {viewer[0] / bare[0]:.2f}x, dossier content "
        f"{viewer[1] / bare[0]:.2f}x, whole process {viewer[2] / bare[2]:.2f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
