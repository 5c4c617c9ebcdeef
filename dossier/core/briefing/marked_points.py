"""Talking points from the analyst’s notes: the points marked with a colour or a tag.

Qt-free. A point is *marked* when a highlight or note (not a bookmark, which is a place
to return to) stands on it, anchored in this edition, and matches the choice:
``colour:KEY`` (a colour's key or its name, "colour:yellow" or "colour:Raise in
meeting"), ``tag:NAME``, or several of these with the meaning of ``--notes-filter``
(within colours any, within tags any, both kinds given: both must hold). Without a
choice the colour named "Raise in meeting" is used (yellow, unless the reader renamed
it); ``none`` uses no notes. The briefing says where its points came from
(:func:`legend`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the briefing imports this module for its legend, without the notes
    from dossier.core.model import Dossier
    from dossier.core.notes.store import NotesStore

RAISE_IN_MEETING = "Raise in meeting"  # the meaning of the colour used by default
NONE = "none"  # use no notes: the first point of each section


@dataclass(frozen=True)
class PointsFrom:
    """Which notes mark a talking point (colour keys or names, tags), as asked."""

    colours: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    use_notes: bool = True  # False for ``none``
    default: bool = False  # nothing was asked: the colour named "Raise in meeting"

    @property
    def spec(self) -> str:
        """The choice written back as ``--points-from`` takes it ("" for the default)."""
        if self.default:
            return ""
        if not self.use_notes:
            return NONE
        return ",".join([*(f"colour:{c}" for c in self.colours), *(f"tag:{t}" for t in self.tags)])


DEFAULT = PointsFrom(default=True)


def parse_points_from(spec: str | None) -> PointsFrom:
    """``"colour:yellow,tag:raise"``, ``"none"``, or None/blank for the default.

    Raises ValueError (one line) for a term that is not ``colour:NAME`` or ``tag:NAME``.
    """
    if spec is None or not spec.strip():
        return DEFAULT
    if spec.strip().lower() == NONE:
        return PointsFrom(use_notes=False)
    from dossier.core.briefing.analyst_notes import parse_notes_filter

    try:
        colours, tags = parse_notes_filter(spec)
    except ValueError:
        raise ValueError(
            f"--points-from: {spec.strip()!r} is not colour:NAME, tag:NAME or none "
            "(e.g. colour:yellow or tag:raise)"
        ) from None
    return PointsFrom(colours, tags)


@dataclass(frozen=True)
class MarkedPoints:
    """The anchors of the marked points, in the dossier's order, and how they were marked,
    for the document ('marked “Raise in meeting”'; "" when no notes were used)."""

    anchors: tuple[str, ...] = ()
    how: str = ""


def colour_keys(
    names: Sequence[tuple[str, str]], asked: Sequence[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The colour keys meant by ``asked`` (keys or names, in any case), and those asked
    for that name no colour."""
    from dossier.core.notes.store import fold

    by_key = {fold(key): key for key, _name in names}
    by_name = {fold(name): key for key, name in names}
    keys: list[str] = []
    unknown: list[str] = []
    for word in asked:
        key = by_key.get(fold(word)) or by_name.get(fold(word))
        if key is None:
            unknown.append(word)
        elif key not in keys:
            keys.append(key)
    return tuple(keys), tuple(unknown)


def describe(colours: Sequence[str], tags: Sequence[str], names: Mapping[str, str]) -> str:
    """How the points were marked: 'marked “Check” and tagged #raise'."""
    parts = []
    if colours:
        parts.append("marked " + " or ".join(f"“{names.get(c, c)}”" for c in colours))
    if tags:
        parts.append("tagged " + " or ".join(f"#{t}" for t in tags))
    return " and ".join(parts)


def marked_points(store: NotesStore | None, dossier: Dossier, choice: PointsFrom) -> MarkedPoints:
    """The points of ``dossier`` the analyst marked as ``choice`` says (``store`` None: no
    notes database yet). ValueError names a colour that does not exist."""
    if not choice.use_notes:
        return MarkedPoints()
    names = store.colours() if store is not None else []
    if choice.default:
        keys, _ = colour_keys(names, (RAISE_IN_MEETING,))
        how = f"marked “{RAISE_IN_MEETING}”"
        if not keys:  # the reader gave that meaning to no colour: nothing is marked
            return MarkedPoints((), how)
        tags: tuple[str, ...] = ()
    else:
        keys, unknown = colour_keys(names, choice.colours)
        if unknown and store is not None:
            known = ", ".join(f"{key} ({name})" for key, name in names)
            raise ValueError(
                f"--points-from: no colour {', '.join(repr(u) for u in unknown)}; "
                f"colours are {known}"
            )
        keys = keys or choice.colours  # no database yet: the words as given
        tags = choice.tags
        how = describe(keys, tags, dict(names))
    if store is None:
        return MarkedPoints((), how)
    from dossier.core.notes.queries import NoteFilter, list_notes

    where = NoteFilter(colours=frozenset(keys), tags=frozenset(tags))
    on = {
        p.anchor
        for group in list_notes(store, dossier, where)
        for p in group.placements
        if p.annotation.kind != "bookmark" and not p.orphan and p.anchor
    }
    ordered = tuple(p.anchor for s in dossier.sections for p in s.points if p.anchor in on)
    return MarkedPoints(ordered, how)


def legend(count: int, *, named: bool, chosen: bool, how: str) -> str:
    """Where the talking points came from, printed above them.

    ``named``: they were named by ``--points``; ``chosen``: at least one named or marked
    point is printed (else the first point of each section stands in); ``how``: how
    the marked points were marked ("" when no notes were used).
    """
    points = "point" if count == 1 else f"{count} points"
    if chosen and named:
        return f"The {points} chosen for this briefing."
    if chosen:
        return f"The {points} {how or 'marked'} in the analyst’s notes."
    if how:
        return (
            f"No point is {how} in the analyst’s notes: these are the first point of each section."
        )
    return "The first point of each section."
