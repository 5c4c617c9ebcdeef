"""Source documents: numbered paragraphs and locating verbatim passages in them."""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple, overload

from dossier.core.text import normalise, normalise_lines, normalise_with_map

# An interview marks its turns "Q.:" and "A.:"; the viewer shows them as such.
_TURN_RE = re.compile(r"^\s*(Q|A)\s*[.:]+\s*")


# Bounds on the "closest passage" of a citation that is not found (an error message,
# not a search): the paragraphs compared, their length, the words used to choose them.
CLOSEST_CANDIDATES = 24
CLOSEST_WINDOW = 2_000  # characters of a paragraph compared; the longest in the seed is 1,696
CLOSEST_NEEDLE = 300  # characters of the citation compared
CLOSEST_WORDS = 6  # the longest words of the citation, looked up to choose candidates
CLOSEST_HITS = 200  # occurrences of one word followed before it counts as common
SMALL_SOURCE = 256  # paragraphs: a source this small is compared whole


# Many citations against one large source: after INDEX_AFTER searches, a source of at
# least INDEX_FROM characters is cut into pieces of about CHUNK characters, each with the
# set of its words, and a passage is looked for only in the pieces holding its words.
INDEX_FROM = 1 << 20
INDEX_AFTER = 2
CHUNK = 1 << 16
# The word sets take several bytes per character of text: with a budget, at most this
# many characters of one dossier's sources are cut into pieces; the rest are scanned.
INDEX_LIMIT = 32 << 20


class SearchLimit(Exception):
    """The dossier's budget of source text to scan is spent."""


class SearchBudget:
    """Characters of source text a dossier's citations may still make the loader scan.

    Each citation costs the text scanned to find it (for a miss, all the text it could
    have been in), so a small file with many citations against a large source cannot
    demand work without bound.
    """

    def __init__(self, characters: int, indexable: int = INDEX_LIMIT) -> None:
        self.left = characters
        self.indexable = indexable  # characters of source text still to be cut into pieces

    def spend(self, characters: int) -> None:
        self.left = max(0, self.left - characters)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A non-empty line of a source, numbered from 1."""

    number: int
    text: str  # NFC, as displayed

    @property
    def turn(self) -> str | None:
        """ "Q" or "A" when the paragraph opens an interview turn, else None."""
        match = _TURN_RE.match(self.text)
        return match.group(1) if match else None


class Match(NamedTuple):
    """Where a passage stands: paragraph number and character span in its text."""

    paragraph: int
    start: int
    end: int


class _Paragraphs(Sequence[Paragraph]):
    """The paragraphs of a source, made on demand: a source of a million lines costs a
    million strings, not a million objects more, until someone looks at them."""

    def __init__(self, texts: list[str]) -> None:
        self._texts = texts

    def __len__(self) -> int:
        return len(self._texts)

    @overload
    def __getitem__(self, index: int) -> Paragraph: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Paragraph, ...]: ...
    def __getitem__(self, index: int | slice) -> Paragraph | tuple[Paragraph, ...]:
        if isinstance(index, slice):
            numbers = range(len(self._texts))[index]
            return tuple(Paragraph(i + 1, self._texts[i]) for i in numbers)
        if index < 0:
            index += len(self._texts)
        if not 0 <= index < len(self._texts):
            raise IndexError(index)
        return Paragraph(index + 1, self._texts[index])

    def __iter__(self) -> Iterator[Paragraph]:
        return map(Paragraph, itertools.count(1), self._texts)


class SourceText:
    """The text of a source split into numbered paragraphs (its non-empty lines)."""

    def __init__(self, text: str) -> None:
        lines = unicodedata.normalize("NFC", text).splitlines()
        self._texts = [line for line in map(str.strip, lines) if line]
        self.paragraphs: Sequence[Paragraph] = _Paragraphs(self._texts)
        self._maps: dict[int, list[int]] = {}
        self._found: dict[str, Match | None] = {}  # the same passage is searched once
        self._searches = 0
        self._chunks: list[tuple[int, int, frozenset[str]]] | None = None

    @cached_property
    def _flat(self) -> tuple[str, list[int]]:
        """Every paragraph normalised, joined by newlines (which normalised text never
        holds, so no match can span two), with the offset where each one starts."""
        flats = normalise_lines(self._texts)
        starts = [0, *itertools.accumulate(len(flat) + 1 for flat in flats)]
        starts.pop()
        return "\n".join(flats), starts

    def _original(self, number: int, index: int) -> int:
        """The offset in paragraph ``number``'s text of offset ``index`` of its normal form."""
        where = self._maps.get(number)
        if where is None:
            text = self.paragraph(number).text
            flat, starts = self._flat
            end = starts[number] - 1 if number < len(starts) else len(flat)
            # Most paragraphs normalise character for character: they need no map.
            same = end - starts[number - 1] == len(text)
            where = self._maps[number] = [] if same else normalise_with_map(text)[1]
        return where[index] if where else index

    def paragraph(self, number: int) -> Paragraph:
        """Paragraph ``number`` (1-based); IndexError when out of range."""
        if not 1 <= number <= len(self.paragraphs):
            raise IndexError(number)
        return Paragraph(number, self._texts[number - 1])

    def locate(self, passage: str, budget: SearchBudget | None = None) -> Match | None:
        """Find ``passage`` within one paragraph, after normalisation; None if absent.

        With a ``budget``, scan no more text than it has left (raise SearchLimit when
        that is not enough to decide) and charge it for the text scanned.
        """
        needle = normalise(passage)
        if not needle:
            return None
        if needle in self._found:
            return self._found[needle]
        flat = self._flat[0]
        self._searches += 1
        inner: list[str] = []
        if self._searches > INDEX_AFTER and (self._chunks is not None or len(flat) >= INDEX_FROM):
            inner = needle.split(" ")[1:-1]  # whole words wherever the passage stands
        if inner and self._cut(budget):
            index = self._find_in_chunks(needle, inner, budget)
        else:
            index = _find(flat, needle, 0, len(flat), budget)
        match = None if index < 0 else self._match(index, len(needle))
        self._found[needle] = match
        return match

    def _cut(self, budget: SearchBudget | None) -> bool:
        """Cut a large text into pieces (once), if the budget allows; True when cut.

        Each piece comes with the set of its words. The pieces end at paragraph ends,
        and a passage lies within one paragraph, so within one piece, and only in a
        piece that holds every one of its words.
        """
        if self._chunks is not None:
            return True
        flat = self._flat[0]
        if len(flat) < INDEX_FROM or (budget is not None and budget.indexable < len(flat)):
            return False
        if budget is not None:
            budget.indexable -= len(flat)
        chunks = []
        begin = 0
        while begin < len(flat):
            end = flat.find("\n", begin + CHUNK)
            end = len(flat) if end < 0 else end
            chunks.append((begin, end, frozenset(flat[begin:end].split())))
            begin = end + 1
        self._chunks = chunks
        return True

    def _find_in_chunks(self, needle: str, inner: list[str], budget: SearchBudget | None) -> int:
        """The first index of ``needle`` in the normalised text, or -1, scanning only
        the pieces that hold its inner words: the same answer as one ``str.find``."""
        flat = self._flat[0]
        for begin, end, words in self._chunks or ():
            if words.issuperset(inner):
                index = _find(flat, needle, begin, end, budget)
                if index >= 0:
                    return index
        return -1

    def _match(self, index: int, length: int) -> Match:
        starts = self._flat[1]
        position = bisect.bisect_right(starts, index) - 1
        local = index - starts[position]
        start = self._original(position + 1, local)
        end = self._original(position + 1, local + length - 1) + 1
        return Match(position + 1, start, end)

    def closest(self, passage: str, width: int = 90) -> tuple[int, str] | None:
        """The paragraph and passage most like ``passage``, for a helpful error.

        Bounded whatever the source: a large source has only the few paragraphs that
        share the citation's rarer words compared, each cut to a window around them.
        """
        import difflib  # only for error messages; kept off the start-up path

        needle = normalise(passage)[:CLOSEST_NEEDLE]
        if not needle or not self.paragraphs:
            return None
        best: tuple[int, int, str] | None = None
        for number, offset in self._candidates(needle):
            text = self._window(number, offset)
            matcher = difflib.SequenceMatcher(None, needle, text, autojunk=False)
            blocks = matcher.get_matching_blocks()
            size = sum(block.size for block in blocks if block.size >= 3)
            if best is None or size > best[0]:
                anchor = max(blocks, key=lambda block: block.size)
                start = max(0, anchor.b - anchor.a)
                best = (size, number, text[start : start + max(len(needle), 20)])
        if best is None or best[0] == 0:
            return None
        _, number, text = best
        if len(text) > width:
            text = text[: width - 1].rstrip() + "…"
        return number, text

    def _candidates(self, needle: str) -> list[tuple[int, int]]:
        """Paragraphs worth comparing with ``needle``, in order, each with the offset in
        the normalised text where the comparison window should start."""
        flat, starts = self._flat
        if len(self.paragraphs) <= SMALL_SOURCE and len(flat) <= SMALL_SOURCE * CLOSEST_WINDOW:
            return [(number, starts[number - 1]) for number in range(1, len(starts) + 1)]
        words = sorted({w for w in needle.split(" ") if len(w) >= 3}, key=len, reverse=True)
        score: dict[int, int] = {}
        first: dict[int, int] = {}
        for word in words[:CLOSEST_WORDS]:
            hits: list[int] = []
            index = flat.find(word)
            while index >= 0 and len(hits) < CLOSEST_HITS:
                hits.append(index)
                index = flat.find(word, index + len(word))
            if index >= 0:  # a common word: it says nothing about where to look
                continue
            for hit in hits:
                number = bisect.bisect_right(starts, hit)
                first.setdefault(number, hit)
                score[number] = score.get(number, 0) + len(word)
        ranked = sorted(score, key=lambda number: (-score[number], number))
        return sorted((number, first[number]) for number in ranked[:CLOSEST_CANDIDATES])

    def _window(self, number: int, offset: int) -> str:
        """At most CLOSEST_WINDOW characters of paragraph ``number``'s normal form,
        starting a little before ``offset``."""
        flat, starts = self._flat
        begin = starts[number - 1]
        end = starts[number] - 1 if number < len(starts) else len(flat)
        if end - begin <= CLOSEST_WINDOW:
            return flat[begin:end]
        begin = max(begin, min(offset - CLOSEST_WINDOW // 4, end - CLOSEST_WINDOW))
        return flat[begin : begin + CLOSEST_WINDOW]


def _find(flat: str, needle: str, begin: int, end: int, budget: SearchBudget | None) -> int:
    """``flat.find(needle, begin, end)``, scanning no more than ``budget`` has left and
    charging it for what was scanned; SearchLimit when the budget cannot decide."""
    if budget is None:
        return flat.find(needle, begin, end)
    stop = min(end, begin + budget.left)
    index = flat.find(needle, begin, stop)
    if index < 0 and stop < end:
        budget.spend(stop - begin)
        raise SearchLimit
    budget.spend((stop if index < 0 else index + len(needle)) - begin)
    return index
