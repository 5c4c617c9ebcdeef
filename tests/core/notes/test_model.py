"""Annotation values and where the notes database lives."""

from __future__ import annotations

import uuid
from dataclasses import replace
from pathlib import Path

import pytest

from dossier.core.notes import Target, TextQuoteSelector, edited, new_annotation, notes_path
from dossier.core.notes.model import check, parse_time, utc_time


def test_a_new_annotation_has_a_uuid_and_utc_times() -> None:
    note = new_annotation("d", "note", Target(section="trade"), tags=(" a ", "b", "a", ""))
    assert str(uuid.UUID(note.id)) == note.id
    assert note.created == note.modified and note.created.endswith("Z")
    assert parse_time(note.created) is not None
    assert note.tags == ("a", "b")
    assert note.status == "anchored"


def test_editing_keeps_what_is_not_changed() -> None:
    note = new_annotation("d", "highlight", Target(section="s"), colour="red", body="x")
    assert edited(note, body="y").colour == "red"
    assert edited(note, colour=None).colour is None
    assert edited(note, tags=("t",)).body == "x"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "scribble"}, "unknown kind"),
        ({"id": "not-a-uuid"}, "is not a UUID"),
        ({"colour": "Bright Pink"}, "is not a colour key"),
        ({"target": Target()}, "names no item, section, source or quote"),
        ({"target": Target(quote=TextQuoteSelector("  "))}, "the quoted text is empty"),
        ({"target": Target(paragraph=3)}, "a paragraph needs its source"),
        ({"author": "x" * 201}, "the author is 201 characters long"),
        ({"modified": "last Tuesday"}, "is not an ISO 8601 time"),
        ({"dossier_id": ""}, "the dossier id is empty"),
    ],
)
def test_a_malformed_annotation_is_refused(change: dict[str, object], message: str) -> None:
    note = new_annotation("d", "note", Target(section="trade"))
    with pytest.raises(ValueError, match=message):
        check(replace(note, **change))  # type: ignore[arg-type]


def test_times_compare_in_utc() -> None:
    assert utc_time("2021-03-01T10:00:00+04:00") == "2021-03-01T06:00:00.000Z"
    assert parse_time("2021-03-01T10:00:00") is None  # no zone: ambiguous


def test_the_database_lives_where_qt_puts_app_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOSSIER_DATA_DIR", str(tmp_path / "explicit"))
    assert notes_path() == tmp_path / "explicit" / "notes.sqlite3"
    monkeypatch.delenv("DOSSIER_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert (
        notes_path() == tmp_path / "xdg" / "briefing-dossier" / "Dossier Viewer" / "notes.sqlite3"
    )
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    expected = tmp_path / "home" / ".local" / "share" / "briefing-dossier" / "Dossier Viewer"
    assert notes_path() == expected / "notes.sqlite3"


def test_the_names_match_the_viewer_settings() -> None:
    # The core cannot import the UI; read its names as text to keep the two in step.
    from dossier.core.notes import paths

    settings = Path(paths.__file__).parents[2] / "ui" / "settings.py"
    text = settings.read_text(encoding="utf-8")
    assert f'ORGANIZATION = "{paths.ORGANIZATION}"' in text
    assert f'APPLICATION = "{paths.APPLICATION}"' in text
