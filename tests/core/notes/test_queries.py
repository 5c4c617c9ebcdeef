"""Listing notes for the panel and the briefing: grouping, sorting, filtering, ¶ marks."""

from __future__ import annotations

import json
from dataclasses import replace

from dossier.core.model import Dossier
from dossier.core.notes import NotesStore, new_annotation
from dossier.core.notes.model import Annotation
from dossier.core.notes.places import item_text
from dossier.core.notes.queries import (
    ORPHANS,
    NoteFilter,
    briefing_notes,
    list_notes,
    listing,
    match_notes,
    target_label,
)
from dossier.core.notes.targets import item_target, paragraph_target, section_target
from dossier.core.search import parse_query


def highlight(d: Dossier, anchor: str, phrase: str, **extra: object) -> Annotation:
    text = item_text(d.item(anchor))
    start = text.index(phrase)
    target = item_target(d, anchor, (start, start + len(phrase)))
    return new_annotation(d.id, "highlight", target, **extra)  # type: ignore[arg-type]


def fill(store: NotesStore, d: Dossier) -> dict[str, Annotation]:
    notes = {
        "figure": highlight(d, "trade/figure/1", "142", colour="yellow", tags=("meeting",)),
        "mediator": highlight(
            d, "politics/point/3", "impartial mediator", colour="red", body="Which conflicts?"
        ),
        "anniversary": highlight(d, "politics/point/1", "30th anniversary", colour="yellow"),
        "trade": new_annotation(
            d.id, "note", section_target(d, "trade"), body="Trade fell", tags=("meeting", "economy")
        ),
        "paragraph": new_annotation(d.id, "bookmark", paragraph_target(d, "interview", 16)),
        "gone": new_annotation(d.id, "note", item_target(d, "politics/point/4"), body="Elbasy"),
    }
    # Made at known times, oldest first in this order.
    for n, (name, note) in enumerate(notes.items()):
        stamp = f"2026-01-0{n + 1}T12:00:00.000Z"
        notes[name] = store.add(replace(note, created=stamp, modified=stamp))
    return notes


def test_notes_are_grouped_by_section_then_source_then_orphans(
    store: NotesStore, edition1: Dossier, edition2: Dossier
) -> None:
    notes = fill(store, edition1)
    groups = list_notes(store, edition1)
    assert [(g.key, g.title) for g in groups] == [
        ("politics", "Politics"),
        ("trade", "Trade"),
        ("source:interview", "Source: Interview with the Kazakh Ambassador"),
    ]
    by_place = [[p.annotation for p in g.placements] for g in groups]
    assert by_place == [
        [notes["anniversary"], notes["mediator"], notes["gone"]],
        [notes["trade"], notes["figure"]],
        [notes["paragraph"]],
    ]
    by_date = [
        [p.annotation for p in g.placements] for g in list_notes(store, edition1, sort="date")
    ]
    assert by_date[0] == [notes["gone"], notes["anniversary"], notes["mediator"]]
    # On the next edition the removed point's note is listed last, as an orphan.
    later = list_notes(store, edition2)
    assert later[-1].key == ORPHANS and later[-1].title == "Not found in this edition"
    assert [p.annotation for p in later[-1].placements] == [notes["mediator"]]


def test_filters_by_text_colour_tag_and_kind(store: NotesStore, edition1: Dossier) -> None:
    notes = fill(store, edition1)

    def shown(where: NoteFilter) -> set[str]:
        ids = {p.annotation.id for g in list_notes(store, edition1, where) for p in g.placements}
        return {name for name, note in notes.items() if note.id in ids}

    assert shown(NoteFilter(text="CONFLICTS")) == {"mediator"}
    assert shown(NoteFilter(text="anniversary")) == {"anniversary"}  # the quoted text
    assert shown(NoteFilter(colours=frozenset({"yellow"}))) == {"figure", "anniversary"}
    assert shown(NoteFilter(colours=frozenset({"yellow", "red"}))) == {
        "figure",
        "anniversary",
        "mediator",
    }
    assert shown(NoteFilter(tags=frozenset({"meeting"}))) == {"figure", "trade"}
    assert shown(NoteFilter(colours=frozenset({"yellow"}), tags=frozenset({"meeting"}))) == {
        "figure"
    }
    assert shown(NoteFilter(kinds=frozenset({"bookmark"}))) == {"paragraph"}
    assert shown(NoteFilter()) == set(notes)


def test_briefing_notes_carry_their_paragraph_marks(store: NotesStore, edition1: Dossier) -> None:
    notes = fill(store, edition1)
    printed = briefing_notes(store, edition1)
    assert [n.annotation for n in printed] == [
        notes["anniversary"], notes["mediator"], notes["gone"], notes["trade"], notes["figure"],
        notes["paragraph"]]  # fmt: skip
    refs = {n.annotation.id: (n.section_title, n.references) for n in printed}
    interview = edition1.source("interview").text
    figure = interview.locate("it fell by 38% compared to 2019 to $142 million")
    assert figure is not None
    assert refs[notes["figure"].id] == ("Trade", (("interview", figure.paragraph),))
    assert refs[notes["trade"].id] == ("Trade", ())
    assert refs[notes["paragraph"].id] == (None, (("interview", 16),))
    labels = {n.annotation.id: n.label for n in printed}
    assert labels[notes["figure"].id] == "Trade, figure 1"
    assert labels[notes["trade"].id] == "Trade"
    assert labels[notes["paragraph"].id] == "Interview with the Kazakh Ambassador ¶\u00a016"
    only = briefing_notes(store, edition1, colours=["yellow"], tags=["meeting"])
    assert [n.annotation for n in only] == [notes["figure"]]


def test_search_and_the_script_listing(store: NotesStore, edition1: Dossier) -> None:
    notes = fill(store, edition1)
    (found,) = match_notes(store, edition1, parse_query("which CONFLICTS"))
    assert found.annotation == notes["mediator"] and found.anchor == "politics/point/3"
    assert match_notes(store, edition1, parse_query("no such words")) == []
    rows = listing(list_notes(store, edition1))
    assert len(rows) == len(notes)
    first = rows[0]
    assert first["id"] == notes["anniversary"].id and first["exact"] == "30th anniversary"
    assert (first["group"], first["anchor"], first["status"]) == (
        "politics", "politics/point/1", "anchored")  # fmt: skip
    assert json.loads(json.dumps(rows)) == rows


def test_a_search_query_finds_notes_with_all_its_words_in_reading_order(
    store: NotesStore, edition1: Dossier, edition2: Dossier
) -> None:
    notes = fill(store, edition1)

    def found(text: str, dossier: Dossier = edition1) -> list[Annotation]:
        return [p.annotation for p in match_notes(store, dossier, parse_query(text))]

    # Words in any order, each anywhere in body, quote or tags, folded.
    assert found("CONFLICTS which") == [notes["mediator"]]
    # By place (a section's own note before its items), not in the order they were made.
    assert found("meeting") == [notes["trade"], notes["figure"]]
    assert found("meeting economy") == [notes["trade"]]
    assert found("meeting mediator") == []
    assert found("section:politics yellow") == []  # colours are not words of a note
    assert found("section:trade meeting") == [notes["trade"], notes["figure"]]
    assert found("section:politics mediator") == [notes["mediator"]]
    assert found("   ") == []
    # On the next edition the mediator point is gone: the note is still found, an orphan.
    (orphan,) = match_notes(store, edition2, parse_query("mediator"))
    assert orphan.orphan and orphan.annotation == notes["mediator"]
    assert found("section:politics mediator", edition2) == []


def test_a_search_matches_a_note_word_by_word_as_it_matches_the_text(
    store: NotesStore, edition1: Dossier
) -> None:
    body = "Ask about the Kazakh-Azerbaijani route via Şəki"
    made = store.add(
        new_annotation(edition1.id, "note", section_target(edition1, "trade"), body=body)
    )

    def found(text: str) -> bool:
        return [p.annotation for p in match_notes(store, edition1, parse_query(text))] == [made]

    # Punctuation between words is what a space is; a phrase is words side by side.
    assert found("kazakh azerbaijani") and found('"Kazakh Azerbaijani route"')
    assert not found('"azerbaijani kazakh"')
    # The last word typed is the start of a word, never a piece from inside one.
    assert found("kaz") and found("k") and found("route vi")
    assert not found("sk") and not found("zakh") and not found("bout")
    # Only the last word is a prefix: a word followed by more is whole.
    assert not found("kaz route")
    # A last letter after other words waits for the next, as the dossier's search does:
    # the note stays listed while "route via" is typed, through "route v".
    assert found("route v") and found("route x") and found('"azerbaijani route v')
    # Azerbaijani words are found folded and as English spells them.
    assert found("seki") and found("sheki")


def test_a_note_about_to_be_made_is_placed_in_the_words_of_the_notes_list(
    edition1: Dossier,
) -> None:
    assert target_label(item_target(edition1, "politics/point/3"), edition1) == "Politics, point 3"
    assert target_label(section_target(edition1, "trade"), edition1) == "Trade"
    paragraph = paragraph_target(edition1, "interview", 16)
    assert target_label(paragraph, edition1).endswith("Ambassador ¶\u00a016")
