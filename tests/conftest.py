"""Shared set-up: Qt runs offscreen unless told otherwise, and stops the run with one
clear sentence when it cannot start; no test reads or writes the user's real settings or
cache."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "kazakhstan-azerbaijan-ambassador-interview-2021.txt"
BUNDLED = REPO / "resources" / "dossiers" / "kazakhstan-azerbaijan-2021.yaml"

# Set before anything creates a QApplication (and inherited by the commands tests run),
# so the suite needs no display; a run on a real display sets the variable itself.
if not os.environ.get("QT_QPA_PLATFORM"):
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

# A platform plugin that cannot load makes Qt abort the whole process, so it is tried
# in a child process first, before this one imports QtGui.
_QT_PROBE = "from PySide6.QtGui import QGuiApplication; app = QGuiApplication([]); print('ok')"


def _qt_failure() -> str | None:
    """Why Qt cannot start a GUI application here, or None when it can."""
    try:
        probe = subprocess.run(
            [sys.executable, "-c", _QT_PROBE],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return "it did not start within 60 s"
    if probe.returncode == 0 and probe.stdout.strip() == "ok":
        return None
    lines = [line.strip() for line in probe.stderr.splitlines() if line.strip()]
    if any(line.startswith("Traceback") for line in lines):
        return lines[-1]  # the exception, e.g. a missing shared library
    said = [line for line in lines if not line.startswith(("Fatal Python", "Current thread"))]
    return said[0] if said else f"exit status {probe.returncode}"


@pytest.hookimpl(tryfirst=True)  # before pytest-qt imports QtGui in this process
def pytest_configure(config: pytest.Config) -> None:
    failure = _qt_failure()
    if failure is not None:
        platform = os.environ["QT_QPA_PLATFORM"]
        pytest.exit(
            f"Qt cannot start on the {platform!r} platform ({failure}), so no test can run: "
            "install the system libraries the README lists, or set QT_QPA_PLATFORM to a "
            "platform that loads here (offscreen needs no display).",
            returncode=pytest.ExitCode.USAGE_ERROR,
        )


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point settings, caches and the notes database at a fresh folder for every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(home / "cache" / "dossier"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("DOSSIER_DATA_DIR", str(home / "data" / "dossier"))
    yield home


@pytest.fixture
def bundled() -> Path:
    """The dossier that ships with the app."""
    return BUNDLED


@pytest.fixture
def seed() -> Path:
    """The interview the bundled dossier is built from."""
    return SEED
