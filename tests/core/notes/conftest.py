"""Fixtures for the notes tests: a private data folder, the two fixture editions."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.core.loader import load_dossier
from dossier.core.model import Dossier
from dossier.core.notes import NotesStore

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _notes_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads or writes the user's real notes."""
    folder = tmp_path / "data"
    monkeypatch.setenv("DOSSIER_DATA_DIR", str(folder))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    return folder


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "notes" / "notes.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[NotesStore]:
    with NotesStore.open(db_path) as opened:
        yield opened


@pytest.fixture(scope="session")
def edition1() -> Dossier:
    return load_dossier(DATA / "edition-1.yaml")


@pytest.fixture(scope="session")
def edition2() -> Dossier:
    return load_dossier(DATA / "edition-2.yaml")
