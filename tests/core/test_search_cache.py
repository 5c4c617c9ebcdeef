"""The index cache: built once, reused without parsing, rebuilt when stale or damaged."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path

import pytest

import dossier.core.search.build as search_build
import dossier.core.search.scan as search_scan
from dossier.core.errors import DossierError
from dossier.core.loader import load_dossier
from dossier.core.model import Dossier
from dossier.core.search import SearchIndex, cache_dir, catalog, open_library
from dossier.core.yamlsafe import MAX_BYTES
from tests.core.dossiers import MINIMAL, SEED, seed_from, write, write_pair

REPO = Path(__file__).resolve().parents[2]


def _texts(folder: Path, query: str) -> list[str]:
    with open_library(folder) as library:
        return [r.text for r in library.index.search(query).results]


def _database(folder: Path) -> Path:
    (found,) = (cache_dir() / "search").glob("*.sqlite")
    return found


def _count(db: Path, table: str) -> int:
    with closing(sqlite3.connect(db)) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return write_pair(tmp_path / "library")


def test_cache_lives_in_the_users_cache_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_CACHE_DIR", "/somewhere/else")
    assert cache_dir() == Path("/somewhere/else")
    monkeypatch.delenv("DOSSIER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/xdg")
    assert cache_dir() == Path("/xdg/dossier")
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache_dir() == Path.home() / ".cache" / "dossier"


def test_a_library_is_indexed_once_then_read_from_the_cache(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = open_library(library)
    assert first.loaded == 2 and len(first.dossiers) == 2
    assert first.index.database is not None and first.index.database.is_relative_to(cache_dir())
    first.index.close()

    def no_parsing(path: Path) -> None:
        raise AssertionError(f"{path} was parsed although it is cached")

    monkeypatch.setattr(search_build, "load_dossier", no_parsing)
    with open_library(library) as again:
        assert again.loaded == 0
        assert {r.dossier_id for r in again.index.search("Quryq").results} == {"mini"}
        assert {r.dossier_id for r in again.index.search("Aqtau").results} == {"second"}


def test_a_changed_dossier_is_reindexed_and_its_old_entry_dropped(library: Path) -> None:
    assert _texts(library, "Quryq")
    path = library / "mini.yaml"
    path.write_text(path.read_text().replace("aliases: [Quryq]", "aliases: [Kuryq Port]"))
    with open_library(library) as reopened:
        assert reopened.loaded == 1
        assert not reopened.index.search("Quryq").results
        assert reopened.index.search("Kuryq Port").results
    assert _entries(_database(library)) == (2, 1)  # two dossiers, their one source
    assert _stored(_database(library)) == _documents(library)


def _entries(db: Path) -> tuple[int, int]:
    """How many dossier entries and source entries a database holds."""
    with closing(sqlite3.connect(db)) as conn:
        rows = dict(conn.execute("SELECT source, count(*) FROM entries GROUP BY source"))
    return rows.get(0, 0), rows.get(1, 0)


def _stored(db: Path) -> int:
    with closing(sqlite3.connect(db)) as conn:
        return int(conn.execute("SELECT sum(docs) FROM entries").fetchone()[0])


def _documents(folder: Path) -> int:
    """The documents of a library: each dossier's own, each distinct source's once."""
    from dossier.core.search.extract import own_documents, paragraphs

    loaded = [load_dossier(file) for file in sorted(folder.glob("*.yaml"))]
    sources = {s.digest: s for dossier in loaded for s in dossier.sources}
    own = sum(1 for dossier in loaded for _ in own_documents(dossier))
    return own + sum(1 for source in sources.values() for _ in paragraphs(source))


def test_a_changed_source_is_reindexed(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    source = folder / "interview.txt"
    shutil.copyfile(SEED, source)
    (folder / "mini.yaml").write_text(MINIMAL.format(seed="interview.txt"), encoding="utf-8")
    assert not _texts(folder, "zanzibar")
    source.write_text(SEED.read_text(encoding="utf-8") + "\nZanzibar appears.\n", "utf-8")
    with open_library(folder) as reopened:
        assert reopened.loaded == 1
        assert [r.kind for r in reopened.index.search("zanzibar").results] == ["paragraph"]


def test_a_deleted_dossier_leaves_the_cache(library: Path) -> None:
    open_library(library).index.close()
    (library / "b.yaml").unlink()
    with open_library(library) as reopened:
        assert [e.dossier_id for e in reopened.dossiers] == ["mini"]
        assert not reopened.index.search("Aqtau").results
    assert _entries(_database(library)) == (1, 1)


@pytest.mark.parametrize(
    "damage",
    [
        b"this is not a database at all" * 100,
        b"",
        b"SQLite format 3\x00" + b"\xff" * 5000,
    ],
    ids=["garbage", "empty", "bad-header"],
)
def test_a_corrupt_cache_is_discarded_and_rebuilt(library: Path, damage: bytes) -> None:
    open_library(library).index.close()
    db = _database(library)
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    db.write_bytes(damage)
    with open_library(library) as reopened:
        assert reopened.loaded == 2
        assert {r.dossier_id for r in reopened.index.search("Quryq").results} == {"mini"}
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_damage_found_while_searching_is_repaired(library: Path) -> None:
    open_library(library).index.close()
    db = _database(library)
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(db.read_bytes())
    # Keep the header and the first pages (schema, meta); wreck the rest.
    start = 8 * page_size
    data[start:] = b"\x5a" * (len(data) - start)
    db.write_bytes(bytes(data))
    with open_library(library) as reopened:
        results = reopened.index.search("Quryq").results
    assert {r.dossier_id for r in results} == {"mini"}


def test_damage_reported_by_sqlite_during_a_search_rebuilds_and_answers(
    library: Path,
) -> None:
    index = open_library(library).index
    real = index._store.conn

    class Damaged:
        """A connection to a file that went bad after it was opened."""

        def execute(self, *args: object) -> None:
            raise sqlite3.DatabaseError("database disk image is malformed")

        def close(self) -> None:
            real.close()

    index._store.conn = Damaged()  # type: ignore[assignment]
    with index:
        assert {r.dossier_id for r in index.search("Quryq").results} == {"mini"}
        assert {r.dossier_id for r in index.search("Aqtau").results} == {"second"}


def test_a_cache_of_another_schema_is_not_trusted(library: Path) -> None:
    open_library(library).index.close()
    db = _database(library)
    with closing(sqlite3.connect(db)) as conn, conn:  # closed, after committing
        conn.execute("UPDATE meta SET value = 'someone-else' WHERE key = 'fingerprint'")
    with open_library(library) as reopened:
        assert reopened.loaded == 2
        assert reopened.index.search("Quryq").results


def test_a_foreign_database_is_replaced(library: Path) -> None:
    open_library(library).index.close()
    db = _database(library)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("CREATE TABLE docs(x)")
    with open_library(library) as reopened:
        assert reopened.index.search("Quryq").results


def test_an_unwritable_cache_folder_falls_back_to_memory(
    library: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DOSSIER_CACHE_DIR", str(blocker))
    with open_library(library) as opened:
        assert opened.index.database is None
        assert opened.index.search("Quryq").results


def test_invalid_dossiers_are_reported_and_the_valid_ones_searched(library: Path) -> None:
    (library / "broken.yaml").write_text("format: briefing-dossier/1\nid: [oops\n")
    write(library, MINIMAL.replace("[Quryq]", "[Alatport]"), "z-same-id.yaml")
    with open_library(library) as opened:
        assert [e.dossier_id for e in opened.dossiers] == ["second", "mini"] or {
            e.dossier_id for e in opened.dossiers
        } == {"mini", "second"}
        failed = {path.name: problems for path, problems in opened.failures}
        assert set(failed) == {"broken.yaml", "z-same-id.yaml"}
        assert "already used" in failed["z-same-id.yaml"][0].message
        assert opened.index.search("Quryq").results
        assert not opened.index.search("Alatport").results
    # Warm, the same answer.
    with open_library(library) as again:
        assert {p.name for p, _ in again.failures} == {"broken.yaml", "z-same-id.yaml"}


def test_nothing_valid_raises(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("just: text\n")
    with pytest.raises(DossierError):
        open_library(tmp_path)
    with pytest.raises(DossierError):
        open_library(tmp_path / "missing.yaml")
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(DossierError):
        open_library(empty)


def test_loaded_dossiers_share_the_cache_with_the_command_line(library: Path) -> None:
    dossiers = [load_dossier(path) for path in sorted(library.glob("*.yaml"))]
    index = SearchIndex.for_dossiers(dossiers)
    assert index.search("Quryq").results
    index.close()
    with open_library(library) as again:
        assert again.loaded == 0


def test_a_subset_of_a_folder_searches_only_that_subset(library: Path) -> None:
    open_library(library).index.close()  # both in the cache
    with SearchIndex.for_dossiers([load_dossier(library / "b.yaml")]) as index:
        assert index.search("Aqtau").results
        assert not index.search("Quryq").results


def test_a_build_in_small_transactions_stores_every_dossier_and_syncs_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Indexing goes without waiting for the disk; what follows is durable again."""
    monkeypatch.setattr(search_scan, "COMMIT_EVERY", 3)
    monkeypatch.setattr(search_scan, "COMMIT_LAST", 2)
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(7):
        write(folder, MINIMAL.replace("id: mini", f"id: d{number}"), f"d{number}.yaml")
    with open_library(folder, cache=tmp_path / "cache") as opened:
        assert len({r.dossier_id for r in opened.index.search("Quryq").results}) == 7
        assert opened.index.store.conn.execute("PRAGMA synchronous").fetchone()[0] == 1
    with open_library(folder, cache=tmp_path / "cache") as again:
        assert again.loaded == 0 and len(again.dossiers) == 7


def test_large_libraries_load_in_worker_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_build, "PARALLEL_FROM", 2)
    monkeypatch.setattr(search_scan, "COMMIT_EVERY", 2)
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(5):
        write(folder, MINIMAL.replace("id: mini", f"id: d{number}"), f"d{number}.yaml")
    (folder / "broken.yaml").write_text("nope: [\n")
    with open_library(folder, workers=2) as opened:
        assert len(opened.dossiers) == 5 and len(opened.failures) == 1
        assert len({r.dossier_id for r in opened.index.search("Quryq").results}) == 5


_BUILD = """
import sys
from pathlib import Path
from dossier.core.search import open_library
with open_library(Path(sys.argv[1])) as library:
    assert len({r.dossier_id for r in library.index.search("Quryq").results}) == 6
print(library.loaded)
"""


def test_processes_building_the_same_cache_at_once_do_not_corrupt_it(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    for number in range(6):
        write(folder, MINIMAL.replace("id: mini", f"id: d{number}"), f"d{number}.yaml")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _BUILD, str(folder)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    with open_library(folder) as again:
        assert again.loaded == 0
    with closing(sqlite3.connect(_database(folder))) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM entries WHERE source = 0").fetchone()[0] == 6
        conn.execute("INSERT INTO fts(fts) VALUES('integrity-check')")


# -- files that change, or are not what they seem, while they are indexed ---------------
EDITED = MINIMAL.replace("aliases: [Quryq]", "aliases: [Kuryq Port]")


def test_a_dossier_edited_while_it_loads_is_not_cached_under_its_new_bytes(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = library / "mini.yaml"
    real_load = load_dossier  # the function the index builder imported

    def load_then_edit(where: Path, trusted: Sequence[Path | str] = ()) -> Dossier:
        loaded = real_load(where, trusted)
        if Path(where).name == "mini.yaml":
            write(library, EDITED, "mini.yaml")  # saved by an editor right after the read
        return loaded

    monkeypatch.setattr(search_build, "load_dossier", load_then_edit)
    first = open_library(library)
    assert first.index.search("Quryq").results  # what was read is what is searched
    first.index.close()
    monkeypatch.setattr(search_build, "load_dossier", real_load)
    with open_library(library) as again:
        assert again.loaded == 1  # the new bytes were never indexed: read now
        assert again.index.search("Kuryq Port").results
        assert not again.index.search("Quryq").results
    assert path.read_text(encoding="utf-8") == EDITED.format(seed=seed_from(library))


def test_the_viewer_never_caches_a_dossier_that_changed_after_it_was_loaded(
    library: Path,
) -> None:
    shown = load_dossier(library / "mini.yaml")
    write(library, EDITED, "mini.yaml")
    index = SearchIndex.for_dossiers([shown, load_dossier(library / "b.yaml")])
    assert index.search("Quryq").results  # the viewer searches what it shows
    index.close()
    with open_library(library) as fresh:
        assert fresh.index.search("Kuryq Port").results
        assert not fresh.index.search("Quryq").results


def test_the_viewer_indexes_what_it_loaded_without_reading_it_again(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache key names the bytes the loader parsed, so nothing is loaded twice."""
    loads: list[Path] = []
    real_load = load_dossier  # the function the index builder imported

    def counted(path: Path, trusted: Sequence[Path | str] = ()) -> Dossier:
        loads.append(Path(path))
        return real_load(path, trusted)

    monkeypatch.setattr(search_build, "load_dossier", counted)
    SearchIndex.for_dossiers([load_dossier(library / "mini.yaml")]).close()
    assert loads == []
    with open_library(library) as fresh:
        assert fresh.loaded == 1  # only b.yaml: mini.yaml was cached


def test_a_source_changed_after_loading_is_not_cached_under_its_new_bytes(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    source = folder / "interview.txt"
    shutil.copyfile(SEED, source)
    (folder / "mini.yaml").write_text(MINIMAL.format(seed="interview.txt"), encoding="utf-8")
    shown = load_dossier(folder / "mini.yaml")
    source.write_text(SEED.read_text(encoding="utf-8") + "\nZanzibar appears.\n", "utf-8")
    SearchIndex.for_dossiers([shown]).close()
    with open_library(folder) as fresh:
        assert [r.kind for r in fresh.index.search("zanzibar").results] == ["paragraph"]


def test_a_file_name_that_is_not_utf8_is_indexed_and_found_in_the_cache(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    name = os.fsencode(folder) + b"/\xff-mini.yaml"
    try:
        with open(name, "wb") as handle:
            handle.write(MINIMAL.format(seed=seed_from(folder)).encode())
    except OSError:
        pytest.skip("this file system refuses names that are not UTF-8")
    first = open_library(folder)
    assert {r.dossier_id for r in first.index.search("Quryq").results} == {"mini"}
    first.index.close()
    again = open_library(folder)
    assert again.loaded == 0
    assert [os.fsencode(path) for path in catalog.paths(again.index.store.conn)] == [name]
    again.index.close()
    os.unlink(name)  # gone: forgotten by the next scan, not stuck as an odd row
    write(folder, MINIMAL.replace("id: mini", "id: other"), "other.yaml")
    with open_library(folder) as last:
        assert [e.dossier_id for e in last.dossiers] == ["other"]
    assert _count(_database(folder), "paths") == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_place_of_a_dossier_is_reported_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(DossierError, match="not a regular file"):
        open_library(fifo)


def test_an_oversized_dossier_is_reported_without_being_read_whole(library: Path) -> None:
    big = library / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with open_library(library) as opened:
        failed = {path.name: problems for path, problems in opened.failures}
        assert "at most" in failed["big.yaml"][0].message
        assert len(opened.dossiers) == 2
