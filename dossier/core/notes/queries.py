"""What the notes panel, the search and the briefing ask of the notes: lists, filters.

Filters combine as a reader expects: each criterion given must hold (text *and*
colour *and* tag), and within one criterion any value will do (yellow *or* red).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from dossier.core.model import Dossier
from dossier.core.notes.anchoring import Placement, place_all
from dossier.core.notes.model import Annotation, Target, utc_time
from dossier.core.notes.places import item_order
from dossier.core.notes.store import NotesStore, fold
from dossier.core.search.fold import variants, words
from dossier.core.search.query import Group as QueryGroup
from dossier.core.search.query import Query
from dossier.core.text import normalise

SortBy = Literal["place", "date"]
ORPHANS = "orphans"  # the key of the group of notes that could not be placed


@dataclass(frozen=True)
class NoteFilter:
    """Which annotations to show: by text, colour keys, tags and kinds (empty = all)."""

    text: str = ""
    colours: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()

    def matches(self, annotation: Annotation) -> bool:
        """True when ``annotation`` passes every criterion given."""
        a = annotation
        if self.colours and a.colour not in self.colours:
            return False
        if self.tags and not self.tags.intersection(a.tags):
            return False
        if self.kinds and a.kind not in self.kinds:
            return False
        if self.text:
            quote = a.target.quote.exact if a.target.quote else ""
            return _folded(self.text) in _folded("\n".join((a.body, quote, a.author, *a.tags)))
        return True


@lru_cache(maxsize=65536)
def _folded(text: str) -> str:
    """:func:`fold`, remembered: filtering as the user types folds the same notes again."""
    return fold(text)


@dataclass(frozen=True)
class Group:
    """The annotations of one section, of one source, or the orphans, in display order."""

    key: str  # a section id, "source:<source id>", or ORPHANS
    title: str
    placements: tuple[Placement, ...]


def group(placements: Iterable[Placement], dossier: Dossier, sort: SortBy = "place") -> list[Group]:
    """``placements`` grouped by section (in the dossier's order), then by source, then
    the orphans; within a group by place in the text, or newest first."""
    order = item_order(dossier)
    sections = {section.id: n for n, section in enumerate(dossier.sections)}
    sources = {source.id: n for n, source in enumerate(dossier.sources)}
    groups: dict[str, list[Placement]] = {}
    for placement in placements:
        groups.setdefault(_group_key(placement), []).append(placement)

    def group_rank(key: str) -> tuple[int, int]:
        if key in sections:
            return 0, sections[key]
        if key.startswith("source:"):
            return 1, sources.get(key[7:], len(sources))
        return 2, 0

    def place_rank(p: Placement) -> tuple[int, int, int, str]:
        where = order.get(p.anchor or p.section or "", len(order))
        return where, p.paragraph or 0, p.start or 0, p.annotation.created

    out = []
    for key in sorted(groups, key=group_rank):
        members = groups[key]
        if sort == "date":
            members.sort(key=lambda p: utc_time(p.annotation.modified), reverse=True)
        else:
            members.sort(key=place_rank)
        out.append(Group(key, _group_title(key, dossier), tuple(members)))
    return out


def _group_key(placement: Placement) -> str:
    if placement.orphan:
        return ORPHANS
    if placement.source is not None:
        return f"source:{placement.source}"
    return placement.section or ORPHANS


def _group_title(key: str, dossier: Dossier) -> str:
    if key == ORPHANS:
        return "Not found in this edition"
    try:
        if key.startswith("source:"):
            return f"Source: {dossier.source(key[7:]).title}"
        return dossier.section(key).title
    except KeyError:
        return key


def list_notes(
    store: NotesStore, dossier: Dossier, where: NoteFilter | None = None, sort: SortBy = "place"
) -> list[Group]:
    """The annotations of ``dossier``, placed on it, filtered and grouped for the panel."""
    chosen = [a for a in store.annotations(dossier.id) if where is None or where.matches(a)]
    return group(place_all(chosen, dossier), dossier, sort)


def match_notes(store: NotesStore, dossier: Dossier, query: Query) -> list[Placement]:
    """The annotations of ``dossier`` that hold every word and phrase of a parsed search
    ``query``, placed, in reading order, orphans last; ``section:ID`` keeps the notes
    placed in that section.

    Words match as the dossier's text is searched: whole folded words, the last one
    typed as a prefix, a phrase as words next to each other, in the body, the quoted
    text or a tag (``Kazakh-Azerbaijani`` is found by ``kazakh azerbaijani``; ``k``
    finds ``Kuryk``, not ``Ask``). A last word of one letter after others waits for
    its second letter, as it does in the dossier's search (so a note does not drop
    out of the list at ``trade k`` and come back at ``trade ka``).
    """
    if query.empty:
        return []
    wanted = _settled(query.groups)
    # The store's substring scan narrows the notes to those that may match.
    longest = max((w for g in wanted for w in g.words), key=len)
    chosen = []
    for a in store.search(longest, dossier.id):
        runs = _runs(a)
        if all(_holds(runs, group) for group in wanted):
            chosen.append(a)
    placed = place_all(chosen, dossier)
    if query.section is not None:
        placed = [p for p in placed if p.section == query.section and not p.orphan]
    return [p for part in group(placed, dossier) for p in part.placements]


def _settled(groups: tuple[QueryGroup, ...]) -> tuple[QueryGroup, ...]:
    """The groups without a last one-letter word still being typed after other words."""
    last = groups[-1]
    if not last.prefix or len(last.words[-1]) > 1:
        return groups
    if len(last.words) > 1:  # a phrase: its words before the letter
        return (*groups[:-1], QueryGroup(last.words[:-1]))
    return groups[:-1] or groups  # alone, the letter is all there is to look for


def _runs(a: Annotation) -> list[tuple[str, ...]]:
    # Each field is a run of its own, so a phrase never joins a body to a tag; an
    # Azerbaijani word's transliterated spellings are runs of one word.
    quote = a.target.quote.exact if a.target.quote else ""
    runs: list[tuple[str, ...]] = []
    for field in (a.body, quote, *a.tags):
        runs.append(tuple(words(normalise(field))))
        runs.extend((spelled,) for spelled in variants(field))
    return runs


def _holds(runs: Iterable[tuple[str, ...]], group: QueryGroup) -> bool:
    wanted, size = group.words, len(group.words)
    for run in runs:
        for start in range(len(run) - size + 1):
            here = run[start : start + size]
            if here[:-1] == wanted[:-1] and (
                here[-1] == wanted[-1] or (group.prefix and here[-1].startswith(wanted[-1]))
            ):
                return True
    return False


def listing(groups: Sequence[Group]) -> list[dict[str, object]]:
    """The placed annotations as plain values (JSON-ready), for ``dossier notes list --json``."""
    out: list[dict[str, object]] = []
    for part in groups:
        for p in part.placements:
            a = p.annotation
            out.append({
                "id": a.id, "kind": a.kind, "status": p.status, "group": part.key,
                "section": p.section, "anchor": p.anchor, "source": p.source,
                "paragraph": p.paragraph,
                "exact": a.target.quote.exact if a.target.quote else None,
                "body": a.body, "colour": a.colour, "tags": list(a.tags), "author": a.author,
                "created": a.created, "modified": a.modified,
            })  # fmt: skip
    return out


def place_label(placement: Placement, dossier: Dossier) -> str:
    """Where a note stands, for a reader: "Politics, point 2", "Interview ¶ 16", "Trade"."""
    p = placement
    if p.orphan:
        return "not found in this edition"
    return _label(dossier, p.section, p.anchor, p.source, p.paragraph)


def target_label(target: Target, dossier: Dossier) -> str:
    """Where a note about to be made will stand, in :func:`place_label`'s words."""
    t = target
    return _label(dossier, t.section, t.anchor, t.source, t.paragraph)


def _label(
    dossier: Dossier,
    section: str | None,
    anchor: str | None,
    source: str | None,
    paragraph: int | None,
) -> str:
    if source is not None:
        try:
            title = dossier.source(source).title
        except KeyError:
            title = source
        return f"{title} ¶\u00a0{paragraph}" if paragraph else title
    try:
        title = dossier.section(section or "").title
    except KeyError:
        title = section or ""
    if anchor is None:
        return title
    parts = anchor.split("/")
    return f"{title}, {parts[1]} {parts[2]}" if len(parts) == 3 else title


@dataclass(frozen=True)
class BriefingNote:
    """One annotation as the briefing prints it: where it stands and its ¶ references."""

    placement: Placement
    section_title: str | None  # None for a Source-tab note or an orphan
    references: tuple[tuple[str, int], ...]  # (source id, paragraph), as "¶ 12" marks
    label: str  # see place_label

    @property
    def annotation(self) -> Annotation:
        return self.placement.annotation


def briefing_notes(
    store: NotesStore,
    dossier: Dossier,
    colours: Sequence[str] = (),
    tags: Sequence[str] = (),
) -> list[BriefingNote]:
    """The notes for the briefing, in the dossier's order, orphans last; only those with
    one of ``colours`` and one of ``tags`` when these are given."""
    where = NoteFilter(colours=frozenset(colours), tags=frozenset(tags))
    out = []
    for part in list_notes(store, dossier, where):
        for placement in part.placements:
            out.append(_briefing_note(placement, dossier))
    return out


def _briefing_note(placement: Placement, dossier: Dossier) -> BriefingNote:
    if placement.orphan:
        return BriefingNote(placement, None, (), place_label(placement, dossier))
    if placement.source is not None:
        refs = ((placement.source, placement.paragraph),) if placement.paragraph else ()
        return BriefingNote(placement, None, refs, place_label(placement, dossier))
    title = dossier.section(placement.section).title if placement.section else None
    refs_seen: dict[tuple[str, int], None] = {}
    if placement.anchor is not None:
        for cite in dossier.item(placement.anchor).cites:
            refs_seen.setdefault((cite.source_id, cite.paragraph), None)
    return BriefingNote(placement, title, tuple(refs_seen), place_label(placement, dossier))
