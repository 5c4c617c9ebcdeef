"""Time the notes layer with 2,000 notes on the bundled dossier.

Run: ``QT_QPA_PLATFORM=offscreen python benchmarks/bench_notes.py``. Prints:

- opening the dossier and painting its first tab, with no notes and with 2,000
  (target: within 1.2× of no notes), median of a few runs;
- the notes panel's filter per keystroke, typing a word letter by letter (p95, target
  16 ms, a frame);
- adding a note, from the call to its commit on disk (median and p95, target 10 ms).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QObject

NOTES = 2000


def _seed_notes(dossier_path: Path, count: int) -> None:
    """``count`` highlights and notes spread over every item of the dossier."""
    from dossier.core.loader import load_dossier
    from dossier.core.notes import NotesStore, new_annotation, notes_path
    from dossier.core.notes.places import item_text
    from dossier.core.notes.targets import item_target

    dossier = load_dossier(dossier_path)
    items = [item for section in dossier.sections for item in section.items()]
    with NotesStore.open(notes_path()) as store:
        batch = []
        for n in range(count):
            item = items[n % len(items)]
            text = item_text(item)
            words = text.split()
            word = words[(n // len(items)) % len(words)]
            start = text.index(word)
            target = item_target(dossier, item.anchor, (start, start + len(word)))
            colour = ("yellow", "green", "red", "blue")[n % 4]
            body = f"note {n} on {word}" if n % 2 else ""
            kind = "note" if body else "highlight"
            batch.append(new_annotation(dossier.id, kind, target, body=body, colour=colour,
                                        tags=(f"t{n % 7}",)))  # fmt: skip
        store.merge(batch)


class _FirstPaint(QObject):
    """Notes the time of the first paint of a widget."""

    def __init__(self) -> None:
        super().__init__()
        self.at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.at is None:
            self.at = time.perf_counter()
        return False


def _open_and_paint(path: Path) -> tuple[float, float]:
    """Seconds from a new window opening ``path`` to its first tab painted, and to the
    notes' marks drawn on it."""
    from PySide6.QtWidgets import QApplication

    from dossier.ui import notes_store
    from dossier.ui.main_window import MainWindow

    notes_store.close_session()
    window = MainWindow(persist=False)
    window.show()
    QApplication.processEvents()
    watcher = _FirstPaint()
    start = time.perf_counter()
    window.open_path(path)
    pane = window.pane(window.current_tab_id() or "overview")
    assert pane is not None
    pane.viewport().installEventFilter(watcher)
    while watcher.at is None:
        QApplication.processEvents()
    painted = watcher.at - start
    for _ in range(3):
        QApplication.processEvents()  # the deferred marks
    marked = time.perf_counter() - start
    window.close()
    window.deleteLater()
    QApplication.processEvents()
    return painted, marked


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from dossier.core.resources import bundled_dossier
    from dossier.ui.app import application

    app = application()
    path = bundled_dossier()
    with tempfile.TemporaryDirectory() as empty, tempfile.TemporaryDirectory() as full:
        runs = 5
        os.environ["DOSSIER_DATA_DIR"] = empty
        _open_and_paint(path)  # warm: imports, fonts, caches
        bare = [_open_and_paint(path) for _ in range(runs)]
        os.environ["DOSSIER_DATA_DIR"] = full
        _seed_notes(path, NOTES)
        noted = [_open_and_paint(path) for _ in range(runs)]
        paint0 = statistics.median(p for p, _ in bare)
        paint1 = statistics.median(p for p, _ in noted)
        marked = statistics.median(m for _, m in noted)
        print(f"open + first tab painted, no notes:     {paint0 * 1000:7.1f} ms")
        print(f"open + first tab painted, {NOTES:,} notes: {paint1 * 1000:7.1f} ms"
              f"  ({paint1 / paint0:.2f}x, target <= 1.2x)")  # fmt: skip
        print(f"  ... and its notes' marks drawn:      {marked * 1000:7.1f} ms")

        from PySide6.QtWidgets import QApplication

        from dossier.ui import notes_store
        from dossier.ui.main_window import MainWindow

        notes_store.close_session()
        window = MainWindow(persist=False)
        window.show()
        window.open_path(path)
        panel = window.notes_panel
        QApplication.processEvents()
        shown = len(panel.visible_rows())
        timings = []
        for word in ("note 1", "kazakhstan", "caspian", "t3", "zz"):
            for n in range(1, len(word) + 1):
                start = time.perf_counter()
                panel.field.setText(word[:n])  # the filter runs on each change
                timings.append(time.perf_counter() - start)
            panel.field.clear()
        print(f"panel: {shown:,} notes listed; filter per keystroke p95 "
              f"{_p95(timings) * 1000:.1f} ms, max {max(timings) * 1000:.1f} ms"
              " (target p95 <= 16 ms)")  # fmt: skip

        window.select_tab("politics")
        pane = window.pane("politics")
        assert pane is not None
        from PySide6.QtGui import QTextCursor

        adds = []
        for n in range(30):
            cursor = QTextCursor(pane.document())
            found = pane.document().find("independence", n % 3)
            cursor.setPosition(found.selectionStart())
            cursor.setPosition(found.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
            pane.setTextCursor(cursor)
            store = window.annotator.opened.store
            assert store is not None
            start = time.perf_counter()
            target = window.annotator._selected_target()
            assert target is not None
            from dossier.core.notes import new_annotation

            annotation = new_annotation("kz-az-2021", "highlight", target, colour="yellow")
            made = time.perf_counter()
            store.add(annotation)  # committed, synchronous=FULL, when it returns
            adds.append((made - start, time.perf_counter() - made))
        made_ms = statistics.median(m for m, _ in adds) * 1000
        commits = [c for _, c in adds]
        print(f"add a note: selection to target {made_ms:.2f} ms; commit median "
              f"{statistics.median(commits) * 1000:.2f} ms, p95 {_p95(commits) * 1000:.2f} ms"
              " (target < 10 ms)")  # fmt: skip
        start = time.perf_counter()
        window.annotator.highlight("green")
        print(f"add a highlight and redraw {NOTES:,} notes' marks and the panel: "
              f"{(time.perf_counter() - start) * 1000:.1f} ms")  # fmt: skip
        window.close()
        notes_store.close_session()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
