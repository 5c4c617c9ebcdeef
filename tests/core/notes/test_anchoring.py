"""Notes made on one edition of a dossier, placed on the next: kept, moved or orphaned."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dossier.core.model import Dossier
from dossier.core.notes import (
    ORPHAN,
    Annotation,
    Target,
    TextQuoteSelector,
    new_annotation,
    place,
    place_all,
)
from dossier.core.notes.model import Kind
from dossier.core.notes.places import item_text
from dossier.core.notes.targets import (
    item_target,
    paragraph_target,
    section_target,
    whole_words,
)


def span_of(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def on_item(d: Dossier, anchor: str, phrase: str | None = None, nth: int = 0) -> Annotation:
    span = span_of(item_text(d.item(anchor)), phrase, nth) if phrase else None
    kind: Kind = "highlight" if phrase else "note"
    return new_annotation(d.id, kind, item_target(d, anchor, span), body=f"{anchor} {phrase}")


def on_paragraph(d: Dossier, phrase: str) -> Annotation:
    found = d.source("interview").text.locate(phrase)
    assert found is not None
    target = paragraph_target(d, "interview", found.paragraph, (found.start, found.end))
    return new_annotation(d.id, "highlight", target)


def test_every_note_is_placed_where_it_was_made_on_the_same_edition(edition1: Dossier) -> None:
    notes = [
        on_item(edition1, "politics/point/2", "transport and logistics hub"),
        on_item(edition1, "politics/point/3"),
        on_item(edition1, "trade/figure/1", "142 USD million"),
        new_annotation(edition1.id, "bookmark", section_target(edition1, "trade")),
        new_annotation(edition1.id, "highlight", section_target(edition1, "trade", (0, 10))),
        on_paragraph(edition1, "our trade turnover fell by 38% in 2020"),
    ]
    placed = place_all(notes, edition1)
    assert [(p.status, p.section, p.anchor, p.source) for p in placed] == [
        ("anchored", "politics", "politics/point/2", None),
        ("anchored", "politics", "politics/point/3", None),
        ("anchored", "trade", "trade/figure/1", None),
        ("anchored", "trade", None, None),
        ("anchored", "trade", None, None),
        ("anchored", None, None, "interview"),
    ]
    hub = placed[0]
    text = item_text(edition1.item("politics/point/2"))
    assert hub.start is not None and hub.end is not None
    assert text[hub.start : hub.end] == "transport and logistics hub"
    assert placed[5].paragraph == 16


def test_the_second_edition_keeps_what_it_can_and_lists_the_rest(
    edition1: Dossier, edition2: Dossier
) -> None:
    def on(anchor: str, phrase: str | None = None) -> Annotation:
        return on_item(edition1, anchor, phrase)

    made = {
        "reworded, phrase kept": on("politics/point/1", "30th anniversary of its independence"),
        "reworded, whole item": on("politics/point/1"),
        "moved, quoted": on("politics/point/2", "transport and logistics hub"),
        "moved, whole item": on("politics/point/2"),
        "removed, quoted": on("politics/point/3", "impartial mediator"),
        "removed, whole item": on("politics/point/3"),
        "renumbered, whole item": on("politics/point/4"),
        "renumbered, quoted": on("politics/point/4", "sovereign state"),
        "rewritten, quoted": on("trade/point/1", "fell by 38 per cent"),
        "rewritten, whole item": on("trade/point/1"),
        "unchanged figure": on("trade/figure/1", "142 USD million"),
        "section": new_annotation(edition1.id, "note", section_target(edition1, "trade")),
        "source paragraph": on_paragraph(edition1, "our trade turnover fell by 38% in 2020"),
    }  # fmt: skip
    placed = dict(zip(made, place_all(made.values(), edition2), strict=True))
    where = {name: (p.status, p.anchor or p.section or p.source) for name, p in placed.items()}
    assert where == {
        "reworded, phrase kept": ("anchored", "politics/point/1"),
        "reworded, whole item": ("anchored", "politics/point/1"),
        "moved, quoted": ("anchored", "trade/point/2"),
        "moved, whole item": ("anchored", "trade/point/2"),
        "removed, quoted": ("orphan", "politics/point/3"),
        "removed, whole item": ("orphan", "politics/point/3"),
        "renumbered, whole item": ("anchored", "politics/point/2"),
        "renumbered, quoted": ("anchored", "politics/point/2"),
        "rewritten, quoted": ("orphan", "trade/point/1"),
        "rewritten, whole item": ("orphan", "trade/point/1"),
        "unchanged figure": ("anchored", "trade/figure/1"),
        "section": ("anchored", "trade"),
        "source paragraph": ("anchored", "interview"),
    }
    assert placed["moved, quoted"].section == "trade"
    # An orphan still has everything it was: its quote, its body, its old place.
    orphan = placed["removed, quoted"]
    assert orphan.annotation == made["removed, quoted"]
    assert orphan.annotation.target.quote is not None
    assert orphan.annotation.target.quote.exact == "impartial mediator"
    new_text = item_text(edition2.item("politics/point/1"))
    kept = placed["reworded, phrase kept"]
    assert new_text[kept.start or 0 : kept.end] == "30th anniversary of its independence"


def test_prefix_and_suffix_choose_among_occurrences_in_an_item(edition1: Dossier) -> None:
    anchor = "trade/point/1"  # "Bilateral trade fell ... and trade in goods fell most."
    text = item_text(edition1.item(anchor))
    second = on_item(edition1, anchor, "trade", nth=1)
    found = place(second, edition1)
    assert (found.start, found.end) == span_of(text, "trade", 1)
    first = on_item(edition1, anchor, "trade", nth=0)
    assert (place(first, edition1).start, place(first, edition1).end) == span_of(text, "trade")


def test_a_quote_with_no_place_is_found_by_its_context_across_the_dossier(
    edition1: Dossier,
) -> None:
    # As a plain W3C annotation from another tool: only the quote and its context.
    quote = TextQuoteSelector("Kazakhstan", prefix="He describes ", suffix=" as an impartial")
    found = place(new_annotation(edition1.id, "highlight", Target(quote=quote)), edition1)
    assert (found.status, found.anchor, found.how) == ("anchored", "politics/point/3", "quote")


def test_quotes_match_across_spacing_and_typographic_punctuation(edition1: Dossier) -> None:
    quote = TextQuoteSelector("Kazakhstan,   like\nAzerbaijan")
    target = Target(anchor="politics/point/1", section="politics", quote=quote)
    found = place(new_annotation(edition1.id, "highlight", target), edition1)
    assert found.anchor == "politics/point/1" and (found.start, found.end) == (0, 27)
    curly = Target(section="politics", quote=TextQuoteSelector("country\u2019s place"))
    found = place(new_annotation(edition1.id, "highlight", curly), edition1)
    summary = edition1.section("politics").summary
    assert (found.section, found.anchor) == ("politics", None)
    assert summary[found.start or 0 : found.end] == "country's place"


@pytest.mark.parametrize(
    "target",
    [
        Target(section="no-such-section"),
        Target(anchor="trade/point/9", section="trade"),
        Target(source="no-such-source", paragraph=1),
        Target(source="interview", quote=TextQuoteSelector("words the interview never had")),
        Target(source="interview", paragraph=100_000),
    ],
)
def test_what_cannot_be_placed_is_an_orphan(edition1: Dossier, target: Target) -> None:
    found = place(new_annotation(edition1.id, "note", target, body="keep me"), edition1)
    assert found.status == ORPHAN and found.orphan
    assert found.annotation.body == "keep me"


def test_a_paragraph_note_follows_its_paragraph_by_text(edition1: Dossier) -> None:
    note = new_annotation(edition1.id, "bookmark", paragraph_target(edition1, "interview", 16))
    moved = replace(note, target=replace(note.target, paragraph=3))  # as if renumbered
    assert place(moved, edition1).paragraph == 16


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ((8, 12), "terminal"),  # "rmin": cut at both ends
        ((5, 12), "terminal"),  # " termin": the space at the start goes
        ((5, 15), "terminal"),  # " terminal ": spaces at both ends go
        ((0, 5), "grain"),  # whole already: unchanged
        ((2, 10), "grain terminal"),
        ((22, 24), "Kuryk"),  # an apostrophe ends a word
        ((21, 28), "Kuryk's"),
        ((30, 32), "2022"),  # up to the end of the text
    ],
)
def test_a_selection_is_widened_to_whole_words(span: tuple[int, int], expected: str) -> None:
    text = "grain terminal opens Kuryk's 2022"
    start, end = whole_words(text, span)
    assert text[start:end] == expected
