"""The notes database: durable, private, backed up, and never harmed when unusable."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from dossier.core.notes import (
    NotesStore,
    NotesStoreError,
    Target,
    TextQuoteSelector,
    edited,
    new_annotation,
    open_store,
    schema,
)
from dossier.core.notes.files import backup_path, backups
from dossier.core.notes.model import Annotation
from tests.folders import unwritable

REPO = Path(__file__).resolve().parents[3]


def a_note(body: str = "Ask about the terminal", **extra: object) -> Annotation:
    target = Target(
        anchor="trade/point/1",
        section="trade",
        quote=TextQuoteSelector("fell by 38 per cent", "Bilateral trade ", " in 2020"),
    )
    return new_annotation("notes-fixture", "note", target, body=body, **extra)  # type: ignore[arg-type]


@contextlib.contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def test_an_annotation_comes_back_as_it_was_stored(store: NotesStore, db_path: Path) -> None:
    note = a_note(colour="red", tags=("meeting", "trade"), author="A. Analyst")
    store.add(note)
    store.close()
    with NotesStore.open(db_path) as again:
        assert again.get(note.id) == note
        assert again.annotations("notes-fixture") == [note]
        assert again.annotations("another") == []


def test_delete_returns_the_note_and_restore_puts_it_back(store: NotesStore) -> None:
    note = store.add(a_note(tags=("x",)))
    deleted = store.delete(note.id)
    assert deleted == note
    assert store.get(note.id) is None
    assert store.delete(note.id) is None
    store.restore(note)
    assert store.get(note.id) == note


def test_edit_changes_body_colour_and_tags_and_the_modified_time(store: NotesStore) -> None:
    note = store.add(a_note())
    changed = store.update(edited(note, body="New text", colour="green", tags=("b", "a", "b")))
    assert store.get(note.id) == changed
    assert (changed.body, changed.colour, changed.tags) == ("New text", "green", ("b", "a"))
    assert changed.modified >= note.modified
    assert changed.created == note.created
    with pytest.raises(KeyError):
        store.update(edited(a_note(), body="never stored"))


def test_adding_the_same_id_twice_is_refused(store: NotesStore) -> None:
    note = store.add(a_note())
    with pytest.raises(ValueError, match="cannot store"):
        store.add(note)
    assert store.annotations() == [note]


def test_search_folds_case_and_letters(store: NotesStore) -> None:
    kuryk = store.add(a_note("Ask about QURYQ and Şəki"))
    store.add(a_note("Something else"))
    assert store.search("quryq") == [kuryk]
    assert store.search("seki") == [kuryk]
    assert store.search("38 per") != []  # the quoted text is searched too
    assert store.search("absent words") == []


def test_colours_have_names_the_user_can_change(store: NotesStore) -> None:
    assert dict(store.colours())["yellow"] == "Raise in meeting"
    store.rename_colour("yellow", "  Ask the minister ")
    assert dict(store.colours())["yellow"] == "Ask the minister"
    with pytest.raises(KeyError):
        store.rename_colour("mauve", "x")


def test_the_database_is_wal_with_foreign_keys_and_a_version(store: NotesStore) -> None:
    conn = store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert schema.version(conn) == schema.SCHEMA_VERSION == 1
    note = store.add(a_note(tags=("a", "b")))
    store.delete(note.id)
    # Its tags went with it (the foreign key's ON DELETE CASCADE).
    assert conn.execute("SELECT count(*) FROM tags").fetchone()[0] == 0


@pytest.mark.parametrize("mask", [0o000, 0o022, 0o277])
def test_files_are_private_whatever_the_umask(db_path: Path, mask: int) -> None:
    with umask(mask), NotesStore.open(db_path) as store:
        store.add(a_note())
        names = [db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")]
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in names}
    assert modes == {p.name: 0o600 for p in names}
    with umask(mask), NotesStore.open(db_path, today=date.today() + timedelta(days=1)):
        pass
    (backup,) = backups(db_path)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700


_CHILD = """
import sys
from pathlib import Path
from dossier.core.notes import NotesStore, Target, new_annotation
store = NotesStore.open(Path(sys.argv[1]))
note = new_annotation("d", "note", Target(section="trade"), body="written just before")
store.add(note)
print(note.id, flush=True)
sys.stdin.read()  # wait here until killed
"""


def test_a_process_killed_right_after_add_loses_nothing(db_path: Path) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    ) as child:
        assert child.stdout is not None
        note_id = child.stdout.readline().strip()
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait() == -signal.SIGKILL
    assert note_id
    with NotesStore.open(db_path) as store:
        found = store.get(note_id)
    assert found is not None and found.body == "written just before"


def test_a_backup_is_taken_once_a_day_and_seven_are_kept(db_path: Path) -> None:
    first = date(2026, 1, 1)
    with NotesStore.open(db_path, today=first) as store:  # a new database: nothing to keep
        note = store.add(a_note())
    assert backups(db_path) == []
    for day in range(10):
        with NotesStore.open(db_path, today=first + timedelta(days=day)):
            pass
    kept = backups(db_path)
    assert kept == [backup_path(db_path, first + timedelta(days=d)) for d in range(3, 10)]
    with contextlib.closing(sqlite3.connect(kept[-1])) as copy:
        assert copy.execute("SELECT id FROM annotations").fetchall() == [(note.id,)]
    before = kept[-1].stat().st_mtime_ns
    with NotesStore.open(db_path, today=first + timedelta(days=9)) as store:
        store.add(a_note("later"))
    assert kept[-1].stat().st_mtime_ns == before  # today's backup is not taken again


def test_a_second_migration_is_one_function(db_path: Path) -> None:
    with NotesStore.open(db_path) as store:
        note = store.add(a_note())

    def v2(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE annotations ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0")

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE annotations ADD COLUMN half INTEGER")
        raise RuntimeError("a migration that fails half-way")

    with contextlib.closing(sqlite3.connect(db_path, isolation_level=None)) as conn:
        with pytest.raises(RuntimeError):
            schema.migrate(conn, (*schema.MIGRATIONS, broken))
        columns = {row[1] for row in conn.execute("PRAGMA table_info(annotations)")}
        assert schema.version(conn) == 1 and "half" not in columns
        schema.migrate(conn, (*schema.MIGRATIONS, v2))
        assert schema.version(conn) == 2
        assert conn.execute("SELECT id, pinned FROM annotations").fetchall() == [(note.id, 0)]
    # This version of the app reads up to version 1: the database is now "newer".
    opened = open_store(db_path)
    assert opened.store is None and opened.error is not None and opened.error.kind == "newer"


# -- databases that cannot be used: a clear message, and the file untouched --------------
@pytest.fixture
def filled(db_path: Path) -> Path:
    with NotesStore.open(db_path) as store:
        for n in range(30):
            store.add(a_note(f"note {n} " + "x" * 300))
    return db_path


def _assert_refused(path: Path, kind: str, *, readable: bool) -> NotesStoreError:
    before = path.read_bytes()
    opened = open_store(path, timeout=0.05)
    try:
        assert opened.error is not None and opened.error.kind == kind
        message = str(opened.error)
        assert "\n" not in message and str(path) in message
        assert not opened.writable
        if readable:
            assert opened.store is not None and opened.store.read_only
            assert len(opened.store.annotations()) == 30
            with pytest.raises(NotesStoreError):
                opened.store.add(a_note())
        else:
            assert opened.store is None
    finally:
        if opened.store is not None:
            opened.store.close()
    assert path.read_bytes() == before
    assert backups(path) == []
    return opened.error


def test_a_file_that_is_not_a_database_is_left_alone(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"These are my notes, typed by hand.\n" * 200)
    with pytest.raises(NotesStoreError) as raised:
        NotesStore.open(db_path)
    error = raised.value
    assert error.kind == "corrupt" and "damaged" in str(error)
    before = db_path.read_bytes()
    opened = open_store(db_path)
    assert opened.store is None and opened.error is not None
    assert opened.error.kind == "corrupt"
    assert db_path.read_bytes() == before


def test_a_malformed_database_is_left_alone(filled: Path) -> None:
    data = bytearray(filled.read_bytes())
    page = 4096
    assert len(data) > 3 * page
    data[2 * page : 2 * page + 64] = b"\x0d" + b"\xff" * 63  # a leaf page's header, scribbled
    filled.write_bytes(bytes(data))
    error = _assert_refused(filled, "corrupt", readable=False)
    assert "damaged" in str(error)


def test_an_emptied_database_with_backups_is_reported_not_set_up_anew(filled: Path) -> None:
    backup = backup_path(filled, date(2026, 12, 3))
    backup.write_bytes(filled.read_bytes())
    filled.write_bytes(b"")  # a crash or a full disk left it empty
    opened = open_store(filled)
    assert opened.store is None and opened.error is not None
    assert opened.error.kind == "corrupt"
    assert f"copy {backup.name} over it" in str(opened.error)
    with pytest.raises(NotesStoreError, match="is empty"):
        NotesStore.open_read_only(filled)  # notes list says the same as the viewer
    assert filled.read_bytes() == b"" and backups(filled) == [backup]
    with NotesStore.open_read_only(backup) as kept:
        assert len(kept.annotations()) == 30


def test_an_empty_database_without_backups_is_set_up(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"")  # made, then the session was killed before any note
    with NotesStore.open(db_path) as store:
        store.add(a_note())
    with NotesStore.open_read_only(db_path) as store:
        assert len(store.annotations()) == 1


def test_a_foreign_database_is_left_alone(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    with contextlib.closing(sqlite3.connect(db_path)) as conn:
        conn.execute("CREATE TABLE photos(name TEXT)")
        conn.commit()
    before = db_path.read_bytes()
    opened = open_store(db_path)
    assert opened.store is None and opened.error is not None
    assert opened.error.kind == "corrupt" and "not a notes database" in str(opened.error)
    assert db_path.read_bytes() == before


def test_a_database_from_a_newer_version_is_left_alone(filled: Path) -> None:
    with contextlib.closing(sqlite3.connect(filled)) as conn:
        conn.execute("PRAGMA user_version = 7")
        conn.commit()
    error = _assert_refused(filled, "newer", readable=False)
    assert "newer version" in str(error) and "schema 7" in str(error)


def test_a_read_only_database_opens_read_only(filled: Path) -> None:
    filled.chmod(0o400)
    try:
        error = _assert_refused(filled, "read-only", readable=True)
    finally:
        filled.chmod(0o600)
    assert "read-only" in str(error)


def test_a_database_in_a_folder_that_cannot_be_written_is_read(filled: Path) -> None:
    # a read-only mount or a colleague's shared folder: SQLite cannot make its -shm there
    assert not filled.with_name(filled.name + "-wal").exists()  # closed cleanly
    with unwritable(filled.parent):
        error = _assert_refused(filled, "read-only", readable=True)
        assert "folder cannot be written" in str(error)
        with NotesStore.open_read_only(filled) as store:
            assert len(store.annotations()) == 30
    assert sorted(path.name for path in filled.parent.iterdir()) == [filled.name]


def test_a_database_its_owner_writes_while_it_is_copied_is_not_shown(
    filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # in a folder it cannot write, the reader copies the database; a copy taken while
    # the owner wrote could hold half a change, so it is refused, the file untouched
    from dossier.core.notes import connection

    stamps = iter([(1, 1, 1), (2, 2, 2)])
    monkeypatch.setattr(connection, "_signature", lambda _path: next(stamps))
    before = filled.read_bytes()
    with unwritable(filled.parent), pytest.raises(NotesStoreError) as raised:
        NotesStore.open_read_only(filled)
    assert "changed while it was read" in str(raised.value)
    assert filled.read_bytes() == before


@pytest.mark.parametrize("make", ["nothing", "folder", "pipe"])
def test_reading_says_whether_the_database_is_missing_or_not_a_file(
    tmp_path: Path, make: str
) -> None:
    path = tmp_path / "notes.sqlite3"
    if make == "folder":
        path.mkdir()
    elif make == "pipe":
        os.mkfifo(path)
    with pytest.raises(NotesStoreError) as raised:
        NotesStore.open_read_only(path)
    why = "there is no notes database" if make == "nothing" else "the notes database is not a file"
    assert str(raised.value) == f"{path}: {why}"


@pytest.mark.parametrize("beside", ["-wal", "-journal"])
def test_unwritten_changes_beside_it_are_not_read_past(filled: Path, beside: str) -> None:
    # changes waiting beside it: reading the database alone would show notes as they were
    waiting = filled.with_name(filled.name + beside)
    waiting.write_bytes(b"changes not yet in the database")
    with unwritable(filled.parent), pytest.raises(NotesStoreError) as raised:
        NotesStore.open_read_only(filled)
    message = str(raised.value)
    assert raised.value.kind == "unavailable" and "\n" not in message
    assert "changes not yet written into it" in message and str(filled) in message


def test_a_locked_database_is_left_alone(filled: Path) -> None:
    with contextlib.closing(sqlite3.connect(filled, isolation_level=None)) as other:
        other.execute("PRAGMA locking_mode = EXCLUSIVE")
        other.execute("BEGIN EXCLUSIVE")
        other.execute("DELETE FROM annotations WHERE body LIKE 'note 1 %'")
        error = _assert_refused(filled, "locked", readable=False)
        other.execute("ROLLBACK")
    assert "locked" in str(error)


def test_a_change_while_another_program_writes_fails_whole(store: NotesStore) -> None:
    with contextlib.closing(sqlite3.connect(store.path, isolation_level=None)) as other:
        other.execute("BEGIN IMMEDIATE")
        store_with_short_wait = NotesStore.open(store.path, timeout=0.05)
        with store_with_short_wait, pytest.raises(NotesStoreError) as raised:
            store_with_short_wait.add(a_note())
        other.execute("ROLLBACK")
    assert raised.value.kind == "locked"
    assert store.annotations() == []


def test_a_merge_that_fails_half_way_stores_nothing(store: NotesStore) -> None:
    store.conn.execute(
        "CREATE TEMP TRIGGER refuse BEFORE INSERT ON annotations WHEN NEW.body = 'refused'"
        " BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
    )
    with pytest.raises(ValueError, match="refused by the test"):
        store.merge([a_note("fine"), a_note("also fine"), a_note("refused")])
    assert store.annotations() == []


def test_the_anchoring_status_is_stored_and_a_reader_cannot_write(
    store: NotesStore, db_path: Path
) -> None:
    note = store.add(replace(a_note(), status="orphan"))
    assert store.dossier_ids() == ["notes-fixture"]
    store.close()
    with NotesStore.open_read_only(db_path) as reader:
        found = reader.get(note.id)
        assert found is not None and found.status == "orphan"
        with pytest.raises(NotesStoreError, match="read-only"):
            reader.delete(note.id)


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ("UPDATE annotations SET paragraph = 'abc'", "its paragraph is not a whole number"),
        ("UPDATE annotations SET body = x'ff00'", "its note text is binary data, not text"),
        ("UPDATE annotations SET created = x'00'", "its creation time is binary data"),
        ("UPDATE tags SET tag = x'ff'", "its tag is binary data, not text"),
        ("UPDATE annotations SET kind = 'evil'", "unknown kind 'evil'"),
        ("UPDATE annotations SET status = 'lost'", "unknown status 'lost'"),
    ],
)
def test_a_row_another_program_wrote_is_reported_as_damage_and_left_alone(
    store: NotesStore, db_path: Path, change: str, said: str
) -> None:
    store.add(a_note(tags=("meeting",)))
    store.close()
    raw = sqlite3.connect(db_path)
    raw.execute("PRAGMA ignore_check_constraints = ON")  # as a careless tool might
    raw.execute(change)
    raw.commit()
    raw.close()
    before = db_path.read_bytes()
    with NotesStore.open_read_only(db_path) as damaged, pytest.raises(NotesStoreError) as raised:
        damaged.annotations("notes-fixture")
    assert raised.value.kind == "corrupt" and said in str(raised.value)
    assert "\n" not in str(raised.value)
    assert db_path.read_bytes() == before
