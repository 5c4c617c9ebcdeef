"""The search cache holds the full text of every source: private, forgettable, dropped
with its dossiers, and never left half-written (a full disk, an interrupted build)."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import dossier.core.search.build as search_build
from dossier.core.search import cache_dir, forget, open_library
from tests.core.dossiers import MINIMAL, write


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    for number in range(3):
        write(folder, MINIMAL.replace("id: mini", f"id: d{number}"), f"d{number}.yaml")
    return folder


@pytest.fixture
def lax_umask() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_cache_is_private_whatever_the_umask(library: Path, lax_umask: None) -> None:
    with open_library(library) as opened:
        database = opened.index.database
        assert database is not None
        assert _mode(database.parent) == 0o700
        files = [p for p in database.parent.iterdir() if p.name.startswith(database.name)]
        assert {p.name[len(database.name) :] for p in files} >= {"", "-wal"}
        assert {_mode(p) for p in files} == {0o600}


def test_an_old_cache_made_under_a_lax_umask_is_tightened(library: Path) -> None:
    with open_library(library) as opened:
        database = opened.index.database
    assert database is not None
    os.chmod(database.parent, 0o755)
    os.chmod(database, 0o644)
    with open_library(library) as again:
        assert again.loaded == 0
    assert (_mode(database.parent), _mode(database)) == (0o700, 0o600)


def test_forget_deletes_the_cache_and_says_what_went(library: Path) -> None:
    open_library(library).index.close()
    folder, files, size = forget()
    assert folder == cache_dir() / "search"
    assert files >= 1 and size > 0
    assert not folder.exists()
    assert forget()[1:] == (0, 0)
    with open_library(library) as again:
        assert again.loaded == 3  # indexed afresh


def test_the_index_of_a_folder_that_is_gone_is_dropped_on_the_next_run(
    library: Path, tmp_path: Path
) -> None:
    open_library(library).index.close()
    (old,) = (cache_dir() / "search").glob("*.sqlite")
    for file in library.iterdir():
        file.unlink()
    library.rmdir()
    other = tmp_path / "other"
    other.mkdir()
    write(other)
    with open_library(other) as opened:
        assert opened.index.database != old
    assert not old.exists()
    assert [p.name for p in (cache_dir() / "search").glob("*.sqlite")] == [
        opened.index.database.name  # type: ignore[union-attr]
    ]


def _full_after(monkeypatch: pytest.MonkeyPatch, pages: int) -> None:
    """Cache databases that can grow to ``pages`` pages of 4 KiB only: SQLite then
    answers SQLITE_FULL, as on a full disk (the cache's own large pages would hold the
    few test dossiers in the pages its tables start with)."""
    monkeypatch.setattr("dossier.core.search.store.PAGE_SIZE", 4096)
    real = sqlite3.connect

    def limited(where: str, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn: sqlite3.Connection = real(where, *args, **kwargs)
        if where != ":memory:":
            conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(sqlite3, "connect", limited)  # the module the cache store connects with


def test_a_full_disk_while_indexing_searches_from_memory_and_says_so(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _full_after(monkeypatch, 30)
    with open_library(library) as opened:
        assert opened.index.database is None
        assert opened.index.notice is not None and "the disk is full" in opened.index.notice
        assert len({r.dossier_id for r in opened.index.search("Quryq").results}) == 3
    monkeypatch.undo()
    with open_library(library) as again:  # space is back: the cache works again
        assert again.index.database is not None and again.index.notice is None
        assert len({r.dossier_id for r in again.index.search("Quryq").results}) == 3
        check = again.index.store.conn.execute("PRAGMA integrity_check").fetchone()[0]
        assert check == "ok"


def test_an_interrupted_build_keeps_a_consistent_cache(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("dossier.core.search.scan.COMMIT_EVERY", 1)
    real = search_build.load_and_build
    calls: list[str] = []

    def interrupted(path: str, digest: str, trusted: tuple[str, ...] = ()) -> object:
        calls.append(path)
        if len(calls) == 3:
            raise KeyboardInterrupt  # Ctrl+C while the third file loads
        return real(path, digest, trusted)

    monkeypatch.setattr(search_build, "load_and_build", interrupted)
    with pytest.raises(KeyboardInterrupt):
        open_library(library)
    monkeypatch.setattr(search_build, "load_and_build", real)
    with open_library(library) as again:
        assert again.loaded == 1  # the two stored before the interrupt are kept
        assert len({r.dossier_id for r in again.index.search("Quryq").results}) == 3
        conn = again.index.store.conn
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO fts(fts) VALUES('integrity-check')")
