"""``dossier notes list|export|import`` and ``search --notes``, run as a user runs them.

Every command runs in a fresh process on the notes database the autouse fixture
points ``DOSSIER_DATA_DIR`` at; the tests fill it through the core, as the viewer would.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import stat
import subprocess
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from dossier.core.loader import load_dossier
from dossier.core.model import Dossier
from dossier.core.notes import NotesStore, new_annotation, notes_path
from dossier.core.notes.model import Annotation
from dossier.core.notes.places import item_text
from dossier.core.notes.targets import item_target, paragraph_target, section_target
from dossier.core.notes.w3c import FORMAT_KEY, SOURCE_PREFIX
from tests.clock import later_today
from tests.core.dossiers import seed_from
from tests.folders import unwritable
from tests.processes import REPO, run_dossier

BUNDLED = REPO / "resources" / "dossiers" / "kazakhstan-azerbaijan-2021.yaml"
EDITION = REPO / "tests" / "core" / "notes" / "data" / "edition-1.yaml"
ENV = {"COLUMNS": "80", "NO_COLOR": "1"}


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**{k: v for k, v in os.environ.items() if k != "FORCE_COLOR"}, **ENV}
    return run_dossier(*args, env=env)


def one_line_failure(result: subprocess.CompletedProcess[str], *wanted: str) -> str:
    """The one-line message of a failed command, after checking it is one."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    message = result.stderr
    assert message.startswith("dossier: ") and message.count("\n") == 1, message
    assert "Traceback" not in message and "unexpected error" not in message
    for part in wanted:
        assert part in message, message
    return message


def highlight(d: Dossier, anchor: str, phrase: str, **extra: object) -> Annotation:
    text = item_text(d.item(anchor))
    start = text.index(phrase)
    target = item_target(d, anchor, (start, start + len(phrase)))
    return new_annotation(d.id, "highlight", target, **extra)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def bundled_dossier() -> Dossier:
    return load_dossier(BUNDLED)


def sample(d: Dossier) -> list[Annotation]:
    """Notes of every kind and place on the bundled dossier, made at known times."""
    notes = [
        highlight(
            d,
            "transport/point/4",
            "Kuryk",
            colour="yellow",
            tags=("meeting", "ports"),
            body="Ask when the Kuryk grain terminal opens",
            author="Aida",
        ),
        new_annotation(d.id, "note", item_target(d, "trade/figure/1"), body="Check the turnover"),
        new_annotation(d.id, "bookmark", section_target(d, "energy")),
        new_annotation(d.id, "highlight", paragraph_target(d, "interview", 16, (0, 20))),
    ]
    stamps = (f"2026-11-0{n + 1}T09:00:00.000Z" for n in range(len(notes)))
    return [
        replace(note, created=stamp, modified=stamp)
        for note, stamp in zip(notes, stamps, strict=True)
    ]


@pytest.fixture
def filled(bundled_dossier: Dossier) -> list[Annotation]:
    """The user's notes database, holding :func:`sample`."""
    notes = sample(bundled_dossier)
    with NotesStore.open(notes_path()) as store:
        for note in notes:
            store.add(note)
    return notes


def stored() -> list[Annotation]:
    with NotesStore.open_read_only(notes_path()) as store:
        return sorted(store.annotations(), key=lambda a: a.id)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in ``folder`` with its bytes, to show that nothing was written; not
    the -wal and -shm files SQLite keeps beside a database even for a reader."""
    if not folder.exists():
        return {}
    files = (p for p in sorted(folder.iterdir()) if not p.name.endswith(("-wal", "-shm")))
    return {p.name: p.read_bytes() for p in files}


def test_no_test_sees_the_real_notes(tmp_path_factory: pytest.TempPathFactory) -> None:
    base = tmp_path_factory.getbasetemp()
    assert base in notes_path().parents
    assert base in Path(os.environ["XDG_DATA_HOME"]).parents


# -- export and import -------------------------------------------------------------------
def test_export_then_import_into_a_fresh_store_gives_the_same_notes(
    filled: list[Annotation], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "shared.json"
    result = run("notes", "export", "-o", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {out} (4 notes, JSON)\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600  # notes are private
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shared.json"]  # no temporary left
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["type"] == "AnnotationCollection" and document["total"] == 4
    assert document[FORMAT_KEY] == "briefing-dossier-notes/1"
    assert document["label"] == "Notes on Kazakhstan – Azerbaijan"
    mine = stored()

    monkeypatch.setenv("DOSSIER_DATA_DIR", str(tmp_path / "colleague"))
    assert not notes_path().exists()
    result = run("notes", "import", out)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "imported 4 notes, 0 already present, 0 updated\n"
    assert stored() == mine  # authors, times, tags and places as they were
    assert stat.S_IMODE(notes_path().stat().st_mode) == 0o600

    again = run("notes", "import", out)
    assert again.returncode == 0, again.stderr
    assert again.stdout == "imported 0 notes, 4 already present, 0 updated\n"
    assert stored() == mine


def test_import_replaces_only_with_a_newer_copy_and_keeps_the_author(
    filled: list[Annotation], tmp_path: Path
) -> None:
    out = tmp_path / "shared.json"
    assert run("notes", "export", "-o", out).returncode == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    first, second = document["first"]["items"][:2]
    first.update(modified=later_today(), creator={"type": "Person", "name": "Other"})
    first["body"]["value"] = "Their newer words"
    second.update(modified="2000-01-01T00:00:00Z")
    second["body"]["value"] = "Their older words"
    out.write_text(json.dumps(document), encoding="utf-8")
    result = run("notes", "import", out)
    assert result.stdout == "imported 0 notes, 3 already present, 1 updated\n", result.stderr
    notes = {a.id: a for a in stored()}
    assert notes[filled[0].id].body == "Their newer words"
    assert notes[filled[0].id].author == "Aida"
    assert notes[filled[1].id].body == "Check the turnover"


def test_export_as_markdown_for_an_email(filled: list[Annotation], tmp_path: Path) -> None:
    out = tmp_path / "notes.md"
    result = run("notes", "export", "-o", out)  # the suffix chooses Markdown
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {out} (4 notes, Markdown)\n"
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Notes on Kazakhstan – Azerbaijan\n")
    assert text.index("## Energy") < text.index("## Transport") < text.index("## Trade")
    assert text.index("## Trade") < text.index("## Source: ")
    assert (
        "- **Highlight (Raise in meeting)** “Kuryk” — Transport and transit, point 4\n"
        "  Ask when the Kuryk grain terminal opens\n"
        "  _meeting, ports · Aida · 2026-11-01_\n"
    ) in text
    assert "- **Note** — Trade, figure 1\n  Check the turnover\n" in text
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    # --format wins over the suffix, both ways.
    as_md = tmp_path / "notes.txt"
    assert run("notes", "export", "--format", "md", "-o", as_md).returncode == 0
    assert as_md.read_text(encoding="utf-8").startswith("# Notes on ")
    as_json = tmp_path / "other.md"
    assert run("notes", "export", "--format", "json", "-o", as_json).returncode == 0
    assert json.loads(as_json.read_text(encoding="utf-8"))["total"] == 4


def test_export_replaces_an_existing_file_and_refuses_a_bad_path(
    filled: list[Annotation], tmp_path: Path
) -> None:
    out = tmp_path / "notes.json"
    out.write_text("an older export", encoding="utf-8")
    out.chmod(0o644)
    assert run("notes", "export", "-o", out).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["total"] == 4
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    missing = tmp_path / "no-such-folder" / "notes.json"
    one_line_failure(run("notes", "export", "-o", missing), "does not exist")
    assert not missing.parent.exists()
    one_line_failure(run("notes", "export", "-o", tmp_path), "is a folder")


def test_an_import_says_when_its_notes_are_on_another_dossier_or_none(
    filled: list[Annotation], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "theirs.json"
    assert run("notes", "export", "-o", out).returncode == 0
    text = out.read_text(encoding="utf-8").replace(
        SOURCE_PREFIX + "kz-az-2021", SOURCE_PREFIX + "ge-am"
    )
    out.write_text(text, encoding="utf-8")
    monkeypatch.setenv("DOSSIER_DATA_DIR", str(tmp_path / "mine"))
    result = run("notes", "import", out)
    assert result.returncode == 0, result.stderr
    # else `notes list` right after says "no notes", as if the import had failed
    assert result.stdout == (
        "imported 4 notes, 0 already present, 0 updated;"
        " 4 of them on another dossier ('ge-am'), not 'kz-az-2021'\n"
    )
    empty = tmp_path / "empty.json"
    empty.write_text("[]", encoding="utf-8")
    said = run("notes", "import", empty).stdout
    assert said == "imported 0 notes, 0 already present, 0 updated (the file holds no notes)\n"


def test_a_notes_folder_that_is_a_file_is_not_no_notes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("DOSSIER_DATA_DIR", str(tmp_path / "data"))
    one_line_failure(run("notes", "list"), "is a file, not a folder")
    one_line_failure(run("notes", "export", "-o", tmp_path / "n.json"), "is a file, not a folder")


def test_with_no_notes_yet_nothing_is_created(tmp_path: Path) -> None:
    folder = notes_path().parent
    result = run("notes", "list")
    assert result.returncode == 0 and result.stdout == ""
    assert result.stderr == "dossier: no notes on 'kz-az-2021'\n"
    assert json.loads(run("notes", "list", "--json").stdout) == []
    out = tmp_path / "none.json"
    assert run("notes", "export", "-o", out).stdout == f"wrote {out} (0 notes, JSON)\n"
    assert json.loads(out.read_text(encoding="utf-8"))["total"] == 0
    assert not folder.exists()


# -- list --------------------------------------------------------------------------------
def test_list_prints_place_kind_colour_tags_and_text(filled: list[Annotation]) -> None:
    result = run("notes", "list")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Energy · bookmark",
        "Transport and transit, point 4 · highlight · yellow (Raise in meeting) · #meeting #ports"
        " · “Kuryk” — Ask when the Kuryk grain terminal opens",
        "Trade, figure 1 · note · Check the turnover",
        "Kazakhstan-Azerbaijan: Strategic Partnership with Deep Roots, Huge Potential"
        " ¶\u00a016 · highlight · “"
        + filled[3].target.quote.exact  # type: ignore[union-attr]
        + "”",
    ]


def test_list_json_is_one_object_per_note(filled: list[Annotation]) -> None:
    result = run("notes", "list", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [row["id"] for row in rows] == [filled[i].id for i in (2, 0, 1, 3)]
    keys = {"id", "kind", "status", "group", "section", "anchor", "source", "paragraph",
            "exact", "body", "colour", "tags", "author", "created", "modified"}  # fmt: skip
    assert all(set(row) == keys for row in rows)
    kuryk = rows[1]
    assert kuryk["kind"] == "highlight" and kuryk["status"] == "anchored"
    assert (kuryk["group"], kuryk["section"], kuryk["anchor"]) == (
        "transport", "transport", "transport/point/4")  # fmt: skip
    assert kuryk["exact"] == "Kuryk" and kuryk["tags"] == ["meeting", "ports"]
    assert kuryk["colour"] == "yellow" and kuryk["author"] == "Aida"
    paragraph = rows[3]
    assert (paragraph["group"], paragraph["source"], paragraph["paragraph"]) == (
        "source:interview", "interview", 16)  # fmt: skip


def test_a_note_whose_passage_was_edited_away_is_listed_as_an_orphan(tmp_path: Path) -> None:
    yaml = EDITION.read_text(encoding="utf-8").replace(
        "../../../../seeds/kazakhstan-azerbaijan-ambassador-interview-2021.txt", seed_from(tmp_path)
    )
    copy = tmp_path / "dossier.yaml"
    copy.write_text(yaml, encoding="utf-8")
    d = load_dossier(copy)
    with NotesStore.open(notes_path()) as store:
        gone = store.add(highlight(d, "politics/point/3", "impartial mediator", body="Syria?"))
        kept = store.add(highlight(d, "politics/point/2", "logistics hub"))
    # The analyst's colleague edits the dossier: the mediator point is taken out.
    point = (
        "      - text: He describes Kazakhstan as an impartial mediator in negotiations"
        " on Syria and other conflicts.\n"
        '        cite: "an impartial mediator in the negotiations on Syria and other conflicts"\n'
    )
    assert point in yaml
    copy.write_text(yaml.replace(point, ""), encoding="utf-8")

    result = run("notes", "list", "--dossier", copy)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Politics, point 2 · highlight · “logistics hub”",
        "orphan (was politics/point/3) · highlight · “impartial mediator” — Syria?",
    ]
    rows = {row["id"]: row for row in json.loads(run("notes", "list", "--dossier", copy,
                                                     "--json").stdout)}  # fmt: skip
    assert rows[kept.id]["status"] == "anchored"
    assert (rows[gone.id]["status"], rows[gone.id]["group"]) == ("orphan", "orphans")
    assert rows[gone.id]["exact"] == "impartial mediator" and rows[gone.id]["body"] == "Syria?"


def test_control_characters_in_notes_never_reach_the_terminal(
    bundled_dossier: Dossier,
) -> None:
    with NotesStore.open(notes_path()) as store:
        store.add(
            new_annotation(
                bundled_dossier.id,
                "note",
                section_target(bundled_dossier, "trade"),
                body="\x1b[2J\x1b]0;owned\x07 \x9b31m",
            )
        )
    result = run("notes", "list")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x9b" not in result.stdout
    assert "\\x1b[2J" in result.stdout
    listed = run("notes", "list", "--json").stdout
    assert "\x1b" not in listed and "\x9b" not in listed
    assert json.loads(listed)[0]["body"] == "\x1b[2J\x1b]0;owned\x07 \x9b31m"


# -- bad input: one line, exit 1, nothing written ------------------------------------------
PLAIN = {
    "type": "Annotation",
    "id": "urn:uuid:5d8c6a57-8d5a-4c1e-9f51-2b7f3f6e8a01",
    "created": "2026-11-20T10:00:00Z",
    "body": {"type": "TextualBody", "value": "fine"},
    "target": {
        "source": "urn:x-briefing-dossier:kz-az-2021",
        "selector": {"type": "TextQuoteSelector", "exact": "Kuryk"},
    },
}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "missing.json: no such file"),
        ('{"type": "AnnotationCollection",\n "first": {"items": [}',
         "notes.json:2:22: not valid JSON: Expecting value"),
        (json.dumps({"type": "AnnotationCollection", FORMAT_KEY: "briefing-dossier-notes/2"}),
         "notes.json: unknown notes format 'briefing-dossier-notes/2'"),
        (json.dumps([PLAIN, {**PLAIN, "created": 12}]),
         "notes.json: annotation 2: 'created' must be text, not a number"),
        (json.dumps([PLAIN, PLAIN]), "notes.json: annotation 2: the id"),
        (b"\xff\xfe not text", "notes.json: the file is not UTF-8 text"),
        ("[NaN]", "notes.json: NaN is not a JSON number"),
        ("[" * 100 + "]" * 100, "notes.json: the JSON is nested more than 32 levels deep"),
        ('[{"id": "\\ud800"}]', "notes.json: the JSON holds a lone surrogate"),
        ('{"type": "AnnotationCollection", "total": 1' + "0" * 5000 + "}",
         "notes.json: a number in the file has more than 20 digits"),
    ],
)  # fmt: skip
def test_a_bad_notes_file_is_one_line_and_imports_nothing(
    tmp_path: Path, filled: list[Annotation], content: str | bytes | None, message: str
) -> None:
    path = tmp_path / ("missing.json" if content is None else "notes.json")
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    folder = notes_path().parent
    before = snapshot(folder)
    one_line_failure(run("notes", "import", path), message)
    assert snapshot(folder) == before  # not even a daily backup: the store was never opened


def test_a_refused_file_does_not_create_a_notes_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_text("[1]", encoding="utf-8")
    one_line_failure(run("notes", "import", path), "annotation 1: must be an object")
    assert not notes_path().parent.exists()
    one_line_failure(run("notes", "import", tmp_path), "not a file")


@contextlib.contextmanager
def unusable(kind: str) -> Iterator[None]:
    """The notes database made unusable in one way, for the length of the block."""
    path = notes_path()
    if kind == "corrupt":
        path.write_bytes(b"These are my notes, typed by hand.\n" * 200)
        yield
    elif kind == "newer":
        with contextlib.closing(sqlite3.connect(path)) as conn:
            conn.execute("PRAGMA user_version = 7")
            conn.commit()
        yield
    elif kind == "read-only":
        path.chmod(0o400)
        try:
            yield
        finally:
            path.chmod(0o600)
    else:  # locked: another program holds an exclusive lock while it writes
        with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as other:
            other.execute("PRAGMA locking_mode = EXCLUSIVE")
            other.execute("BEGIN EXCLUSIVE")
            other.execute("DELETE FROM annotations")
            yield
            other.execute("ROLLBACK")


EXPECTED = {
    "corrupt": "damaged and was left untouched",
    "newer": "from a newer version of the app",
    "read-only": "cannot be written (read-only)",
    "locked": "locked",
}


@pytest.mark.parametrize(
    ("kind", "command"),
    [
        ("corrupt", "list"),
        ("corrupt", "export"),
        ("corrupt", "import"),
        ("corrupt", "search"),
        ("newer", "list"),
        ("newer", "export"),
        ("newer", "import"),
        ("read-only", "import"),
        ("locked", "import"),
        ("locked", "list"),
    ],
)
def test_an_unusable_store_is_one_line_and_left_untouched(
    filled: list[Annotation], tmp_path: Path, kind: str, command: str
) -> None:
    shared = tmp_path / "shared.json"
    shared.write_text(json.dumps([PLAIN]), encoding="utf-8")
    out = tmp_path / "out.json"
    args = {
        "list": ("notes", "list"),
        "export": ("notes", "export", "-o", out),
        "import": ("notes", "import", shared),
        "search": ("search", "Kuryk", "--notes"),
    }[command]
    folder = notes_path().parent
    # Reading the locked file here would drop the lock (closing any descriptor of a
    # file releases the process's POSIX locks on it): look at it before and after.
    before = snapshot(folder) if kind == "locked" else {}
    with unusable(kind):
        before = before or snapshot(folder)
        message = one_line_failure(run(*args), str(notes_path()), EXPECTED[kind])
    assert snapshot(folder) == before
    assert not out.exists()
    if command == "import":
        assert "nothing was imported" in message


def test_a_read_only_store_can_still_be_listed_and_exported(
    filled: list[Annotation], tmp_path: Path
) -> None:
    with unusable("read-only"):
        assert len(json.loads(run("notes", "list", "--json").stdout)) == 4
        assert run("notes", "export", "-o", tmp_path / "out.json").returncode == 0


def test_notes_in_a_folder_that_cannot_be_written_are_listed_and_found(
    filled: list[Annotation], tmp_path: Path
) -> None:
    folder = notes_path().parent
    before = snapshot(folder)
    with unwritable(folder):
        listed = run("notes", "list", "--json")
        assert listed.returncode == 0, listed.stderr
        assert len(json.loads(listed.stdout)) == 4
        found = run("search", "terminal", "--notes")
        assert found.returncode == 0, found.stderr
        assert "Ask when the Kuryk grain [terminal] opens" in found.stdout
    assert snapshot(folder) == before


# -- search --notes ----------------------------------------------------------------------
def test_search_notes_adds_the_matching_notes_after_the_dossier_results(
    filled: list[Annotation],
    bundled_dossier: Dossier,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plain = run("search", "Kuryk grain")
    assert plain.returncode == 0, plain.stderr
    result = run("search", "Kuryk grain", "--notes")
    assert result.returncode == 0, result.stderr
    paragraph = bundled_dossier.item("transport/point/4").cites[0].paragraph
    # The dossier's results are unchanged; the notes follow as a block of their own.
    assert result.stdout.startswith(plain.stdout)
    assert result.stdout[len(plain.stdout) :].splitlines() == [
        "1 note for 'Kuryk grain'",
        f"  1. Transport and transit, point 4 · note (highlight) · yellow · ¶\u00a0{paragraph}"
        "  (transport/point/4)",
        "     “[Kuryk]” — Ask when the [Kuryk] [grain] terminal opens — #meeting #ports",
    ]
    # Without --notes, notes change nothing: the output is as with no notes at all.
    monkeypatch.setenv("DOSSIER_DATA_DIR", str(tmp_path / "no-notes"))
    assert run("search", "Kuryk grain").stdout == plain.stdout


def test_search_notes_json(filled: list[Annotation]) -> None:
    plain = json.loads(run("search", "turnover", "--json").stdout)
    assert plain  # words of the dossier too: the notes come after its results
    result = run("search", "turnover", "--notes", "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert items[: len(plain)] == plain
    (note,) = items[len(plain) :]
    assert note["kind"] == "note" and note["score"] is None
    assert (note["dossier"], note["section"], note["section_title"]) == (
        "kz-az-2021", "trade", "Trade")  # fmt: skip
    assert note["anchor"] == "trade/figure/1" and note["text"] == "Check the turnover"
    assert note["snippet"] == "Check the [turnover]"
    assert note["source"] == "interview" and isinstance(note["paragraph"], int)
    assert note["note"] == {
        "id": filled[1].id, "kind": "note", "status": "anchored",
        "place": "Trade, figure 1", "exact": None, "body": "Check the turnover",
        "colour": None, "tags": [], "author": "",
    }  # fmt: skip


def test_search_notes_finds_only_notes_and_nothing_without_notes(
    filled: list[Annotation],
) -> None:
    result = run("search", "ports meeting", "--notes")  # words of tags, in no dossier text
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "1 note for 'ports meeting'"
    nothing = run("search", "zzyzx", "--notes")
    assert nothing.returncode == 0 and nothing.stdout == ""
    assert nothing.stderr == "dossier: no results for 'zzyzx'\n"


# -- help --------------------------------------------------------------------------------
@pytest.mark.parametrize("action", ["list", "export", "import"])
def test_each_notes_action_has_a_description_defaults_and_examples(action: str) -> None:
    result = run("notes", action, "--help")
    assert result.returncode == 0 and result.stderr == ""
    text = result.stdout
    assert max(len(line) for line in text.splitlines()) <= 80
    description = text.split("\n\n", 2)[1]
    assert not description.startswith(("positional arguments", "options")), text
    examples = text.split("\nexamples:\n", 1)[1].splitlines()
    assert len(examples) >= 2
    assert all(line.startswith(f"  dossier notes {action}") for line in examples)
    assert "(default: the bundled dossier)" in " ".join(text.split())


def test_a_damaged_note_row_is_one_line_for_each_command_and_a_warning_for_talking_points(
    filled: list[Annotation], tmp_path: Path
) -> None:
    raw = sqlite3.connect(notes_path())
    raw.execute("UPDATE annotations SET paragraph = 'abc'")
    raw.commit()
    raw.close()
    before = snapshot(notes_path().parent)
    for command in (("notes", "list"), ("notes", "export", "-o", tmp_path / "n.json"),
                    ("search", "Kuryk", "--notes")):  # fmt: skip
        one_line_failure(run(*command), "the notes database is damaged", "not a whole number")
    points = run("export", "--template", "points", "-o", tmp_path / "p.pdf")
    assert points.returncode == 0, points.stderr
    assert "warning: the notes cannot be read" in points.stderr and (tmp_path / "p.pdf").exists()
    assert snapshot(notes_path().parent) == before
    assert not (tmp_path / "n.json").exists()
