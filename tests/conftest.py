"""Shared fixtures: no test reads or writes the user's real settings or cache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "kazakhstan-azerbaijan-ambassador-interview-2021.txt"
BUNDLED = REPO / "resources" / "dossiers" / "kazakhstan-azerbaijan-2021.yaml"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point settings and caches at a fresh folder for every test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(home / "cache" / "dossier"))
    monkeypatch.setenv("DOSSIER_DATA_DIR", str(home / "data"))  # the notes database
    yield home


@pytest.fixture
def bundled() -> Path:
    """The dossier that ships with the app."""
    return BUNDLED


@pytest.fixture
def seed() -> Path:
    """The interview the bundled dossier is built from."""
    return SEED
