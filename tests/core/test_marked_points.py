"""Which points the analyst's notes mark as talking points, and how the document says so."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.core.briefing.choices import BriefingOptions
from dossier.core.briefing.marked_points import (
    DEFAULT,
    legend,
    marked_points,
    parse_points_from,
)
from dossier.core.briefing.plan import plan_briefing
from dossier.core.loader import load_dossier
from dossier.core.model import Dossier
from dossier.core.notes import NotesStore, new_annotation
from dossier.core.notes.targets import item_target, section_target
from tests.conftest import BUNDLED


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return load_dossier(BUNDLED)


@pytest.fixture
def store(tmp_path: Path, dossier: Dossier) -> Iterator[NotesStore]:
    """Notes on points, a figure, a section and a bookmark, in several colours and tags."""
    d = dossier
    with NotesStore.open(tmp_path / "notes.sqlite3") as opened:
        yield _filled(opened, d)


def _filled(opened: NotesStore, d: Dossier) -> NotesStore:
    for kind, anchor, colour, tags in [
        ("highlight", "trade/point/2", "yellow", ()),
        ("note", "politics/point/3", "yellow", ("raise",)),
        ("note", "energy/point/2", "green", ("raise",)),
        ("bookmark", "energy/point/3", "yellow", ()),  # a place to return to, not a mark
        ("highlight", "trade/figure/1", "yellow", ()),  # not a point
    ]:
        opened.add(new_annotation(d.id, kind, item_target(d, anchor), colour=colour, tags=tags))  # type: ignore[arg-type]
    opened.add(new_annotation(d.id, "note", section_target(d, "culture"), colour="yellow"))
    return opened


def test_by_default_the_points_marked_raise_in_meeting_in_reading_order(
    store: NotesStore, dossier: Dossier
) -> None:
    marked = marked_points(store, dossier, DEFAULT)
    assert marked.anchors == ("politics/point/3", "trade/point/2")
    assert marked.how == "marked “Raise in meeting”"


def test_the_default_follows_the_colour_the_reader_named_raise_in_meeting(
    store: NotesStore, dossier: Dossier
) -> None:
    store.rename_colour("yellow", "Background")
    store.rename_colour("green", "raise in meeting")
    assert marked_points(store, dossier, DEFAULT).anchors == ("energy/point/2",)
    store.rename_colour("green", "Check")
    nothing = marked_points(store, dossier, DEFAULT)
    assert nothing.anchors == () and nothing.how == "marked “Raise in meeting”"


def test_a_colour_by_key_or_name_a_tag_or_both(store: NotesStore, dossier: Dossier) -> None:
    by_name = marked_points(store, dossier, parse_points_from("colour:CHECK"))
    by_tag = marked_points(store, dossier, parse_points_from("tag:raise"))
    both = marked_points(store, dossier, parse_points_from("colour:yellow,tag:raise"))
    none = marked_points(store, dossier, parse_points_from("none"))
    with pytest.raises(ValueError, match="no colour 'purple'; colours are yellow"):
        marked_points(store, dossier, parse_points_from("colour:purple"))
    assert (by_name.anchors, by_name.how) == (("energy/point/2",), "marked “Check”")
    assert by_tag.anchors == ("politics/point/3", "energy/point/2")
    assert both.anchors == ("politics/point/3",)
    assert both.how == "marked “Raise in meeting” and tagged #raise"
    assert none.anchors == () and none.how == ""


def test_without_a_notes_database_nothing_is_marked(dossier: Dossier) -> None:
    assert marked_points(None, dossier, DEFAULT).anchors == ()


@pytest.mark.parametrize("spec", ["colour", "yellow", "tag:", "colour:yellow,what:x"])
def test_a_bad_choice_is_one_line(spec: str) -> None:
    with pytest.raises(
        ValueError, match=r"^--points-from: .* is not colour:NAME, tag:NAME or none"
    ):
        parse_points_from(spec)


def test_the_spec_round_trips() -> None:
    for spec in ("", "none", "colour:yellow", "tag:raise", "colour:green,tag:raise"):
        assert parse_points_from(spec).spec == spec


def test_the_legend_says_where_the_points_came_from() -> None:
    assert legend(1, named=True, chosen=True, how="") == "The point chosen for this briefing."
    assert (
        legend(4, named=False, chosen=True, how="marked “Raise in meeting”")
        == "The 4 points marked “Raise in meeting” in the analyst’s notes."
    )
    assert legend(6, named=False, chosen=False, how="tagged #raise") == (
        "No point is tagged #raise in the analyst’s notes: these are the first point of "
        "each section."
    )
    assert legend(6, named=False, chosen=False, how="") == "The first point of each section."


def test_marked_points_of_unprinted_sections_leave_the_first_points(dossier: Dossier) -> None:
    options = BriefingOptions(
        template="points", sections=("energy",), marked=("trade/point/2",), marked_how="tagged #x"
    )
    briefing = plan_briefing(dossier, options)
    assert [p.anchor for p, _ in briefing.talking_points] == ["energy/point/1"]
    assert "No point is tagged #x in the analyst’s notes" in briefing.parts[0].html
