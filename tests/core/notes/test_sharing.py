"""Sharing notes as W3C Web Annotation JSON and Markdown; hostile files import nothing."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from dossier.core.loader import load_dossier
from dossier.core.model import Dossier
from dossier.core.notes import NotesImportError, NotesStore, new_annotation
from dossier.core.notes.importing import (
    MAX_ANNOTATIONS,
    import_notes,
    merge_notes,
    parse_notes,
    read_notes_file,
)
from dossier.core.notes.markdown import export_markdown
from dossier.core.notes.model import Annotation, utc_time
from dossier.core.notes.places import item_text
from dossier.core.notes.queries import list_notes
from dossier.core.notes.targets import item_target, paragraph_target, section_target
from dossier.core.notes.w3c import CONTEXT, FORMAT, FORMAT_KEY, export_json
from tests.clock import later_today


def sample(d: Dossier) -> list[Annotation]:
    text = item_text(d.item("politics/point/2"))
    start = text.index("transport")
    hub = item_target(d, "politics/point/2", (start, start + len("transport and logistics hub")))
    return [
        new_annotation(
            d.id,
            "highlight",
            hub,
            body="Raise *this*",
            colour="yellow",
            tags=("meeting", "transport"),
            author="Aida",
        ),
        new_annotation(d.id, "note", item_target(d, "trade/figure/1"), body="Check", author="Aida"),
        new_annotation(d.id, "bookmark", section_target(d, "trade")),
        new_annotation(d.id, "highlight", paragraph_target(d, "interview", 16, (105, 143))),
    ]


def test_export_is_a_w3c_annotation_collection(edition1: Dossier) -> None:
    notes = sample(edition1)
    document = json.loads(export_json(notes))
    assert document["@context"] == CONTEXT
    assert document["type"] == "AnnotationCollection"
    assert document[FORMAT_KEY] == FORMAT
    items = document["first"]["items"]
    assert len(items) == document["total"] == 4
    hub = items[0]
    assert hub["type"] == "Annotation" and hub["id"] == f"urn:uuid:{notes[0].id}"
    assert hub["body"] == {"type": "TextualBody", "value": "Raise *this*", "format": "text/plain"}
    assert hub["creator"] == {"type": "Person", "name": "Aida"}
    assert hub["target"]["source"] == "urn:x-briefing-dossier:notes-fixture"
    (selector,) = hub["target"]["selector"]
    assert selector["type"] == "TextQuoteSelector"
    assert selector["exact"] == "transport and logistics hub"
    assert selector["prefix"].endswith("Kazakhstan as a ")
    assert selector["suffix"].startswith(" of global")
    extra = hub["urn:x-briefing-dossier:note"]
    assert extra["anchor"] == "politics/point/2" and extra["colour"] == "yellow"
    assert extra["tags"] == ["meeting", "transport"]
    assert items[3]["urn:x-briefing-dossier:note"]["paragraph"] == 16


def test_export_then_import_gives_the_same_notes(
    edition1: Dossier, store: NotesStore, tmp_path: Path
) -> None:
    notes = sample(edition1)
    path = tmp_path / "shared.json"
    path.write_text(export_json(notes), encoding="utf-8")
    assert read_notes_file(path) == notes
    report = store.merge(read_notes_file(path))
    assert (report.added, report.updated, report.unchanged) == (4, 0, 0)
    assert sorted(store.annotations(), key=lambda a: a.id) == sorted(notes, key=lambda a: a.id)
    again = import_notes(path.read_bytes(), store, edition1)  # the same file twice
    assert (again.added, again.updated, again.unchanged) == (0, 0, 4)
    assert len(store.annotations()) == 4


def test_import_keeps_the_newer_copy_and_the_author(edition1: Dossier, store: NotesStore) -> None:
    mine = store.add(sample(edition1)[1])
    theirs = replace(mine, body="Their newer text", author="Someone else",
                     modified=later_today())  # fmt: skip
    older = replace(sample(edition1)[0], modified="2000-01-01T00:00:00Z",
                    created="2000-01-01T00:00:00Z")  # fmt: skip
    store.add(replace(older, body="kept, it is newer", modified="2001-01-01T00:00:00.000Z"))
    report = import_notes(export_json([theirs, older]), store)
    assert (report.added, report.updated, report.unchanged) == (0, 1, 1)
    updated = store.get(mine.id)
    assert updated is not None and updated.body == "Their newer text"
    assert updated.author == "Aida"
    kept = store.get(older.id)
    assert kept is not None and kept.body == "kept, it is newer"


PLAIN = {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    "id": "http://example.org/anno/1",
    "type": "Annotation",
    "creator": "someone@example.org",
    "created": "2021-03-01T10:00:00+04:00",
    "body": [
        {"type": "TextualBody", "value": "Mediator? Check."},
        {"type": "TextualBody", "value": "syria", "purpose": "tagging"},
    ],
    "target": {
        "source": "urn:x-briefing-dossier:notes-fixture",
        "selector": {"type": "TextQuoteSelector", "exact": "impartial mediator"},
    },
}


def test_a_plain_w3c_annotation_imports_and_anchors_by_its_quote(
    edition1: Dossier, store: NotesStore
) -> None:
    report = import_notes(json.dumps(PLAIN), store, edition1)
    assert report.added == 1
    (note,) = store.annotations()
    assert note.body == "Mediator? Check." and note.tags == ("syria",)
    assert note.author == "someone@example.org" and note.kind == "note"
    assert note.created == utc_time("2021-03-01T06:00:00Z")
    assert note.target.anchor == "politics/point/3" and note.target.section == "politics"
    (group,) = list_notes(store, edition1)
    assert group.key == "politics" and group.placements[0].anchor == "politics/point/3"
    # Its id comes from its IRI: importing it again adds nothing.
    assert import_notes(json.dumps(PLAIN), store, edition1).added == 0


def hostile(**changes: object) -> str:
    return json.dumps([{**PLAIN, **changes}])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ('{"type": "AnnotationCollection",\n "first": {"items": [}',
         "2:22: not valid JSON: Expecting value"),
        (b"\xff\xfe not text", "not UTF-8"),
        ("[1, 2]", "annotation 1: must be an object, not a number"),
        ('"just text"', "neither annotations nor a collection"),
        (json.dumps({FORMAT_KEY: "briefing-dossier-notes/9", "type": "AnnotationCollection"}),
         "unknown notes format 'briefing-dossier-notes/9'"),
        (hostile(type="Comment"), "its 'type' is not 'Annotation'"),
        (hostile(target="http://example.org/page"), "its target must be an object, not text"),
        (hostile(target={"source": "http://example.org/"}), "is not urn:x-briefing-dossier:"),
        (hostile(created=12), "'created' must be text, not a number"),
        (hostile(created="yesterday"), "is not an ISO 8601 time"),
        (hostile(body={"type": "TextualBody", "value": ["a"]}), "'value' must be text"),
        (hostile(body={"type": "TextualBody", "value": "x" * 200_000}),
         "the body is 200,000 characters long (at most 100,000)"),
        (hostile(target={"source": "urn:x-briefing-dossier:d", "selector": {
            "type": "TextQuoteSelector", "exact": "q", "prefix": "p" * 5000}}),
         "the prefix is 5,000 characters long"),
        (hostile(**{"urn:x-briefing-dossier:note": {"tags": "a,b"}}), "'tags' must be a list"),
        (hostile(**{"urn:x-briefing-dossier:note": {"paragraph": "3"}}), "'paragraph' must be"),
        (hostile(**{"urn:x-briefing-dossier:note": {"colour": "Not A Key!"}}),
         "the colour 'Not A Key!' is not one of yellow, green, red, blue"),
        (hostile(**{"urn:x-briefing-dossier:note": {"colour": "ultraviolet"}}),
         "the colour 'ultraviolet' is not one of"),
        (hostile(**{"urn:x-briefing-dossier:note": {"kind": "bomb"}}),
         "'kind' must be one of highlight, note, bookmark, not 'bomb'"),
        (hostile(modified="9999-12-31T23:59:59Z"), "'modified' is in the future: 9999-12-31"),
        (json.dumps([PLAIN, PLAIN]),
         "annotation 5: the id 97ff7015-cf25-58e9-adb4-f9037d81ecf6 appears twice"),
        ('{"type": "Annotation", "type": "Annotation"}', "the key 'type' appears twice"),
        ("[NaN]", "NaN is not a JSON number"),
        ("[" * 100 + "]" * 100, "nested more than 32 levels"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)  # fmt: skip
def test_a_hostile_file_is_refused_whole_with_one_line(
    store: NotesStore, edition1: Dossier, data: str | bytes, message: str
) -> None:
    store.add(sample(edition1)[0])
    valid = [{**PLAIN, "id": f"urn:uuid:{n:08d}-0000-4000-8000-000000000000"} for n in range(3)]
    # Good annotations first, the bad part last: still nothing may be imported.
    if isinstance(data, str) and data.startswith("[{"):
        data = json.dumps([*valid, *json.loads(data)])
        message = message.replace("annotation 1", "annotation 4")
    with pytest.raises(NotesImportError) as raised:
        import_notes(data, store, edition1)
    text = str(raised.value)
    assert message in text, text
    assert "\n" not in text
    assert len(store.annotations()) == 1


def test_huge_files_and_too_many_annotations_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b"[" + b" " * (16 * 1024 * 1024) + b"]")
    with pytest.raises(NotesImportError, match="larger than 16 MiB"):
        read_notes_file(big)
    many = "[" + ",".join(["{}"] * (MAX_ANNOTATIONS + 1)) + "]"
    with pytest.raises(NotesImportError, match="100,001 annotations"):
        parse_notes(many)


def test_markdown_for_email(edition1: Dossier, store: NotesStore) -> None:
    for note in sample(edition1):
        store.add(note)
    text = export_markdown(list_notes(store, edition1), edition1, dict(store.colours()))
    assert text.startswith("# Notes on Kazakhstan – Azerbaijan (notes fixture)\n")
    assert "## Politics" in text and "## Trade" in text
    assert "## Source: Interview with the Kazakh Ambassador" in text
    assert (
        "- **Highlight (Raise in meeting)** “transport and logistics hub” — Politics, point 2"
        in text
    )
    assert "  Raise \\*this\\*" in text  # the reader's text is not taken as Markdown
    assert "— Interview with the Kazakh Ambassador ¶ 16" in text
    assert text.index("## Politics") < text.index("## Trade") < text.index("## Source")


def test_markdown_leaves_out_what_would_drive_a_terminal(
    edition1: Dossier, store: NotesStore
) -> None:
    hostile = "\x1b]0;owned\x07hello\u202e\x00 world\x9b31m"
    note = new_annotation(
        edition1.id, "note", section_target(edition1, "trade"), body=hostile,
        tags=("a\x1b[31mred",), author="Ai\u200bda",
    )  # fmt: skip
    store.add(note)
    text = export_markdown(list_notes(store, edition1), edition1, dict(store.colours()))
    assert all(c.isprintable() or c == "\n" for c in text)
    assert "  \\]0;ownedhello world31m\n" in text  # the words stay; the controls go
    assert "  _a\\[31mred · Aida · " in text


def test_the_readme_example_imports_and_anchors(store: NotesStore, bundled: Path) -> None:
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    notes_part = readme[readme.index("\n## Notes\n") :]
    example = notes_part[notes_part.index("```json\n") + 8 : notes_part.index("\n```\n")]
    dossier = load_dossier(bundled)
    assert import_notes(example, store, dossier).added == 1
    (group,) = list_notes(store, dossier)
    (placed,) = group.placements
    assert (placed.status, placed.anchor, placed.how) == ("anchored", "politics/point/6", "anchor")
    assert placed.annotation.tags == ("meeting",) and placed.annotation.colour == "yellow"


def test_notes_read_first_are_merged_and_placed_later(
    store: NotesStore, edition1: Dossier, tmp_path: Path
) -> None:
    path = tmp_path / "plain.json"
    path.write_text(json.dumps([PLAIN]), encoding="utf-8")
    annotations = read_notes_file(path)  # before any store is opened
    report = merge_notes(annotations, store, edition1)
    assert (report.added, report.updated, report.unchanged) == (1, 0, 0)
    (note,) = store.annotations()
    assert note.target.anchor == "politics/point/3"  # placed by its quote
    assert merge_notes(annotations, store, edition1).unchanged == 1
