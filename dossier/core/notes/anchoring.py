"""Placing annotations on a dossier, including a later edition of it.

A note with a quote is placed, in this order: in the item (or section summary) it was
made on, if that still holds the quoted text; else wherever in the dossier the text is
found (an item reworded elsewhere or moved to another section); for a Source-tab note,
in the source's paragraphs. Among several occurrences, the one whose surrounding text
best matches the stored prefix and suffix wins. A note on a whole item has no quote: it
is placed by the item's anchor when the item there is still the one it was made on
(same or similar text), else by the item text kept at creation. Anchors are positions
("trade/point/3"), so removing a point renumbers the ones after it: the text check keeps
a note from sliding onto a neighbour. What cannot be placed is an orphan, returned with
its text, never dropped.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from dossier.core.model import Dossier, Source
from dossier.core.notes.model import ANCHORED, ORPHAN, Annotation, Status, TextQuoteSelector
from dossier.core.notes.places import Place, kind_of, places
from dossier.core.text import normalise, normalise_with_map

# How alike an item's text must be to the text kept at creation to count as the same
# item reworded: at its old anchor, and anywhere else in the dossier.
SIMILAR_IN_PLACE = 0.6
SIMILAR_ELSEWHERE = 0.8


@dataclass(frozen=True)
class Placement:
    """Where an annotation stands in a dossier now, or that it is an orphan.

    ``start``/``end`` are the quote's character offsets in the text it was found in
    (:func:`~dossier.core.notes.places.item_text` of the item, the section summary or
    the source paragraph, each taken in NFC); None without a quote.
    """

    annotation: Annotation
    status: Status
    section: str | None = None
    anchor: str | None = None
    source: str | None = None
    paragraph: int | None = None
    start: int | None = None
    end: int | None = None
    how: str = ""  # "anchor", "quote", "snapshot", "section", "source"; "" for an orphan

    @property
    def orphan(self) -> bool:
        return self.status == ORPHAN


class _Text:
    """A text with its normal form and the map back to the original offsets (made on
    first use: most notes are found in their own item and never look at the rest)."""

    def __init__(self, text: str) -> None:
        self.text = unicodedata.normalize("NFC", text)

    @cached_property
    def _normal(self) -> tuple[str, list[int]]:
        return normalise_with_map(self.text)

    @property
    def flat(self) -> str:
        return self._normal[0]

    def find(self, quote: TextQuoteSelector) -> list[tuple[int, int, int]]:
        """Every (score, start, end) where ``quote.exact`` stands, best context first."""
        needle = _normal(quote.exact)
        found: list[tuple[int, int, int]] = []
        if not needle:
            return found
        flat, where = self._normal
        index = flat.find(needle)
        while index >= 0:
            start = where[index]
            end = where[index + len(needle) - 1] + 1
            found.append((self._score(index, index + len(needle), quote), start, end))
            index = flat.find(needle, index + 1)
        found.sort(key=lambda hit: -hit[0])
        return found

    def _score(self, start: int, end: int, quote: TextQuoteSelector) -> int:
        """How many characters of the stored prefix and suffix surround this match."""
        flat = self.flat
        prefix, suffix = _normal(quote.prefix), _normal(quote.suffix)
        before = flat[max(0, start - len(prefix) - 1) : start].rstrip()
        after = flat[end : end + len(suffix) + 1].lstrip()
        return _common(before[::-1], prefix[::-1]) + _common(after, suffix)


def _common(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` share at their start."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


@lru_cache(maxsize=4096)
def _normal(text: str) -> str:
    """:func:`normalise`, remembered: the same quotes are placed again and again."""
    return normalise(text)


class _Dossier:
    """A dossier's texts prepared once for placing many annotations."""

    def __init__(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self.places: list[tuple[Place, _Text]] = [(p, _Text(p.text)) for p in places(dossier)]
        self.by_key = {(p.anchor or p.section): (p, t) for p, t in self.places}
        self.sections = {section.id for section in dossier.sections}
        self._sources: dict[str, list[_Text]] = {}

    def paragraphs(self, source: Source) -> list[_Text]:
        found = self._sources.get(source.id)
        if found is None:
            found = self._sources[source.id] = [_Text(p.text) for p in source.text.paragraphs]
        return found

    @cached_property
    def normal_items(self) -> list[tuple[Place, str]]:
        return [(p, normalise(p.text)) for p, _ in self.places if p.anchor is not None]


def place(annotation: Annotation, dossier: Dossier) -> Placement:
    """Where ``annotation`` stands in ``dossier`` (an orphan when nowhere)."""
    return _place(annotation, _Dossier(dossier))


def place_all(annotations: Iterable[Annotation], dossier: Dossier) -> list[Placement]:
    """Every annotation placed on ``dossier``, in the order given, orphans included."""
    prepared = _Dossier(dossier)
    return [_place(annotation, prepared) for annotation in annotations]


def _place(annotation: Annotation, d: _Dossier) -> Placement:
    target = annotation.target
    if target.quote is not None:
        if target.source is not None and target.anchor is None:
            found = _in_sources(annotation, target.quote, d)
        else:
            found = _in_dossier(annotation, target.quote, d)
    elif target.anchor is not None:
        found = _whole_item(annotation, d)
    elif target.source is not None:
        found = _whole_paragraph(annotation, d)
    elif target.section in d.sections:
        found = Placement(annotation, ANCHORED, section=target.section, how="section")
    else:
        found = None
    return found or Placement(
        annotation,
        ORPHAN,
        section=target.section,
        anchor=target.anchor,
        source=target.source,
        paragraph=target.paragraph,
    )


def _in_dossier(a: Annotation, quote: TextQuoteSelector, d: _Dossier) -> Placement | None:
    target = a.target
    home = d.by_key.get(target.anchor or target.section or "")
    if home is not None:
        hits = home[1].find(quote)
        if hits:
            _, start, end = hits[0]
            return Placement(a, ANCHORED, home[0].section, home[0].anchor, None, None,
                             start, end, "anchor")  # fmt: skip
    best: tuple[tuple[int, bool], Place, int, int] | None = None
    for place_, text in d.places:
        hits = text.find(quote)
        if hits:
            score, start, end = hits[0]
            rank = (score, place_.section == target.section)
            if best is None or rank > best[0]:
                best = (rank, place_, start, end)
    if best is None:
        return None
    _, where, start, end = best
    return Placement(a, ANCHORED, where.section, where.anchor, None, None, start, end, "quote")


def _in_sources(a: Annotation, quote: TextQuoteSelector, d: _Dossier) -> Placement | None:
    target = a.target
    # The note's own source first, then the others (a source may have been renamed).
    sources = sorted(d.dossier.sources, key=lambda s: s.id != target.source)
    best: tuple[tuple[int, bool, bool], Source, int, int, int] | None = None
    for source in sources:
        for number, text in enumerate(d.paragraphs(source), start=1):
            hits = text.find(quote)
            if hits:
                score, start, end = hits[0]
                rank = (score, source.id == target.source, number == target.paragraph)
                if best is None or rank > best[0]:
                    best = (rank, source, number, start, end)
    if best is None:
        return None
    _, source, number, start, end = best
    return Placement(a, ANCHORED, None, None, source.id, number, start, end, "source")


def _whole_item(a: Annotation, d: _Dossier) -> Placement | None:
    target = a.target
    anchor = target.anchor or ""
    home = d.by_key.get(anchor)
    if not target.snapshot:
        if home is None:
            return None
        return Placement(a, ANCHORED, home[0].section, anchor, how="anchor")
    snapshot = normalise(target.snapshot)
    if home is not None and home[1].flat == snapshot:
        return Placement(a, ANCHORED, home[0].section, anchor, how="anchor")
    kind = kind_of(anchor)
    same_kind = [(p, flat) for p, flat in d.normal_items if kind_of(p.anchor or "") == kind]
    for where, flat in same_kind:
        if flat == snapshot:
            return Placement(a, ANCHORED, where.section, where.anchor, how="snapshot")
    if home is not None and _similarity(home[1].flat, snapshot) >= SIMILAR_IN_PLACE:
        return Placement(a, ANCHORED, home[0].section, anchor, how="anchor")
    best = _most_similar(snapshot, same_kind)
    if best is None:
        return None
    return Placement(a, ANCHORED, best.section, best.anchor, how="snapshot")


def _whole_paragraph(a: Annotation, d: _Dossier) -> Placement | None:
    target = a.target
    try:
        source = d.dossier.source(target.source or "")
    except KeyError:
        return None
    if target.paragraph is None:
        return Placement(a, ANCHORED, source=source.id, how="source")
    texts = d.paragraphs(source)
    number = target.paragraph
    here = texts[number - 1] if number <= len(texts) else None
    snapshot = normalise(target.snapshot)
    if here is not None and (not snapshot or here.flat == snapshot):
        return Placement(a, ANCHORED, source=source.id, paragraph=number, how="source")
    for other, text in enumerate(texts, start=1):
        if snapshot and text.flat == snapshot:
            return Placement(a, ANCHORED, source=source.id, paragraph=other, how="snapshot")
    if here is not None and _similarity(here.flat, snapshot) >= SIMILAR_IN_PLACE:
        return Placement(a, ANCHORED, source=source.id, paragraph=number, how="source")
    return None


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def _most_similar(snapshot: str, candidates: Sequence[tuple[Place, str]]) -> Place | None:
    best: tuple[float, Place] | None = None
    for where, flat in candidates:
        matcher = difflib.SequenceMatcher(None, flat, snapshot, autojunk=False)
        if matcher.real_quick_ratio() < SIMILAR_ELSEWHERE:
            continue
        if matcher.quick_ratio() < SIMILAR_ELSEWHERE:
            continue
        ratio = matcher.ratio()
        if ratio >= SIMILAR_ELSEWHERE and (best is None or ratio > best[0]):
            best = (ratio, where)
    return best[1] if best else None
