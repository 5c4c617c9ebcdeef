"""Quitting while the viewer works in the background (a folder loading, the search index
being built) ends the process cleanly: exit 0, no traceback, no crash signal, no hang.

Each run is a fresh viewer process on a folder of dossiers, quit at a different moment
after it starts opening the folder; the moments spread over the loading.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.core.dossiers import MINIMAL, seed_from

REPO = Path(__file__).resolve().parents[2]
RUNS = 10
DOSSIERS = 60  # enough that loading and indexing take a while on a quick machine

# The viewer as ``dossier view FOLDER`` runs it, quit (Ctrl+Q's action, as the reader
# would) ``delay`` ms after its event loop starts.
SCRIPT = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from dossier.ui.app import application, run_viewer
from dossier.ui.main_window import MainWindow

app = application()

def quit_viewer():
    for widget in app.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.window_actions.quit.trigger()

QTimer.singleShot(int(sys.argv[2]), app, quit_viewer)
sys.exit(run_viewer(Path(sys.argv[1])))
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("library")
    seed = seed_from(folder)
    for n in range(DOSSIERS):
        text = MINIMAL.replace("id: mini", f"id: mini-{n}").format(seed=seed)
        (folder / f"d{n:03}.yaml").write_text(text, encoding="utf-8")
    return folder


def test_quitting_during_loading_and_indexing_exits_cleanly(library: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DOSSIER_DEBUG", None)
    for run in range(RUNS):
        delay = run * 40  # 0 ms (before loading starts) to 360 ms (indexing)
        result = subprocess.run(
            [sys.executable, "-c", SCRIPT, str(library), str(delay)],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=60,  # a hang fails the test
            check=False,
        )
        said = result.stderr
        assert result.returncode == 0, f"run {run} ({delay} ms): {result.returncode}\n{said}"
        assert "Traceback" not in said and "Signal source has been deleted" not in said, said
