"""Source documents: numbered paragraphs and locating verbatim passages in them."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from dossier.core.text import normalise, normalise_with_map

# An interview marks its turns "Q.:" and "A.:"; the viewer shows them as such.
_TURN_RE = re.compile(r"^\s*(Q|A)\s*[.:]+\s*")


@dataclass(frozen=True)
class Paragraph:
    """A non-empty line of a source, numbered from 1."""

    number: int
    text: str  # NFC, as displayed

    @property
    def turn(self) -> str | None:
        """ "Q" or "A" when the paragraph opens an interview turn, else None."""
        match = _TURN_RE.match(self.text)
        return match.group(1) if match else None


@dataclass(frozen=True)
class Match:
    """Where a passage stands: paragraph number and character span in its text."""

    paragraph: int
    start: int
    end: int


class SourceText:
    """The text of a source split into numbered paragraphs (its non-empty lines)."""

    def __init__(self, text: str) -> None:
        lines = unicodedata.normalize("NFC", text).splitlines()
        self.paragraphs: tuple[Paragraph, ...] = tuple(
            Paragraph(number, line.strip())
            for number, line in enumerate((ln for ln in lines if ln.strip()), start=1)
        )
        self._maps: dict[int, list[int]] = {}

    @cached_property
    def _flat(self) -> tuple[str, list[int]]:
        """Every paragraph normalised, joined by newlines (which normalised text never
        holds, so no match can span two), with the offset where each one starts."""
        starts: list[int] = []
        offset = 0
        flats = []
        for paragraph in self.paragraphs:
            flat = normalise(paragraph.text)
            starts.append(offset)
            offset += len(flat) + 1
            flats.append(flat)
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
        return self.paragraphs[number - 1]

    def locate(self, passage: str) -> Match | None:
        """Find ``passage`` within one paragraph, after normalisation; None if absent."""
        needle = normalise(passage)
        if not needle:
            return None
        flat, starts = self._flat
        index = flat.find(needle)
        if index < 0:
            return None
        position = bisect.bisect_right(starts, index) - 1
        local = index - starts[position]
        start = self._original(position + 1, local)
        end = self._original(position + 1, local + len(needle) - 1) + 1
        return Match(position + 1, start, end)

    def closest(self, passage: str, width: int = 90) -> tuple[int, str] | None:
        """The paragraph and passage most like ``passage``, for a helpful error."""
        import difflib  # only for error messages; kept off the start-up path

        needle = normalise(passage)
        if not needle or not self.paragraphs:
            return None
        best: tuple[int, int, str] | None = None
        flats = self._flat[0].split("\n")
        for paragraph, flat in zip(self.paragraphs, flats, strict=True):
            matcher = difflib.SequenceMatcher(None, needle, flat, autojunk=False)
            blocks = matcher.get_matching_blocks()
            size = sum(block.size for block in blocks if block.size >= 3)
            if best is None or size > best[0]:
                anchor = max(blocks, key=lambda block: block.size)
                start = max(0, anchor.b - anchor.a)
                best = (size, paragraph.number, flat[start : start + max(len(needle), 20)])
        if best is None or best[0] == 0:
            return None
        _, number, text = best
        if len(text) > width:
            text = text[: width - 1].rstrip() + "…"
        return number, text
